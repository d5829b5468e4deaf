"""Golden table for the Atom feeds: the exact document, newest version first, text escaped."""

from __future__ import annotations

import pytest
from cvo_protocol.publishing.feeds import FeedEntry, atom_feed

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
LINKS = ('<author><name>CVO</name></author>'
         '<link rel="self" type="application/atom+xml" href="https://p.example/feed.xml" />'
         '<link rel="alternate" type="text/html" href="https://p.example/" />')


def entry(url: str, title: str, version: str, effective: str, published: str = "") -> str:
    return (f"<entry><id>{url}</id><title>{title} ({version})</title><updated>{published or effective}T00:00:00Z</updated>"
            f'<link rel="alternate" type="text/html" href="{url}" />'
            f"<summary>Versie {title}, geldig vanaf {effective}. / Version {title}, in effect from {effective}.</summary>"
            "</entry>")


MARCH = FeedEntry("2025.03", "Maart 2025", "2025-03-01", "https://p.example/cvo/2025.03/")
JANUARY = FeedEntry("2026.01", "Januari <2026>", "2026-01-01", "https://p.example/cvo/2026.01/")
REVISION = FeedEntry("2026.01-1", "Januari 2026", "2026-01-01", "https://p.example/cvo/2026.01-1/")
NINTH = FeedEntry("2026.01-9", "Negen", "2026-03-01", "https://p.example/cvo/2026.01-9/", published="2026-02-20")
TENTH = FeedEntry("2026.01-10", "Tien", "2026-03-01", "https://p.example/cvo/2026.01-10/", published="2026-02-21")
# Published in June, in force from August: announced (dated) the day it was published.
COMING = FeedEntry("2026.08", "Augustus 2026", "2026-08-01", "https://p.example/cvo/2026.08/", published="2026-06-15")

CASES = {
    "no versions yet": (
        "Leeg", [],
        f"{HEAD}<id>https://p.example/</id><title>Leeg</title><updated>1970-01-01T00:00:00Z</updated>{LINKS}</feed>\n",
    ),
    "one version": (
        "CVO", [MARCH],
        f"{HEAD}<id>https://p.example/</id><title>CVO</title><updated>2025-03-01T00:00:00Z</updated>{LINKS}"
        f"{entry(MARCH.url, 'Maart 2025', '2025.03', '2025-03-01')}</feed>\n",
    ),
    # Newest version first (as versions, not as text); text is escaped.
    "versions out of order, markup in titles": (
        "CVO & co", [MARCH, JANUARY, REVISION],
        f"{HEAD}<id>https://p.example/</id><title>CVO &amp; co</title><updated>2026-01-01T00:00:00Z</updated>"
        f"{LINKS}{entry(REVISION.url, 'Januari 2026', '2026.01-1', '2026-01-01')}"
        f"{entry(JANUARY.url, 'Januari &lt;2026&gt;', '2026.01', '2026-01-01')}"
        f"{entry(MARCH.url, 'Maart 2025', '2025.03', '2025-03-01')}</feed>\n",
    ),
    # Versions sort as numbers: 2026.01-10 after 2026.01-9 (as text it would come before).
    "revisions 9 and 10, and a coming version dated by its publication": (
        "CVO", [NINTH, COMING, TENTH],
        f"{HEAD}<id>https://p.example/</id><title>CVO</title><updated>2026-06-15T00:00:00Z</updated>{LINKS}"
        f"{entry(COMING.url, 'Augustus 2026', '2026.08', '2026-08-01', '2026-06-15')}"
        f"{entry(TENTH.url, 'Tien', '2026.01-10', '2026-03-01', '2026-02-21')}"
        f"{entry(NINTH.url, 'Negen', '2026.01-9', '2026-03-01', '2026-02-20')}</feed>\n",
    ),
}


@pytest.mark.parametrize(("title", "entries", "xml"), CASES.values(), ids=list(CASES))
def test_atom_feed(title: str, entries: list[FeedEntry], xml: str) -> None:
    assert atom_feed("https://p.example/feed.xml", "https://p.example/", title, entries, ("nl", "en")) == xml
