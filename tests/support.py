"""What the tests and the benchmarks share: a copy of the project, the command, a served folder, Chromium's flags.

One module for both. Under pytest ``tests/`` is on ``sys.path`` (``conftest.py``
and the helper modules import from here); the scripts in ``benchmarks/`` put
``tests/`` on ``sys.path`` themselves. It needs only the standard library and
the installed package, never pytest, so a benchmark runs without the test
extras. Chromium itself is found the one way the package finds it for the
PDFs, ``cvo_protocol.publishing.pdf.find_chromium()`` (``$CVO_CHROMIUM``, else
``chromium``, ``chromium-browser``, ``google-chrome``… on ``PATH``): the
browser tests (``browser.py``) and ``benchmarks/lighthouse.py`` call it.
"""

from __future__ import annotations

import functools
import os
import random
import shutil
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# What a build needs: not site/, not .git, not the tests.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overlays", "hooks", "theme", "schemas")
# A quiet headless Chromium: without the background-networking flags it phones home at start.
# Playwright adds --headless itself; Lighthouse gets it with these.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def copy_project(destination: Path) -> Path:
    """Copy what a build needs (``PROJECT_PARTS``) from this checkout to ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def cli_command() -> list[str]:
    """The installed ``cvo-protocol`` command, as a user runs it (the module when no script is installed)."""
    script = Path(sys.executable).with_name("cvo-protocol")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cvo_protocol.commands.cli"]


def cli_environment(**overrides: str) -> dict[str, str]:
    """This process's environment for a command: MkDocs' 2.0 notice off, no school chosen beforehand."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("CVO_SCHOOL", None)
    return {**environment, **overrides}


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files as a host serves them: a missing path gets the nearest ``404.html``."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        folder = Path(self.translate_path(self.path))
        root = Path(self.directory).resolve()
        for candidate in [folder, *folder.parents]:
            if (candidate / "404.html").is_file() and candidate.resolve().is_relative_to(root):
                return candidate / "404.html"
            if candidate.resolve() == root:
                break
        return None


def serve(handler: Callable[..., BaseHTTPRequestHandler], port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve with ``handler`` on 127.0.0.1 (an ephemeral port unless ``port``), in a daemon thread.

    Returns the server (``shutdown()`` and ``server_close()`` it) and its base URL.
    """
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def serve_folder(
    folder: Path, handler: type[SimpleHTTPRequestHandler] = SiteHandler, port: int = 0
) -> tuple[ThreadingHTTPServer, str]:
    """Serve the files of ``folder`` as the root of a host on 127.0.0.1; see `serve`."""
    return serve(functools.partial(handler, directory=str(folder)), port)


def random_words(seed: int, size: int) -> list[str]:
    """Random lowercase words of 1 to 9 letters, about ``size`` bytes of text with single spaces."""
    rng = random.Random(seed)
    words: list[str] = []
    while size > 0:
        words.append("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 9))))
        size -= len(words[-1]) + 1
    return words


def add_language_entries(config: Path, entries: str) -> None:
    """Append ``entries`` (YAML, indented as mkdocs.yml's) after the last of the i18n plugin's languages."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(number for number, line in enumerate(lines) if line.strip() == "languages:")
    end = start + 1
    while end < len(lines) and (lines[end].startswith("        ") or not lines[end].strip()):
        end += 1
    while not lines[end - 1].strip():  # blank lines after the list stay after the new entries
        end -= 1
    config.write_text("".join(lines[:end]) + entries + "".join(lines[end:]), encoding="utf-8")


def add_languages(project: Path, catalogs: Path, languages: dict[str, tuple[str, str]],
                  *, pages: bool = True, catalog: bool = True) -> None:
    """Add ``languages`` (locale -> name in itself, direction) to the copy of the project at ``project``.

    Test fixtures, never translations: mkdocs.yml gets an entry per language
    after its own (``theme: {direction: rtl}`` where needed, the English
    navigation titles); ``docs/<page>.<locale>.md`` are copies of the English
    pages (``pages``); ``catalogs`` gets the project's catalogs plus a copy of
    ``en.yml`` per language (``catalog``): point
    ``cvo_protocol.core.catalog.CATALOG_DIR`` at it. Overlays are left as they
    are: their school text falls back.
    """
    entries = ""
    for locale, (name, direction) in languages.items():
        entries += (f"        - locale: {locale}\n          name: {name}\n          build: true\n"
                    + (f"          theme:\n            direction: {direction}\n" if direction == "rtl" else "")
                    + "          nav_translations:\n"
                    + "            Over dit protocol: About this protocol\n"
                    + "            Wat is er veranderd: What changed\n"
                    + "            Poster met QR-code: Poster with QR code\n")
    add_language_entries(project / "mkdocs.yml", entries)
    if pages:
        for page in (project / "docs").glob("*.en.md"):
            for locale in languages:
                shutil.copy(page, page.with_name(page.name.replace(".en.md", f".{locale}.md")))
    catalogs.mkdir(parents=True, exist_ok=True)
    from cvo_protocol.core import catalog as catalog_module

    for path in catalog_module.CATALOG_DIR.glob("*.yml"):
        shutil.copy(path, catalogs / path.name)
    if catalog:
        for locale in languages:
            shutil.copy(catalogs / "en.yml", catalogs / f"{locale}.yml")
