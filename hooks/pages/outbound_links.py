"""Links to other sites open without handing them the page: ``rel="noopener noreferrer"``.

Plain text in, plain text out, no MkDocs import: the hook applies it to every
page's HTML, so the links in schools' overlays (and any in the base text) get it.
"""

from __future__ import annotations

import re

OUTBOUND_REL = "noopener noreferrer"

_LINK_START_TAG = re.compile(r"<a\b[^<>]*>", re.IGNORECASE)
_OUTBOUND_HREF = re.compile(r"""\shref\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
_REL = re.compile(r"\srel\s*=", re.IGNORECASE)


def mark_outbound_links(html: str) -> str:
    """Add ``rel="noopener noreferrer"`` to every ``<a>`` that leads to another site."""

    def mark(match: re.Match[str]) -> str:
        tag = match.group(0)
        if not _OUTBOUND_HREF.search(tag) or _REL.search(tag):
            return tag
        return f'{tag[:2]} rel="{OUTBOUND_REL}"{tag[2:]}'

    return _LINK_START_TAG.sub(mark, html)
