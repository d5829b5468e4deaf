"""Atom feeds of published versions: one for the portal, one per site."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

from cvo_protocol.core.catalog import sentence

ATOM = "http://www.w3.org/2005/Atom"
FILE_NAME = "feed.xml"


@dataclass(frozen=True)
class FeedEntry:
    """One published version of one site."""

    version: str
    title: str
    effective: str  # YYYY-MM-DD
    url: str


def atom_feed(feed_url: str, site_url: str, title: str, entries: Sequence[FeedEntry], languages: Sequence[str]) -> str:
    """An Atom 1.0 document (RFC 4287) listing ``entries``, newest first, each summed up in every language."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    ordered = sorted(entries, key=lambda e: (e.effective, e.version), reverse=True)
    _text(feed, "id", site_url)
    _text(feed, "title", title)
    _text(feed, "updated", _timestamp(ordered[0].effective) if ordered else "1970-01-01T00:00:00Z")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "CVO")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=feed_url)
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=site_url)
    for entry in ordered:
        item = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(item, "id", entry.url)
        _text(item, "title", f"{entry.title} ({entry.version})")
        _text(item, "updated", _timestamp(entry.effective))
        ElementTree.SubElement(item, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=entry.url)
        summaries = (sentence(language, "feed.summary", title=entry.title, date=entry.effective) for language in languages)
        _text(item, "summary", " / ".join(summaries))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ElementTree.Element, tag: str, value: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = value


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"
