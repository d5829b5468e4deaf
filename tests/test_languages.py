"""Languages defined once (mkdocs.yml) and one catalog of sentences per language.

Adding a language either builds or stops with one message that names all it
still lacks: the docs pages, the catalog (or its keys), each overlay's fields
and rule files.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import REPO, run_cli
from markupsafe import Markup
from support import add_language_entries

from cvo_protocol.adapter.request import publishing
from cvo_protocol.commands import cli
from cvo_protocol.core import catalog
from cvo_protocol.core.catalog import catalog_gaps, placeholders, read_catalog, sentence, sentence_html
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.languages import default_pages, incomplete_error, read_languages
from cvo_protocol.core.release import Publication, Release
from cvo_protocol.pages.theme import theme_sentence

LANGUAGES = read_languages(REPO / "mkdocs.yml")
CATALOGS = sorted(catalog.CATALOG_DIR.glob("*.yml"))
GERMAN = """\
        - locale: de
          name: Deutsch
          build: true
"""


def add_language(project: Path, entry: str = GERMAN) -> None:
    """Add a language after the last of the i18n plugin's languages in the project's mkdocs.yml."""
    add_language_entries(project / "mkdocs.yml", entry)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


# The catalogs ------------------------------------------------------------------------------


def test_every_language_of_the_site_has_a_catalog() -> None:
    # Dutch (official) and English first, then the parents' languages of issue 15.
    assert LANGUAGES.all == ("nl", "en", "tr", "ar", "pl", "uk") and LANGUAGES.default == "nl"
    assert {path.stem for path in CATALOGS} == set(LANGUAGES.all)


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


def test_a_catalog_missing_a_key_or_a_placeholder_is_named(tmp_path: Path) -> None:
    for path in CATALOGS:
        shutil.copy(path, tmp_path / path.name)
    english = (tmp_path / "en.yml").read_text(encoding="utf-8")
    english = english.replace("  legend: Removed words are struck through, new words are underlined.\n", "")
    english = english.replace("Additional rules of {school}", "Additional rules of {schol}")
    (tmp_path / "en.yml").write_text(english, encoding="utf-8")
    gaps = catalog_gaps(LANGUAGES, tmp_path)
    assert [gap.item for gap in gaps] == ["merge.rules_heading: placeholders {school}", "changes.legend"]
    message = str(incomplete_error(gaps, LANGUAGES, REPO / "mkdocs.yml"))
    assert "changes.legend" in message and "merge.rules_heading" in message and "en.yml" in message
    assert message.count("\n") == 1 and "\n  fix: " in message
    alone = str(incomplete_error(gaps[1:], LANGUAGES, REPO / "mkdocs.yml"))
    assert "en.yml: has no sentence 'changes.legend' (nl.yml has it)" in alone


def test_a_missing_key_stops_the_command_with_one_message(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "catalog"
    shutil.copytree(catalog.CATALOG_DIR, folder)
    english = (folder / "en.yml").read_text(encoding="utf-8")
    (folder / "en.yml").write_text(english.replace("  cvo: CVO, for all schools\n", ""), encoding="utf-8")
    monkeypatch.setattr(catalog, "CATALOG_DIR", folder)
    monkeypatch.chdir(project)
    for command in (["build"], ["check"]):
        assert cli.main(command) == 1
        stderr = capsys.readouterr().err
        assert error_lines(stderr) == [stderr.splitlines()[0]], stderr
        assert "print.cvo" in stderr and "catalog/en.yml" in stderr, stderr
    assert not (project / "site").exists()


def test_sentences_keep_their_markdown_and_html_escapes_only_the_sentence() -> None:
    assert sentence("nl", "merge.by_url", url="https://x.example") == " via [de website van de school](https://x.example)"
    assert sentence("en", "release.date", day=1, month="March", year=2025) == "1 March 2025"
    html = sentence_html("en", "portal.not_found", home='<a href="/">home page</a>')
    assert html.endswith('on the <a href="/">home page</a>.')
    assert sentence_html("en", "poster.school_rules") == ", with our school&#x27;s own rules"
    value = theme_sentence("en", "theme.release", title="<b>", date=Markup("<time></time>"))
    assert value == "Version &lt;b&gt;, in effect from <time></time>"


# mkdocs.yml ---------------------------------------------------------------------------------


def test_the_languages_and_the_language_switch_come_from_mkdocs_yml() -> None:
    assert (LANGUAGES.default, LANGUAGES.all) == ("nl", ("nl", "en", "tr", "ar", "pl", "uk"))
    assert LANGUAGES.others == ("en", "tr", "ar", "pl", "uk")
    assert LANGUAGES.language_switch() == [
        {"name": "Nederlands", "link": "./", "lang": "nl"},
        {"name": "English", "link": "en/", "lang": "en"},
        {"name": "Türkçe", "link": "tr/", "lang": "tr"},
        {"name": "العربية", "link": "ar/", "lang": "ar"},
        {"name": "Polski", "link": "pl/", "lang": "pl"},
        {"name": "Українська", "link": "uk/", "lang": "uk"},
    ]
    assert [LANGUAGES.direction(language) for language in LANGUAGES.all] == ["ltr", "ltr", "ltr", "rtl", "ltr", "ltr"]
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
def test_a_wrong_language_list_names_the_file_the_field_and_the_fix(
    project: Path, change: Callable[[str], str], words: list[str]
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(change(config.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ProtocolError) as raised:
        read_languages(config)
    for word in words:
        assert word in str(raised.value)
    assert raised.value.fix


def test_a_language_not_built_is_not_a_language_of_the_site(project: Path) -> None:
    add_language(project, GERMAN.replace("build: true", "build: false"))
    shutil.copy(project / "docs" / "index.en.md", project / "docs" / "index.de.md")  # a translation under way
    languages = read_languages(project / "mkdocs.yml")
    assert languages.all == LANGUAGES.all
    assert default_pages(project / "docs", languages) == ["about", "changes", "index", "poster"]
    assert run_cli(project, "check").returncode == 0


# Adding a language ---------------------------------------------------------------------------


def test_adding_a_language_without_its_files_stops_with_one_message(project: Path) -> None:
    add_language(project)
    for args in (["build"], ["check"], ["build", "--all"], ["build", "--school", "voorbeeld-de-linde"]):
        result = run_cli(project, *args)
        assert result.returncode == 1, result.stdout
        assert result.stderr.startswith("error: "), result.stderr
        assert "Traceback" not in result.stderr
        assert len(error_lines(result.stderr)) == 1, result.stderr
        assert result.stderr.count("\n") == 2 and "\n  fix: " in result.stderr, result.stderr
        message = result.stderr.splitlines()[0]
        for page in ("index", "about", "changes", "poster"):
            assert f"docs/{page}.de.md" in message
        assert "catalog/de.yml" in message
        assert "overlays/" not in message  # a school's own text falls back: see test_parents_languages.py
    assert not (project / "site").exists()


def test_plain_mkdocs_build_stops_with_the_same_message(project: Path) -> None:
    add_language(project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CVO_SCHOOL": ""}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "out"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "docs/index.de.md" in result.stderr and "catalog/de.yml" in result.stderr, result.stderr


def test_a_language_with_all_its_files_builds(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_language(project)
    for page in (project / "docs").glob("*.en.md"):
        shutil.copy(page, page.with_name(page.name.replace(".en.md", ".de.md")))
    for school_file in (project / "overlays").glob("*/school.yml"):
        data = yaml.safe_load(school_file.read_text(encoding="utf-8"))
        data["name"]["de"] = data["name"]["en"]
        school_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        rules = school_file.with_name("regels.en.md")
        if rules.exists():
            shutil.copy(rules, rules.with_name("regels.de.md"))
    folder = tmp_path / "catalog"
    shutil.copytree(catalog.CATALOG_DIR, folder)
    german = (folder / "en.yml").read_text(encoding="utf-8")
    german = german.replace("release: Version {title}, in effect from {date}", "release: Fassung {title}, gültig ab {date}")
    german = german.replace('date: "{day} {month} {year}"', 'date: "{day}. {month} {year}"').replace("March", "März")
    (folder / "de.yml").write_text(german, encoding="utf-8")
    monkeypatch.setattr(catalog, "CATALOG_DIR", folder)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    release = Release(version="2025.03", title="Maart 2025", effective=datetime.date(2025, 3, 1))
    assert cli.main(["check"]) == 0, capsys.readouterr().err
    with publishing(Publication(release, "https://protocol.cvo.example/")):  # a published build: version line, QR codes
        assert cli.main(["build", "--school", "voorbeeld-de-linde"]) == 0, capsys.readouterr().err
    assert "site/voorbeeld-de-linde/uk/ and site/voorbeeld-de-linde/de/" in capsys.readouterr().out
    site = project / "site" / "voorbeeld-de-linde"
    german_page = (site / "de" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in german_page
    assert 'Fassung <strong>Maart 2025</strong>, gültig ab <time datetime="2025-03-01">1. März 2025</time>' in german_page
    assert 'hreflang="de"' in (site / "index.html").read_text(encoding="utf-8")  # the language switch has it
    poster = (site / "poster" / "index.html").read_text(encoding="utf-8")
    assert poster.count('class="cvo-poster__code"') == len(LANGUAGES.all) + 1 and ">Deutsch</span>" in poster
    assert (site / "de" / "protocol.json").is_file() and (site / "de" / "search" / "search_index.json").is_file()


def test_each_language_folder_is_a_reserved_slug() -> None:
    from cvo_protocol.core.overlay import check_slug

    for language in LANGUAGES.all:
        with pytest.raises(ProtocolError, match="reserved"):
            check_slug(language, LANGUAGES.all)
    check_slug("de", LANGUAGES.all)  # not a language of this site: a school may have it
