"""What changed, published: sites without changes stay publishable, and translations are judged on the Dutch text.

Real git repositories in tmp_path, the real `cvo-protocol publish`, the pages
read back from ``gh-pages``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from publishing import git, make_repo

pytestmark = pytest.mark.slow  # publishes several versions into git repositories with `cvo-protocol`

SITE_URL = "https://protocol.example/"
SCHOOL = "voorbeeld-de-linde"


def replace(path: Path, old: str, new: str) -> None:
    """Edit a source file; the old words must be there, or the test would prove nothing."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name} no longer has {old!r}: pick other words"
    path.write_text(text.replace(old, new), encoding="utf-8")


def publish(project: Path, version: str, title: str, effective: str) -> tuple[int, str]:
    result = run_cli(project, "publish", version, "--title", title, "--effective", effective,
                     "--alias", "latest", "--site-url", SITE_URL)
    return result.returncode, result.stderr


def page(project: Path, site: str, version: str, path: str = "changes/") -> str:
    return git(project, "show", f"gh-pages:{site}/{version}/{path}index.html")


def section(html: str, section_id: str) -> str:
    """One section of a 'what changed' page: from its heading to the next heading or the end of the article."""
    start = html.index(f'id="{section_id}"')
    ends = [end for end in (html.find("<h2", start), html.find("</article>", start)) if end >= 0]
    return html[start:min(ends)]


def test_a_school_only_change_after_a_board_change_publishes(tmp_path: Path) -> None:
    """Issue 14's sequence: 2025.03; one word of rule 1 (2026.01); one sentence of one school's rules (2026.12)."""
    project = make_repo(tmp_path / "project")
    code, error = publish(project, "2025.03", "Maart 2025", "2025-03-01")
    assert code == 0, error
    replace(project / "docs" / "index.md", "Hou je wachtwoorden altijd geheim.", "Hou je wachtwoorden altijd privé.")
    replace(project / "docs" / "index.en.md", "Always keep your passwords secret.",
            "Always keep your passwords private.")
    code, error = publish(project, "2026.01", "Januari 2026", "2026-01-01")
    assert code == 0, error
    school = project / "overlays" / SCHOOL
    replace(school / "regels.nl.md", "als die nodig is voor de les.", "als die nodig is voor een opdracht in de les.")
    replace(school / "regels.en.md", "when it is needed for the lesson.",
            "when it is needed for an assignment in the lesson.")
    # A date already past: this test is about what changed, not about versions that are not yet in force.
    code, error = publish(project, "2026.12", "December 2026", "2026-11-01")
    assert code == 0, error

    board = page(project, SCHOOL, "2026.01")
    assert "<del>geheim.</del> <ins>privé.</ins>" in section(board, "anders-geformuleerd")
    assert "Er zijn geen regels toegevoegd." in section(board, "nieuwe-regels")

    linde, linde_en = page(project, SCHOOL, "2026.12"), page(project, SCHOOL, "2026.12", "en/changes/")
    reworded = section(linde, "anders-geformuleerd")
    assert "Schoolregel 10.2 (Uitzonderingen)" in reworded and "#regel-10-2" in reworded
    assert "voor <ins>een opdracht in</ins> de les." in reworded and "Regel 1<" not in reworded
    assert "Er zijn geen regels toegevoegd." in section(linde, "nieuwe-regels")
    assert "Er zijn geen regels vervallen." in section(linde, "vervallen-regels")
    assert "vertaling-verbeterd" not in linde, "the official page reports the official text"
    assert "for <ins>an assignment in</ins> the lesson." in section(linde_en, "anders-geformuleerd")
    assert "No translation was improved." in section(linde_en, "vertaling-verbeterd")

    for site in ("cvo", "voorbeeld-zonder-regels"):
        dutch, english = page(project, site, "2026.12"), page(project, site, "2026.12", "en/changes/")
        assert "De tekst van de regels is niet veranderd." in dutch
        assert "Er zijn geen regels anders geformuleerd." in section(dutch, "anders-geformuleerd")
        assert "Er zijn geen regels vervallen." in section(dutch, "vervallen-regels")
        assert "The official Dutch text of the rules has not changed." in english
        assert "No rules were reworded." in section(english, "anders-geformuleerd")
        assert "<del>" not in dutch + english and "<ins>" not in dutch + english

    # The id check still guards the rules themselves: dropping a school rule's id is refused.
    before = git(project, "rev-parse", "gh-pages")
    for language in ("nl", "en"):
        replace(school / f"regels.{language}.md", "{ #regel-10-2 }", "{ #regel-10-2-nieuw }")
    code, error = publish(project, "2027.01", "Januari 2027", "2026-11-20")
    assert code == 1 and f"{SCHOOL}/2027.01/index.html#regel-10-2 " in error and "permalinks.yml" in error
    assert "changes/index.html" not in error
    assert git(project, "rev-parse", "gh-pages") == before


def test_a_translation_only_fix_is_an_improved_translation(tmp_path: Path) -> None:
    """Only the English of rule 1 changes: the English page shows an improved translation, no changed rule."""
    project = make_repo(tmp_path / "project", [SCHOOL])
    code, error = publish(project, "2025.03", "Maart 2025", "2025-03-01")
    assert code == 0, error
    replace(project / "docs" / "index.en.md", "Always keep your passwords secret.",
            "Always keep your passwords to yourself.")
    code, error = publish(project, "2026.01", "Januari 2026", "2026-01-01")
    assert code == 0, error
    for site in ("cvo", SCHOOL):
        english, dutch = page(project, site, "2026.01", "en/changes/"), page(project, site, "2026.01")
        assert "No rules were reworded." in section(english, "anders-geformuleerd")
        improved = section(english, "vertaling-verbeterd")
        assert ">Translation improved<" in improved and "#regel-1" in improved
        assert "Always keep your passwords <del>secret.</del> <ins>to yourself.</ins>" in improved
        assert "De tekst van de regels is niet veranderd." in dutch
        assert "Er zijn geen regels anders geformuleerd." in section(dutch, "anders-geformuleerd")
        assert "<del>" not in dutch and "vertaling-verbeterd" not in dutch
