"""Browser fixtures: a site tree served on 127.0.0.1 and Chromium driven by Playwright.

Loaded by ``conftest.py`` (``pytest_plugins``). Chromium is found as the
package finds it for the PDFs (``CVO_CHROMIUM``, else ``chromium``… on
``PATH``; see ``support.py``). Locally the browser tests are skipped when
Chromium or axe-core is missing; in CI (``CI=true``) that is a failure, never
a skip.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import NoReturn

import pytest
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.publishing.pdf import find_chromium
from support import CHROMIUM_ARGS, REPO, serve_folder

from cvo_protocol.core.catalog import sentence
from cvo_protocol.core.languages import read_languages

LANGUAGES = read_languages(REPO / "mkdocs.yml")

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@dataclass(frozen=True)
class PageCase:
    """One page to open: ``path`` on a host whose root is the folder ``site`` of a tree.

    ``tree`` names the session fixture that gives the tree: ``built`` (the
    output of ``cvo-protocol build --all``); a published ``gh-pages`` tree
    can be another fixture, with ``site=""`` and paths like ``/cvo/latest/``.
    """

    name: str
    site: str
    path: str
    tree: str = "built"
    # A selector that must be visible before the page counts as loaded
    # (e.g. the old-version banner, which Material shows after a fetch).
    wait_for: str = ""

    def __str__(self) -> str:
        return self.name


def missing(what: str, fix: str) -> NoReturn:
    """Skip locally, fail in CI: a quality gate that did not run is not a pass."""
    message = f"{what} is missing ({fix})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def served() -> Iterator[Callable[[Path], str]]:
    """``served(folder)`` gives the base URL of a server whose root is ``folder``."""
    servers: dict[Path, tuple[ThreadingHTTPServer, str]] = {}

    def serve(folder: Path) -> str:
        folder = folder.resolve()
        if folder not in servers:
            servers[folder] = serve_folder(folder)
        return servers[folder][1]

    yield serve
    for server, _ in servers.values():
        server.shutdown()
        server.server_close()


def chromium_executable() -> str:
    """The browser the package would print with; `missing` (skip, or fail in CI) when there is none."""
    try:
        return find_chromium()
    except ProtocolError as error:
        missing("Chromium", f"{error.problem}: apt-get install chromium, or set CVO_CHROMIUM to the browser's path")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Chromium (see `chromium_executable`), headless, launched by Playwright (no browser download)."""
    executable = chromium_executable()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Python Playwright", "pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script from npm (``npm ci``), never from a CDN."""
    if not AXE.is_file():
        missing(f"{AXE.relative_to(REPO)}", "npm ci")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture()
def open_page(chromium, served, request) -> Iterator[Callable[..., object]]:
    """``open_page(case, viewport="phone", requests=None)``: a fresh context, the page loaded.

    The case's tree comes from its fixture; pass ``tree=`` to serve another folder.
    """
    contexts = []

    def open_(case: PageCase, viewport: str = "phone", requests: list | None = None, tree: Path | None = None):
        tree = tree if tree is not None else request.getfixturevalue(case.tree)
        context = chromium.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if requests is not None:
            page.on("request", lambda request: requests.append(request.url))
        page.goto(served(tree / case.site) + case.path, wait_until="load")
        if case.wait_for:
            page.locator(case.wait_for).first.wait_for(state="visible")
        return page

    yield open_
    for context in contexts:
        context.close()


def type_as_a_keyboard(page, text: str) -> None:
    """What a keyboard sends for each character in any layout: keydown (with the character), input, keyup.

    Playwright's own typing sends only an input event for a character that is
    not on a US keyboard (``ł``, ``ı``, every Arabic or Cyrillic letter), which
    no parent's keyboard does; Chromium's protocol sends the real sequence.
    """
    keys = page.context.new_cdp_session(page)
    for character in text:
        keys.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": character, "text": character})
        keys.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": character})
    keys.detach()


def insert_without_keys(page, text: str) -> None:
    """Text that arrives with no key at all: pasted from a menu, dictated, or put in by an on-screen keyboard."""
    page.keyboard.insert_text(text)


def search(page, query: str, enter: Callable[[object, str], None] = type_as_a_keyboard) -> tuple[str, list[str]]:
    """Put ``query`` into the search dialog with ``enter``; the result summary and the result links."""
    page.keyboard.press("/")  # Material's shortcut: opens the search dialog
    page.locator(".md-search__input").focus()
    enter(page, query)
    summary = page.locator(".md-search-result__meta")
    # Wait for the answer to the whole query: result links carry it as ?h=<query>,
    # and "no results" (Material's sentence in the page's language, from its
    # __config) can only follow the last keystroke (a prefix matches more).
    page.wait_for_function(
        """query => document.querySelector('.md-search-result__meta').textContent.trim()
                === JSON.parse(document.getElementById('__config').textContent).translations['search.result.none']
            || [...document.querySelectorAll('.md-search-result__link')]
                .some(a => new URL(a.href).searchParams.get('h') === query)""",
        arg=query,
    )
    links = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.pathname)")
    return summary.inner_text(), links


def search_word(language: str) -> str:
    """A word every page of ``language`` has: the first of the site's name that is not "CVO" ("protocol", "sosyal")."""
    return next(word for word in sentence(language, "site.name").split() if word != "CVO").lower()


# Every page type of a built site, in every language. More types (an old
# version with its banner, the portal) are added here as further cases.
SCHOOL = "voorbeeld-de-linde"
PAGE_TYPES = [
    PageCase("protocol-cvo-nl", "cvo", "/"),
    PageCase("protocol-cvo-en", "cvo", "/en/"),
    PageCase("protocol-school-nl", SCHOOL, "/"),
    PageCase("protocol-school-en", SCHOOL, "/en/"),
    PageCase("protocol-school-en-highlighted", SCHOOL, "/en/?h=school"),
    # The protocol and about pages in every other language of mkdocs.yml (Arabic right to left).
    *(PageCase(f"protocol-school-{language}", SCHOOL, f"/{language}/") for language in LANGUAGES.others if language != "en"),
    *(PageCase(f"about-{language}", "cvo", f"/{language}/about/") for language in LANGUAGES.others if language != "en"),
    PageCase("about-nl", "cvo", "/about/"),
    PageCase("about-en", "cvo", "/en/about/"),
    PageCase("404-nl", "cvo", "/bestaat-niet/"),
    PageCase("404-en", "cvo", "/en/does-not-exist/"),
    # The published tree (two versions of three sites, see tests/published.py).
    PageCase("portal-nl", "", "/", "published_tree"),
    PageCase("portal-en", "", "/en/", "published_tree"),
    *(PageCase(f"portal-{language}", "", f"/{language}/", "published_tree")
      for language in LANGUAGES.others if language != "en"),
    PageCase("overview-nl", "", "/schoolregels.html", "published_tree"),
    PageCase("overview-en", "", "/en/schoolregels.html", "published_tree"),
    PageCase("root-404-nl", "", "/bestaat-niet/", "published_tree"),
    PageCase("root-404-en", "", "/en/does-not-exist/", "published_tree"),
    PageCase("latest-school-nl", "", f"/{SCHOOL}/latest/", "published_tree", ".md-version__current"),
    PageCase("latest-school-en", "", f"/{SCHOOL}/latest/en/", "published_tree", ".md-version__current"),
    PageCase("poster-school-nl", "", f"/{SCHOOL}/latest/poster/", "published_tree", ".cvo-embed__copy"),
    PageCase("old-version-nl", "", f"/{SCHOOL}/2025.03/", "published_tree", ".cvo-outdated"),
    PageCase("old-version-en", "", f"/{SCHOOL}/2025.03/en/about/", "published_tree", ".cvo-outdated"),
    PageCase("what-changed-nl", "", f"/{SCHOOL}/2026.01/changes/", "published_tree", ".md-version__current"),
    PageCase("what-changed-en", "", f"/{SCHOOL}/latest/en/changes/", "published_tree", ".md-version__current"),
    PageCase("site-404-en", "", f"/{SCHOOL}/latest/en/does-not-exist/", "published_tree", ".md-version__current"),
]
