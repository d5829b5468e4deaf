"""The PDF browser loads only the pages being printed: nothing from elsewhere, and a stuck page fails fast.

Everything here runs on 127.0.0.1: "elsewhere" is a second local server, on
another port, that records every connection it gets.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import missing
from cvo_protocol.core.addresses import pdf_name
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.publishing import pdf
from cvo_protocol.publishing.pdf import Browser, RequestsBlocked, find_chromium, write_pdfs
from support import serve_folder

SITE = "school"
# A 1×1 transparent GIF: a data: URL never reaches the network, so it may load.
DOT = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


@pytest.fixture(scope="module")
def printer() -> str:
    """The Chromium that prints the PDFs: skipped locally, a failure in CI, when there is none."""
    try:
        return find_chromium()
    except ProtocolError:
        missing("Chromium", "apt-get install chromium, or set CVO_CHROMIUM")


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers anything with an empty 200 and notes every connection, even one that sends nothing."""

    def handle(self) -> None:
        self.server.connections.append(self.client_address)
        super().handle()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_POST = do_OPTIONS = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def elsewhere() -> Iterator[tuple[str, list]]:
    """Another origin on 127.0.0.1 (another ephemeral port): its base URL and the connections it got."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.connections = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", server.connections
    server.shutdown()
    server.server_close()


def make_site(root: Path, nl: str, en: str) -> Path:
    """A sites folder with one site whose Dutch and English pages have the bodies ``nl`` and ``en``."""
    for prefix, body in (("", nl), ("en/", en)):
        page = root / SITE / prefix / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!doctype html>\n<html><head><title>Protocol</title></head>\n{body}\n</html>\n")
    return root


def test_a_page_that_refers_elsewhere_stops_the_pdfs_and_elsewhere_gets_nothing(
    tmp_path: Path, printer: str, elsewhere: tuple[str, list]
) -> None:
    other, connections = elsewhere
    hostile = (
        f'<link rel="stylesheet" href="{other}style.css"><script src="{other}script.js"></script>'
        f'<body><p style="background:url({other}background.png)">Regels</p><img src="{other}pixel.png" alt=""></body>'
    )
    sites = make_site(tmp_path, "<body><p>Regels</p></body>", hostile)
    with pytest.raises(ProtocolError) as caught:
        write_pdfs(sites, [SITE], "2025.03", ("nl", "en"), chromium=printer)
    message = str(caught.value)
    assert f"printing the PDF of {SITE}/en/ tried to load {other}" in message
    assert "loads only the site's own pages" in message and "nothing was published" in message
    assert connections == []
    assert not list(sites.rglob("*.pdf"))


def test_a_page_of_its_own_origin_and_data_urls_prints(tmp_path: Path, printer: str) -> None:
    body = (
        f'<link rel="stylesheet" href="/{SITE}/style.css"><body><p style="background:url({DOT})">Regels</p>'
        f'<img src="{DOT}" alt=""><img src="/{SITE}/dot.gif" alt=""></body>'
    )
    sites = make_site(tmp_path, body, body)
    (sites / SITE / "style.css").write_text(f"body {{ background: url({DOT}) }}")
    (sites / SITE / "dot.gif").write_bytes(b"GIF89a")
    written = write_pdfs(sites, [SITE], "2025.03", ("nl", "en"), chromium=printer)
    assert [path.name for path in written] == [pdf_name(SITE, "2025.03", language) for language in ("nl", "en")]
    assert all(path.read_bytes().startswith(b"%PDF-") for path in written)


@contextlib.contextmanager
def never_ready(fifo: Path) -> Iterator[None]:
    """A file the local server opens and then waits on: a named pipe no one writes to, until the end."""
    os.mkfifo(fifo)
    try:
        yield
    finally:
        # Open and close the writing end: the server's waiting open() returns, and its thread ends.
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def test_a_page_that_never_finishes_loading_fails_fast_naming_the_page(
    tmp_path: Path, printer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first page is the stuck one: a slow machine cannot make another page time out first.
    stuck = '<link rel="stylesheet" href="stuck.css"><body>Regels</body>'
    sites = make_site(tmp_path, stuck, "<body><p>Rules</p></body>")
    monkeypatch.setattr(pdf, "PAGE_TIMEOUT", 2.0)
    expected = f"printing the PDF of {SITE}/ stopped: the page was still loading after 2 s"
    with never_ready(sites / SITE / "stuck.css"):
        started = time.monotonic()
        with pytest.raises(ProtocolError, match=expected):
            write_pdfs(sites, [SITE], "2025.03", ("nl", "en"), chromium=printer)
        assert time.monotonic() - started < 30  # not the 60 s a hung browser is given
    assert not list(sites.rglob("*.pdf"))


def test_behind_the_request_filter_no_name_but_127_0_0_1_resolves(
    tmp_path: Path, printer: str, elsewhere: tuple[str, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second fence: with the filter letting everything through, localhost still does not resolve."""
    other, connections = elsewhere
    by_name = other.replace("127.0.0.1", "localhost")
    sites = make_site(tmp_path, f'<body><img src="{by_name}pixel.png" alt=""></body>', "<body>Rules</body>")
    monkeypatch.setattr(pdf, "_may_load", lambda url, origin: True)
    write_pdfs(sites, [SITE], "2025.03", ("nl", "en"), chromium=printer)
    assert connections == []


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:8000/school/en/", True),
        (DOT, True),
        ("http://127.0.0.1:8001/school/en/", False),  # another port is another origin
        ("https://127.0.0.1:8000/", False),
        ("http://localhost:8000/", False),
        ("http://127.0.0.1:8000@example.invalid/", False),
        ("ws://127.0.0.1:8000/", False),
        ("file:///etc/passwd", False),
        ("about:blank", False),
    ],
)
def test_a_page_may_load_only_its_own_origin_and_data_urls(url: str, allowed: bool) -> None:
    assert pdf._may_load(url, "http://127.0.0.1:8000") is allowed
