"""Every request a page makes in Chromium, loading and searching, goes to the site's own host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser import LANGUAGES, PAGE_TYPES, PageCase, search

# One page of each kind, and the protocol, about page and portal of every other language.
PAGES = [
    case
    for case in PAGE_TYPES
    if case.name in ("protocol-cvo-nl", "protocol-school-en", "about-en", "404-nl", "portal-en", "latest-school-en",
                     "old-version-nl", "site-404-en")
    or any(case.name == f"{kind}-{language}" for kind in ("protocol-school", "about", "portal")
           for language in LANGUAGES.others if language != "en")
]


@pytest.mark.parametrize("case", PAGES, ids=str)
def test_load_and_search_stay_on_the_site_host(open_page, case: PageCase) -> None:
    requests: list[str] = []
    page = open_page(case, requests=requests)
    if page.locator(".md-search__input").count():  # the portal has no search
        search(page, "cvo")  # in every language's text: the worker loads the language's lunr support
    page.wait_for_load_state("networkidle")
    own_host = urlsplit(page.url).netloc
    assert requests, "no request was recorded"
    assert [url for url in requests if urlsplit(url).netloc != own_host] == []


def test_requests_of_the_search_worker_are_recorded(open_page) -> None:
    """The recorder sees the worker's own requests too (lunr's Dutch support)."""
    requests: list[str] = []
    page = open_page(PAGE_TYPES[0], requests=requests)
    search(page, "media")
    assert any(url.endswith("/lunr.nl.min.js") for url in requests), requests
