"""The base protocol: faithful Dutch text, a matching English edition, stable ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from htmlpage import Page, normalise

from cvo_protocol.core.languages import read_languages

# Every gate runs for every language of mkdocs.yml, not for a list of our own.
LANGUAGES = read_languages(REPO / "mkdocs.yml")

FIXTURE = Path(__file__).parent / "fixtures" / "cvo-protocol-social-media-2025-03.txt"
RULE_ID = re.compile(r"^regel-\d+$")


def source_sentences(text: str) -> list[str]:
    """The source's sentences in order, without list numbers, bullets or bold marks."""
    blocks = [line.strip() for line in text.splitlines() if line.strip()]
    if len(blocks) > 2 and blocks[2] == blocks[0]:
        del blocks[2]  # the cover page repeats the title above the text
    sentences = []
    for block in blocks:
        block = re.sub(r"^(\d+\.|- )\s*", "", block.replace("**", ""))
        sentences += [s for s in re.split(r"(?<=[.?;:])\s+", normalise(block)) if s]
    return sentences


def assert_in_order(sentences: list[str], text: str) -> None:
    position = 0
    for sentence in sentences:
        found = text.find(sentence, position)
        assert found >= 0, f"not found (in order) in the page: {sentence!r}"
        position = found + len(sentence)


def test_dutch_page_reproduces_every_source_sentence_in_order(built: Path) -> None:
    sentences = source_sentences(FIXTURE.read_text(encoding="utf-8"))
    assert len(sentences) > 60
    assert_in_order(sentences, Page(built / "cvo" / "index.html").text)


def test_fidelity_check_catches_a_changed_word(built: Path) -> None:
    sentences = source_sentences(FIXTURE.read_text(encoding="utf-8"))
    text = Page(built / "cvo" / "index.html").text.replace("wachtwoorden", "wachtwoord")
    with pytest.raises(AssertionError, match="wachtwoorden"):
        assert_in_order(sentences, text)


@pytest.mark.parametrize("language", LANGUAGES.others)
@pytest.mark.parametrize("site", ["cvo", "voorbeeld-de-linde"])
def test_every_language_shares_the_structure_and_ids_of_the_dutch(built: Path, site: str, language: str) -> None:
    dutch = Page(built / site / "index.html")
    translated = Page(built / site / LANGUAGES.folder(language) / "index.html")
    assert dutch.article_ids == translated.article_ids
    for page in (dutch, translated):
        rules = [a["id"] for a in page.elements_with("li") if RULE_ID.match(a.get("id", ""))]
        assert rules == [f"regel-{n}" for n in range(1, 20)]
        sub_items = [a["id"] for a in page.elements_with("li") if a.get("id", "").startswith("regel-7") and a["id"] != "regel-7"]
        assert sub_items == [f"regel-7{letter}" for letter in "abcde"]
        sections = [a["id"] for a in page.elements_with("h2")]
        assert sections == [
            "inleiding",
            "toepassingsbereik",
            "wat-verstaan-we-onder-social-media",
            "algemene-gedragsregels",
            "aanvullend-voor-medewerkers",
            "pas-op-met-fotos",
        ]


def test_about_pages_in_both_languages_share_ids(built: Path) -> None:
    dutch = Page(built / "cvo" / "about" / "index.html")
    english = Page(built / "cvo" / "en" / "about" / "index.html")
    assert dutch.article_ids == english.article_ids
    assert "maart 2025" in dutch.text and "March 2025" in english.text
    assert "regel 8" in dutch.text and "rule 10" in english.text


def test_every_page_declares_its_language(built: Path) -> None:
    for page_path in (built / "cvo").rglob("*.html"):
        first = page_path.relative_to(built / "cvo").parts[0]
        expected = first if first in LANGUAGES.others else LANGUAGES.default
        assert Page(page_path).lang() == expected, page_path


def test_english_is_a_real_translation_not_a_fallback(built: Path) -> None:
    english = Page(built / "cvo" / "en" / "index.html").text
    assert "General rules of conduct" in english
    assert "Algemene gedragsregels" not in english
