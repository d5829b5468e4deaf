"""Work that many MkDocs builds in one process can share, for the length of one run.

`shared_build_work()` patches three MkDocs functions and our `load_overlay`
while it is active and restores them afterwards, so nothing outlives the run
and no cache can be stale on the next one (an edited file in ``docs/``,
``overlays/``, ``theme/`` or ``mkdocs.yml`` is read anew). Compiled templates
are kept without a patch, through MkDocs' ``on_env`` (see `templatecache`).

- The list of the theme's static files (Material ships ~15,000 files, mostly
  icons, that MkDocs lists and pattern-matches on every build and every
  language pass), and the installed packages' entry points.
- Loaded overlays, keyed by the name, size and modification time of every
  file in the overlay's folder: an overlay is read once per run, not once per
  check and per language pass.
- Copies of static files: each source file is copied once into a pool, and the
  sites get hard links to that copy, so identical assets are stored once on disk.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import mkdocs.plugins
import mkdocs.utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from cvo_protocol.core import overlay
from cvo_protocol.core.overlay import Overlay


class ThemeFiles:
    """What ``env.list_templates(filter_func=…)`` returns for MkDocs, each folder walked once per run.

    Material's folder holds ~15,000 files (icons) that MkDocs walks and
    pattern-matches on every build and language pass. MkDocs' filter depends
    only on the theme's static templates and the Markdown file extensions, so
    its answer per file name is kept under those.
    """

    def __init__(self) -> None:
        self._walked: dict[tuple[str, bool], list[str]] = {}
        self._kept: dict[tuple[Any, ...], dict[str, bool]] = {}

    def listed(self, loader: jinja2.FileSystemLoader, config: MkDocsConfig,
               filter_func: Callable[[str], bool]) -> list[str]:
        names: set[str] = set()
        for folder in loader.searchpath:
            key = (folder, loader.followlinks)
            if key not in self._walked:
                # The same walk as the loader's own list_templates, one folder at a time.
                self._walked[key] = jinja2.FileSystemLoader(folder, followlinks=loader.followlinks).list_templates()
            names.update(self._walked[key])
        kept = self._kept.setdefault(
            (tuple(sorted(config.theme.static_templates)), tuple(mkdocs.utils.markdown_extensions)), {}
        )
        listed = []
        for name in sorted(names):
            if name not in kept:
                kept[name] = bool(filter_func(name))
            if kept[name]:
                listed.append(name)
        return listed


class LinkedCopies:
    """Copies each source file once into ``pool``; the copies in the sites are hard links to it.

    The pool lives beside the sites (same file system) and is deleted after the
    run; the links keep the data. With ``frozen`` set (in worker processes,
    which cannot tell each other about new pool files) a source not pooled yet
    is copied plainly.
    """

    def __init__(self, pool: Path) -> None:
        self.pool = pool
        self.pooled: dict[tuple[str, int, int], Path] = {}
        self.frozen = False
        self.folders: set[str] = set()

    def copy_file(self, source_path: str, output_path: str) -> None:
        """Drop-in for `mkdocs.utils.copy_file` (same handling of a folder as output)."""
        folder = os.path.dirname(output_path)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        if os.path.isdir(output_path):
            output_path = os.path.join(output_path, os.path.basename(source_path))
        # Never write through an existing path: it may be a link shared with other sites.
        if os.path.lexists(output_path):
            os.unlink(output_path)
        status = os.stat(source_path)
        key = (source_path, status.st_size, status.st_mtime_ns)
        pooled = self.pooled.get(key)
        if pooled is None and not self.frozen:
            pooled = self.pool / f"{len(self.pooled)}-{os.path.basename(source_path)}"
            _ORIGINAL_COPY_FILE(source_path, str(pooled))
            self.pooled[key] = pooled
        if pooled is not None:
            try:
                os.link(pooled, output_path)
                return
            except OSError:  # e.g. a file system without hard links
                pass
        _ORIGINAL_COPY_FILE(source_path, output_path)

    def check_unchanged(self) -> None:
        """Fail if a pooled copy no longer equals its source (something wrote through a link)."""
        for (source, _, _), pooled in self.pooled.items():
            if not filecmp.cmp(source, pooled, shallow=False):
                raise RuntimeError(f"the shared copy of {source} was changed during the build")


class OverlayMemo:
    """`load_overlay` that reads an unchanged overlay folder only once."""

    def __init__(self, load: Callable[[Path, str], Overlay]) -> None:
        self._load = load
        self._loaded: dict[tuple[str, str, tuple[Any, ...]], Overlay] = {}

    def load_overlay(self, overlays_dir: Path, slug: str) -> Overlay:
        try:
            with os.scandir(overlays_dir / slug) as entries:
                files = tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries))
        except OSError:  # no such folder: let load_overlay report it
            return self._load(overlays_dir, slug)
        key = (str(overlays_dir), slug, files)
        if key not in self._loaded:
            self._loaded[key] = self._load(overlays_dir, slug)
        return self._loaded[key]


_ORIGINAL_COPY_FILE = mkdocs.utils.copy_file
_ORIGINAL_ENTRY_POINTS = mkdocs.plugins.entry_points
_ORIGINAL_ADD_THEME_FILES = Files.add_files_from_theme
_ORIGINAL_LOAD_OVERLAY = overlay.load_overlay


@contextlib.contextmanager
def shared_build_work(pool: Path) -> Iterator[LinkedCopies]:
    """Share the theme's file list, loaded overlays and file copies (pooled in ``pool``) in this block."""
    theme_files = ThemeFiles()
    installed: dict[tuple[Any, ...], Any] = {}
    copies = LinkedCopies(pool)
    overlays = OverlayMemo(overlay.load_overlay)

    def add_files_from_theme(files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
        # MkDocs lists the theme's files through env.list_templates(filter_func=…);
        # answer that call from the listing shared by the whole run.
        list_templates = env.list_templates

        def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
            if extensions is not None or filter_func is None or not isinstance(env.loader, jinja2.FileSystemLoader):
                return list_templates(extensions, filter_func)
            return theme_files.listed(env.loader, config, filter_func)

        env.list_templates = listed  # type: ignore[method-assign]
        try:
            _ORIGINAL_ADD_THEME_FILES(files, env, config)
        finally:
            del env.list_templates

    def entry_points(**selection: Any) -> Any:
        # The installed packages do not change during a run.
        key = tuple(sorted(selection.items()))
        if key not in installed:
            installed[key] = _ORIGINAL_ENTRY_POINTS(**selection)
        return installed[key]

    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign]
    mkdocs.utils.copy_file = copies.copy_file
    mkdocs.utils.entry_points = mkdocs.plugins.entry_points = entry_points
    # The hook file looks the function up in cvo_protocol.core.overlay each time
    # MkDocs loads it, and sitebuild calls it through the module.
    overlay.load_overlay = overlays.load_overlay
    try:
        yield copies
    finally:
        Files.add_files_from_theme = _ORIGINAL_ADD_THEME_FILES  # type: ignore[method-assign]
        mkdocs.utils.copy_file = _ORIGINAL_COPY_FILE
        mkdocs.utils.entry_points = mkdocs.plugins.entry_points = _ORIGINAL_ENTRY_POINTS
        overlay.load_overlay = _ORIGINAL_LOAD_OVERLAY
