"""Language alternates of a page: declared in sitemap.xml, not in the page head.

Material writes ``<link rel="alternate" hreflang>`` into every page and then
fetches a ``sitemap.xml`` beside each alternate page to steer its language
switch. No such sitemap exists beside a translated page (only at the site's
root), so every page load logged failed requests, and under mike's ``latest``
alias the lookup could not match anyway, dropping the reader's page and anchor.
The head links go; static-i18n's sitemap.xml still declares every page's
alternates (with absolute URLs), and the language selector's own links, which
static-i18n points at the same page in the other language, do the switching.
"""

from __future__ import annotations

import re

_HEAD_ALTERNATE = re.compile(r"""[ \t]*<link\s+rel=["']alternate["']\s+href=["'][^"']*["']\s+hreflang=["'][^"']*["']\s*/?>\n?""")


def drop_head_alternates(html: str) -> str:
    """The page without ``<link rel="alternate" hreflang>`` in its head."""
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return _HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:]
