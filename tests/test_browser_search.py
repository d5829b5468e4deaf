"""Search in Chromium: a Dutch page finds Dutch pages only, an English page English only."""

from __future__ import annotations

import pytest
from browser import PageCase, search

DUTCH = PageCase("protocol-cvo-nl", "cvo", "/")
ENGLISH = PageCase("protocol-cvo-en", "cvo", "/en/")
SCHOOL_ENGLISH = PageCase("about-school-en", "voorbeeld-de-linde", "/en/about/")


@pytest.mark.parametrize(
    ("case", "query", "language"),
    [(DUTCH, "media", "nl"), (ENGLISH, "media", "en"), (SCHOOL_ENGLISH, "rules", "en")],
    ids=["nl-media", "en-media", "school-en-rules"],
)
def test_search_returns_pages_of_the_page_language_only(
    open_page, case: PageCase, query: str, language: str
) -> None:
    page = open_page(case)
    _, links = search(page, query)
    assert links, f"no results for {query!r}"
    in_english = [link.startswith("/en/") for link in links]
    assert all(in_english) if language == "en" else not any(in_english), links


def test_a_word_of_the_other_language_finds_nothing(open_page) -> None:
    summary, links = search(open_page(ENGLISH), "telefoon")
    assert links == [], summary
    summary, links = search(open_page(DUTCH), "photos")
    assert links == [], summary


def test_a_dutch_word_is_found_on_the_dutch_page(open_page) -> None:
    _, links = search(open_page(DUTCH), "telefoon")
    assert links and all(not link.startswith("/en/") for link in links)
