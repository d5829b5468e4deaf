"""Issue 15: six languages build, with the same ids, Arabic right to left, schools' text falling back.

The languages are the project's own (mkdocs.yml: nl, en, tr, ar, pl, uk) with
their real pages and catalogs: the real build (``built``) and the published
tree (``published_tree``) are tested here. The fallback of a school's own
text uses a copy whose overlays cover each case (``six_languages.py``). A
seventh language is added to a copy with files copied from English
(``support.add_languages``): a fixture, never a translation.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import zxingcpp
from browser import PageCase
from conftest import SHIPPED_SCHOOLS
from htmlpage import Page, catalog_words
from six_languages import DUTCH_ONLY, LANGUAGES, SCHOOL, TURKISH_RULE, WITH_TURKISH
from support import add_languages, copy_project
from test_browser_accessibility import axe_violations

from cvo_protocol.adapter.search_index import split_search_index
from cvo_protocol.commands import cli
from cvo_protocol.core import catalog
from cvo_protocol.core.languages import read_languages
from cvo_protocol.publishing.pdf import Browser, find_chromium

RULE_ID = re.compile(r"^regel-\d+$")
FALLBACK = re.compile(r'<div class="cvo-school-rules__text" dir="(ltr|rtl)" lang="([a-z]+)">')


def page_path(site: Path, language: str, page: str = "") -> Path:
    return site / ("" if language == "nl" else f"{language}/") / page / "index.html"


# Without building ------------------------------------------------------------------------------


def test_a_school_text_falls_back_to_the_first_language_it_wrote_after_the_default() -> None:
    languages = read_languages(Path(__file__).resolve().parent.parent / "mkdocs.yml")
    assert languages.all == LANGUAGES == ("nl", "en", "tr", "ar", "pl", "uk")
    assert [languages.direction(language) for language in languages.all] == ["ltr", "ltr", "ltr", "rtl", "ltr", "ltr"]
    assert languages.text_language("tr", ["nl", "en"]) == "en"  # English where the school has it
    assert languages.text_language("tr", ["nl"]) == "nl"  # else the official Dutch
    assert languages.text_language("tr", ["nl", "en", "tr"]) == "tr"
    assert languages.text_language("uk", ["nl", "pl"]) == "pl"  # mkdocs.yml's order decides
    assert languages.text_language("en", ["nl"]) == "nl"


def test_a_seventh_language_without_its_files_is_one_error_line_naming_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    add_languages(project, tmp_path / "catalog", {"de": ("Deutsch", "ltr")}, pages=False, catalog=False)
    shutil.copy(project / "docs" / "about.en.md", project / "docs" / "about.de.md")  # one page is there
    monkeypatch.setattr(catalog, "CATALOG_DIR", tmp_path / "catalog")
    monkeypatch.chdir(project)
    assert cli.main(["check"]) == 1
    stderr = capsys.readouterr().err
    lines = stderr.splitlines()
    assert [line for line in lines if line.startswith("error:")] == [lines[0]] and lines[1].startswith("  fix: ")
    missing = re.findall(r"(docs/[a-z.]+\.de\.md|catalog/de\.yml|overlays/[^ ,]+)", lines[0])
    assert sorted(missing) == ["catalog/de.yml", "docs/changes.de.md", "docs/index.de.md", "docs/poster.de.md"], lines[0]
    assert "(nl, en, tr, ar, pl, uk, de)" in lines[0]


def test_a_seventh_language_with_its_pages_and_catalog_passes_the_check_without_overlay_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    add_languages(project, tmp_path / "catalog", {"de": ("Deutsch", "ltr")})
    monkeypatch.setattr(catalog, "CATALOG_DIR", tmp_path / "catalog")
    monkeypatch.chdir(project)
    assert cli.main(["check"]) == 0


def test_a_language_lunr_lacks_gets_lunr_core_and_no_pipeline() -> None:
    combined = {"config": {"lang": ["nl"], "pipeline": ["stopWordFilter"]},
                "docs": [{"location": language + "/" if language != "nl" else ""} for language in LANGUAGES]}
    indexes = split_search_index(combined, "nl", list(LANGUAGES[1:]), frozenset({"en", "nl", "tr", "ar"}))
    configs = {language: index["config"] for language, index in indexes.items()}
    assert configs["ar"] == {"lang": ["ar"], "pipeline": ["stopWordFilter"]}
    assert configs["pl"] == configs["uk"] == {"lang": ["en"], "pipeline": []}
    assert all(len(index["docs"]) == 1 for index in indexes.values())


# The real build: every site in six languages -----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_declares_its_language_and_direction(built: Path, language: str) -> None:
    direction = "rtl" if language == "ar" else "ltr"
    for site in ("cvo", *SHIPPED_SCHOOLS):
        for page in ("", "about/", "changes/", "poster/"):
            html = page_path(built / site, language, page).read_text(encoding="utf-8")
            assert f'<html lang="{language}"' in html and f'<body dir="{direction}"' in html, (site, language, page)


@pytest.mark.parametrize("site", ["cvo", *SHIPPED_SCHOOLS])
def test_every_language_has_the_ids_rules_and_sub_items_of_the_dutch(built: Path, site: str) -> None:
    """Rules 1–19 and 7a–e in every language, each with its Dutch id (counted per language in the issue's note)."""
    dutch = Page(page_path(built / site, "nl"))
    for language in LANGUAGES:
        page = Page(page_path(built / site, language))
        assert page.article_ids == dutch.article_ids, language
        rules = [a["id"] for a in page.elements_with("li") if RULE_ID.match(a.get("id", ""))]
        assert rules == [f"regel-{n}" for n in range(1, 20)], language
        items = [a["id"] for a in page.elements_with("li") if re.fullmatch(r"regel-7[a-e]", a.get("id", ""))]
        assert items == [f"regel-7{letter}" for letter in "abcde"], language


@pytest.mark.parametrize(("site", "language", "shown"), [
    (DUTCH_ONLY, "en", "nl"), (DUTCH_ONLY, "ar", "nl"), (SCHOOL, "tr", "en"), (SCHOOL, "ar", "en"),
    (WITH_TURKISH, "pl", "en"), (WITH_TURKISH, "tr", None), (SCHOOL, "en", None), (SCHOOL, "nl", None),
])
def test_school_rules_a_school_did_not_write_appear_in_its_language_with_a_sentence_that_says_so(
    built_six: Path, site: str, language: str, shown: str | None
) -> None:
    html = page_path(built_six / site, language).read_text(encoding="utf-8")
    block = html[html.index('id="aanvullende-schoolregels"'):html.index('id="regel-11"')]
    found = FALLBACK.findall(block)
    if shown is None:
        assert found == [] and "has not written these rules" not in block
        return
    assert found == [("ltr", shown)]
    words = catalog_words(language, "fallback.rules")  # the catalog's sentence, in the page's language
    assert all(part in block for part in words), words
    sentence = block.index(words[-2] if len(words) > 1 else words[0])
    assert sentence < block.index("cvo-school-rules__text") < block.index('id="regel-10-1"')
    assert f'<span lang="{shown}">' in block


def test_a_school_that_writes_turkish_has_its_own_turkish_rules_and_name(built_six: Path) -> None:
    turkish = page_path(built_six / WITH_TURKISH, "tr").read_text(encoding="utf-8")
    assert TURKISH_RULE in turkish and "Örnek okul De Horizon" in turkish
    assert TURKISH_RULE not in page_path(built_six / WITH_TURKISH, "pl").read_text(encoding="utf-8")


def test_names_in_another_language_or_on_an_rtl_page_are_isolated(built_six: Path) -> None:
    english = page_path(built_six / DUTCH_ONLY, "en").read_text(encoding="utf-8")
    assert '<bdi lang="nl">Voorbeeldcollege Het Baken (fictief)</bdi>' in english
    arabic = page_path(built_six / SCHOOL, "ar").read_text(encoding="utf-8")
    assert '<bdi lang="en">Example school De Linde (fictional)</bdi>' in arabic
    dutch = page_path(built_six / SCHOOL, "nl").read_text(encoding="utf-8")
    assert "<bdi" not in dutch  # the school's own language on a left-to-right page: as before


def test_each_language_has_its_own_search_index_with_an_honest_lunr_setting(built: Path) -> None:
    for language in LANGUAGES:
        folder = "" if language == "nl" else f"{language}/"
        index = json.loads((built / SCHOOL / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["docs"] and all(doc["location"].startswith(folder) for doc in index["docs"]), language
        if language in ("pl", "uk"):  # lunr-languages has no Polish or Ukrainian
            assert index["config"]["lang"] == ["en"] and index["config"]["pipeline"] == [], language
        else:
            assert index["config"]["lang"] == [language]
            assert (built / SCHOOL / "assets/javascripts/lunr/min" / f"lunr.{language}.min.js").is_file() or language == "en"


def test_the_sitemap_lists_every_page_with_all_six_alternates(built: Path) -> None:
    sitemap = (built / SCHOOL / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<url>.*?</url>", sitemap, re.DOTALL)
    assert len(urls) == 4 * len(LANGUAGES)
    for url in urls:
        assert sorted(re.findall(r'hreflang="([a-z]+)"', url)) == sorted(LANGUAGES)


def test_the_language_switch_keeps_the_page_in_all_six(built: Path) -> None:
    html = page_path(built / SCHOOL, "ar", "about/").read_text(encoding="utf-8")
    links = dict((lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', html))
    assert links == {"nl": "../../about/", "en": "../../en/about/", "tr": "../../tr/about/", "ar": "./",
                     "pl": "../../pl/about/", "uk": "../../uk/about/"}


def test_the_published_poster_has_a_code_per_language_each_in_its_direction(published_tree: Path) -> None:
    poster = (published_tree / SCHOOL / "latest" / "poster" / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="cvo-poster__code" lang="([a-z]+)" dir="([a-z]+)">', poster)
    assert figures == [(language, "rtl" if language == "ar" else "ltr") for language in LANGUAGES]
    for language in LANGUAGES:
        assert (published_tree / SCHOOL / "latest" / ("" if language == "nl" else language) / "protocol.json").is_file()


# In Chromium ------------------------------------------------------------------------------------

ARABIC = [PageCase("protocol-school-ar", SCHOOL, "/ar/"),
          PageCase("poster-school-ar", SCHOOL, "/ar/poster/"),
          PageCase("about-cvo-ar", "cvo", "/ar/about/"),
          PageCase("changes-published-ar", "", f"/{SCHOOL}/latest/ar/changes/", "published_tree", ".md-version__current"),
          PageCase("poster-published-ar", "", f"/{SCHOOL}/latest/ar/poster/", "published_tree", ".md-version__current")]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("case", ARABIC, ids=str)
def test_arabic_pages_have_no_wcag_violations_right_to_left(open_page, axe_source: str, case: PageCase, viewport: str) -> None:
    page = open_page(case, viewport)
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert axe_violations(page, axe_source) == []


def test_arabic_lists_keep_the_dutch_numbers_and_the_school_block_starts_on_the_right(open_page) -> None:
    page = open_page(ARABIC[0], "desktop")
    markers = page.evaluate("""() => [...document.querySelectorAll('article ol > li[id^="regel-"]')]
        .map(li => [li.id, getComputedStyle(li.parentElement).listStyleType,
                    li.parentElement.start + [...li.parentElement.children].indexOf(li)])""")
    assert [(rule, number) for rule, _, number in markers] == [(f"regel-{n}", n) for n in range(1, 20)]
    assert {style for _, style, _ in markers} == {"decimal"}  # 1–19, not Arabic-Indic digits
    border = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.cvo-school-rules'));
        return [s.borderRightWidth, s.borderLeftWidth]; }""")
    assert border[0] != "0px" and border[1] == "0px"  # the start of a line is on the right


def test_the_six_language_poster_prints_on_one_a4_page_with_six_readable_codes(
    published_tree: Path, served, chromium: object
) -> None:
    base = served(published_tree)
    with Browser(find_chromium()) as browser:
        (printed,) = browser.print_to_pdf([f"{base}/{SCHOOL}/latest/poster/"])
    assert len(pypdf.PdfReader(io.BytesIO(printed)).pages) == 1
    image = pypdfium2.PdfDocument(printed)[0].render(scale=3).to_pil()
    decoded = sorted(result.text for result in zxingcpp.read_barcodes(image))
    latest = f"{base}/{SCHOOL}/latest/"
    assert decoded == sorted(latest + ("" if language == "nl" else f"{language}/") for language in LANGUAGES)
