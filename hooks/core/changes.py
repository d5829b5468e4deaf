"""'Wat is er veranderd' / 'What changed': one version compared with the previous, rule by rule."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cvo_protocol.core.opendata import rules_from_document
from cvo_protocol.core.plaintext import markdown_text
from cvo_protocol.core.release import Release, format_date
from cvo_protocol.core.rules_extract import Rule
from cvo_protocol.core.worddiff import Budget, diff_words

TEXTS = {
    "nl": {
        "compared": "Deze versie ({title}) vergeleken met de vorige gepubliceerde versie, **{previous}** (geldig vanaf {effective}).",
        "first": "Dit is de eerste gepubliceerde versie van het protocol op deze site: er is nog geen eerdere versie om mee te vergelijken.",
        "local": "Deze pagina vergelijkt een gepubliceerde versie met de vorige. Deze site is niet gepubliceerd, dus er is niets te vergelijken.",
        "reworded": "Anders geformuleerd",
        "added": "Nieuwe regels",
        "removed": "Vervallen regels",
        "none": "Geen.",
        "unchanged": "De tekst van de regels is niet veranderd.",
        "rule": "Regel {number}",
        "school_rule": "Schoolregel {number}",
        "legend": "Weggehaalde woorden zijn doorgestreept, nieuwe woorden onderstreept.",
    },
    "en": {
        "compared": "This version ({title}) compared with the previous published version, **{previous}** (in effect from {effective}).",
        "first": "This is the first published version of the protocol on this site: there is no earlier version to compare it with.",
        "local": "This page compares a published version with the previous one. This site is not published, so there is nothing to compare.",
        "reworded": "Reworded",
        "added": "New rules",
        "removed": "Removed rules",
        "none": "None.",
        "unchanged": "The text of the rules has not changed.",
        "rule": "Rule {number}",
        "school_rule": "School rule {number}",
        "legend": "Removed words are struck through, new words are underlined.",
    },
}
# Links from the 'what changed' page to a rule on the protocol page (MkDocs resolves them).
PROTOCOL_PAGE = "index.md"
SECTION_IDS = {"reworded": "anders-geformuleerd", "added": "nieuwe-regels", "removed": "vervallen-regels"}


@dataclass(frozen=True)
class Changes:
    """The differences between two versions' rules."""

    added: list[Rule]
    removed: list[Rule]
    reworded: list[tuple[Rule, Rule]]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.reworded)


def compare(previous: Sequence[Rule], current: Sequence[Rule]) -> Changes:
    """Rules added, removed and reworded, matched by their ids."""
    old = {rule.id: rule for rule in previous}
    new = {rule.id: rule for rule in current}
    return Changes(
        added=[rule for rule in current if rule.id not in old],
        removed=[rule for rule in previous if rule.id not in new],
        reworded=[(old[rule.id], rule) for rule in current if rule.id in old and _wording(old[rule.id]) != _wording(rule)],
    )


def word_diff(before: str, after: str, budget: Budget | None = None) -> str:
    """HTML of ``after`` with removed words in ``<del>`` and new words in ``<ins>``.

    The diff's cost comes out of ``budget``, shared by one page (see `worddiff`).
    """
    old, new = before.split(), after.split()
    parts = []
    for operation, i1, i2, j1, j2 in diff_words(old, new, budget).opcodes:
        if operation == "equal":
            parts.append(markdown_text(" ".join(new[j1:j2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{markdown_text(' '.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{markdown_text(' '.join(new[j1:j2]))}</ins>")
    return " ".join(parts)


def changes_markdown(
    language: str,
    release: Release | None,
    previous: Mapping[str, object] | None,
    current_rules: Sequence[Rule],
) -> str:
    """The body of the 'what changed' page in one language."""
    text = TEXTS[language]
    if release is None:
        return text["local"]
    if previous is None:
        return text["first"]
    effective = datetime.date.fromisoformat(str(previous["effective"]))
    changes = compare(rules_from_document(previous), current_rules)
    lines = [text["compared"].format(title=release.title, previous=previous["title"],
                                     effective=format_date(effective, language))]
    if changes.empty:
        return "\n\n".join([*lines, text["unchanged"]])
    lines.append(text["legend"])
    budget = Budget()
    sections = {
        "reworded": [f"- {_label(new, language, PROTOCOL_PAGE)}: {word_diff(old.text, new.text, budget)}"
                     for old, new in changes.reworded],
        "added": [f"- {_label(rule, language, PROTOCOL_PAGE)}: {markdown_text(rule.text)}" for rule in changes.added],
        "removed": [f"- {_label(rule, language, None)}: {markdown_text(rule.text)}" for rule in changes.removed],
    }
    for key, items in sections.items():
        lines.append(f"## {text[key]} {{ #{SECTION_IDS[key]} }}")
        lines.append("\n".join(items) if items else text["none"])
    return "\n\n".join(lines)


def _label(rule: Rule, language: str, protocol_page: str | None) -> str:
    name = TEXTS[language]["school_rule" if rule.school_rule else "rule"].format(number=rule.number)
    if rule.school_rule and rule.title:
        name += f" ({markdown_text(rule.title)})"
    return f"[{name}]({protocol_page}#{rule.id})" if protocol_page else name


def _wording(rule: Rule) -> tuple[str | None, str]:
    return rule.title, rule.text
