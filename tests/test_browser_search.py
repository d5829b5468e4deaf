"""Search in Chromium: a page finds pages of its own language only, in every language of mkdocs.yml."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser import LANGUAGES, PageCase, search, search_word

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


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_each_language_searches_its_own_pages_on_the_site_host_only(open_page, language: str) -> None:
    """"CVO" is in every language's text: each page finds only its own language's pages, and nothing leaves the host."""
    folder = "/" + LANGUAGES.folder(language)
    requests: list[str] = []
    page = open_page(PageCase(f"protocol-{language}", "voorbeeld-de-linde", folder), requests=requests)
    _, links = search(page, "cvo")
    page.wait_for_load_state("networkidle")
    assert links, f"search on the {language} page found nothing"
    others = tuple("/" + LANGUAGES.folder(other) for other in LANGUAGES.others if other != language)
    assert all(link.startswith(folder) and not link.startswith(others) for link in links), links
    own_host = urlsplit(page.url).netloc
    assert [url for url in requests if urlsplit(url).netloc != own_host] == []


# Found when the four languages were switched on (issue 15): Material 9.8's search
# does not find a word written with letters outside ASCII as typed. Polish
# "protokół" is searched as "protok", a Ukrainian word not at all ("start typing"),
# an Arabic one is highlighted as its first letter. Not fixed yet: these fail
# (strict xfail) until it is, so the day it works the marks must go.
NOT_FOUND_AS_TYPED = pytest.mark.xfail(strict=True, reason="Material's search and non-ASCII words (issue 15, open)")


@pytest.mark.parametrize("language", [pytest.param(language, marks=NOT_FOUND_AS_TYPED)
                                      if language in ("ar", "pl", "uk") else language
                                      for language in LANGUAGES.all])
def test_a_word_of_the_language_itself_is_found_as_typed(open_page, language: str) -> None:
    """The first word of the site's name in the language ("protocol", "sosyal", "protokół", "протокол", …)."""
    folder = "/" + LANGUAGES.folder(language)
    page = open_page(PageCase(f"protocol-{language}", "voorbeeld-de-linde", folder))
    _, links = search(page, search_word(language))
    assert links and all(link.startswith(folder) for link in links), links
