"""For readers and webmasters: the PDFs, the print heading, copy links and the poster's QR codes.

One version is published into a real git repository and served on 127.0.0.1;
the tests read the PDFs that were deployed (one per language of mkdocs.yml)
and decode the QR codes of the poster as Chromium prints it.
"""

from __future__ import annotations

import datetime
import html as html_module
import io
import re
from pathlib import Path
from urllib.parse import urljoin

import pypdf
import pypdfium2
import pytest
import zxingcpp
from conftest import run_cli
from crawl import crawl, fetch
from htmlpage import normalise
from publishing import export_gh_pages, git, make_repo

from cvo_protocol.core.catalog import sentence
from cvo_protocol.pages.copylinks import add_copy_links, latest_url
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.addresses import pdf_name
from cvo_protocol.core.languages import read_languages
from cvo_protocol.core.release import format_date
from cvo_protocol.publishing.pdf import Browser, find_chromium

LANGUAGES = read_languages(Path(__file__).resolve().parent.parent / "mkdocs.yml")
SCHOOL = "voorbeeld-de-linde"
VERSION = "2025.03"
# Three pages in every language: "", "about/", "poster/", "en/", "en/about/", …
PAGES = tuple(LANGUAGES.folder(language) + page for language in LANGUAGES.all for page in ("", "about/", "poster/"))
# The school writes Dutch and English; a page in another language shows its English (Languages.text_language).
_WRITTEN = {
    "nl": ("Voorbeeldschool De Linde (fictief)",
           ["Telefoon in het kluisje tijdens de les", "Uitzonderingen", "Geen apparaten bij toetsen en examens"]),
    "en": ("Example school De Linde (fictional)",
           ["Phone in the locker during lessons", "Exceptions", "No devices during tests and exams"]),
}
SCHOOL_NAME = {language: _WRITTEN[LANGUAGES.text_language(language, _WRITTEN)][0] for language in LANGUAGES.all}
SCHOOL_RULES = {language: _WRITTEN[LANGUAGES.text_language(language, _WRITTEN)][1] for language in LANGUAGES.all}


def page_language(page: str) -> str:
    """The language of a page address inside a version (``""`` Dutch, ``"tr/about/"`` Turkish)."""
    return next((other for other in LANGUAGES.others if page.startswith(LANGUAGES.folder(other))), LANGUAGES.default)
COPY_LINK = re.compile(r'<(li|h[2-6]) id="(regel-[^"]+)"><a class="cvo-copylink" href="([^"]+)" lang="([^"]+)" aria-label="([^"]+)"')


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, served):
    """One version of the CVO-wide site and one school, published and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("reader")
    project = make_repo(root / "project", [SCHOOL])
    folder = root / "served"
    folder.mkdir()
    base_url = served(folder) + "/"
    result = run_cli(project, "publish", VERSION, "--title", "Maart 2025", "--effective", "2025-03-01",
                     "--alias", "latest", "--site-url", base_url)
    assert result.returncode == 0, result.stderr
    export_gh_pages(project, folder)
    return project, folder, base_url


def pdf_text(path: Path) -> tuple[str, list[str]]:
    """The whole text of a PDF (white space folded) and each page's raw text."""
    pages = [page.extract_text() for page in pypdf.PdfReader(path).pages]
    return normalise(" ".join(pages)), pages


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_the_school_pdf_holds_its_rules_with_school_version_and_date_first(published, language: str) -> None:
    _, served, base_url = published
    path = served / SCHOOL / VERSION / pdf_name(SCHOOL, VERSION, language)
    assert path.read_bytes().startswith(b"%PDF-")
    reader = pypdf.PdfReader(path)
    catalog = reader.trailer["/Root"]
    assert all(abs(float(page.mediabox.width) - 595.3) < 1 for page in reader.pages)  # A4
    assert catalog["/Lang"] == language and "/StructTreeRoot" in catalog  # tagged, for screen readers
    text, pages = pdf_text(path)
    first = normalise(pages[0])
    version = sentence(language, "print.version", title="Maart 2025",
                       date=format_date(datetime.date(2025, 3, 1), language))
    if LANGUAGES.direction(language) == "rtl":
        # A PDF's text comes back in the order of the glyphs on the line, not of the
        # words: of a right-to-left page only what is written left to right is compared.
        assert f"({base_url}{SCHOOL}/{VERSION}/)" in re.sub(r"\s+", "", first)  # the notice links the Dutch
        assert SCHOOL_NAME[language] in first and "Maart 2025" in first
    else:
        if language == LANGUAGES.default:
            assert "vertaling" not in first
        else:
            # A translation says so first, with the address of the same page in the official text.
            notice = normalise(sentence(language, "translation.notice", link=sentence(language, "translation.link")))
            assert first.startswith(notice.removesuffix("."))
            assert f"({base_url}{SCHOOL}/{VERSION}/)." in re.sub(r"\s+", "", first)
            first = first[first.index(SCHOOL_NAME[language]):]
        assert first.startswith(f"{SCHOOL_NAME[language]} {version}")
    assert normalise(pages[-1]).endswith(f"{len(pages)} / {len(pages)}")  # page numbers in the footer
    for title in SCHOOL_RULES[language]:
        assert title in text
    # Link targets written out after the link (a long address may wrap: compare without spaces).
    assert "(https://de-linde.voorbeeld.example/examenreglement)" in re.sub(r"\s+", "", text)
    assert "(mailto:directie@de-linde.voorbeeld.example)" in re.sub(r"\s+", "", text)
    # No navigation, search, table of contents, footer, copy links or PDF link on paper.
    screen_only = {
        "nl": ["Zoeken", "Inhoudsopgave", "Poster met QR-code"],
        "en": ["Search", "Table of contents", "Poster with QR code"],
    }
    for words in [*screen_only.get(language, []), sentence(language, "print.pdf"),
                  sentence(language, "copylink.rule", name="1")]:
        assert words not in text, words


def test_the_cvo_wide_pdf_has_no_school_rules(published) -> None:
    _, served, _ = published
    text, pages = pdf_text(served / "cvo" / VERSION / pdf_name("cvo", VERSION, "nl"))
    assert normalise(pages[0]).startswith("CVO, voor alle scholen Versie Maart 2025")
    assert "Regel 10 staat toe dat op vestigingsniveau aanvullende schoolregels worden opgesteld" in text
    assert not any(title in text for title in SCHOOL_RULES["nl"])


def test_every_page_in_english_says_it_is_a_translation_of_the_same_dutch_page(published) -> None:
    """Latest or not, the notice links the same page of the same school and version in Dutch."""
    _, _, base_url = published
    for site in ("cvo", SCHOOL):
        for version in (VERSION, "latest"):
            for page in PAGES:
                status, html = fetch(f"{base_url}{site}/{version}/{page}")
                assert status == 200
                links = re.findall(r'<p class="cvo-translation">.*?<a href="([^"]+)" hreflang="nl">', html, re.DOTALL)
                language = page_language(page)
                dutch = page.removeprefix(LANGUAGES.folder(language))
                expected = [f"{base_url}{site}/{VERSION}/{dutch}"] if language != LANGUAGES.default else []
                assert links == expected, (site, version, page)


def test_every_page_links_the_pdf_of_its_language(published) -> None:
    _, _, base_url = published
    for site in ("cvo", SCHOOL):
        for version in (VERSION, "latest"):
            for page in PAGES:
                url = f"{base_url}{site}/{version}/{page}"
                status, html = fetch(url)
                assert status == 200, url
                links = re.findall(r'<p class="cvo-pdf" data-search-exclude><a href="([^"]+)"', html)
                language = page_language(page)
                assert [urljoin(url, link) for link in links] == [
                    f"{base_url}{site}/{version}/{pdf_name(site, VERSION, language)}"
                ], url
                status, body = fetch(urljoin(url, links[0]))
                assert status == 200 and body.startswith("%PDF-")


def test_every_rule_has_a_copy_link_to_its_latest_address(published) -> None:
    _, _, base_url = published
    for version in (VERSION, "latest"):
        for language in LANGUAGES.all:
            page = LANGUAGES.folder(language)
            url = f"{base_url}{SCHOOL}/{version}/{page}"
            _, html = fetch(url)
            rule_ids = re.findall(r'<(?:li|h[2-6]) id="(regel-\d[^"]*)"', html)
            links = COPY_LINK.findall(html)
            assert [anchor for _, anchor, _, _, _ in links] == rule_ids
            assert {"regel-1", "regel-7a", "regel-19", "regel-10-1", "regel-10-telefoon"} <= set(rule_ids)
            heading_label = html_module.escape(sentence(language, "copylink.heading", name=SCHOOL_RULES[language][0]))
            for tag, anchor, href, lang, label in links:
                # Its words are the page's, also inside a school's rules in another language.
                assert href == f"{base_url}{SCHOOL}/latest/{page}#{anchor}" and lang == language
                if tag == "li":
                    assert label == html_module.escape(sentence(language, "copylink.rule", name=anchor.removeprefix("regel-")))
            assert f'aria-label="{heading_label}"' in html, language
            # What copylink.js says after a copy: the catalog's words, on every button.
            copied = html_module.escape(sentence(language, "copylink.copied"))
            assert html.count(f'data-cvo-copied="{copied}"') == len(links)
            assert 'javascripts/copylink.js"></script>' in html and "onclick" not in html
    # Every copy link (and every other link) of the published school resolves, anchor included.
    pages, broken = crawl(f"{base_url}{SCHOOL}/{VERSION}/")
    assert broken == []
    assert f"{base_url}{SCHOOL}/latest/" in pages


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_a_click_on_a_copy_link_copies_the_latest_address(published, chromium, language: str) -> None:
    _, _, base_url = published
    page, message = LANGUAGES.folder(language), sentence(language, "copylink.copied")
    assert (language, message) != ("nl", "") and sentence("en", "copylink.copied") == "Link copied"
    url = f"{base_url}{SCHOOL}/{VERSION}/{page}"
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="load")
        tab.click("#regel-7a > a.cvo-copylink")
        status = tab.locator(".cvo-copied[role=status]")
        status.wait_for(state="attached")
        copied = tab.evaluate("() => navigator.clipboard.readText()")
        assert copied == f"{base_url}{SCHOOL}/latest/{page}#regel-7a"
        assert tab.url == url and status.text_content() == message
    finally:
        context.close()


def test_the_poster_prints_on_one_a4_page_with_qr_codes_to_latest(published) -> None:
    _, _, base_url = published
    url = f"{base_url}{SCHOOL}/latest/poster/"
    _, html = fetch(url)
    languages = read_languages(Path(__file__).resolve().parent.parent / "mkdocs.yml")
    expected = [f"{base_url}{SCHOOL}/latest/{languages.folder(language)}" for language in languages.all]
    assert re.findall(r'<span class="cvo-poster__url" dir="ltr">([^<]+)</span>', html) == expected
    assert html.count('<svg role="img"') == len(languages.all)
    with Browser(find_chromium()) as browser:
        (printed,) = browser.print_to_pdf([url])
    reader = pypdf.PdfReader(io.BytesIO(printed))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points
    assert SCHOOL_NAME["nl"] in normalise(reader.pages[0].extract_text())
    image = pypdfium2.PdfDocument(printed)[0].render(scale=2).to_pil()
    decoded = sorted(result.text for result in zxingcpp.read_barcodes(image))
    assert decoded == sorted(expected)


def test_a_local_build_has_relative_copy_links_no_pdf_and_a_poster_note(built: Path) -> None:
    html = (built / SCHOOL / "index.html").read_text(encoding="utf-8")
    links = COPY_LINK.findall(html)
    assert links and all(href == f"#{anchor}" and lang == "nl" for _, anchor, href, lang, _ in links)
    assert ".pdf" not in html and "cvo-print-heading" not in html
    poster = (built / SCHOOL / "en" / "poster" / "index.html").read_text(encoding="utf-8")
    assert '<p class="cvo-poster-unpublished">On the published site' in poster and "<svg role" not in poster


def test_when_chromium_fails_nothing_is_published(published, monkeypatch: pytest.MonkeyPatch) -> None:
    project, _, base_url = published
    before = git(project, "rev-parse", "gh-pages")
    monkeypatch.setenv("CVO_CHROMIUM", "false")  # a "browser" that exits at once
    result = run_cli(project, "publish", "2025.04", "--effective", "2025-04-01", "--alias", "latest",
                     "--site-url", base_url)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"error: printing the PDFs with \S*false failed: Chromium stopped", result.stderr)
    assert "nothing was published" in result.stderr
    assert git(project, "rev-parse", "gh-pages") == before
    monkeypatch.setenv("CVO_CHROMIUM", "no-such-browser")
    with pytest.raises(ProtocolError, match="no Chromium to print the PDFs with"):
        find_chromium()


def test_copy_links_and_latest_address() -> None:
    assert latest_url("https://protocol.cvo.example/de-linde/2025.03/", "2025.03") == (
        "https://protocol.cvo.example/de-linde/latest/"
    )
    with pytest.raises(ValueError):
        latest_url("https://protocol.cvo.example/", "2025.03")
    html = '<li id="regel-7a">a. tekst</li><h5 id="regel-10-1">Kluisje &amp; zo<a class="headerlink" href="#x">¶</a></h5>'
    linked = add_copy_links(html, "nl", "https://x.example/s/latest/")
    assert [(a, h, label) for _, a, h, lang, label in COPY_LINK.findall(linked) if lang == "nl"] == [
        ("regel-7a", "https://x.example/s/latest/#regel-7a", "Kopieer link naar regel 7a"),
        ("regel-10-1", "https://x.example/s/latest/#regel-10-1", "Kopieer link naar ‘Kluisje &amp; zo’"),
    ]
    assert add_copy_links('<li id="other">x</li>', "en") == '<li id="other">x</li>'
