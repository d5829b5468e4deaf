"""MkDocs hooks (named in ``mkdocs.yml``): a thin adapter over `cvo_protocol.merge`.

The school comes from the environment variable ``CVO_SCHOOL`` (unset or empty:
the CVO-wide site). static-i18n runs the whole build once per language, so
every event here runs once per language pass and must give the same result
each time.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from cvo_protocol.errors import ProtocolError
from cvo_protocol.merge import merge_overlay
from cvo_protocol.outbound_links import mark_outbound_links
from cvo_protocol.overlay import Overlay, load_overlay
from cvo_protocol.project import SCHOOL_ENV, overlays_dir, site_names

# The overlay of the build under way; set again at the start of every build.
_overlay: Overlay | None = None
# The default language's 404 page, kept while the other languages build.
_default_404: bytes | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the selected school's overlay and put its name in the site names."""
    global _overlay
    slug = os.environ.get(SCHOOL_ENV, "").strip()
    try:
        _overlay = load_overlay(overlays_dir(config.config_file_path), slug) if slug else None
    except ProtocolError as error:
        raise PluginError(str(error)) from None
    names = site_names(_overlay)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        for language in i18n.config.languages:
            language["site_name"] = names[language.locale]
    config.site_name = names[config.theme.get("language", "nl")]
    config.extra["cvo_school"] = _overlay.slug if _overlay else None
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Merge the school's overlay into the protocol page, in the page's language."""
    language = getattr(page.file, "locale", None) or config.theme.get("language", "nl")
    try:
        return merge_overlay(markdown, _overlay, language)
    except ProtocolError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give links to other sites ``rel="noopener noreferrer"``."""
    return mark_outbound_links(html)


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Rebuild on save of the school's overlay files too."""
    if _overlay is not None:
        server.watch(str(_overlay.folder))
    return server


def on_post_build(config: MkDocsConfig) -> None:
    """Keep one 404 page per language.

    Every language pass of static-i18n writes the theme's ``404.html`` to the
    site root, so the last language would win. The default language's page
    stays at the root; each other language's page moves into its own folder.
    """
    global _default_404
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    page = Path(config.site_dir) / "404.html"
    if not page.is_file():
        return
    if i18n.current_language == i18n.default_language:
        _default_404 = page.read_bytes()
    elif _default_404 is not None:
        target = Path(config.site_dir) / i18n.current_language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.replace(target)
        page.write_bytes(_default_404)
