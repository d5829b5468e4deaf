"""A "copy link" button on every rule: its permanent address in the ``latest`` version.

Plain HTML in, HTML out, no MkDocs import. A rule is an ``<li id="regel-…">``
of the protocol, or a heading of a school's own rules (``id="regel-10-…"``).
The button is a real link to that address (copy it with the context menu
without script); ``copylink.js`` copies it on a click and says the words of
its ``data-cvo-copied`` (the catalog's, so the script has none of its own).
"""

from __future__ import annotations

import re
from html import escape, unescape

from cvo_protocol.core.catalog import sentence

RULE_ITEM = re.compile(r'<li id="(regel-[0-9][0-9a-z-]*)">')
SCHOOL_HEADING = re.compile(r'<(h[2-6]) id="(regel-10-[0-9a-z-]+)">(.*?)</\1>', re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

# Material Design Icons "link-variant" (Apache License 2.0), as Material for MkDocs ships it.
ICON = (
    '<svg class="cvo-copylink__icon" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" '
    'aria-hidden="true" focusable="false"><path d="'
    "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 "
    "0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 "
    "1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 "
    "3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 "
    "7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 "
    "1.64.4 2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 "
    "0 0-4.24.973.973 0 0 1 0-1.42"
    '"/></svg>'
)


def latest_url(site_url: str, version: str) -> str:
    """The ``latest`` address of a published site, from its ``<base>/<site>/<version>/`` address."""
    suffix = f"/{version}/"
    if not site_url.endswith(suffix):
        raise ValueError(f"site_url {site_url!r} does not end with the version {version!r}")
    return f"{site_url[: -len(suffix)]}/latest/"


def add_copy_links(html: str, language: str, page_address: str = "") -> str:
    """Put a copy-link button at the start of every rule and school rule heading.

    ``page_address`` is the page's absolute ``latest`` address on a published
    build, or ``""`` for links relative to the page (``#regel-7``).
    """
    def rule(match: re.Match[str]) -> str:
        anchor = match.group(1)
        label = sentence(language, "copylink.rule", name=anchor.removeprefix("regel-"))
        return match.group(0) + copy_link(page_address + "#" + anchor, label, copied, language)

    def heading(match: re.Match[str]) -> str:
        tag, anchor, inner = match.groups()
        name = " ".join(unescape(_TAG.sub("", _HEADERLINK.sub("", inner))).split())
        label = sentence(language, "copylink.heading", name=name)
        return f'<{tag} id="{anchor}">{copy_link(page_address + "#" + anchor, label, copied, language)}{inner}</{tag}>'

    copied = sentence(language, "copylink.copied")
    return SCHOOL_HEADING.sub(heading, RULE_ITEM.sub(rule, html))


def copy_link(href: str, label: str, copied: str, language: str) -> str:
    """One button: a link to ``href`` named ``label`` in the page's ``language``; ``copied``: what a copy says.

    The button says its ``lang``: a school's rules the school did not write in
    the page's language sit in an element of the language it did write them in.
    """
    label = escape(label)
    return (
        f'<a class="cvo-copylink" href="{escape(href)}" lang="{escape(language)}" aria-label="{label}" title="{label}" '
        f'data-cvo-copylink data-cvo-copied="{escape(copied)}">{ICON}</a>'
    )
