"""What changed, judged on the official (default-language) text: the classification and the page (unit tests)."""

from __future__ import annotations

import datetime
import re

import markdown
import pytest
from cvo_protocol.core.changes import SECTION_IDS, changes_markdown, compare_languages, site_changes
from cvo_protocol.core.release import Release
from cvo_protocol.core.rules_extract import Rule

RELEASE = Release(version="2026.01", title="Januari 2026", effective=datetime.date(2026, 1, 1))


def rules(*texts: tuple[str, str]) -> list[Rule]:
    """CVO rules from (id, text) pairs."""
    return [Rule(id, id.removeprefix("regel-"), None, text, False) for id, text in texts]


def document(version: str, rule_list: list[Rule]) -> dict[str, object]:
    return {"version": version, "title": "Maart 2025", "effective": "2025-03-01",
            "rules": [rule.as_dict() for rule in rule_list]}


NL_2025 = rules(("regel-1", "Hou je wachtwoorden geheim."), ("regel-5", "We helpen elkaar."),
                ("regel-6", "Geen foto's zonder toestemming."))
EN_2025 = rules(("regel-1", "Keep your passwords secret."), ("regel-5", "We help each other."),
                ("regel-6", "No photos without consent."))


def page(language: str, previous: dict, current: dict) -> str:
    return markdown.markdown(changes_markdown(language, "nl", RELEASE, previous, current), extensions=["attr_list"])


def section(html: str, key: str) -> str:
    """The HTML of one section: from its heading to the next heading."""
    start = html.index(f'id="{SECTION_IDS[key]}"')
    end = html.find("<h2", start)
    return html[start:end if end >= 0 else len(html)]


def test_a_translation_only_fix_is_an_improved_translation_not_a_changed_rule() -> None:
    en = rules(("regel-1", "Keep your passwords secret."), ("regel-5", "We hold each other to account."),
               ("regel-6", "No photos without consent."))
    changes = compare_languages({"nl": NL_2025, "en": EN_2025}, {"nl": NL_2025, "en": en}, "nl")
    assert changes["nl"].empty and changes["nl"].ids()["translation_improved"] == []
    assert changes["en"].empty, "the official text did not change"
    assert changes["en"].ids() == {"reworded": [], "added": [], "removed": [], "translation_improved": ["regel-5"]}
    improved = changes["en"].translation_improved[0]
    assert (improved.before.text, improved.after.text) == ("We help each other.", "We hold each other to account.")


def test_every_language_lists_the_changes_of_the_official_text_in_its_own_wording() -> None:
    nl = rules(("regel-1", "Houd je wachtwoorden geheim."), ("regel-5", "We helpen elkaar."),
               ("regel-7", "Nieuw."))
    en = rules(("regel-1", "Keep your passwords private."), ("regel-5", "We help each other."),
               ("regel-7", "New."))
    changes = compare_languages({"nl": NL_2025, "en": EN_2025}, {"nl": nl, "en": en}, "nl")
    expected = {"reworded": ["regel-1"], "added": ["regel-7"], "removed": ["regel-6"], "translation_improved": []}
    assert changes["nl"].ids() == changes["en"].ids() == expected
    reworded, added, removed = changes["en"].reworded[0], changes["en"].added[0], changes["en"].removed[0]
    assert (reworded.before.text, reworded.after.text) == ("Keep your passwords secret.", "Keep your passwords private.")
    assert added.after.text == "New." and removed.before.text == "No photos without consent."


def test_any_number_of_languages_and_one_without_a_previous_version() -> None:
    nl = rules(("regel-1", "Houd je wachtwoorden geheim."), ("regel-5", "We helpen elkaar."),
               ("regel-6", "Geen foto's zonder toestemming."))
    tr = rules(("regel-1", "Şifreni gizli tut."), ("regel-5", "Birbirimize yardım ederiz."),
               ("regel-6", "İzinsiz fotoğraf yok."))
    en = [*EN_2025[:2], Rule("regel-6", "6", None, "No photos without permission.", False)]
    changes = compare_languages({"nl": NL_2025, "en": EN_2025}, {"nl": nl, "en": en, "tr": tr}, "nl")
    assert [changes[language].ids()["reworded"] for language in ("nl", "en", "tr")] == [["regel-1"]] * 3
    assert changes["en"].ids()["translation_improved"] == ["regel-6"]
    assert changes["tr"].ids()["translation_improved"] == [], "no earlier Turkish wording to improve on"
    assert changes["tr"].reworded[0].before is None and changes["tr"].reworded[0].after.text == "Şifreni gizli tut."


def test_protocol_json_documents_are_compared_the_same_way() -> None:
    en = rules(("regel-1", "Keep your passwords secret."), ("regel-5", "We hold each other to account."),
               ("regel-6", "No photos without consent."))
    changes = site_changes({"nl": document("2025.03", NL_2025), "en": document("2025.03", EN_2025)},
                           {"nl": document("2026.01", NL_2025), "en": document("2026.01", en)}, "nl")
    assert changes["nl"].empty and changes["en"].ids()["translation_improved"] == ["regel-5"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_page_without_changes_has_every_heading_and_says_so(language: str) -> None:
    previous = {"nl": document("2025.03", NL_2025), "en": document("2025.03", EN_2025)}
    unchanged = page(language, previous, {"nl": NL_2025, "en": EN_2025})
    changed = page(language, previous, {"nl": NL_2025[:2], "en": EN_2025[:2]})
    ids = set(re.findall(r'id="([^"]+)"', unchanged))
    assert ids == set(re.findall(r'id="([^"]+)"', changed)), "the same ids whether or not anything changed"
    official = {SECTION_IDS[key] for key in ("reworded", "added", "removed")}
    assert ids == (official if language == "nl" else official | {SECTION_IDS["translation_improved"]})
    expected = {"nl": ["De tekst van de regels is niet veranderd.", "Er zijn geen regels anders geformuleerd.",
                       "Er zijn geen regels toegevoegd.", "Er zijn geen regels vervallen."],
                "en": ["The official Dutch text of the rules has not changed.", "No rules were reworded.",
                       "No rules were added.", "No rules were removed.",
                       "No translation was improved."]}[language]
    for text in expected:
        assert text in unchanged
    assert "<del>" not in unchanged and "doorgestreept" not in unchanged and "struck through" not in unchanged
    assert re.findall(r"<h(\d)", unchanged) == ["2"] * len(ids), "sections under the page's h1, in order"


def test_the_pages_show_an_improved_translation_apart_from_changed_rules() -> None:
    en = rules(("regel-1", "Keep your passwords secret."), ("regel-5", "We hold each other to account."),
               ("regel-6", "No photos without consent."))
    previous = {"nl": document("2025.03", NL_2025), "en": document("2025.03", EN_2025)}
    english = page("en", previous, {"nl": NL_2025, "en": en})
    assert "No rules were reworded." in section(english, "reworded")
    improved = section(english, "translation_improved")
    assert ">Translation improved<" in improved and 'href="index.md#regel-5"' in improved
    assert "We <del>help</del> <ins>hold</ins> each <del>other.</del> <ins>other to account.</ins>" in improved
    assert "struck through" in english, "the legend explains the marks"
    dutch = page("nl", previous, {"nl": NL_2025, "en": en})
    assert "regel-5" not in dutch and "Vertaling" not in dutch
    assert "De tekst van de regels is niet veranderd." in dutch


def test_a_rule_whose_official_text_changed_is_listed_even_where_its_translation_did_not() -> None:
    nl = rules(("regel-1", "Houd je wachtwoorden geheim."), *[(r.id, r.text) for r in NL_2025[1:]])
    previous = {"nl": document("2025.03", NL_2025), "en": document("2025.03", EN_2025)}
    english = page("en", previous, {"nl": nl, "en": EN_2025})
    reworded = section(english, "reworded")
    assert 'href="index.md#regel-1"' in reworded and "Keep your passwords secret." in reworded
    assert "Only the official Dutch text changed; this translation stayed the same." in reworded
    dutch = page("nl", previous, {"nl": nl, "en": EN_2025})
    assert "<del>Hou</del> <ins>Houd</ins>" in section(dutch, "reworded")


def test_a_language_the_previous_version_lacked_lists_the_same_changes_with_its_text_now() -> None:
    nl = rules(("regel-1", "Houd je wachtwoorden geheim."), *[(r.id, r.text) for r in NL_2025[1:2]])
    english = page("en", {"nl": document("2025.03", NL_2025)}, {"nl": nl, "en": EN_2025[:2]})
    assert "The previous version was not published in this language" in english
    assert "Keep your passwords secret." in section(english, "reworded") and "<ins>" not in english
    removed = section(english, "removed")
    assert "Rule 6" in removed and "href" not in removed, "a removed rule, named without an earlier English text"


def test_values_reach_the_page_escaped() -> None:
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) **b**"
    before = [Rule("regel-10-1", "10.1", "<b>Titel</b>", "Telefoons in het kluisje.", True)]
    after_en = [Rule("regel-10-1", "10.1", "<b>Title</b>", f"Phones in the locker. {hostile}", True)]
    previous = {"nl": document("2025.03", before), "en": document("2025.03", [
        Rule("regel-10-1", "10.1", "<b>Title</b>", "Phones in the locker.", True)])}
    english = page("en", previous, {"nl": before, "en": after_en})
    assert "<script>" not in english and "<b>" not in english and 'href="javascript' not in english
    assert "&lt;script&gt;" in english and "School rule 10.1 (&lt;b&gt;Title&lt;/b&gt;)" in english
