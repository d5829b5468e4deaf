"""MkDocs hooks for readers and webmasters (named in ``mkdocs.yml`` after ``mkdocs_hooks.py``).

A thin adapter: copy-link buttons (`cvo_protocol.copylinks`), the poster
(`cvo_protocol.poster`), and on a published build the PDF link and the heading
that a printed page starts with. It reads what ``mkdocs_hooks.on_config`` set:
``extra.cvo_school``, ``extra.cvo_release`` and the versioned ``site_url``.
"""

from __future__ import annotations

from html import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from cvo_protocol.copylinks import add_copy_links, latest_url
from cvo_protocol.errors import ProtocolError
from cvo_protocol.overlay import Overlay, load_overlay
from cvo_protocol.pdf import pdf_name
from cvo_protocol.poster import MARKER, poster_addresses, poster_html
from cvo_protocol.project import CVO_WIDE, overlays_dir

TEXTS = {
    "nl": {
        "pdf": "Download dit protocol als PDF",
        "cvo": "CVO, voor alle scholen",
        "version": "Versie {title}, geldig vanaf {date}",
        "online": "De geldende versie staat op {url}",
    },
    "en": {
        "pdf": "Download this protocol as a PDF",
        "cvo": "CVO, for all schools",
        "version": "Version {title}, in effect from {date}",
        "online": "The current version is at {url}",
    },
}


# The overlay of the build under way; set again at the start of every build.
_overlay: Overlay | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the school's overlay that ``mkdocs_hooks.on_config`` selected (``extra.cvo_school``)."""
    global _overlay
    slug = config.extra.get("cvo_school")
    try:
        _overlay = load_overlay(overlays_dir(config.config_file_path), slug) if slug else None
    except ProtocolError as error:
        raise PluginError(str(error)) from None
    return config


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add the copy-link buttons, the poster, and on a published build the PDF link and print heading."""
    language = getattr(page.file, "locale", None) or config.theme.get("language", "nl")
    school = _overlay.name[language] if _overlay else TEXTS[language]["cvo"]
    release = config.extra.get("cvo_release")
    latest = latest_url(config.site_url, release["version"]) if release else None
    html = add_copy_links(html, language, f"{latest}{page.url}" if latest else "")
    is_poster = MARKER in html
    if is_poster:
        addresses = poster_addresses(latest) if latest else None
        has_rules = _overlay is not None and _overlay.rules is not None
        html = html.replace(MARKER, poster_html(school, addresses, has_school_rules=has_rules, language=language))
    if not release:
        return html
    return _published_top(page, language, school, release, latest, print_heading=not is_poster) + html


def _published_top(page: Page, language: str, school: str, release: dict, latest: str, *, print_heading: bool) -> str:
    """The PDF link, and the heading a printed page starts with (hidden on screen)."""
    text = TEXTS[language]
    site = _overlay.slug if _overlay else CVO_WIDE
    pdf = get_relative_url(pdf_name(site, release["version"], language), page.url or ".")
    top = f'<p class="cvo-pdf" data-search-exclude><a href="{escape(pdf)}" type="application/pdf">{escape(text["pdf"])}</a></p>\n'
    if not print_heading:
        return top
    version = text["version"].format(title=release["title"], date=release["effective_text"][language])
    online = text["online"].format(url=latest + page.url)
    return (
        f'<div class="cvo-print-heading" data-search-exclude>\n<p class="cvo-print-heading__school">{escape(school)}</p>\n'
        f"<p>{escape(version)}</p>\n<p>{escape(online)}</p>\n</div>\n" + top
    )
