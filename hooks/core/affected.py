"""Which sites a change affects: what a pull request's preview builds.

A change to a school's folder affects that school's site; a change to what
every site is built from (the protocol pages, the theme, the code, the
configuration) affects every site; anything else (tests, README, workflows)
none. A school whose folder the change removes has no site left to preview.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cvo_protocol.core.addresses import CVO_WIDE
from cvo_protocol.core.languages import CONFIG_FILE, DOCS_DIR
from cvo_protocol.core.permalinks import MAP_FILE

OVERLAYS = "overlays"
# What every site is built from: a folder (with '/') or a file at the top of the project.
SHARED_INPUTS = (f"{DOCS_DIR}/", "theme/", "hooks/", CONFIG_FILE, MAP_FILE, "pyproject.toml")
# An artifact's name says which schools it holds, until that is too long to read.
MAX_NAME = 120


def affected_sites(changed: Iterable[str], slugs: Sequence[str]) -> list[str]:
    """The sites to build for the ``changed`` paths (relative, with ``/``): every site, some schools or none.

    ``slugs``: the schools of the project after the change. Every site is the
    CVO-wide one first, then each school; schools alone come in the order of ``slugs``.
    """
    schools = set()
    for path in changed:
        if any(path == shared or (shared.endswith("/") and path.startswith(shared)) for shared in SHARED_INPUTS):
            return [CVO_WIDE, *slugs]
        parts = path.split("/")
        if parts[0] == OVERLAYS and len(parts) > 2 and parts[1] in slugs:
            schools.add(parts[1])
    return [slug for slug in slugs if slug in schools]


def preview_name(sites: Sequence[str], slugs: Sequence[str]) -> str:
    """The artifact's name: ``preview-<school>[+<school>…]``, or ``preview-all-sites`` for every site."""
    if CVO_WIDE in sites and set(slugs) <= set(sites):
        return "preview-all-sites"
    name = "preview-" + "+".join(sites)
    return name if len(name) <= MAX_NAME else f"preview-{len(sites)}-schools"
