"""Every MkDocs event of the site on one object: a thin adapter over the core and the page pieces.

``hooks/mkdocs_hooks.py`` (the one file named under ``hooks:`` in
``mkdocs.yml``) hands each event to one `SiteHooks`. MkDocs loads that file
once per process, so the object starts a fresh `BuildState` whenever it sees
a new configuration: one state per build, kept across static-i18n's language
passes (which reuse the configuration), and nothing in module globals or in
``config.extra``. The school and the publication come from
`cvo_protocol.adapter.request`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import markdown as python_markdown
from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data as get_markdown_meta

from cvo_protocol.adapter.i18n import LanguagePass, configured_languages, language_pass, set_site_names
from cvo_protocol.adapter.request import current_request
from cvo_protocol.adapter.search_index import INDEX, lunr_languages, split_search_index
from cvo_protocol.build import templatecache
from cvo_protocol.core import addresses, opendata
from cvo_protocol.core.changes import changes_markdown
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.merge import merge_overlay
from cvo_protocol.core.overlay import Overlay, load_overlay
from cvo_protocol.core.permalinks import add_moved_anchors, load_moved_ids
from cvo_protocol.core.languages import Languages
from cvo_protocol.core.project import Project, overlays_dir, site_names
from cvo_protocol.core.release import Publication, Release
from cvo_protocol.core.rules_extract import Rule, extract_rules
from cvo_protocol.pages import csp
from cvo_protocol.pages.alternates import drop_head_alternates
from cvo_protocol.pages.copylinks import add_copy_links
from cvo_protocol.pages.embed import embed_html
from cvo_protocol.pages.outbound_links import mark_outbound_links
from cvo_protocol.pages.poster import MARKER as POSTER_MARKER
from cvo_protocol.pages.poster import poster_addresses, poster_html
from cvo_protocol.pages.printing import pdf_link, print_heading, site_title
from cvo_protocol.pages.theme import DATE_FORMAT_NAME, theme_date_format, theme_sentence
from cvo_protocol.pages.theme import GLOBAL_NAME as THEME_SENTENCE

# Where the 'what changed' page wants its text (docs/changes*.md).
CHANGES_SLOT = "<!-- cvo:changes -->"


@dataclass
class BuildState:
    """What one build (all its language passes) keeps between events."""

    config: MkDocsConfig
    languages: Languages
    overlay: Overlay | None
    publication: Publication | None
    moved_ids: dict[str, str]
    # The protocol page's rules as rendered, per language.
    rules: dict[str, list[Rule]] = field(default_factory=dict)
    # The default language's 404 page, kept while the other languages build.
    default_404: bytes | None = None

    @property
    def site(self) -> str:
        return self.overlay.slug if self.overlay else addresses.CVO_WIDE

    @property
    def release(self) -> Release | None:
        return self.publication.release if self.publication else None

    @property
    def version_url(self) -> str | None:
        """The address of this site's published version; None on a local build."""
        publication = self.publication
        if publication is None:
            return None
        return addresses.site_url(publication.base_url, self.site, publication.release.version)


@dataclass(frozen=True)
class OfficialText:
    """On a page in a language other than the default: where the same page of the official text is."""

    language: str  # the default language: its text is the official one
    folder: str  # this language's folder (``en/``), which the same page's address drops
    version_url: str | None  # the published version's absolute address; None on a local build

    def page_url(self, page_url: str, base_url: str) -> str:
        """The same page (school, version, page) in the official text.

        Absolute on a published build, so that the PDF links the web page
        rather than a file of the printing machine; relative on a local build.
        """
        path = page_url.removeprefix(self.folder)
        return f"{self.version_url}{path}" if self.version_url else f"{base_url}/{path}"


@dataclass(frozen=True)
class TemplateData:
    """What ``theme/`` reads as ``cvo``: set per language pass in ``on_env``."""

    release: dict[str, object] | None
    search_index_prefix: str
    # Whose rules these are, in this pass's language: the school's name, or CVO's.
    school: str
    # The language the name is written in, and its direction: another than the
    # page's when the school did not write its name in the page's language.
    school_language: str
    school_direction: str
    # Set when this pass's language is not the default: the page is a translation.
    official: OfficialText | None

    @property
    def language_folder(self) -> str:
        """The page's language folder inside a version (``""``, ``"en/"``): the same as the search index's."""
        return self.search_index_prefix


class SiteHooks:
    """The site's MkDocs events; see the module docstring."""

    def __init__(self) -> None:
        self._state: BuildState | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Start a build (or a language pass of it): the school's overlay, names and address."""
        state = self._state
        if state is None or state.config is not config:
            state = self._state = _start_build(config)
        if state.publication is not None:
            # mike's own plugin would set site_url to site_url + version, losing the
            # school's deploy prefix and the trailing slash; we set the full address.
            config.site_url = state.version_url
            config.extra["version"] = {"provider": "mike", "default": addresses.LATEST}
        config.extra["alternate"] = state.languages.language_switch()  # Material's own language switch
        names = site_names(state.overlay, state.languages)
        set_site_names(config, names)
        config.site_name = names[config.theme.get("language") or state.languages.default]
        return config

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give the templates the site's name escaped, and what ``theme/`` shows (``cvo``).

        Material writes ``config.site_name`` into attributes, some with ``| e`` and
        some without, and MkDocs' Jinja has no autoescape. As `Markup` the name is
        escaped once for ``{{ }}`` and left alone by ``| e``. Set here, after
        static-i18n's ``on_config`` has chosen the language's name: static-i18n
        only overrides a ``site_name`` whose type is exactly ``str``, and
        ``on_config`` puts the plain names back for the next language pass.
        """
        state = self._current(config)
        config.site_name = escape(str(config.site_name))
        publication = state.publication
        release = publication.template_data(state.languages.all) if publication else None
        current = language_pass(config)
        school = site_title(current.language, state.overlay.name[current.language] if state.overlay else None)
        school_language = state.overlay.name_language[current.language] if state.overlay else current.language
        official = None
        if current.language != current.default:
            official = OfficialText(current.default, current.folder(), state.version_url)
        env.globals["cvo"] = TemplateData(release, current.folder(), school, school_language,
                                          state.languages.direction(school_language), official)
        env.globals[THEME_SENTENCE] = theme_sentence  # the theme's sentences, from the catalog
        env.globals[DATE_FORMAT_NAME] = theme_date_format  # how cvo.js writes a date, from the catalog
        templatecache.install(env)  # compiled templates shared during a `build --all` or `serve` run
        return env

    @event_priority(-110)  # after static-i18n's on_files (-100) has chosen this language pass's pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The protocol page first, so that 'what changed' finds its rules read back and need not render it again.

        MkDocs converts the pages' Markdown in the order of ``files`` (the
        navigation is set in mkdocs.yml, so the order shows nowhere else);
        alphabetically ``changes`` comes before ``index``.
        """
        for file in [page for page in files.documentation_pages() if not _is_protocol_page(page)]:
            files.remove(file)
            files.append(file)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Merge the school's overlay into the protocol page, in the page's language."""
        state = self._current(config)
        language = _page_language(page, config)
        if CHANGES_SLOT in markdown:
            markdown = markdown.replace(CHANGES_SLOT, self._changes(state, language, config, files))
        try:
            return merge_overlay(markdown, state.overlay, language)
        except ProtocolError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Links, kept ids and the rules read back; then copy links, poster, print heading and PDF link."""
        state = self._current(config)
        language = _page_language(page, config)
        html = mark_outbound_links(html)
        if state.moved_ids:
            html = add_moved_anchors(html, state.moved_ids)
        if 'id="regel-1"' in html:
            state.rules[language] = extract_rules(html)
        return _reader_pieces(html, state, page, language)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every page carries a Content-Security-Policy; language alternates live in sitemap.xml."""
        return _with_policy(output, page.file.src_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html) are treated like every page."""
        return _with_policy(output_content, template_name) if template_name.endswith(".html") else output_content

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        """Rebuild on save of the school's overlay files and of our theme overrides too."""
        state = self._current(config)
        if state.overlay is not None:
            server.watch(str(state.overlay.folder))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        return server

    def _write_language_files(self, config: MkDocsConfig) -> None:
        """After each language pass: its ``protocol.json``, and one 404 page per language.

        Every pass of static-i18n writes the theme's ``404.html`` to the site
        root, so the last language would win. The default language's page stays
        at the root; each other language's page moves into its own folder.
        """
        state = self._current(config)
        current = language_pass(config)
        _write_protocol_json(state, current, Path(config.site_dir))
        page = Path(config.site_dir) / "404.html"
        if not page.is_file():
            return
        if current.language == current.default:
            state.default_404 = page.read_bytes()
        elif state.default_404 is not None:
            target = Path(config.site_dir) / current.folder() / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.replace(target)
            page.write_bytes(state.default_404)

    @event_priority(-110)  # after static-i18n's on_post_build (-100) has written the combined index
    def _split_search_index(self, config: MkDocsConfig) -> None:
        """Once every language pass is done: one search index per language (see `search_index`)."""
        current = language_pass(config)
        combined = Path(config.site_dir) / INDEX
        if current.nested_build_running or not combined.is_file():
            return
        indexes = split_search_index(json.loads(combined.read_text(encoding="utf-8")), current.default,
                                     list(current.languages[1:]), lunr_languages(Path(config.site_dir)))
        for language, index in indexes.items():
            target = Path(config.site_dir) / current.folder(language) / INDEX
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    on_post_build = CombinedEvent(_write_language_files, _split_search_index)

    def _current(self, config: MkDocsConfig) -> BuildState:
        if self._state is None or self._state.config is not config:
            raise PluginError("the CVO hooks got an event of a build whose on_config they did not see")
        return self._state

    def _changes(self, state: BuildState, language: str, config: MkDocsConfig, files: Files) -> str:
        """The 'what changed' text: this version against the previous published one, judged on the official text.

        The default language's pass runs first (static-i18n), so its rules are
        known when another language's page is rendered; `on_files` puts this
        language's protocol page first, so its rules are normally read back too.
        """
        default = state.languages.default
        for needed in dict.fromkeys((default, language)):
            if needed not in state.rules:
                state.rules[needed] = _render_protocol_rules(state, needed, config, files)
        previous = state.publication.previous_protocols(state.site) if state.publication else None
        return changes_markdown(language, default, state.release, previous, state.rules)


def _start_build(config: MkDocsConfig) -> BuildState:
    """A new build: the requested school's overlay and the project's moved ids, validated once."""
    request = current_request()
    try:
        # Every language of mkdocs.yml with all it needs, or one message that names all that is missing.
        languages = Project(Path(config.config_file_path).parent).check_languages()
        default, configured = configured_languages(config)
        if (default, set(configured)) != (languages.default, set(languages.all)):
            raise ProtocolError(
                f"the i18n plugin builds {', '.join(configured)} but mkdocs.yml lists {', '.join(languages.all)}",
                file=config.config_file_path,
                fix="list each language once under plugins: - i18n: languages:",
            )
        overlay = load_overlay(overlays_dir(config.config_file_path), request.school) if request.school else None
        moved_ids = load_moved_ids(Path(config.config_file_path).parent)
    except ProtocolError as error:
        raise PluginError(str(error)) from None
    return BuildState(config=config, languages=languages, overlay=overlay, publication=request.publication,
                      moved_ids=moved_ids)


def _reader_pieces(html: str, state: BuildState, page: Page, language: str) -> str:
    """Copy links and the poster; on a published build also the printed heading and the PDF link."""
    school = site_title(language, state.overlay.name[language] if state.overlay else None)
    publication = state.publication
    latest = addresses.latest_url(publication.base_url, state.site) if publication else None
    html = add_copy_links(html, language, f"{latest}{page.url}" if latest else "")
    is_poster = POSTER_MARKER in html
    if is_poster:
        has_rules = state.overlay is not None and state.overlay.rules is not None
        codes = poster_addresses(latest, state.languages) if latest else None
        poster = poster_html(school, codes, has_school_rules=has_rules, language=language, languages=state.languages)
        if codes is not None:  # the snippet, like the QR codes, needs the permanent address
            poster += "\n" + embed_html(codes, language, state.languages)
        html = html.replace(POSTER_MARKER, poster)
    if publication is None:
        return html  # the page stays exactly the CVO-wide text outside the school's blocks
    release = publication.release
    pdf = get_relative_url(addresses.pdf_name(state.site, release.version, language), page.url or ".")
    heading = print_heading(language, school, release.template_data(state.languages.all), f"{latest}{page.url}")
    top = "" if is_poster else heading
    return top + pdf_link(language, pdf) + html


def _render_protocol_rules(state: BuildState, language: str, config: MkDocsConfig, files: Files) -> list[Rule]:
    """The protocol page's rules, rendered from its source when they were not read back yet.

    A safety net: `SiteHooks.on_files` has the protocol page converted before
    'what changed', so this runs only when that pass did not convert it (a
    ``--dirty`` build, say).
    """
    for file in files.documentation_pages():
        if getattr(file, "locale", language) == language and _is_protocol_page(file) and file.abs_src_path:
            source, _ = get_markdown_meta(Path(file.abs_src_path).read_text(encoding="utf-8-sig"))
            html = python_markdown.markdown(
                merge_overlay(source, state.overlay, language),
                extensions=config.markdown_extensions,
                extension_configs=config.mdx_configs,
            )
            return extract_rules(html)
    raise PluginError(f"no protocol page (index) in language '{language}'")


def _is_protocol_page(file: File) -> bool:
    """``index.md``, ``index.en.md``, …: the protocol page of a language."""
    return file.src_uri.split(".")[0] == "index"


def _write_protocol_json(state: BuildState, current: LanguagePass, site_dir: Path) -> None:
    """Open data beside the protocol page of this language: ``protocol.json``; its schema at the site's root."""
    if current.language not in state.rules:
        return
    if current.language == current.default:
        root = Path(state.config.config_file_path).parent
        try:
            schema_text = opendata.site_schema(root, state.version_url)
        except ProtocolError as error:
            raise PluginError(str(error)) from None
        (site_dir / opendata.SCHEMA_FILE).write_text(schema_text, encoding="utf-8")
    schema = opendata.schema_address(state.version_url, current.folder())
    document = opendata.protocol_document(state.rules[current.language], current.language, state.release,
                                          state.overlay, schema)
    (site_dir / current.folder() / addresses.PROTOCOL_JSON).write_text(opendata.dumps(document), encoding="utf-8")


def _page_language(page: Page, config: MkDocsConfig) -> str:
    """static-i18n gives each page its language as ``page.file.locale``."""
    return getattr(page.file, "locale", None) or config.theme["language"]


def _with_policy(html: str, name: str) -> str:
    try:
        return csp.add_policy(drop_head_alternates(html))
    except ValueError as error:
        raise PluginError(f"{name}: no Content-Security-Policy can be placed: {error}") from None
