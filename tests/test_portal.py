"""Golden table for the portal: which files, and on each page its language, title, links and policy."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from cvo_protocol.core.languages import Languages
from cvo_protocol.core.overlay import Contact, Overlay
from cvo_protocol.publishing.portal import portal_files

LANGUAGES = Languages(default="nl", all=("nl", "en"), names=("Nederlands", "English"))

WRITTEN = {"nl": "nl", "en": "en"}  # each language written by the school
CONTACT = Contact(None, "a@b.nl", None)
SCHOOLS = [
    Overlay("het-baken", Path("het-baken"), {"nl": "Het Baken <b>", "en": "The Beacon"}, "Emmen",
            "https://baken.example/", CONTACT, None, WRITTEN, WRITTEN, LANGUAGES),
    Overlay("de-linde", Path("de-linde"), {"nl": "de Linde & Co", "en": "Linden & Co"}, "Assen",
            "https://linde.example/", CONTACT, None, WRITTEN, WRITTEN, LANGUAGES),
]


class Outline(HTMLParser):
    """What a page says and links to: ``lang``, ``title``, ``<link>`` tags and ``<a>`` (href, text)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.links: list[tuple[str, str]] = []
        self.anchors: list[tuple[str, str]] = []
        self._in: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes["lang"] or ""
        elif tag == "link":
            self.links.append((attributes["rel"] or "", attributes["href"] or ""))
        elif tag == "a":
            self.anchors.append((attributes["href"] or "", ""))
        self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "a":
            href, text = self.anchors[-1]
            self.anchors[-1] = (href, text + data)


NL_PORTAL = [
    ("en/", "English"),
    # Schools by name, whatever the case of its first letter.
    ("de-linde/latest/", "de Linde & Co"),
    ("het-baken/latest/", "Het Baken <b>"),
    ("cvo/latest/", "Het protocol zonder schoolregels"),
    ("feed.xml", "Nieuwe versies van het protocol (Atom-feed)"),
    ("schoolregels.html", "Schoolregels per vestiging"),
]
EN_PORTAL = [
    ("../", "Nederlands"),
    ("../de-linde/latest/en/", "Linden & Co"),
    ("../het-baken/latest/en/", "The Beacon"),
    ("../cvo/latest/en/", "The protocol without school rules"),
    ("../feed.xml", "New versions of the protocol (Atom feed)"),
    ("schoolregels.html", "Additional rules by school"),
]


def links(css: str) -> list[tuple[str, str]]:
    return [("stylesheet", css), ("icon", "data:,"), ("alternate", css.removesuffix("portal.css") + "feed.xml")]


def pages(root: str) -> dict[str, tuple[str, str, list[tuple[str, str]], list[tuple[str, str]]]]:
    """Each page's (lang, title, <link>s, <a>s) for a tree served at the path ``root``."""
    return {
        "index.html": ("nl", "CVO Protocol Social Media", links("portal.css"), NL_PORTAL),
        "404.html": ("nl", "Pagina niet gevonden – CVO Protocol Social Media", links(f"{root}portal.css"),
                     [(f"{root}en/", "English"), (root, "startpagina")]),
        "en/index.html": ("en", "CVO Social Media Protocol", links("../portal.css"), EN_PORTAL),
        "en/404.html": ("en", "Page not found – CVO Social Media Protocol", links(f"{root}portal.css"),
                        [(root, "Nederlands"), (f"{root}en/", "home page")]),
    }


@pytest.mark.parametrize(("site_url", "root"), [
    ("https://p.example/", "/"),
    ("https://p.example/cvo-protocol", "/cvo-protocol/"),
    ("http://127.0.0.1:8000/a/b/", "/a/b/"),
])
def test_portal_pages(site_url: str, root: str) -> None:
    files = {file.path: file.content for file in portal_files(SCHOOLS, site_url, "cvo", LANGUAGES)}
    assert list(files) == ["portal.css", "index.html", "404.html", "schoolregels.html",
                           "en/index.html", "en/404.html", "en/schoolregels.html"]
    for path, (lang, title, link_tags, anchors) in pages(root).items():
        outline = Outline(files[path])
        assert (outline.lang, outline.title, outline.links, outline.anchors) == (lang, title, link_tags, anchors), path
        assert files[path].count('<meta http-equiv="Content-Security-Policy"') == 1, path
        assert "<script" not in files[path], path


def test_school_names_and_places_are_escaped() -> None:
    files = {file.path: file.content for file in portal_files(SCHOOLS, "https://p.example/", "cvo", LANGUAGES)}
    assert ('<li><a href="het-baken/latest/">Het Baken &lt;b&gt;</a><span class="place">Emmen</span></li>'
            in files["index.html"])
    assert ('<li><a href="../de-linde/latest/en/">Linden &amp; Co</a><span class="place">Assen</span></li>'
            in files["en/index.html"])


def test_a_portal_without_schools_still_leads_to_the_cvo_wide_site() -> None:
    files = {file.path: file.content for file in portal_files([], "https://p.example/", "cvo", LANGUAGES)}
    assert "<ul>\n\n</ul>" in files["index.html"]
    assert Outline(files["index.html"]).anchors == [NL_PORTAL[0], *NL_PORTAL[3:]]
