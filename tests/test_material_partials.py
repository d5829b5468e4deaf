"""Our copies of Material's partials are Material's files plus our hunks, and nothing else.

``theme/partials/`` overrides two of Material's partials with a copy that
changes a line or two. When a Material upgrade changes those partials, our
stale copies would silently keep the old ones: this test puts Material's text
back in place of each of our hunks (the table ``HUNKS``) and of our header
comment, and compares the result with the installed Material's file, showing
a unified diff when they differ.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import material
import pytest
from conftest import REPO

MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
THEME = REPO / "theme"
# Each file opens with a Jinja comment: ours says what we changed, Material's that it is generated.
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


@dataclass(frozen=True)
class Hunk:
    """One change of ours: ``ours`` (a regular expression) matches it once; ``material`` is what it replaced."""

    ours: str
    material: str
    why: str


HUNKS: dict[str, list[Hunk]] = {
    "partials/search.html": [
        Hunk(r"\{#- \[cvo\] -#\}\n\{%- if [^%]*search_index_prefix %\}\n<script>.*?</script>\n\{%- endif %\}\n", "",
             "a non-default language's pages load their own search index"),
        Hunk(re.escape(""" role="dialog" aria-label="{{ lang.t('search') }}">{#- [cvo] aria-label -#}"""),
             ' role="dialog">', "the search dialog has an accessible name"),
    ],
    "partials/javascripts/outdated.html": [
        Hunk(re.escape('new URL("{{ base_url }}",location)'), 'new URL("{{ base_url }}")',
             "base_url is relative: resolve it against the page's address"),
    ],
}


def without_our_hunks(ours: str, material_text: str, hunks: list[Hunk]) -> str:
    """Our copy with Material's header and Material's text in place of each of our hunks."""
    header = HEADER.match(material_text)
    text = HEADER.sub(lambda _: header.group(0) if header else "", ours, count=1)
    for hunk in hunks:
        found = len(re.findall(hunk.ours, text, re.DOTALL))
        if found != 1:
            raise AssertionError(f"our hunk ({hunk.why}) is in our copy {found} times, not once: {hunk.ours}")
        text = re.sub(hunk.ours, lambda _: hunk.material, text, flags=re.DOTALL)
    return text


def drift(ours: Path, theirs: Path, hunks: list[Hunk]) -> str:
    """The unified diff from Material's file to our copy without our hunks; empty when they agree."""
    material_text = theirs.read_text(encoding="utf-8")
    restored = without_our_hunks(ours.read_text(encoding="utf-8"), material_text, hunks)
    return "".join(difflib.unified_diff(
        material_text.splitlines(keepends=True), restored.splitlines(keepends=True),
        fromfile=f"Material: {theirs}", tofile=f"ours without our hunks: {ours}",
    ))


def test_every_partial_we_copy_is_in_the_table() -> None:
    copies = sorted(path.relative_to(THEME).as_posix() for path in (THEME / "partials").rglob("*.html"))
    assert copies == sorted(HUNKS)


@pytest.mark.parametrize("partial", sorted(HUNKS))
def test_our_copy_is_materials_file_plus_our_hunks(partial: str) -> None:
    difference = drift(THEME / partial, MATERIAL_TEMPLATES / partial, HUNKS[partial])
    assert not difference, (
        f"Material's {partial} changed: carry the change into theme/{partial} (or update HUNKS)\n{difference}"
    )


@pytest.mark.parametrize("partial", sorted(HUNKS))
def test_one_changed_character_of_materials_file_shows_as_a_diff(partial: str, tmp_path: Path) -> None:
    original = (MATERIAL_TEMPLATES / partial).read_text(encoding="utf-8")
    middle = len(original) // 2
    changed = original[:middle] + ("X" if original[middle] != "X" else "Y") + original[middle + 1:]
    theirs = tmp_path / "material.html"
    theirs.write_text(changed, encoding="utf-8")
    difference = drift(THEME / partial, theirs, HUNKS[partial])
    line = original[:middle].count("\n")
    assert f"-{changed.splitlines()[line]}\n" in difference
    assert f"+{original.splitlines()[line]}\n" in difference


def test_a_hunk_no_longer_in_our_copy_is_an_error() -> None:
    with pytest.raises(AssertionError, match=r"our hunk \(a test\) is in our copy 0 times"):
        without_our_hunks("{#-\n  ours\n-#}\n<p>\n", "{#-\n  theirs\n-#}\n<p>\n", [Hunk("<div>", "", "a test")])
