"""Read built HTML the way a reader sees it: text, ids and links (stdlib and the catalog only)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from cvo_protocol.core.catalog import catalog_file, placeholders, read_catalog, sentence

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.in_article = 0
        self.skip = 0
        self.text: list[str] = []
        self.ids: list[str] = []
        self.elements: list[tuple[str, dict[str, str], tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        path = tuple(t for t, _ in self.stack)
        self.elements.append((tag, attributes, path))
        if tag in _VOID:
            return
        self.stack.append((tag, attributes))
        if tag == "article":
            self.in_article += 1
        if self.in_article:
            if "id" in attributes:
                self.ids.append(attributes["id"])
            if "headerlink" in attributes.get("class", "") or tag in ("script", "style"):
                self.skip += 1
            if tag in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "ul", "ol"):
                self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in (open_tag for open_tag, _ in self.stack):
            return
        while self.stack:
            open_tag, attributes = self.stack.pop()
            if self.in_article and (
                "headerlink" in attributes.get("class", "") or open_tag in ("script", "style")
            ):
                self.skip -= 1
            if open_tag == "article":
                self.in_article -= 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_article and not self.skip:
            self.text.append(data)


class Page:
    """One built HTML page."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.html = path.read_text(encoding="utf-8")
        collector = _Collector()
        collector.feed(self.html)
        self.article_text = "".join(collector.text)
        self.article_ids = collector.ids
        self.elements = collector.elements

    @property
    def article_text_html(self) -> str:
        """The article's HTML source, for comparing two builds of the same page."""
        start = self.html.index("<article")
        return self.html[start : self.html.index("</article>", start)]

    @property
    def text(self) -> str:
        """The article's text with all white space folded to single spaces."""
        return normalise(self.article_text)

    def elements_with(self, tag: str) -> list[dict[str, str]]:
        return [attributes for name, attributes, _ in self.elements if name == tag]

    def lang(self) -> str:
        return self.elements_with("html")[0].get("lang", "")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def catalog_words(language: str, key: str) -> list[str]:
    """The words of a catalog sentence between its ``{placeholders}``, as they stand in HTML.

    For finding a sentence in a page whatever the code filled in: e.g.
    ``["Aanvullende regels van"]`` for ``merge.rules_heading``.
    """
    names = placeholders(str(read_catalog(catalog_file(language))[key]))
    text = sentence(language, key, **{name: "\0" for name in names})
    return [html.escape(part.strip(), quote=False) for part in text.split("\0") if part.strip()]
