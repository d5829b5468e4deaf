"""Build many sites quickly: one warmed-up process, forked into workers, files stored once.

Each site is still built by `sitebuild.build_site` (MkDocs' `load_config` and
`build`, with ``CVO_SCHOOL`` set for the hooks), so its output is the same as
``CVO_SCHOOL=<slug> mkdocs build``. What is saved is the work that does not
depend on the school (see `templatecache` and `patches`): the first site, the
CVO-wide one, is built in this process, which compiles Material's templates
once, while a forked process checks every school's overlay on the other CPU;
the workers are forked afterwards and inherit the compiled code and the
loaded overlays. Files that are the same in every site (Material's assets)
are hard links to one copy.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Hashable, Iterator, Sequence
from pathlib import Path

from cvo_protocol.build import patches
from cvo_protocol.build.buildcache import LinkedCopies, overlay_key
from cvo_protocol.build.hardlinks import link_identical_files
from cvo_protocol.build.sitebuild import build_site, replace_folder
from cvo_protocol.build.templatecache import compiled_templates_kept
from cvo_protocol.core import overlay
from cvo_protocol.core.addresses import CVO_WIDE
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.overlay import Overlay
from cvo_protocol.core.project import Project

# A ProtocolError's parts, sent back from another process (an exception may not pickle).
_ErrorParts = tuple[str, "str | None", "int | None", "str | None"]
# Overlays with the keys of the run's memo (see buildcache.overlay_key).
_Loaded = list[tuple[Hashable, Overlay]]


def build_all(project: Project, site_root: Path) -> list[str]:
    """Check every overlay and build the CVO-wide site and every school's site.

    Each goes to ``site_root/<slug>`` (the CVO-wide site to ``site_root/cvo``);
    ``site_root`` is replaced as a whole, and only when every site built.
    Returns the names built, in order.
    """
    slugs = project.slugs()
    patches.check()  # before anything is written
    site_root = site_root.resolve()
    site_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_root.name}.building-", dir=site_root.parent))
    try:
        build_sites(project, [None, *slugs], staging)
        replace_folder(staging, site_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [CVO_WIDE, *slugs]


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def build_sites(project: Project, slugs: Sequence[str | None], site_root: Path, workers: int | None = None) -> None:
    """Build each site (``None``: the CVO-wide one) into ``site_root/<slug>``, then link identical files.

    Every overlay is checked before any school's site is built. Raises
    `ProtocolError` for the first overlay or site that fails; ``site_root`` is
    then incomplete, so build into a staging folder.
    """
    if not slugs:
        return
    workers = workers or default_workers()
    parallel = workers > 1 and "fork" in multiprocessing.get_all_start_methods()
    patches.check()  # before anything is written
    site_root.mkdir(parents=True, exist_ok=True)
    pool = Path(tempfile.mkdtemp(prefix=f".{site_root.name}.shared-", dir=site_root.parent))
    try:
        with compiled_templates_kept(), patches.applied(pool) as run:
            first, rest = slugs[0], list(slugs[1:])
            schools = [slug for slug in slugs if slug is not None]
            if parallel and first is None:
                # Every overlay is checked before a school's site is built. The
                # CVO-wide site needs none: it is built meanwhile, while a forked
                # process loads the overlays on another CPU for this run's memo.
                with _overlays_loaded_aside(project, schools) as loaded:
                    try:
                        build_site(project, None, site_root / CVO_WIDE)
                    finally:
                        run.overlays.update(loaded())  # an overlay's error comes first
            else:
                for school in schools:  # through the module: the run's memo keeps them
                    overlay.load_overlay(project.overlays, school)
                build_site(project, first, site_root / (first or CVO_WIDE))
            if parallel and len(rest) > 1:
                _build_in_workers(project, rest, site_root, min(workers, len(rest)), run.copies)
            else:
                for slug in rest:
                    build_site(project, slug, site_root / (slug or CVO_WIDE))
            run.copies.check_unchanged()
    finally:
        shutil.rmtree(pool, ignore_errors=True)
    link_identical_files(site_root)


@contextlib.contextmanager
def _overlays_loaded_aside(project: Project, slugs: list[str]) -> Iterator[Callable[[], _Loaded]]:
    """Load the overlays of ``slugs`` in a forked process during this block.

    Yields a function that waits for them and returns them with their memo
    keys, or raises the `ProtocolError` of the first that fails to load.
    """
    with multiprocessing.get_context("fork").Pool(1) as process:
        pending = process.apply_async(_load_overlays, (project, slugs))

        def loaded() -> _Loaded:
            outcome = pending.get()
            if isinstance(outcome, tuple):
                raise _error(outcome)
            return outcome

        yield loaded


def _load_overlays(project: Project, slugs: list[str]) -> _Loaded | _ErrorParts:
    """Load each overlay in turn (in the forked process); stop at the first error, returning its parts."""
    loaded: _Loaded = []
    for slug in slugs:
        key = overlay_key(project.overlays, slug)
        try:
            loaded.append(((key, None), overlay.load_overlay(project.overlays, slug)))
        except ProtocolError as error:
            return _parts(error)
    return loaded


def _build_in_workers(
    project: Project, slugs: list[str | None], site_root: Path, workers: int, copies: LinkedCopies
) -> None:
    # fork, not spawn: the workers must inherit the compiled templates and the
    # shared work of this process (spawn would start cold).
    context = multiprocessing.get_context("fork")
    # Objects that exist now are left out of the workers' garbage collections,
    # which then neither scan them nor copy their memory pages.
    gc.collect()
    gc.freeze()
    try:
        with context.Pool(workers, initializer=_start_worker, initargs=(copies,)) as pool:
            tasks = [(project, slug, site_root) for slug in slugs]
            for error in pool.imap_unordered(_build_one, tasks):
                if error is not None:
                    raise _error(error)
    finally:
        gc.unfreeze()


def _start_worker(copies: LinkedCopies) -> None:
    """In a new worker: copy files not pooled yet plainly (the pool is this process's)."""
    copies.frozen = True


def _build_one(task: tuple[Project, str | None, Path]) -> _ErrorParts | None:
    """Build one site in a worker; return the error's parts."""
    project, slug, site_root = task
    try:
        build_site(project, slug, site_root / (slug or CVO_WIDE))
    except ProtocolError as error:
        return _parts(error)
    return None


def _parts(error: ProtocolError) -> _ErrorParts:
    return error.problem, error.file, error.line, error.fix


def _error(parts: _ErrorParts) -> ProtocolError:
    problem, file, line, fix = parts
    return ProtocolError(problem, file=file, line=line, fix=fix)
