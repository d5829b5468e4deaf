"""Golden table for permalinks: ids read, moved ids kept as anchors, lost ids found, the map file checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.permalinks import add_moved_anchors, dropped_ids, load_moved_ids, page_ids, site_ids

MAP_FIX = "write one 'old-id: new-id' per line, e.g. 'regel-7a: regel-7-1'"
PAGE = '<h2 id="a">A</h2><li id=\'regel-7-1\'>x</li><p class="x" id="regel-8">y</p>'


def anchor(old: str) -> str:
    return f'<span id="{old}" class="cvo-moved-anchor"></span>'


@pytest.mark.parametrize(("html", "ids"), [
    (PAGE, {"a", "regel-7-1", "regel-8"}),
    ("", set()),
    ('<p data-id="no">x</p><p id="x" id="y">', {"x", "y"}),
])
def test_page_ids(html: str, ids: set[str]) -> None:
    assert page_ids(html) == ids


@pytest.mark.parametrize(("moved", "expected"), [
    ({}, PAGE),
    # The old id lands right before the element that now has the new id.
    ({"regel-7a": "regel-7-1"}, f'<h2 id="a">A</h2>{anchor("regel-7a")}<li id=\'regel-7-1\'>x</li>'
                                '<p class="x" id="regel-8">y</p>'),
    ({"regel-8a": "regel-8", "regel-8b": "regel-8"},
     f'<h2 id="a">A</h2><li id=\'regel-7-1\'>x</li>{anchor("regel-8a")}{anchor("regel-8b")}'
     '<p class="x" id="regel-8">y</p>'),
    ({"a": "regel-8"}, PAGE),  # the page still has the old id: nothing to keep
    ({"gone": "nowhere"}, PAGE),  # the new id is not on this page
])
def test_moved_ids_are_kept_as_anchors(moved: dict[str, str], expected: str) -> None:
    assert add_moved_anchors(PAGE, moved) == expected
    assert add_moved_anchors(expected, moved) == expected, "adding twice changes nothing"


@pytest.mark.parametrize(("previous", "current", "lost"), [
    ({"index.html": {"a", "b"}}, {"index.html": {"a", "b", "c"}}, []),
    ({"index.html": {"a", "b", "c"}, "about/index.html": {"x"}, "en/index.html": {"z"}},
     {"index.html": {"a"}, "en/index.html": {"z"}},
     ["about/index.html#x", "index.html#b", "index.html#c"]),
    ({}, {"index.html": {"a"}}, []),
])
def test_dropped_ids(previous: dict[str, set[str]], current: dict[str, set[str]], lost: list[str]) -> None:
    assert dropped_ids(previous, current) == lost


def test_site_ids_read_every_page_but_the_404s(tmp_path: Path) -> None:
    for relative, html in {"index.html": '<p id="a">', "en/about/index.html": '<p id="b">',
                           "404.html": '<p id="c">', "en/404.html": '<p id="d">', "feed.xml": '<p id="e">'}.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(html, encoding="utf-8")
    assert site_ids(tmp_path) == {"index.html": {"a"}, "en/about/index.html": {"b"}}


@pytest.mark.parametrize(("text", "expected"), [
    ("regel-7a: regel-7-1\nregel-7b: regel-7-2\n", {"regel-7a": "regel-7-1", "regel-7b": "regel-7-2"}),
    ("", {}),
    ("# nothing moved yet\n", {}),
    ("Regel_7: regel-7\n", {"Regel_7": "regel-7"}),
])
def test_the_map_of_moved_ids(tmp_path: Path, text: str, expected: dict[str, str]) -> None:
    (tmp_path / "permalinks.yml").write_text(text, encoding="utf-8")
    assert load_moved_ids(tmp_path) == expected


def test_no_map_file_means_nothing_moved(tmp_path: Path) -> None:
    assert load_moved_ids(tmp_path) == {}


@pytest.mark.parametrize(("text", "problem", "line", "fix"), [
    ("a: [b\n", "YAML syntax error", 2, "write one 'old-id: new-id' per line"),
    ("- a\n- b\n", "must map old ids to new ids", None, MAP_FIX),
    ("regel-7a: 7\n", "must map old ids to new ids", None, MAP_FIX),
    ("7a: regel-7\n", "must map old ids to new ids", None, MAP_FIX),
    ("a b: c\n", "must map old ids to new ids", None, MAP_FIX),
    ("a: 'c\"'\n", "must map old ids to new ids", None, MAP_FIX),
    ("a:\n  b: c\n", "must map old ids to new ids", None, MAP_FIX),
])
def test_a_wrong_map_is_refused(tmp_path: Path, text: str, problem: str, line: int | None, fix: str) -> None:
    path = tmp_path / "permalinks.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProtocolError) as raised:
        load_moved_ids(tmp_path)
    error = raised.value
    assert (error.problem, error.line, error.fix) == (problem, line, fix)
    assert Path(error.file).resolve() == path.resolve()
