"""The glossary: each translation renders every Dutch school term one way (translations/).

Fast, no build: reads translations/glossary/*.yml and the Markdown of docs/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support import REPO

GLOSSARY = REPO / "translations" / "glossary"
DOCS = REPO / "docs"
TERMS: dict[str, dict[str, str]] = yaml.safe_load((GLOSSARY / "terms.yml").read_text(encoding="utf-8"))
LOCALES = sorted(p.stem for p in GLOSSARY.glob("*.yml") if p.name != "terms.yml")

# `## Heading { #id }` opens a section; a line that is only `{ #id }` closes a
# rule (a list item) whose text started at its number or letter.
HEADING = re.compile(r"^#+ .*\{ #([\w-]+) \}\s*$")
ATTRIBUTE_LINE = re.compile(r"^\s*\{ #([\w-]+) \}\s*$")
LIST_ITEM = re.compile(r"^\s*(\d+\.|- [a-z]\.)\s")


def glossary(locale: str) -> dict[str, dict[str, str]]:
    return yaml.safe_load((GLOSSARY / f"{locale}.yml").read_text(encoding="utf-8"))


def sections(markdown: str) -> dict[str, str]:
    """The text of each rule and section, by its id (a section's text leaves out its rules)."""
    texts: dict[str, list[str]] = {}
    section, item = "", None
    for line in markdown.splitlines():
        if heading := HEADING.match(line):
            section, item = heading[1], None
            texts.setdefault(section, []).append(line)
        elif attribute := ATTRIBUTE_LINE.match(line):
            texts.setdefault(attribute[1], []).extend(item or [])
            item = None
        elif LIST_ITEM.match(line):
            if item:  # an item without an id of its own stays in its section
                texts.setdefault(section, []).extend(item)
            item = [line]
        elif item is not None:
            item.append(line)
        else:
            texts.setdefault(section, []).append(line)
    return {key: "\n".join(lines) for key, lines in texts.items()}


def mismatches(dutch: str, translation: str, chosen: dict[str, dict[str, str]]) -> list[str]:
    """Each `id: term` where the Dutch text has the term and the translation lacks the chosen one."""
    found, translated = sections(dutch), sections(translation)
    missing = []
    for key, term in TERMS.items():
        for section, text in found.items():
            if re.search(term["nl"], text, re.IGNORECASE) and not re.search(
                chosen[key]["match"], translated.get(section, ""), re.IGNORECASE
            ):
                missing.append(f"{section}: {key} (expected {chosen[key]['use']!r})")
    return missing


def test_english_has_a_glossary() -> None:
    assert "en" in LOCALES


def test_every_translated_language_of_the_site_has_a_glossary_and_a_review() -> None:
    """Each language of mkdocs.yml but the official one: its terms and its back-translation review."""
    from cvo_protocol.core.languages import read_languages

    others = read_languages(REPO / "mkdocs.yml").others
    assert set(LOCALES) == set(others)
    for locale in others:
        assert (REPO / "translations" / "review" / f"{locale}.md").is_file(), locale


@pytest.mark.parametrize("locale", LOCALES)
def test_glossary_has_every_term_and_valid_patterns(locale: str) -> None:
    chosen = glossary(locale)
    assert list(chosen) == list(TERMS), f"{locale}.yml: keys (in order) must be those of terms.yml"
    for key, entry in chosen.items():
        assert set(entry) == {"use", "match", "note"}, f"{locale}.yml: {key}"
        assert all(isinstance(value, str) and value.strip() for value in entry.values()), f"{locale}.yml: {key}"
        re.compile(entry["match"], re.IGNORECASE)
    for key, term in TERMS.items():
        re.compile(term["nl"], re.IGNORECASE)


@pytest.mark.parametrize("locale", LOCALES)
def test_each_rule_uses_the_glossary_term(locale: str) -> None:
    dutch = (DOCS / "index.md").read_text(encoding="utf-8")
    translation = (DOCS / f"index.{locale}.md").read_text(encoding="utf-8")
    assert mismatches(dutch, translation, glossary(locale)) == []


def test_sections_split_rules_sub_items_and_sections() -> None:
    found = sections((DOCS / "index.md").read_text(encoding="utf-8"))
    assert {f"regel-{n}" for n in range(1, 20)} | {f"regel-7{x}" for x in "abcde"} <= set(found)
    assert "vestigingsdirecteur" in found["regel-8"] and "vestigingsdirecteur" not in found["regel-7e"]
    assert "Het is daarom niet toegestaan" in found["regel-7"] and "hacken" not in found["regel-7"]
    assert "fatsoensnormen" in found["inleiding"] and "Voor dat je" not in found["algemene-gedragsregels"]


def test_a_wrong_term_is_found() -> None:
    dutch = (DOCS / "index.md").read_text(encoding="utf-8")
    english = (DOCS / "index.en.md").read_text(encoding="utf-8")
    wrong = english.replace("may be expelled", "may be removed").replace("hold each other to account", "speak to each other")
    assert mismatches(dutch, wrong, glossary("en")) == [
        "regel-5: aanspreken (expected 'hold to account')",
        "regel-12: verwijderen (expected 'expel')",
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_no_rule_gains_a_bracketed_gloss(locale: str) -> None:
    """A translation adds no words: no rule or section has more brackets than its Dutch."""
    dutch = sections((DOCS / "index.md").read_text(encoding="utf-8"))
    translation = sections((DOCS / f"index.{locale}.md").read_text(encoding="utf-8"))
    added = [key for key, text in translation.items() if text.count("(") > dutch.get(key, "").count("(")]
    assert added == [], f"index.{locale}.md: brackets the Dutch does not have in {added}"
