"""The published tree in Chromium: switching language and version, old-version banner, policy."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from browser import PHONE, SCHOOL, PageCase, search

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def path_of(page) -> str:
    url = urlsplit(page.url)
    return url.path + (f"#{url.fragment}" if url.fragment else "")


@pytest.mark.parametrize("version", ["latest", "2025.03"])
def test_language_switch_keeps_school_version_page_and_anchor(open_page, version: str) -> None:
    page = open_page(PageCase("switch", "", f"/{SCHOOL}/{version}/about/#melden", "published_tree"))
    page.locator("a.md-select__link[hreflang='en']").evaluate("link => link.click()")
    page.wait_for_url(f"**/{SCHOOL}/{version}/en/about/#melden")
    page.locator("a.md-select__link[hreflang='nl']").evaluate("link => link.click()")
    page.wait_for_url(f"**/{SCHOOL}/{version}/about/#melden")
    assert path_of(page) == f"/{SCHOOL}/{version}/about/#melden"


def test_version_switch_keeps_language_page_and_anchor(open_page) -> None:
    page = open_page(PageCase("versions", "", f"/{SCHOOL}/latest/en/#regel-7", "published_tree"))
    old = page.locator(".md-version__link", has_text="Maart 2025")
    old.wait_for(state="attached")
    old.evaluate("link => link.click()")
    page.wait_for_url(f"**/{SCHOOL}/2025.03/en/#regel-7")
    assert path_of(page) == f"/{SCHOOL}/2025.03/en/#regel-7"


def test_old_version_banner_says_until_when_and_leads_to_the_same_page_in_latest(open_page) -> None:
    page = open_page(PageCase("old", "", f"/{SCHOOL}/2025.03/en/about/", "published_tree", ".cvo-outdated"))
    banner = page.locator(".cvo-outdated")
    page.locator("[data-cvo-until]:not([hidden])").wait_for(state="visible")
    assert banner.inner_text().startswith("This is an old version (Maart 2025), in effect from 1 March 2025 until 1 January 2026.")
    page.locator(".cvo-outdated [data-cvo-latest]").click()  # the coming-version banner has one too
    page.wait_for_url(f"**/{SCHOOL}/latest/en/about/")
    assert page.locator(".cvo-outdated").is_hidden()


def test_the_current_version_shows_no_banner(open_page) -> None:
    page = open_page(PageCase("new", "", f"/{SCHOOL}/2026.01/", "published_tree"))
    page.locator(".md-version__current").wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    assert page.locator(".cvo-outdated").is_hidden()


@pytest.mark.parametrize("path", [f"/{SCHOOL}/latest/", f"/{SCHOOL}/2025.03/en/about/", "/", "/cvo/latest/en/changes/"])
def test_pages_work_under_their_content_security_policy_without_errors(open_page, chromium, served, published_tree, path: str) -> None:
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.add_init_script(WATCH_CSP)
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("response", lambda response: errors.append(f"{response.status} {response.url}") if response.status >= 400 else None)
        page.goto(served(published_tree) + path, wait_until="load")
        if page.locator(".md-search__input").count():
            search(page, "media")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == []
        assert errors == []
    finally:
        context.close()


# A school revision's default title ("<version> (herziening <school>)"), 57 characters.
LONG_TITLE = "2026.01-1 (herziening Voorbeeldschool De Linde (fictief))"


@pytest.mark.parametrize("language", ["", "ar/"], ids=["nl", "ar"])
def test_a_long_version_title_keeps_the_page_as_wide_as_a_phone(chromium, served, published_tree, language: str) -> None:
    """Material's version button never shrank: a revision's title made the page scroll sideways (extra.css)."""
    context = chromium.new_context(viewport=PHONE, service_workers="block")
    try:
        page = context.new_page()

        def long_title(route) -> None:
            versions = json.loads(route.fetch().text())
            for version in versions:
                if version["version"] == "2026.01":
                    version["title"] = LONG_TITLE
            route.fulfill(json=versions)

        page.route("**/versions.json", long_title)
        page.goto(served(published_tree) + f"/{SCHOOL}/2026.01/{language}", wait_until="networkidle")
        button = page.locator(".md-version__current")
        assert LONG_TITLE in (button.get_attribute("aria-label") or "")  # the whole title, for a screen reader
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    finally:
        context.close()
