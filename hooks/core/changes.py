"""'Wat is er veranderd' / 'What changed': one version compared with the previous, rule by rule."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cvo_protocol.core.catalog import sentence
from cvo_protocol.core.opendata import rules_from_document
from cvo_protocol.core.plaintext import markdown_text
from cvo_protocol.core.release import Release, format_date
from cvo_protocol.core.rules_extract import Rule
from cvo_protocol.core.worddiff import Budget, diff_words

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
    if release is None:
        return sentence(language, "changes.local")
    if previous is None:
        return sentence(language, "changes.first")
    effective = datetime.date.fromisoformat(str(previous["effective"]))
    changes = compare(rules_from_document(previous), current_rules)
    lines = [sentence(language, "changes.compared", title=release.title, previous=previous["title"],
                      effective=format_date(effective, language))]
    if changes.empty:
        return "\n\n".join([*lines, sentence(language, "changes.unchanged")])
    lines.append(sentence(language, "changes.legend"))
    budget = Budget()
    sections = {
        "reworded": (sentence(language, "changes.reworded"),
                     [f"- {_label(new, language, PROTOCOL_PAGE)}: {word_diff(old.text, new.text, budget)}"
                      for old, new in changes.reworded]),
        "added": (sentence(language, "changes.added"),
                  [f"- {_label(rule, language, PROTOCOL_PAGE)}: {markdown_text(rule.text)}" for rule in changes.added]),
        "removed": (sentence(language, "changes.removed"),
                    [f"- {_label(rule, language, None)}: {markdown_text(rule.text)}" for rule in changes.removed]),
    }
    for key, (heading, items) in sections.items():
        lines.append(f"## {heading} {{ #{SECTION_IDS[key]} }}")
        lines.append("\n".join(items) if items else sentence(language, "changes.none"))
    return "\n\n".join(lines)


def _label(rule: Rule, language: str, protocol_page: str | None) -> str:
    if rule.school_rule:
        name = sentence(language, "changes.school_rule", number=rule.number)
    else:
        name = sentence(language, "changes.rule", number=rule.number)
    if rule.school_rule and rule.heading:
        name += f" ({markdown_text(rule.heading)})"
    return f"[{name}]({protocol_page}#{rule.id})" if protocol_page else name


def _wording(rule: Rule) -> tuple[str | None, str]:
    return rule.heading, rule.text
