"""The word diff of 'what changed': exact HTML, a correct edit script, and a bounded cost.

Speed is measured by ``benchmarks/word_diff.py``; these tests count the diff's
steps instead, which is deterministic.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_cli
from cvo_protocol.core.changes import word_diff
from cvo_protocol.core.overlay import MAX_FILE_BYTES
from cvo_protocol.core.worddiff import PAGE_BUDGET, Budget, diff_words
from hypothesis import given
from hypothesis import strategies as st
from publishing import git, make_repo
from support import random_words

GOLDEN = [
    # (before, after, HTML)
    ("a b c", "a b c", "a b c"),
    ("a  b\n c", "a b c", "a b c"),
    ("", "", ""),
    ("", "a b", "<ins>a b</ins>"),
    ("a b", "", "<del>a b</del>"),
    ("b c", "a b c", "<ins>a</ins> b c"),
    ("a c", "a b c", "a <ins>b</ins> c"),
    ("a b", "a b c", "a b <ins>c</ins>"),
    ("a b c", "b c", "<del>a</del> b c"),
    ("a b c", "a c", "a <del>b</del> c"),
    ("a b c", "a b", "a b <del>c</del>"),
    ("a b c", "x b c", "<del>a</del> <ins>x</ins> b c"),
    ("a b c", "a x y c", "a <del>b</del> <ins>x y</ins> c"),
    ("a b c", "a b x", "a b <del>c</del> <ins>x</ins>"),
    ("a b c d e", "a x c y e", "a <del>b</del> <ins>x</ins> c <del>d</del> <ins>y</ins> e"),
    ("a b", "c d", "<del>a b</del> <ins>c d</ins>"),
    ("We behandelen elkaar netjes en met respect.", "We behandelen elkaar vriendelijk en met respect.",
     "We behandelen elkaar <del>netjes</del> <ins>vriendelijk</ins> en met respect."),
    ("Zie <b> *dit*", "Zie [link](x) *dit*", r"Zie <del>&lt;b&gt;</del> <ins>\[link\]\(x\)</ins> \*dit\*"),
]


@pytest.mark.parametrize(("before", "after", "html"), GOLDEN)
def test_word_diff_marks_exactly_the_changed_words(before: str, after: str, html: str) -> None:
    assert word_diff(before, after) == html


WORDS = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=30)


def apply(opcodes: list, old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """The old and new words an edit script covers, checking that its ranges follow on."""
    before: list[str] = []
    after: list[str] = []
    i = j = 0
    for tag, i1, i2, j1, j2 in opcodes:
        assert (i1, j1) == (i, j) and tag in ("equal", "replace", "delete", "insert")
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        before += old[i1:i2]
        after += new[j1:j2]
        i, j = i2, j2
    return before, after


def edit_distance(old: list[str], new: list[str]) -> int:
    """Words deleted plus inserted by the shortest edit script (from the longest common subsequence)."""
    row = [0] * (len(new) + 1)
    for word in old:
        diagonal, row[0] = 0, 0
        for j, other in enumerate(new, start=1):
            diagonal, row[j] = row[j], diagonal + 1 if word == other else max(row[j], row[j - 1])
    return len(old) + len(new) - 2 * row[-1]


@given(WORDS, WORDS)
def test_diff_is_a_shortest_edit_script(old: list[str], new: list[str]) -> None:
    diff = diff_words(old, new)
    assert apply(diff.opcodes, old, new) == (old, new)
    changed = sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in diff.opcodes if tag != "equal")
    assert changed == edit_distance(old, new) and not diff.capped


@given(WORDS, WORDS, st.integers(min_value=0, max_value=400))
def test_a_small_budget_bounds_the_steps_and_the_script_stays_correct(old: list[str], new: list[str], steps: int) -> None:
    budget = Budget(steps)
    diff = diff_words(old, new, budget)
    assert diff.steps <= steps and budget.steps == steps - diff.steps
    assert apply(diff.opcodes, old, new) == (old, new)


@given(WORDS, WORDS)
def test_words_outside_del_and_ins_rebuild_after_and_before(old: list[str], new: list[str]) -> None:
    html = word_diff(" ".join(old), " ".join(new))
    assert re.sub(r"<del>[^<]*</del>", "", html).replace("<ins>", "").replace("</ins>", "").split() == new
    assert re.sub(r"<ins>[^<]*</ins>", "", html).replace("<del>", "").replace("</del>", "").split() == old


def test_an_ordinary_edit_is_word_for_word_and_cheap() -> None:
    old = [f"w{i}" for i in range(300)]
    new = [f"x{i}" if i % 10 == 5 else word for i, word in enumerate(old)]
    diff = diff_words(old, new)
    assert not diff.capped and len([op for op in diff.opcodes if op[0] == "replace"]) == 30
    assert diff.steps < 10_000


def test_many_a_to_a_b_is_replaced_whole_within_the_budget() -> None:
    """1,500 × 'a' to 750 × 'a b' took difflib 30 s: here the middle is one replacement."""
    old, new = ["a"] * 1500, ["a", "b"] * 750
    diff = diff_words(old, new)
    assert diff.capped and diff.steps <= PAGE_BUDGET
    assert diff.opcodes == [("equal", 0, 1, 0, 1), ("replace", 1, 1500, 1, 1500)]
    assert word_diff(" ".join(old), " ".join(new)).startswith("a <del>a a ")


def test_a_64_kb_rule_rewritten_from_scratch_costs_less_than_its_length() -> None:
    old, new = random_words(1, MAX_FILE_BYTES), random_words(2, MAX_FILE_BYTES)
    diff = diff_words(old, new)
    assert diff.capped and diff.steps <= len(old) + len(new)
    assert [op[0] for op in diff.opcodes] in (["replace"], ["equal", "replace"], ["replace", "equal"],
                                               ["equal", "replace", "equal"])


def test_the_diffs_of_one_page_share_one_budget() -> None:
    """Many rules, each expensive, cost no more together than the page's budget."""
    budget = Budget()
    diffs = [diff_words([f"a{i}" for i in range(300)], [f"b{rule}-{i}" for i in range(300)], budget)
             for rule in range(20)]
    assert sum(diff.steps for diff in diffs) <= PAGE_BUDGET
    assert not diffs[0].capped and diffs[-1].capped


def wrapped(words: list[str]) -> str:
    """Words as lines of about 80 characters."""
    lines, line = [], ""
    for word in words:
        if line and len(line) + len(word) >= 80:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def write_overlay(school: Path, version: int) -> None:
    """Rule files as large as an overlay file may be, different in every word between versions.

    Rule 10.1 is random words; rule 10.2 is 3,000 'a' in version 1 and 1,500 'a b'
    in version 2 (difflib's cubic case: minutes).
    """
    pathological = ["a"] * 3000 if version == 1 else ["a", "b"] * 1500
    for language in ("nl", "en"):
        text = (f"### Regel {{ #regel-10-1 }}\n\n{wrapped(random_words(version, MAX_FILE_BYTES - 6100))}\n\n"
                f"### Regel {{ #regel-10-2 }}\n\n{wrapped(pathological)}\n")
        path = school / f"regels.{language}.md"
        path.write_text(text, encoding="utf-8")
        assert MAX_FILE_BYTES - 512 < len(path.read_bytes()) <= MAX_FILE_BYTES


@pytest.mark.slow  # publishes two versions into a git repository with `cvo-protocol`
def test_publishing_64_kb_of_rules_rewritten_from_scratch(tmp_path: Path) -> None:
    """Two versions of one school whose rule files differ in every word; difflib took minutes."""
    project = make_repo(tmp_path / "project", ["voorbeeld-de-linde"])
    school = project / "overlays" / "voorbeeld-de-linde"
    for number, (version, title, effective) in enumerate((("2025.03", "Maart 2025", "2025-03-01"),
                                                          ("2026.01", "Januari 2026", "2026-01-01")), start=1):
        write_overlay(school, number)
        result = run_cli(project, "publish", version, "--title", title, "--effective", effective,
                         "--alias", "latest", "--site-url", "https://protocol.example/")
        assert result.returncode == 0, result.stderr
    for page in ("changes", "en/changes"):
        html = git(project, "show", f"gh-pages:voorbeeld-de-linde/2026.01/{page}/index.html")
        reworded = html[html.index('id="anders-geformuleerd"'):html.index('id="nieuwe-regels"')]
        first, second = reworded.split("#regel-10-2")
        assert "#regel-10-1" in first and "<del>" in first and "<ins>" in first
        assert "a <del>a a a" in second and "<ins>b a b a" in second
