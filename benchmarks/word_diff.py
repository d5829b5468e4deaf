"""Benchmark: the word diff of 'what changed' on ordinary and on hostile rules.

Times ``cvo_protocol.core.changes.word_diff`` (the HTML a rule gets on the page) on

- a typical edit: one word of a 60-word rule;
- difflib's cubic cases: 1,500 × "a" to 750 × "a b", and 2,000 × "a" to 1,000 × "a b";
- 400 words rewritten (about the most steps one diff takes within the budget);
- a 64 KB rule rewritten from scratch (random words), and 64 KB of "a" to "a b";
- a whole page: 60 rules of 500 words, every one rewritten (the shared budget);

each the best of RUNS runs (default 5), with the steps counted and whether the
budget cut the diff short. ``--difflib`` also times ``difflib.SequenceMatcher``,
which the diff replaced, on the cases it finishes in minutes (about 4 minutes).

    .venv/bin/python benchmarks/word_diff.py [--runs 5] [--difflib]
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cvo_protocol.core.changes import word_diff
from cvo_protocol.core.overlay import MAX_FILE_BYTES
from cvo_protocol.core.worddiff import Budget, diff_words

# The random rules the tests diff too: tests/support.py.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support import random_words  # noqa: E402


def one_word_edit() -> tuple[str, str]:
    """A 60-word rule with one word changed in the middle."""
    words = random_words(3, 400)[:60]
    return " ".join(words), " ".join([*words[:30], "vriendelijk", *words[31:]])


CASES: dict[str, tuple[str, str]] = {
    "one word of 60 changed": one_word_edit(),
    "1,500 a -> 750 'a b'": ("a " * 1500, "a b " * 750),
    "2,000 a -> 1,000 'a b'": ("a " * 2000, "a b " * 1000),
    "400 words rewritten": (" ".join(f"a{i}" for i in range(400)), " ".join(f"b{i}" for i in range(400))),
    "64 KB rewritten (random words)": (" ".join(random_words(1, MAX_FILE_BYTES)),
                                       " ".join(random_words(2, MAX_FILE_BYTES))),
    "64 KB of a -> 'a b'": ("a " * (MAX_FILE_BYTES // 2), "a b " * (MAX_FILE_BYTES // 4)),
}
DIFFLIB_CASES = ("one word of 60 changed", "1,500 a -> 750 'a b'", "2,000 a -> 1,000 'a b'",
                 "400 words rewritten", "64 KB rewritten (random words)")


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of ``runs`` calls of ``work``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def old_diff(before: str, after: str) -> None:
    """What ``word_diff`` did before: difflib's opcodes on the words."""
    difflib.SequenceMatcher(a=before.split(), b=after.split(), autojunk=False).get_opcodes()


def whole_page() -> int:
    """60 rules of 500 words rewritten, diffed with one page's budget; the steps taken."""
    budget, steps = Budget(), 0
    for rule in range(60):
        steps += diff_words([f"a{i}" for i in range(500)], [f"b{rule}-{i}" for i in range(500)], budget).steps
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--difflib", action="store_true", help="also time difflib (minutes)")
    options = parser.parse_args()
    print(f"{'case':34} {'words':>13} {'seconds':>8} {'steps':>9}  capped")
    for name, (before, after) in CASES.items():
        seconds = best_of(options.runs, lambda: word_diff(before, after))
        diff = diff_words(before.split(), after.split())
        words = f"{len(before.split())}+{len(after.split())}"
        print(f"{name:34} {words:>13} {seconds:8.4f} {diff.steps:9}  {diff.capped}")
    seconds = best_of(options.runs, whole_page)
    print(f"{'page: 60 rules rewritten':34} {'60x(500+500)':>13} {seconds:8.4f} {whole_page():9}")
    if options.difflib:
        print("\ndifflib.SequenceMatcher (before):")
        for name in DIFFLIB_CASES:
            before, after = CASES[name]
            print(f"{name:34} {best_of(1, lambda: old_diff(before, after)):8.4f} s")


if __name__ == "__main__":
    main()
