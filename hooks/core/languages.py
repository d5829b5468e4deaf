"""The site's languages, defined once: the i18n plugin's ``languages:`` in ``mkdocs.yml``.

Read with PyYAML, without MkDocs: the ``locale`` of every entry that is built,
in the file's order, and the one with ``default: true``. Whatever depends on
the languages (an overlay's fields and rule files, the catalog of sentences,
the docs pages, the poster, the portal, the feeds) asks here.

Also what a language can lack (`Gap`) and the one message that lists every
gap at once (`incomplete_error`), so that adding a language to ``mkdocs.yml``
either builds or names everything still to do.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cvo_protocol.core.addresses import language_folder
from cvo_protocol.core.errors import ProtocolError, display_path

CONFIG_FILE = "mkdocs.yml"
DOCS_DIR = "docs"
# A locale names files (index.de.md, regels.de.md, catalog/de.yml) and folders
# (de/): two lowercase letters (ISO 639-1), optionally a region (pt-BR).
LOCALE = re.compile(r"^[a-z]{2}(?:-[A-Z]{2})?$")
_ADD_FIX = (
    "add what is listed (README, 'Languages and sentences'), "
    "or take the language out of the i18n plugin's languages in mkdocs.yml"
)


@dataclass(frozen=True)
class Languages:
    """The languages every site is built in: ``all`` in mkdocs.yml's order, one of them the ``default``."""

    default: str
    all: tuple[str, ...]
    # The name of each language in itself ("Nederlands"), as in mkdocs.yml; same order as `all`.
    names: tuple[str, ...]
    # Each language's writing direction, "ltr" or "rtl" (the entry's ``theme: {direction: …}``,
    # else the theme's ``direction``, else "ltr"); same order as `all`.
    directions: tuple[str, ...] = ()

    @property
    def others(self) -> tuple[str, ...]:
        """Every language but the default, in mkdocs.yml order."""
        return tuple(language for language in self.all if language != self.default)

    def name(self, language: str) -> str:
        """The language's name in that language, for links to it ("English", "Nederlands")."""
        return self.names[self.all.index(language)]

    def direction(self, language: str) -> str:
        """The language's writing direction: ``"rtl"`` (Arabic) or ``"ltr"``."""
        return self.directions[self.all.index(language)] if self.directions else "ltr"

    def text_language(self, language: str, written: Iterable[str]) -> str:
        """The language in which a page in ``language`` shows a school's text written in ``written``.

        Schools write their own rules (and names) in Dutch, the official
        language, and perhaps in English; the protocol itself is translated
        into every language of the site. A page in a language the school did
        not write shows the school's text in the first language of mkdocs.yml's
        order, after the default, that the school did write (English, where
        the school has it), else in the default (Dutch). Why not always Dutch:
        a parent who reads Turkish, Arabic, Polish or Ukrainian reads English
        more often than Dutch, and the school's English passed the same checks
        as its Dutch (same rules, same ids); the page says which language it
        is, and the Dutch stays one click away in the language switch.
        """
        written = set(written)
        if language in written:
            return language
        return next((other for other in self.others if other in written), self.default)

    def folder(self, language: str) -> str:
        """Where a language's pages are in a built site: ``""`` for the default, else ``"<language>/"``."""
        return language_folder(language, self.default)

    def page_file(self, page: str, language: str) -> str:
        """The Markdown source of ``page`` (e.g. ``index``) in ``docs/`` (static-i18n's suffix structure)."""
        return f"{page}.md" if language == self.default else f"{page}.{language}.md"

    def language_switch(self) -> list[dict[str, str]]:
        """Material's language switch (``extra.alternate``), one entry per language.

        Relative links, so that the switch stays inside the school and version
        being read (static-i18n's own links are absolute from ``site_url``).
        """
        return [
            {"name": self.name(language), "link": self.folder(language) or "./", "lang": language}
            for language in self.all
        ]


def read_languages(config_file: Path) -> Languages:
    """The languages of ``mkdocs.yml``, validated; a problem names the file, the field and the fix."""
    config_file = Path(config_file)
    try:
        stat = config_file.stat()
    except OSError:
        raise ProtocolError(
            "is missing: the site's languages are defined in it (the i18n plugin's languages)",
            file=config_file,
            fix="run this in the project folder, the one with mkdocs.yml beside docs/ and overlays/",
        ) from None
    return _read_languages(str(config_file.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _read_languages(path: str, mtime_ns: int, size: int) -> Languages:
    # Keyed by modification time and size: read once per run, and again after an edit.
    config_file = Path(path)
    data = _load_config(config_file)
    i18n = _i18n_config(data, config_file)

    def error(problem: str, fix: str) -> ProtocolError:
        return ProtocolError(f"the i18n plugin's {problem}", file=config_file, fix=fix)

    if i18n.get("docs_structure", "suffix") != "suffix":
        raise error(f"docs_structure is {i18n.get('docs_structure')!r}; this project uses 'suffix'",
                    "set 'docs_structure: suffix' (pages are docs/<page>.md and docs/<page>.<language>.md)")
    entries = i18n.get("languages")
    if not isinstance(entries, list) or not entries:
        raise error("'languages' is missing or not a list",
                    "list each language with 'locale:', 'name:' and, for one of them, 'default: true'")
    found: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    theme = data.get("theme")
    theme_direction = (theme.get("direction") if isinstance(theme, dict) else None) or "ltr"
    default = None
    for number, entry in enumerate(entries, start=1):
        locale = entry.get("locale") if isinstance(entry, dict) else None
        if not isinstance(locale, str) or not LOCALE.match(locale):
            raise error(f"language {number} has the locale {locale!r}, which is not a language code",
                        "write a two-letter ISO 639-1 code such as 'de' (optionally with a region, 'pt-BR')")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise error(f"language '{locale}' has no 'name'", "add 'name:' with the language's name in itself, e.g. 'Deutsch'")
        if locale in seen:
            raise error(f"languages list '{locale}' twice", "keep one entry per language")
        seen.add(locale)
        if entry.get("build", True) is False:
            continue  # static-i18n does not build it: not (yet) a language of the site
        if entry.get("default") is True:
            if default is not None:
                raise error(f"languages '{default}' and '{locale}' are both 'default: true'",
                            "mark only the official language 'default: true'")
            default = locale
        direction = _direction(entry, locale, theme_direction, error)
        found.append((locale, name.strip(), direction))
    if default is None:
        raise error("languages have no built language with 'default: true'",
                    "mark the official language 'default: true'")
    return Languages(default=default, all=tuple(locale for locale, _, _ in found),
                     names=tuple(name for _, name, _ in found), directions=tuple(d for _, _, d in found))


def _direction(entry: dict[str, Any], locale: str, theme_direction: object, error: Any) -> str:
    """A language's direction: its entry's ``theme: {direction: …}`` (static-i18n's per-language theme option)."""
    theme = entry.get("theme") or {}
    if not isinstance(theme, dict):
        raise error(f"language '{locale}' has a 'theme' that is not a mapping",
                    "write it as 'theme: {direction: rtl}' (or leave it out)")
    direction = theme.get("direction", theme_direction)
    if direction not in ("ltr", "rtl"):
        raise error(f"language '{locale}' has the direction {direction!r}",
                    "write 'theme: {direction: rtl}' for a language written right to left, or leave it out")
    return str(direction)



class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader, reading MkDocs' own tags (``!ENV``, ``!relative``, ``!!python/name``) as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _load_config(config_file: Path) -> dict[str, Any]:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except OSError as error:
        raise ProtocolError(f"cannot be read ({error.strerror or error})", file=config_file,
                            fix="check the file's permissions") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ProtocolError(
            f"YAML syntax error: {error.problem or error.context}",
            file=config_file,
            line=mark.line + 1 if mark else None,
            fix="check the indentation and quote values that contain ':' or '#'",
        ) from None
    except yaml.YAMLError as error:
        raise ProtocolError(f"YAML error: {error}", file=config_file, fix="check the file's syntax") from None
    if not isinstance(data, dict):
        raise ProtocolError("is not a mapping of settings", file=config_file, fix="start from the project's mkdocs.yml")
    return data


def _i18n_config(data: dict[str, Any], config_file: Path) -> dict[str, Any]:
    """The i18n plugin's options; MkDocs accepts a list ("- i18n: {…}") or a mapping of plugins."""
    plugins = data.get("plugins")
    if isinstance(plugins, dict):
        options = plugins.get("i18n")
    else:
        found = [item["i18n"] for item in plugins or [] if isinstance(item, dict) and "i18n" in item]
        options = found[0] if found else None
    if not isinstance(options, dict):
        raise ProtocolError(
            "has no i18n plugin with its languages: the site's languages are defined there",
            file=config_file,
            fix="add the plugin 'i18n' with 'docs_structure: suffix' and 'languages:' (see the project's mkdocs.yml)",
        )
    return options


@dataclass(frozen=True)
class Gap:
    """One thing a site language lacks: a whole file, or one field or key (``item``) in a file."""

    file: Path
    item: str | None
    # The message for this gap alone, as any single error: `problem` after the file, then `fix`.
    problem: str
    fix: str


def docs_gaps(docs_dir: Path, languages: Languages) -> list[Gap]:
    """The pages a language lacks: ``docs/<page>.<language>.md`` for every page of the default language."""
    gaps = []
    for page in default_pages(docs_dir, languages):
        source = docs_dir / languages.page_file(page, languages.default)
        for language in languages.others:
            path = docs_dir / languages.page_file(page, language)
            if not path.is_file():
                gaps.append(Gap(
                    path, None,
                    f"is missing: every page in the default language ({display_path(source)}) "
                    f"needs one in each language of mkdocs.yml",
                    f"translate {display_path(source)} into {languages.name(language)} as {path.name}",
                ))
    return gaps


def default_pages(docs_dir: Path, languages: Languages) -> list[str]:
    """The pages of the default language, as paths in ``docs/`` without ``.md`` (``index``, ``about``).

    A page with any language's suffix (``index.de.md``) is that language's,
    also of one not built yet; ``index.nl.md`` is the default's too.
    """
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix().removesuffix(".md")
        stem, _, suffix = page.rpartition(".")
        if stem and suffix == languages.default:
            pages.append(stem)
        elif not stem or not LOCALE.match(suffix):
            pages.append(page)
    return sorted(set(pages))


def incomplete_error(gaps: Sequence[Gap], languages: Languages, config_file: Path) -> ProtocolError:
    """One error for every gap: a gap alone reads like any error, several are listed on one line."""
    if len(gaps) == 1:
        return ProtocolError(gaps[0].problem, file=gaps[0].file, fix=gaps[0].fix)
    listing = ", ".join(
        display_path(file) + (f" ({', '.join(items)})" if items else "")
        for file, items in _by_file(gaps)
    )
    return ProtocolError(
        f"the languages of {display_path(config_file)} ({', '.join(languages.all)}) are not complete; "
        f"missing or wrong: {listing}",
        fix=_ADD_FIX,
    )


def _by_file(gaps: Iterable[Gap]) -> list[tuple[Path, list[str]]]:
    """The gaps grouped by file, files in the order first met; a missing file has no items."""
    grouped: dict[Path, list[str]] = {}
    for gap in gaps:
        items = grouped.setdefault(gap.file, [])
        if gap.item is not None:
            items.append(gap.item)
    return list(grouped.items())
