"""The few MkDocs and Material internals that `build --all` replaces for one run, each checked first.

Each replacement does the same work once per run instead of once per site (or
per language pass), from a cache of `buildcache` that lives as long as the
run; the originals are back when the run ends. What each saves: the CPU time
``build --all`` of 26 sites (25 schools and the CVO-wide site) takes more
without it, median of 8 runs on 2 cores, against 3.2 s with all of them
(``benchmarks/build_all.py --each-patch``; see ``benchmarks/README.md``):

- ``theme-files``, `mkdocs.structure.files.Files.add_files_from_theme`: MkDocs
  walks Material's ~15,000 files (mostly icons) and pattern-matches every name,
  on every language pass, to find its ~60 static files; the list is made once
  per run. Saves 3.0 s.
- ``search-translations``, Material's ``SearchPlugin._translate``: Material's
  search plugin makes three Jinja environments per site outside ``on_env``
  (so without the run's compiled templates) to read three translations; they
  are read once per language and run. Saves 0.9 s.
- ``copies``, `mkdocs.utils.copy_file`: each static file is copied once into a
  pool; every site gets a hard link to it instead of a copy that would be read
  and hashed again to be linked afterwards. Saves 0.55 s.
- ``overlays``, our `cvo_protocol.core.overlay.load_overlay`: an overlay is
  read once per run, not once per check, site and language pass. Saves 0.2 s.

Compiled templates are kept without any patch, through MkDocs' ``on_env``
(`templatecache`; that saves 7.0 s). MkDocs' entry points (about 4 ms a site)
and Jinja's template sources were kept too once; neither saved time the
benchmark can tell from its noise, so they are no longer replaced.

`check()` runs before anything is written: each internal must still have the
shape its replacement relies on (it exists, its parameters, the names its code
uses). If one does not, the run stops with one `ProtocolError` that names it
and the installed versions, instead of building with a replacement that no
longer fits.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
import mkdocs.utils

from cvo_protocol.build.buildcache import LinkedCopies, RunMemo, overlay_key, theme_listing_key
from cvo_protocol.core.errors import ProtocolError

Function = Callable[..., Any]


class Run:
    """What the replacements of one run share."""

    def __init__(self, pool: Path) -> None:
        # Made before anything is replaced: this is MkDocs' own copy_file.
        self.copies = LinkedCopies(pool, mkdocs.utils.copy_file)
        self.theme_listings = RunMemo()
        self.translations = RunMemo()
        self.overlays = RunMemo()


def _theme_files(run: Run, original: Function) -> Function:
    def add_files_from_theme(files: Any, env: jinja2.Environment, config: Any) -> None:
        loader = env.loader
        if not isinstance(loader, jinja2.FileSystemLoader):
            return original(files, env, config)
        list_templates = env.list_templates

        # MkDocs finds the theme's files with env.list_templates(filter_func=…);
        # that answer depends only on what theme_listing_key holds (checked below).
        def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
            if extensions is not None or filter_func is None:
                return list_templates(extensions, filter_func)
            key = theme_listing_key(loader, config.theme.static_templates, mkdocs.utils.markdown_extensions)
            return list(run.theme_listings.get(key, lambda: list_templates(filter_func=filter_func)))

        env.list_templates = listed  # type: ignore[method-assign]
        try:
            return original(files, env, config)
        finally:
            del env.list_templates

    return add_files_from_theme


def _copies(run: Run, original: Function) -> Function:
    return run.copies.copy_file


def _search_translations(run: Run, original: Function) -> Function:
    def _translate(plugin: Any, config: Any, value: str) -> Any:
        # partials/language.html, from the theme's folders, in the theme's language.
        key = (tuple(config.theme.dirs), config.theme.get("language"), value)
        return run.translations.get(key, lambda: original(plugin, config, value))

    return _translate


def _overlays(run: Run, original: Function) -> Function:
    def load_overlay(overlays_dir: Path, slug: str, languages: Any = None) -> Any:
        key = overlay_key(overlays_dir, slug)
        if key is None:  # no such folder: let load_overlay say so
            return original(overlays_dir, slug, languages)
        return run.overlays.get((key, languages), lambda: original(overlays_dir, slug, languages))

    return load_overlay


# What MkDocs' file-name filter in add_files_from_theme may read: the theme's
# static templates and the Markdown extensions (the key of the theme listing).
_THEME_FILTER_NAMES = {"fnmatch", "lower", "append", "extend", "utils", "markdown_extensions", "theme",
                       "static_templates"}


def _theme_filter_problem(function: Function) -> str | None:
    filters = [c for c in function.__code__.co_consts if isinstance(c, CodeType) and c.co_name == "filter"]
    if len(filters) != 1:
        return "its file-name filter is no longer one inner function"
    other = set(filters[0].co_names) - _THEME_FILTER_NAMES
    if other or filters[0].co_freevars != ("config",):
        return f"its file-name filter reads more: {', '.join(sorted(other)) or 'other variables'}"
    for problem in (_shape_problem(jinja2.Environment.list_templates, ("self", "extensions", "filter_func")),
                    _shape_problem(jinja2.FileSystemLoader.__init__, ("self", "searchpath", "encoding", "followlinks")),
                    # The names found in any folder as one sorted set: the folders' order and repeats do not count.
                    _shape_problem(jinja2.FileSystemLoader.list_templates, ("self",),
                                   uses=("searchpath", "set", "sorted"))):
        if problem:
            return f"Jinja's template listing changed: {problem}"
    if not hasattr(mkdocs.utils, "markdown_extensions"):
        return "mkdocs.utils.markdown_extensions no longer exists"
    return None


def _file_copy_problem(function: Function) -> str | None:
    # MkDocs' File.copy_file must look copy_file up in mkdocs.utils at each call.
    from mkdocs.structure.files import File

    problem = _shape_problem(File.copy_file, ("self", "dirty"), uses=("utils", "copy_file"))
    return f"mkdocs.structure.files.File.copy_file: {problem}" if problem else None


@dataclass(frozen=True)
class Patch:
    """One internal replaced for the run, and the shape its replacement relies on."""

    name: str  # as ``benchmarks/build_all.py --each-patch`` names it
    module: str
    owner: str  # a class in ``module``, or "" for a function of the module itself
    attribute: str
    parameters: tuple[str, ...]
    replacement: Callable[[Run, Function], Function]
    uses: tuple[str, ...] = ()  # names or constants its code must contain
    further: Callable[[Function], str | None] | None = None

    @property
    def internal(self) -> str:
        return ".".join(part for part in (self.module, self.owner, self.attribute) if part)

    def target(self) -> Any:
        """The module or class that holds the internal (ImportError, AttributeError if gone)."""
        module = importlib.import_module(self.module)
        return getattr(module, self.owner) if self.owner else module

    def problem(self) -> str | None:
        """What no longer fits, or None."""
        try:
            function = getattr(self.target(), self.attribute)
        except (ImportError, AttributeError):
            return "it no longer exists"
        problem = _shape_problem(function, self.parameters, self.uses)
        if problem is None and self.further is not None:
            problem = self.further(function)
        return problem


def _shape_problem(function: Any, parameters: tuple[str, ...], uses: tuple[str, ...] = ()) -> str | None:
    if not callable(function):
        return "it is no longer a function"
    try:
        found = tuple(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return "its parameters cannot be read"
    if found != parameters:
        return f"its parameters are ({', '.join(found)}), not ({', '.join(parameters)})"
    code = getattr(function, "__code__", None)
    if code is None:
        return "its code cannot be read"
    missing = [name for name in uses if name not in code.co_names and name not in code.co_consts]
    if missing:
        return f"its code no longer uses {', '.join(missing)}"
    return None


PATCHES: tuple[Patch, ...] = (
    Patch("theme-files", "mkdocs.structure.files", "Files", "add_files_from_theme", ("self", "env", "config"),
          _theme_files, uses=("list_templates",), further=_theme_filter_problem),
    Patch("copies", "mkdocs.utils", "", "copy_file", ("source_path", "output_path"), _copies,
          further=_file_copy_problem),
    Patch("search-translations", "material.plugins.search.plugin", "SearchPlugin", "_translate",
          ("self", "config", "value"), _search_translations,
          uses=("get_env", "get_template", "partials/language.html")),
    # Our own: the hook file and sitebuild call it through the module.
    Patch("overlays", "cvo_protocol.core.overlay", "", "load_overlay", ("overlays_dir", "slug", "languages"), _overlays),
)


def check() -> None:
    """Raise `ProtocolError` if an internal of `PATCHES` no longer has the expected shape."""
    problems = [f"{patch.internal}: {problem}" for patch in PATCHES if (problem := patch.problem())]
    if problems:
        raise ProtocolError(
            f"build --all does not fit the installed {_versions()}: " + "; ".join(problems),
            fix="install the versions pyproject.toml allows (.venv/bin/pip install -e .), "
            "or build one site at a time with 'cvo-protocol build --school <slug>'",
        )


@contextlib.contextmanager
def applied(pool: Path) -> Iterator[Run]:
    """Replace every internal of `PATCHES` in this block (copies pooled in ``pool``), after `check()`."""
    check()
    run = Run(pool)
    undo: list[Callable[[], None]] = []
    try:
        for patch in PATCHES:
            target = patch.target()
            original = getattr(target, patch.attribute)
            undo.append(_restorer(target, patch.attribute, original))
            setattr(target, patch.attribute, patch.replacement(run, original))
        yield run
    finally:
        for restore in reversed(undo):
            restore()


def _restorer(target: Any, attribute: str, original: Any) -> Callable[[], None]:
    if attribute in vars(target):
        return lambda: setattr(target, attribute, original)
    return lambda: delattr(target, attribute)  # it was inherited: inherit it again


def _versions() -> str:
    found = []
    for name, package in (("MkDocs", "mkdocs"), ("Material", "mkdocs-material"), ("Jinja", "Jinja2")):
        try:
            found.append(f"{name} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{name} (not found)")
    return ", ".join(found)
