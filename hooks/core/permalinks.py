"""Stable permalinks: the ids a published page had must stay reachable.

Schools link to single rules (``…/latest/#regel-7a``) for years. When a new
version drops an id, ``permalinks.yml`` maps it to its new id; the old id is
then kept as an invisible anchor right before the new one, so old links still
lead the reader to the right place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from cvo_protocol.core.errors import ProtocolError

MAP_FILE = "permalinks.yml"
_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def page_ids(html: str) -> set[str]:
    """Every id in a page's HTML."""
    return set(_ID.findall(html))


def load_moved_ids(project_root: Path) -> dict[str, str]:
    """The ``old id: new id`` map of ``permalinks.yml`` (empty when there is none)."""
    path = project_root / MAP_FILE
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ProtocolError(
            "YAML syntax error", file=path, line=mark.line + 1 if mark else None,
            fix="write one 'old-id: new-id' per line",
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and _NAME.match(k) and _NAME.match(v) for k, v in data.items()
    ):
        raise ProtocolError(
            "must map old ids to new ids", file=path, fix="write one 'old-id: new-id' per line, e.g. 'regel-7a: regel-7-1'"
        )
    return data


def add_moved_anchors(html: str, moved: Mapping[str, str]) -> str:
    """Keep every moved id that this page lost as an anchor right before its new id."""
    present = page_ids(html)
    for old, new in moved.items():
        if old in present or new not in present:
            continue
        element = re.search(rf"""<[a-zA-Z0-9]+\b[^>]*\sid=["']{re.escape(new)}["']""", html)
        if element:
            anchor = f'<span id="{old}" class="cvo-moved-anchor"></span>'
            html = html[: element.start()] + anchor + html[element.start() :]
    return html


def dropped_ids(previous: Mapping[str, set[str]], current: Mapping[str, set[str]]) -> list[str]:
    """``page#id`` for every id of a previous page that the current version lost."""
    lost = []
    for page, ids in sorted(previous.items()):
        missing = ids - current.get(page, set())
        lost += [f"{page}#{anchor}" for anchor in sorted(missing)]
    return lost


def site_ids(site_dir: Path) -> dict[str, set[str]]:
    """The ids of every HTML page of a built site, by path (404 pages left out)."""
    return {
        path.relative_to(site_dir).as_posix(): page_ids(path.read_text(encoding="utf-8"))
        for path in site_dir.rglob("*.html")
        if path.name != "404.html"
    }
