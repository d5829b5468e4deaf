"""A PDF of the protocol per site, version and language, printed by Chromium at publish time.

The built sites are served on 127.0.0.1 and each protocol page is printed by
one headless Chromium, driven over the DevTools protocol on a pipe (no network
port, no extra package). Chromium applies the site's own print stylesheet, so
the PDF is what a reader gets from "Print" in their browser; scripts are off
while printing, so the PDF depends on the HTML and CSS alone. One tab prints
every page in turn: a new tab per page would cost a renderer process each.

The printing browser loads only the pages being printed. A school's overlay
is untrusted input: were it to slip in a reference to another address, the
request is failed inside the browser before it leaves, and the publish stops
with an error that names the page and the address. A page that does not load
within PAGE_TIMEOUT stops the publish in seconds, naming the page.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import os
import select
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from cvo_protocol.core.addresses import language_folder, pdf_name
from cvo_protocol.core.errors import ProtocolError

CHROMIUM_ENV = "CVO_CHROMIUM"
# Debian's and Ubuntu's names first, then Google Chrome (preinstalled on GitHub's runners).
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--remote-debugging-pipe",
    # A second fence behind the request filter (Browser._answer): no host name
    # or address but 127.0.0.1 resolves, so not even a DNS look-up or a
    # preconnect leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
# How long Chromium may take to answer one command before it counts as hung.
TIMEOUT = 60.0
# How long one page may take to load. A protocol page loads in about 0.1 s and
# prints in 0.3-0.6 s here; 10 s leaves room for a slow, busy 2-core CI runner
# while a page that waits on something that never answers fails in seconds,
# naming the page, rather than after TIMEOUT as a hung browser.
PAGE_TIMEOUT = 10.0
# At the foot of every PDF page: "page / pages" (the first page says whose protocol it is).
FOOTER = (
    '<div style="width:100%;margin:0 16mm;font:8pt sans-serif;color:#333;text-align:right">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


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


def write_pdfs(
    sites_dir: Path, sites: list[str], version: str, languages: tuple[str, ...], *, chromium: str | None = None
) -> list[Path]:
    """Print the protocol page of every site in every language (the default first) to PDFs beside them.

    Raises `ProtocolError` when a PDF cannot be made; the caller then deploys nothing.
    """
    browser = chromium or find_chromium()
    jobs = [(f"{site}/{language_folder(language, languages[0])}", sites_dir / site / pdf_name(site, version, language))
            for site in sites for language in languages]
    for page, _ in jobs:
        if not (sites_dir / page / "index.html").is_file():
            raise ProtocolError(f"there is no {page}index.html to print to PDF", fix="nothing was published")
    # The browser starts first: no thread of ours runs while it is forked.
    with Browser(browser) as printer, _serve(sites_dir) as base_url:
        try:
            pdfs = printer.print_to_pdf([base_url + page for page, _ in jobs])
        except PageError as error:
            raise _page_failed(error.url.removeprefix(base_url), error) from None
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


def _page_failed(page: str, error: PageError) -> ProtocolError:
    """The error a publish stops with when ``page`` (``<site>/<prefix>``) could not be printed."""
    if isinstance(error, RequestsBlocked):
        return ProtocolError(
            f"printing the PDF of {page} {error.problem}; the PDF browser loads only the site's own pages",
            fix="remove what refers to that address from the school's overlay; nothing was published",
        )
    return ProtocolError(
        f"printing the PDF of {page} stopped: the page {error.problem}",
        fix="try again; if it stops again, look for what on that page does not load; nothing was published",
    )


class PageError(Exception):
    """A page that could not be printed or read; ``url`` says which, ``problem`` what happened."""

    def __init__(self, url: str, problem: str) -> None:
        super().__init__(f"{url} {problem}")
        self.url = url
        self.problem = problem


class RequestsBlocked(PageError):
    """The page asked for something besides its own origin and data: URLs; ``blocked`` lists what."""

    def __init__(self, url: str, blocked: list[str]) -> None:
        self.blocked = list(dict.fromkeys(blocked))
        super().__init__(url, f"tried to load {_listed(self.blocked)}")


class PageStuck(PageError):
    """The page had not finished loading after ``seconds``."""

    def __init__(self, url: str, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(url, f"was still loading after {seconds:g} s")


def _listed(addresses: list[str], shown: int = 3) -> str:
    """``a, b and c``, or the first ``shown`` and how many more: a long list would drown the message."""
    if len(addresses) > shown:
        return f"{', '.join(addresses[:shown])} and {len(addresses) - shown} more"
    if len(addresses) == 1:
        return addresses[0]
    return f"{', '.join(addresses[:-1])} and {addresses[-1]}"


def _origin(url: str) -> str:
    """``scheme://host:port`` of ``url`` (user info, if any, stays in: such a URL matches no page's origin)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _may_load(url: str, origin: str | None) -> bool:
    """Whether a page of ``origin`` may load ``url``: its own origin exactly, or data: (no network at all)."""
    return urlsplit(url).scheme == "data" or (origin is not None and _origin(url) == origin)


class Browser:
    """One headless Chromium, driven over ``--remote-debugging-pipe`` (fd 3 in, fd 4 out).

    A page loads only from its own origin (and data: URLs): every other request
    is failed before it leaves the browser, and the page then raises
    `RequestsBlocked`.
    """

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
        self._buffer = b""
        self._backlog: list[dict] = []
        # The one origin each tab's page may load from, by session, and what was blocked since the last load.
        self._origins: dict[str, str] = {}
        self._blocked: list[str] = []
        self._stderr: list[bytes] = []
        stderr = self._process.stderr
        if stderr is not None:  # always, with stderr=PIPE
            threading.Thread(target=lambda: self._stderr.extend(stderr), daemon=True).start()
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
        os.close(self._from_browser)
        self._profile.cleanup()

    def print_to_pdf(self, urls: list[str]) -> list[bytes]:
        """Print ``urls`` one after the other in one tab, each with its own @page size.

        Scripts are off: the printed page depends on HTML and CSS alone, and loads faster.
        Raises `RequestsBlocked` or `PageStuck` (a `PageError`) for the first page that fails so.
        """
        target, session = self._open(scripts=False)
        try:
            return [self._print(session, url) for url in urls]
        finally:
            self._close(target)

    def _print(self, session: str, url: str) -> bytes:
        try:
            self._load(session, url)
            result = self._call("Page.printToPDF", {
                "printBackground": True, "preferCSSPageSize": True,
                "displayHeaderFooter": True, "headerTemplate": "<span></span>", "footerTemplate": FOOTER,
                "generateTaggedPDF": True, "generateDocumentOutline": True,
            }, session=session)
        except (PageStuck, OSError, ValueError):
            self._raise_if_blocked(url)  # a blocked request is the better explanation of a failed page
            raise
        self._raise_if_blocked(url)
        return base64.b64decode(result["data"])

    def _open(self, *, scripts: bool = True) -> tuple[str, str]:
        """A new blank tab whose every request waits for `_answer`: (target id, session id)."""
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self._call("Page.enable", session=session)
        self._call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, session=session)
        self._call("Network.enable", session=session)  # for `_watch`
        if not scripts:
            self._call("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
        return target, session

    def _load(self, session: str, url: str) -> None:
        """Navigate the tab to ``url`` and wait for its load event; `PageStuck` after PAGE_TIMEOUT."""
        self._origins[session] = _origin(url)
        self._blocked.clear()
        self._backlog.clear()  # events of an earlier page: none may pass for this page's load
        deadline = time.monotonic() + PAGE_TIMEOUT
        call_id = self._send("Page.navigate", {"url": url}, session=session)
        try:
            # Both waits share the deadline: a stuck main document holds up the navigation's reply.
            navigation = self._result("Page.navigate", self._receive(lambda m: m.get("id") == call_id, deadline))
            if navigation.get("errorText"):
                raise OSError(f"{url}: {navigation['errorText']}")
            self._receive(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session,
                          deadline)
        except TimeoutError:
            raise PageStuck(url, PAGE_TIMEOUT) from None

    def _raise_if_blocked(self, url: str) -> None:
        if self._blocked:
            raise RequestsBlocked(url, self._blocked)

    def _close(self, target: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._call("Target.closeTarget", {"targetId": target})

    def _call(self, method: str, params: dict | None = None, *, session: str | None = None) -> dict:
        call_id = self._send(method, params, session=session)
        try:
            reply = self._receive(lambda m: m.get("id") == call_id, time.monotonic() + TIMEOUT)
        except TimeoutError:
            self._process.kill()  # hung: no later command (not even Browser.close) should wait on it again
            raise OSError(f"Chromium did not answer within {TIMEOUT:.0f} s") from None
        return self._result(method, reply)

    @staticmethod
    def _result(method: str, reply: dict) -> dict:
        if "error" in reply:
            raise ValueError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def _send(self, method: str, params: dict | None = None, *, session: str | None = None) -> int:
        """Write one command and return its id; the reply comes in through `_receive`."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise OSError(self._stopped_reason()) from None
        return self._next_id

    def _receive(self, wanted: Callable[[dict], bool], deadline: float) -> dict:
        """The first message ``wanted`` accepts; other events wait in the backlog for later.

        Paused requests are answered on the way, whatever is awaited: the page's
        load, and even the reply to its navigation, wait on them. Raises
        `TimeoutError` at ``deadline`` (a `time.monotonic` value).
        """
        for message in self._backlog:
            if wanted(message):
                self._backlog.remove(message)
                return message
        while True:
            message = self._next_message(deadline)
            if message.get("method") == "Fetch.requestPaused":
                self._answer(message)
            elif message.get("method") == "Network.requestWillBeSent":
                self._watch(message)
            elif wanted(message):
                return message
            elif "method" in message:
                self._backlog.append(message)

    def _next_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise OSError(self._stopped_reason())
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def _answer(self, paused: dict) -> None:
        """Let a paused request go on if its tab's page may load it; otherwise fail it and note its URL.

        The answer's reply is never awaited: nothing waits on it, and an error
        (the tab closed meanwhile) changes nothing.
        """
        session = paused.get("sessionId")
        request_id = paused["params"]["requestId"]
        url = paused["params"]["request"]["url"]
        if _may_load(url, self._origins.get(session or "")):
            self._send("Fetch.continueRequest", {"requestId": request_id}, session=session)
        else:
            self._blocked.append(url)
            self._send("Fetch.failRequest", {"requestId": request_id, "errorReason": "BlockedByClient"},
                       session=session)

    def _watch(self, sent: dict) -> None:
        """Note a request of a page that its origin does not allow, whoever stops it.

        `_answer` fails and notes most; this also names those Chromium refuses
        by itself before the Fetch domain sees them (file: URLs from a web page).
        """
        url = sent["params"]["request"]["url"]
        if not _may_load(url, self._origins.get(sent.get("sessionId") or "")):
            self._blocked.append(url)

    def _stopped_reason(self) -> str:
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
