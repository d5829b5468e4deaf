"""Languages defined once (mkdocs.yml) and one catalog of sentences per language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from markupsafe import Markup

from cvo_protocol.core import catalog
from cvo_protocol.core.catalog import placeholders, read_catalog, sentence, sentence_html
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.languages import read_languages
from cvo_protocol.pages.theme import theme_sentence

LANGUAGES = read_languages(REPO / "mkdocs.yml")
CATALOGS = sorted(catalog.CATALOG_DIR.glob("*.yml"))
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


# The catalogs ------------------------------------------------------------------------------


def test_every_language_of_the_site_has_a_catalog() -> None:
    assert LANGUAGES.all == ("nl", "en") and LANGUAGES.default == "nl"
    assert {path.stem for path in CATALOGS} >= set(LANGUAGES.all)


@pytest.mark.parametrize("path", CATALOGS, ids=[path.stem for path in CATALOGS])
def test_every_catalog_has_the_keys_and_placeholders_of_the_default_language(path: Path) -> None:
    reference = read_catalog(catalog.catalog_file(LANGUAGES.default))
    entries = read_catalog(path)
    assert list(entries) == list(reference), "the same keys, in the same order (easier to compare side by side)"
    for key, model in reference.items():
        if isinstance(model, str):
            assert isinstance(entries[key], str), key
            assert placeholders(entries[key]) == placeholders(model), key
        else:
            assert isinstance(entries[key], tuple) and len(entries[key]) == len(model), key


def test_every_key_the_code_uses_is_in_the_catalog_and_every_key_is_used() -> None:
    call = re.compile(r"""\b(?:sentence|sentence_html|words|cvo_sentence)\(\s*[\w.]+,\s*["']([a-z_]+\.[a-z_]+)["']""")
    sources = [*(REPO / "hooks").rglob("*.py"), *(REPO / "theme").rglob("*.html")]
    used = {key for path in sources for key in call.findall(path.read_text(encoding="utf-8"))}
    keys = set(read_catalog(catalog.catalog_file(LANGUAGES.default)))
    assert used - keys == set(), "keys used but not in the catalog"
    assert keys - used == set(), "keys in the catalog that nothing uses"


def test_sentences_keep_their_markdown_and_html_escapes_only_the_sentence() -> None:
    assert sentence("nl", "merge.by_url", url="https://x.example") == " via [de website van de school](https://x.example)"
    assert sentence("en", "release.date", day=1, month="March", year=2025) == "1 March 2025"
    html = sentence_html("en", "portal.not_found", home='<a href="/">home page</a>')
    assert html.endswith('on the <a href="/">home page</a>.')
    assert sentence_html("en", "poster.school_rules") == ", including our school&#x27;s own rules"
    value = theme_sentence("en", "theme.release", title="<b>", date=Markup("<time></time>"))
    assert value == "Version &lt;b&gt;, in effect from <time></time>"


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
