"""Atom feeds of published versions: one for the portal, one per site.

A version is announced when it is published: its entry is dated by the day of
publication (a version published before it takes effect is in the feed from
that day on) and says from when it is in force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

from cvo_protocol.core.catalog import sentence
from cvo_protocol.core.release import version_key

ATOM = "http://www.w3.org/2005/Atom"
FILE_NAME = "feed.xml"


@dataclass(frozen=True)
class FeedEntry:
    """One published version of one site."""

    version: str
    title: str
    effective: str  # YYYY-MM-DD
    url: str
    published: str = ""  # YYYY-MM-DD, the day it was published ("" for versions published before this was kept)

    @property
    def announced(self) -> str:
        """The day the entry appeared: its publication, else (older versions) its effective date."""
        return self.published or self.effective


def atom_feed(feed_url: str, site_url: str, title: str, entries: Sequence[FeedEntry], languages: Sequence[str]) -> str:
    """An Atom 1.0 document (RFC 4287) listing ``entries``, newest version first, each summed up in every language.

    Versions sort as versions (2026.01-10 after 2026.01-9, see `version_key`), not as text.
    """
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    ordered = sorted(entries, key=lambda e: version_key(e.version), reverse=True)
    _text(feed, "id", site_url)
    _text(feed, "title", title)
    updated = max((entry.announced for entry in entries), default="")
    _text(feed, "updated", _timestamp(updated) if updated else "1970-01-01T00:00:00Z")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "CVO")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=feed_url)
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=site_url)
    for entry in ordered:
        item = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(item, "id", entry.url)
        _text(item, "title", f"{entry.title} ({entry.version})")
        _text(item, "updated", _timestamp(entry.announced))
        ElementTree.SubElement(item, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=entry.url)
        summaries = (sentence(language, "feed.summary", title=entry.title, date=entry.effective) for language in languages)
        _text(item, "summary", " / ".join(summaries))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ElementTree.Element, tag: str, value: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = value


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"
