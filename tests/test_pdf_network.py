"""The PDF browser fails fast, naming the page, when a page never finishes loading.

Everything here runs on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import missing

from cvo_protocol import pdf
from cvo_protocol.errors import ProtocolError
from cvo_protocol.pdf import find_chromium, write_pdfs

SITE = "school"


@pytest.fixture(scope="module")
def printer() -> str:
    """The Chromium that prints the PDFs: skipped locally, a failure in CI, when there is none."""
    try:
        return find_chromium()
    except ProtocolError:
        missing("Chromium", "apt-get install chromium, or set CVO_CHROMIUM")


def make_site(root: Path, nl: str, en: str) -> Path:
    """A sites folder with one site whose Dutch and English pages have the bodies ``nl`` and ``en``."""
    for prefix, body in (("", nl), ("en/", en)):
        page = root / SITE / prefix / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!doctype html>\n<html><head><title>Protocol</title></head>\n{body}\n</html>\n")
    return root


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
            write_pdfs(sites, [SITE], "2025.03", chromium=printer)
        assert time.monotonic() - started < 30  # not the 60 s a hung browser is given
    assert not list(sites.rglob("*.pdf"))
