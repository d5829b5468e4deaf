"""Search in Chromium: a page finds pages of its own language only, in every language of mkdocs.yml."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser import LANGUAGES, PageCase, insert_without_keys, search, search_word

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


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_a_word_of_the_language_itself_is_found_as_typed(open_page, language: str) -> None:
    """The first word of the site's name in the language ("protocol", "sosyal", "protokół", "протокол", …).

    Typed as a keyboard of that language sends it; the results are that
    language's pages, and what they mark is the whole word, not a part of it.
    """
    folder = "/" + LANGUAGES.folder(language)
    page = open_page(PageCase(f"protocol-{language}", "voorbeeld-de-linde", folder))
    word = search_word(language)
    _, links = search(page, word)
    assert links and all(link.startswith(folder) for link in links), links
    marked = page.locator(".md-search-result mark").all_text_contents()
    assert marked and all(text.casefold().startswith(word.casefold()) for text in marked), marked


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_a_word_that_arrives_without_a_key_is_searched(open_page, language: str) -> None:
    """Pasted from a menu, dictated, or put in by an on-screen keyboard: Material alone waits for a keyup (cvo.js, 5)."""
    folder = "/" + LANGUAGES.folder(language)
    page = open_page(PageCase(f"protocol-{language}", "voorbeeld-de-linde", folder))
    _, links = search(page, search_word(language), enter=insert_without_keys)
    assert links and all(link.startswith(folder) for link in links), links
