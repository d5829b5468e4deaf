"""MkDocs hooks for readers and webmasters (named in ``mkdocs.yml`` after ``mkdocs_hooks.py``).

A thin adapter: copy-link buttons (`cvo_protocol.copylinks`), the poster
(`cvo_protocol.poster`) and, on a published build, the heading a printed page
starts with and the PDF link (`cvo_protocol.printing`). It reads what
``mkdocs_hooks.on_config`` set: ``extra.cvo_overlay``, ``extra.cvo_release``
and the versioned ``site_url``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from cvo_protocol.pages.copylinks import add_copy_links, latest_url
from cvo_protocol.core.overlay import Overlay
from cvo_protocol.publishing.pdf import pdf_name
from cvo_protocol.pages.poster import MARKER, poster_addresses, poster_html
from cvo_protocol.pages.printing import pdf_link, print_heading, site_title
from cvo_protocol.core.languages import Languages
from cvo_protocol.core.project import CVO_WIDE, Project

# The overlay of the build under way (mkdocs_hooks.py loads it), set at the start of every build.
_overlay: Overlay | None = None
_languages: Languages | None = None  # [languages] mkdocs.yml's, set with _overlay


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Take the school's overlay that ``mkdocs_hooks.on_config`` loaded (``extra.cvo_overlay``)."""
    global _overlay, _languages
    _overlay = config.extra.get("cvo_overlay")
    _languages = Project(Path(config.config_file_path).parent).languages()  # [languages]
    return config


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add the copy-link buttons and the poster; on a published build also the printed heading and PDF link."""
    language = getattr(page.file, "locale", None) or config.theme.get("language", "nl")
    school = site_title(language, _overlay.name[language] if _overlay else None)
    release = config.extra.get("cvo_release")
    latest = latest_url(config.site_url, release["version"]) if release else None
    html = add_copy_links(html, language, f"{latest}{page.url}" if latest else "")
    is_poster = MARKER in html
    if is_poster:
        addresses = poster_addresses(latest, _languages) if latest else None  # [languages]
        has_rules = _overlay is not None and _overlay.rules is not None
        html = html.replace(MARKER, poster_html(school, addresses, has_school_rules=has_rules, language=language,
                                                languages=_languages))  # [languages]
    if not release:
        return html  # the page stays exactly the CVO-wide text outside the school's blocks
    site = _overlay.slug if _overlay else CVO_WIDE
    pdf = get_relative_url(pdf_name(site, release["version"], language), page.url or ".")
    top = "" if is_poster else print_heading(language, school, release, latest + page.url)
    return top + pdf_link(language, pdf) + html

