"""Hostile input in a real browser: no payload runs script or fetches from another host.

Two sites are built and loaded in Chromium:

- the ``matrix-rule-payloads-as-text`` case of ``hostile/``: every payload
  that ``check`` accepts (quotes, event handlers, the CSP's own text, JSON,
  XML and CSS in rule headings and text), as a published build;
- the same school with its name, place, contact and the version title set to
  payloads that validation refuses, with validation switched off: escaping
  where the values enter each output must hold by itself.
"""

from __future__ import annotations

import datetime
import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import PageCase
from conftest import copy_project
from cvo_protocol.adapter.request import publishing
from cvo_protocol.core import overlay
from cvo_protocol.core.release import Publication, Release
from cvo_protocol.core.project import Project
from cvo_protocol.build.sitebuild import build_site
from support import serve
from test_hostile import SLUG, load_case, write_overlay

CASE = Path(__file__).parent / "hostile" / "matrix-rule-payloads-as-text.yml"
PAGES = ["/", "/en/", "/about/", "/en/changes/", "/poster/", "/en/poster/", "/bestaat-niet/"]
# Every element that a page's own markup gives an event handler attribute (none).
HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(e =>
    [...e.attributes].filter(a => a.name.startsWith('on') || a.name === 'autofocus').map(a => e.tagName + ' ' + a.name))"""


class _Tracker(http.server.BaseHTTPRequestHandler):
    """Another origin on 127.0.0.1: it only counts what reaches it."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the handler's API
        type(self).hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def tracker() -> Iterator[str]:
    server, url = serve(_Tracker)
    yield url
    server.shutdown()
    server.server_close()


def _hostile(tracker: str) -> str:
    return (f'Evil" autofocus onfocus="window.cvoPwned=1" style="background:url({tracker}/name.png)" '
            f"x='<script>window.cvoPwned=2</script><img src={tracker}/img.png>")


def _build(tmp: Path, case: dict, monkeypatch: pytest.MonkeyPatch, title: str) -> Path:
    """A published build of the case's school; the release is made directly, so its title is not validated."""
    project = copy_project(tmp / "project")
    write_overlay(project, case)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    release = Release(version="2025.03", title=title, effective=datetime.date(2025, 3, 1))
    site = tmp / "site"
    with publishing(Publication(release, "https://protocol.cvo.example/")):
        build_site(Project(project), SLUG, site)
    return site


@pytest.fixture(scope="module")
def payload_sites(tmp_path_factory: pytest.TempPathFactory, tracker: str) -> dict[str, Path]:
    """``accepted``: the payloads check lets through; ``unchecked``: refused ones with validation off."""
    case = load_case(CASE)
    sites = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        sites["accepted"] = _build(tmp_path_factory.mktemp("accepted"), case, monkeypatch, "Maart 2025")
    hostile = _hostile(tracker)
    school = case["files"]["school.yml"]
    for old in ("javascript:alert(1)", "'''s-Hertogenbosch'", "A. O'Neill"):
        school = school.replace(old, '"' + hostile.replace('"', '\\"') + '"')
    unchecked = {**case, "files": {**case["files"], "school.yml": school}}
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(overlay, "unneeded_character", lambda value: None)
        monkeypatch.setattr(overlay, "MARKUP_CHARACTERS", frozenset())
        title = f"<img src={tracker}/t.png onerror=cvoPwned=3>"
        sites["unchecked"] = _build(tmp_path_factory.mktemp("unchecked"), unchecked, monkeypatch, title)
    assert "Evil" in (sites["unchecked"] / "index.html").read_text(encoding="utf-8"), "the payload did not get in"
    return sites


@pytest.mark.parametrize("which", ["accepted", "unchecked"])
@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_script_or_fetches_elsewhere(open_page, payload_sites, tracker: str, which: str, path: str) -> None:
    _Tracker.hits.clear()
    requests: list[str] = []
    dialogs: list[str] = []
    page = open_page(PageCase(f"{which}{path}", "", path), requests=requests, tree=payload_sites[which])
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.mouse.move(200, 40)  # over the header, where the name is
    page.keyboard.press("Tab")
    page.wait_for_load_state("networkidle")
    own = page.url.split("/")[2]
    assert page.evaluate("() => window.cvoPwned") is None
    assert dialogs == []
    assert page.evaluate(HANDLERS) == []
    assert [url for url in requests if url.split("/")[2] != own and not url.startswith("data:")] == []
    assert _Tracker.hits == []
