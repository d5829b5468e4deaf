"""MkDocs hooks (named in ``mkdocs.yml``): a thin adapter over `cvo_protocol.merge`.

The school comes from the environment variable ``CVO_SCHOOL`` (unset or empty:
the CVO-wide site). static-i18n runs the whole build once per language, so
every event here runs once per language pass and must give the same result
each time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import markdown as python_markdown
from markupsafe import escape

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data as get_markdown_meta

from cvo_protocol.build import templatecache
from cvo_protocol.pages import csp
from cvo_protocol.core import opendata
from cvo_protocol.pages.alternates import drop_head_alternates
from cvo_protocol.core.changes import changes_markdown
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.merge import merge_overlay
from cvo_protocol.pages.outbound_links import mark_outbound_links
from cvo_protocol.core.overlay import Overlay, load_overlay
from cvo_protocol.core.permalinks import add_moved_anchors, load_moved_ids
from cvo_protocol.core.project import CVO_WIDE, SCHOOL_ENV, overlays_dir, site_names
from cvo_protocol.core.release import LATEST, PREVIOUS_ENV, SITE_URL_ENV, Release, site_url_for
from cvo_protocol.core.rules_extract import Rule, extract_rules

# The overlay of the build under way; set again at the start of every build.
_overlay: Overlay | None = None
# Old ids of this project's permalinks.yml, kept as anchors where they moved.
_moved_ids: dict[str, str] = {}
# The rules of the protocol page as rendered, per language of the build under way.
_rules: dict[str, list[Rule]] = {}
CHANGES_SLOT = "<!-- cvo:changes -->"
# The default language's 404 page, kept while the other languages build.
_default_404: bytes | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the selected school's overlay and put its name in the site names."""
    global _overlay, _moved_ids, _rules
    _rules = {}
    slug = os.environ.get(SCHOOL_ENV, "").strip()
    try:
        _overlay = load_overlay(overlays_dir(config.config_file_path), slug) if slug else None
        _moved_ids = load_moved_ids(Path(config.config_file_path).parent)
        release = Release.from_environment(os.environ)
    except ProtocolError as error:
        raise PluginError(str(error)) from None
    if release is not None:
        base = os.environ.get(SITE_URL_ENV) or config.site_url or "/"
        # mike's own plugin would set site_url to site_url + version, losing the
        # school's deploy prefix and the trailing slash; we set the full address.
        config.site_url = site_url_for(base, slug or CVO_WIDE, release.version)
        config.extra["version"] = {"provider": "mike", "default": LATEST}
        config.extra["cvo_release"] = release.template_data()
    names = site_names(_overlay)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        for language in i18n.config.languages:
            language["site_name"] = names[language.locale]
    config.site_name = names[config.theme.get("language", "nl")]
    config.extra["cvo_school"] = _overlay.slug if _overlay else None
    # For hooks/reader_hooks.py, so that the overlay is loaded once per pass.
    config.extra["cvo_overlay"] = _overlay
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Escape the site name where it enters the templates.

    Material writes ``config.site_name`` into attributes, some with ``| e`` and
    some without, and MkDocs' Jinja has no autoescape. As `Markup` the name is
    escaped once for ``{{ }}`` and left alone by ``| e``. Set here, after
    static-i18n's ``on_config`` has chosen the language's name: static-i18n
    only overrides a ``site_name`` whose type is exactly ``str``, and
    ``on_config`` above puts the plain names back for the next language pass.
    """
    config.site_name = escape(str(config.site_name))
    templatecache.install(env)  # compiled templates shared during a `build --all` or `serve` run
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Merge the school's overlay into the protocol page, in the page's language."""
    language = _language(page, config)
    if CHANGES_SLOT in markdown:
        markdown = markdown.replace(CHANGES_SLOT, _changes(language, config, files))
    try:
        return merge_overlay(markdown, _overlay, language)
    except ProtocolError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Mark outbound links, keep ids that moved (``permalinks.yml``), remember the rules."""
    html = mark_outbound_links(html)
    if _moved_ids:
        html = add_moved_anchors(html, _moved_ids)
    if 'id="regel-1"' in html:
        _rules[_language(page, config)] = extract_rules(html)
    return html


def _protocol_rules(language: str, config: MkDocsConfig, files: Files) -> list[Rule]:
    """The protocol page's rules, rendered from its source when it was not rendered yet.

    Pages are rendered in an order MkDocs and static-i18n choose, so the 'what
    changed' page may come first; it then renders the protocol page itself.
    """
    for file in files.documentation_pages():
        if getattr(file, "locale", language) == language and file.src_uri.split(".")[0] == "index":
            source, _ = get_markdown_meta(Path(file.abs_src_path).read_text(encoding="utf-8-sig"))
            html = python_markdown.markdown(
                merge_overlay(source, _overlay, language),
                extensions=config.markdown_extensions,
                extension_configs=config.mdx_configs,
            )
            return extract_rules(html)
    raise PluginError(f"no protocol page (index) in language '{language}'")


def _language(page: Page, config: MkDocsConfig) -> str:
    return getattr(page.file, "locale", None) or config.theme.get("language", "nl")


def _changes(language: str, config: MkDocsConfig, files: Files) -> str:
    """The 'what changed' text: this version against the previous published one."""
    if language not in _rules:
        _rules[language] = _protocol_rules(language, config, files)
    release = config.extra.get("cvo_release")
    previous = None
    folder = os.environ.get(PREVIOUS_ENV)
    if release and folder:
        path = Path(folder) / (config.extra.get("cvo_school") or CVO_WIDE) / f"{language}.json"
        if path.is_file():
            previous = json.loads(path.read_text(encoding="utf-8"))
    return changes_markdown(language, release, previous, _rules[language])


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Every page carries a Content-Security-Policy; language alternates live in sitemap.xml."""
    return _with_policy(output, page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages (404.html) are treated like every page."""
    return _with_policy(output_content, template_name) if template_name.endswith(".html") else output_content


def _with_policy(html: str, name: str) -> str:
    try:
        return csp.add_policy(drop_head_alternates(html))
    except ValueError as error:
        raise PluginError(f"{name}: no Content-Security-Policy can be placed: {error}") from None


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Rebuild on save of the school's overlay files and of our theme overrides too."""
    if _overlay is not None:
        server.watch(str(_overlay.folder))
    if config.theme.custom_dir:
        server.watch(config.theme.custom_dir)
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
    _write_protocol_json(config, i18n.current_language, i18n.default_language)
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


def _write_protocol_json(config: MkDocsConfig, language: str, default_language: str) -> None:
    """Open data beside the protocol page of this language: ``protocol.json``."""
    if language not in _rules:
        return
    document = opendata.protocol_document(_rules[language], language, config.extra.get("cvo_release"), _overlay)
    folder = Path(config.site_dir) / ("" if language == default_language else language)
    (folder / opendata.FILE_NAME).write_text(opendata.dumps(document), encoding="utf-8")
