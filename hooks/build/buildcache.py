"""What the builds of one `build --all` run share: plain caches that live as long as the run.

`patches` puts them in the place of MkDocs' and Material's own functions for
the run and takes them out afterwards, so no cache can be stale on the next
run (an edited file in ``docs/``, ``overlays/``, ``theme/`` or ``mkdocs.yml``
is read anew).
"""

from __future__ import annotations

import filecmp
import os
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import jinja2

T = TypeVar("T")


class RunMemo:
    """Answers kept by key for the run: for work whose result the key fully determines."""

    def __init__(self) -> None:
        self._answers: dict[Hashable, Any] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key not in self._answers:
            self._answers[key] = compute()
        return self._answers[key]

    def update(self, answers: Iterable[tuple[Hashable, Any]]) -> None:
        """Keep answers found elsewhere (in another process of the run)."""
        self._answers.update(answers)


def theme_listing_key(loader: jinja2.FileSystemLoader, static_templates: Any, markdown_extensions: Any) -> Hashable:
    """What MkDocs' list of a theme's static files depends on (MkDocs 1.6, checked in `patches`).

    The folders listed, and the two settings its file-name filter reads. Jinja
    lists the names found in any folder, sorted, so the folders' order and
    repetitions do not matter (static-i18n adds its folder once more on every
    language pass).
    """
    return (tuple(sorted(set(map(str, loader.searchpath)))), loader.followlinks,
            tuple(sorted(static_templates)), tuple(markdown_extensions))


def overlay_key(overlays_dir: Path, slug: str) -> Hashable | None:
    """The overlay's folder as it is now: every file's name, size and modification time (None: no folder)."""
    try:
        with os.scandir(overlays_dir / slug) as entries:
            files = tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries))
    except OSError:
        return None
    return (str(overlays_dir), slug, files)


class LinkedCopies:
    """Copies each source file once into ``pool``; the copies in the sites are hard links to it.

    The pool lives beside the sites (same file system) and is deleted after the
    run; the links keep the data. With ``frozen`` set (in worker processes,
    which cannot tell each other about new pool files) a source not pooled yet
    is copied plainly.
    """

    def __init__(self, pool: Path, copy: Callable[[str, str], None]) -> None:
        self.pool = pool
        self._copy = copy  # MkDocs' own copy_file
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
            self._copy(source_path, str(pooled))
            self.pooled[key] = pooled
        if pooled is not None:
            try:
                os.link(pooled, output_path)
                return
            except OSError:  # e.g. a file system without hard links
                pass
        self._copy(source_path, output_path)

    def check_unchanged(self) -> None:
        """Fail if a pooled copy no longer equals its source (something wrote through a link)."""
        for (source, _, _), pooled in self.pooled.items():
            if not filecmp.cmp(source, pooled, shallow=False):
                raise RuntimeError(f"the shared copy of {source} was changed during the build")
