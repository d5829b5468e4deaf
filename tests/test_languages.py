"""Languages defined once: the i18n plugin's languages in mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, run_cli

from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.languages import read_languages

LANGUAGES = read_languages(REPO / "mkdocs.yml")
GERMAN = """\
        - locale: de
          name: Deutsch
          build: true
"""


def add_language(project: Path, entry: str = GERMAN) -> None:
    """Add a language to the i18n plugin's languages in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "            Poster met QR-code: Poster with QR code\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + entry), encoding="utf-8")


# mkdocs.yml ---------------------------------------------------------------------------------


def test_the_languages_and_the_language_switch_come_from_mkdocs_yml() -> None:
    assert (LANGUAGES.default, LANGUAGES.all, LANGUAGES.others) == ("nl", ("nl", "en"), ("en",))
    assert LANGUAGES.language_switch() == [
        {"name": "Nederlands", "link": "./", "lang": "nl"},
        {"name": "English", "link": "en/", "lang": "en"},
    ]
    assert LANGUAGES.page_file("index", "nl") == "index.md" and LANGUAGES.page_file("index", "en") == "index.en.md"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda text: text.replace("          default: true\n", ""), ["mkdocs.yml", "default: true"]),
        (lambda text: text.replace("        - locale: en\n", "        - locale: EN\n"), ["mkdocs.yml", "'EN'", "ISO 639-1"]),
        (lambda text: text.replace("          name: English\n", ""), ["mkdocs.yml", "'en' has no 'name'"]),
        (lambda text: text.replace("        - locale: en\n", "        - locale: nl\n"), ["mkdocs.yml", "'nl' twice"]),
        (lambda text: text.replace("docs_structure: suffix", "docs_structure: folder"), ["mkdocs.yml", "docs_structure"]),
        (lambda text: text.replace("  - i18n:\n", "  - i18n-off:\n"), ["mkdocs.yml", "no i18n plugin"]),
    ],
    ids=["no default", "not a locale", "no name", "twice", "folder structure", "no plugin"],
)
def test_a_wrong_language_list_names_the_file_the_field_and_the_fix(project: Path, change, words: list[str]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(change(config.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ProtocolError) as raised:
        read_languages(config)
    for word in words:
        assert word in str(raised.value)
    assert raised.value.fix


def test_a_language_not_built_is_not_a_language_of_the_site(project: Path) -> None:
    add_language(project, GERMAN.replace("build: true", "build: false"))
    languages = read_languages(project / "mkdocs.yml")
    assert languages.all == ("nl", "en")
    assert run_cli(project, "check").returncode == 0



def test_each_language_folder_is_a_reserved_slug() -> None:
    from cvo_protocol.core.overlay import check_slug

    for language in LANGUAGES.all:
        with pytest.raises(ProtocolError, match="reserved"):
            check_slug(language, LANGUAGES.all)
    check_slug("de", LANGUAGES.all)  # not a language of this site: a school may have it
