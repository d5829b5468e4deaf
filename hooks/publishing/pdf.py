"""A PDF of the protocol per site, version and language, printed by Chromium at publish time.

The built sites are served on 127.0.0.1 and each protocol page is printed by
one headless Chromium, driven over the DevTools protocol on a pipe (no network
port, no extra package). Chromium applies the site's own print stylesheet, so
the PDF is what a reader gets from "Print" in their browser; scripts are off
while printing, so the PDF depends on the HTML and CSS alone. One tab prints
every page in turn: a new tab per page would cost a renderer process each.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from cvo_protocol.core.errors import ProtocolError

CHROMIUM_ENV = "CVO_CHROMIUM"
# Debian's and Ubuntu's names first, then Google Chrome (preinstalled on GitHub's runners).
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
LANGUAGES = {"nl": "", "en": "en/"}
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--remote-debugging-pipe",
)
TIMEOUT = 60.0
# At the foot of every PDF page: "page / pages" (the first page says whose protocol it is).
FOOTER = (
    '<div style="width:100%;margin:0 16mm;font:8pt sans-serif;color:#333;text-align:right">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def pdf_name(site: str, version: str, language: str) -> str:
    """The PDF's file name at the root of its site: says what it is once downloaded."""
    return f"cvo-protocol-{site}-{version}-{language}.pdf"


def find_chromium() -> str:
    """The browser to print with: ``$CVO_CHROMIUM``, or the first Chromium on ``PATH``."""
    configured = os.environ.get(CHROMIUM_ENV, "").strip()
    found = shutil.which(configured) if configured else next(filter(None, map(shutil.which, CANDIDATES)), None)
    if not found:
        raise ProtocolError(
            f"no Chromium to print the PDFs with ({configured or ', '.join(CANDIDATES)} not found)",
            fix="install it (Debian: apt-get install chromium) or set CVO_CHROMIUM to the browser's path; "
            "nothing was published",
        )
    return found


def write_pdfs(sites_dir: Path, sites: list[str], version: str, *, chromium: str | None = None) -> list[Path]:
    """Print ``<site>/index.html`` and ``<site>/en/index.html`` of every site to PDFs beside them.

    Raises `ProtocolError` when a PDF cannot be made; the caller then deploys nothing.
    """
    browser = chromium or find_chromium()
    jobs = [(f"{site}/{prefix}", sites_dir / site / pdf_name(site, version, language))
            for site in sites for language, prefix in LANGUAGES.items()]
    for page, _ in jobs:
        if not (sites_dir / page / "index.html").is_file():
            raise ProtocolError(f"there is no {page}index.html to print to PDF", fix="nothing was published")
    # The browser starts first: no thread of ours runs while it is forked.
    with Browser(browser) as printer, _serve(sites_dir) as base_url:
        try:
            pdfs = printer.print_to_pdf([base_url + page for page, _ in jobs])
        except (OSError, ValueError, KeyError) as error:
            raise ProtocolError(
                f"printing the PDFs with {browser} failed: {error}",
                fix=f"check that '{browser} --headless' runs, or set {CHROMIUM_ENV} to a working Chromium; "
                "nothing was published",
            ) from None
    for (page, target), data in zip(jobs, pdfs):
        if not data.startswith(b"%PDF-"):
            raise ProtocolError(f"Chromium gave no PDF for {page}", fix="nothing was published")
        target.write_bytes(data)
    return [target for _, target in jobs]


class Browser:
    """One headless Chromium, driven over ``--remote-debugging-pipe`` (fd 3 in, fd 4 out)."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self._next_id = 0

    def __enter__(self) -> Browser:
        self._profile = tempfile.TemporaryDirectory(prefix="cvo-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def pipes_at_3_and_4() -> None:
            read, write = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(read, 3)
            os.dup2(write, 4)

        try:
            self._process = subprocess.Popen(
                [self.executable, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                pass_fds=(3, 4), preexec_fn=pipes_at_3_and_4,
            )
        except OSError as error:
            os.close(self._to_browser)
            os.close(self._from_browser)
            self._profile.cleanup()
            raise ProtocolError(f"cannot start {self.executable}: {error}", fix="nothing was published") from None
        finally:
            os.close(to_browser_read)
            os.close(from_browser_write)
        self._reader = os.fdopen(self._from_browser, "rb")
        self._buffer = b""
        self._backlog: list[dict] = []
        self._timed_out = False
        self._stderr: list[bytes] = []
        threading.Thread(target=lambda: self._stderr.extend(self._process.stderr), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError, ValueError, KeyError):
            self._call("Browser.close")
        with contextlib.suppress(OSError):
            os.close(self._to_browser)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.close()
        self._profile.cleanup()

    def print_to_pdf(self, urls: list[str]) -> list[bytes]:
        """Print ``urls`` one after the other in one tab, each with its own @page size.

        Scripts are off: the printed page depends on HTML and CSS alone, and loads faster.
        """
        tabs = []
        try:
            pdfs = []
            for url in urls:
                if tabs:
                    self._navigate(tabs[0][1], url)
                else:
                    tabs.append(self._open(url, scripts=False))
                self._wait_for_load(tabs[0][1])
                result = self._call("Page.printToPDF", {
                    "printBackground": True, "preferCSSPageSize": True,
                    "displayHeaderFooter": True, "headerTemplate": "<span></span>", "footerTemplate": FOOTER,
                    "generateTaggedPDF": True, "generateDocumentOutline": True,
                }, session=tabs[0][1])
                pdfs.append(base64.b64decode(result["data"]))
            return pdfs
        finally:
            self._close(tabs)

    def evaluate(self, url: str, expression: str, *, permissions: tuple[str, ...] = ()) -> object:
        """Load ``url`` in a focused tab and return the value of a script run in it (promises awaited)."""
        if permissions:
            origin = "/".join(url.split("/")[:3])
            self._call("Browser.grantPermissions", {"permissions": list(permissions), "origin": origin})
        tabs = []
        try:
            tabs = [self._open(url)]
            session = tabs[0][1]
            self._call("Emulation.setFocusEmulationEnabled", {"enabled": True}, session=session)
            self._wait_for_load(session)
            result = self._call("Runtime.evaluate", {
                "expression": expression, "awaitPromise": True, "returnByValue": True, "userGesture": True,
            }, session=session)
            if "exceptionDetails" in result:
                raise ValueError(f"script failed: {result['exceptionDetails'].get('text')}")
            return result["result"].get("value")
        finally:
            self._close(tabs)

    def _open(self, url: str, *, scripts: bool = True) -> tuple[str, str]:
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self._call("Page.enable", session=session)
        if not scripts:
            self._call("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
        self._navigate(session, url)
        return target, session

    def _navigate(self, session: str, url: str) -> None:
        navigation = self._call("Page.navigate", {"url": url}, session=session)
        if navigation.get("errorText"):
            raise OSError(f"{url}: {navigation['errorText']}")

    def _wait_for_load(self, session: str) -> None:
        self._receive(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)

    def _close(self, tabs: list[tuple[str, str]]) -> None:
        for target, _ in tabs:
            with contextlib.suppress(OSError, ValueError):
                self._call("Target.closeTarget", {"targetId": target})

    def _call(self, method: str, params: dict | None = None, *, session: str | None = None) -> dict:
        self._next_id += 1
        call_id = self._next_id
        message = {"id": call_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise OSError(self._stopped_reason()) from None
        reply = self._receive(lambda m: m.get("id") == call_id)
        if "error" in reply:
            raise ValueError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def _receive(self, wanted: Callable[[dict], bool]) -> dict:
        """The first message ``wanted`` accepts; other events wait in the backlog for later."""
        for message in self._backlog:
            if wanted(message):
                self._backlog.remove(message)
                return message
        timer = threading.Timer(TIMEOUT, self._time_out)
        timer.start()
        try:
            while True:
                while b"\0" not in self._buffer:
                    chunk = self._reader.read1(1 << 16)
                    if not chunk:
                        raise OSError(self._stopped_reason())
                    self._buffer += chunk
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return message
                if "method" in message:
                    self._backlog.append(message)
        finally:
            timer.cancel()

    def _time_out(self) -> None:
        self._timed_out = True
        self._process.kill()

    def _stopped_reason(self) -> str:
        if self._timed_out:
            return f"Chromium did not answer within {TIMEOUT:.0f} s"
        detail = b"".join(self._stderr[-3:]).decode(errors="replace").strip()
        return "Chromium stopped" + (f": {detail}" if detail else "")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on an ephemeral port of 127.0.0.1 while the PDFs are printed."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
