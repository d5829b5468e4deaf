"""'Wat is er veranderd' / 'What changed': one version compared with the previous, rule by rule.

What changed is judged on the official text, the default language's
(``core/languages.py``): a rule is added, removed or reworded when its text in
that language is, and every language's page lists the same rules in the same
sections, each in its own wording. A rule whose official text stayed the same
while one translation's wording changed is an improved translation of that
language, shown on that language's page only (the official page reports
changes to the official text; a translation fix changes nothing there).

Each page has the same headings, and so the same ids, whether or not anything
changed: the publish refuses a version whose pages lose an id that links may
point to (``core/permalinks.py``), and a site without changes must still be
publishable. An empty section says so in a sentence of its own.
"""

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
# The sections of a compared page, in page order, and their ids (never change them: links point to them).
SECTION_IDS = {
    "reworded": "anders-geformuleerd",
    "added": "nieuwe-regels",
    "removed": "vervallen-regels",
    "translation_improved": "vertaling-verbeterd",
}


@dataclass(frozen=True)
class RuleChange:
    """One rule of one section, in one language's wording.

    ``number`` and ``school_rule`` are the official rule's; ``before`` is this
    language's wording in the previous version (``None`` for an added rule, or
    when the previous version was not published in this language), ``after``
    its wording now (``None`` for a removed rule).
    """

    id: str
    number: str
    school_rule: bool
    before: Rule | None
    after: Rule | None


@dataclass(frozen=True)
class Changes:
    """What changed between two versions of one site, in one language's wording."""

    added: list[RuleChange]
    removed: list[RuleChange]
    reworded: list[RuleChange]
    # Official text the same, this translation's wording not: always empty for the default language.
    translation_improved: list[RuleChange]

    @property
    def empty(self) -> bool:
        """Nothing changed in the official text (an improved translation is not a changed rule)."""
        return not (self.added or self.removed or self.reworded)

    def ids(self) -> dict[str, list[str]]:
        """The rule ids of each section, by the keys of `SECTION_IDS`."""
        return {key: [change.id for change in getattr(self, key)] for key in SECTION_IDS}


def compare(previous: Sequence[Rule], current: Sequence[Rule]) -> Changes:
    """Rules added, removed and reworded in one language, matched by their ids."""
    return compare_languages({"": previous}, {"": current}, "")[""]


def compare_languages(
    previous: Mapping[str, Sequence[Rule]], current: Mapping[str, Sequence[Rule]], default: str
) -> dict[str, Changes]:
    """Per language of ``current``: the changes judged on the ``default`` language's text, in its own wording.

    ``previous`` and ``current`` map a language to its rules (``previous`` may
    lack a language the previous version was not published in, and then lists
    no rule at all if there was no previous version in ``default``).
    """
    old = {rule.id: rule for rule in previous.get(default, ())}
    new = {rule.id: rule for rule in current.get(default, ())}
    added = [rule for rule in new.values() if rule.id not in old]
    removed = [rule for rule in old.values() if rule.id not in new]
    reworded = [rule for rule in new.values() if rule.id in old and _wording(old[rule.id]) != _wording(rule)]
    unchanged = [rule for rule in new.values() if rule.id in old and _wording(old[rule.id]) == _wording(rule)]
    result = {}
    for language, rules in current.items():
        before = {rule.id: rule for rule in previous.get(language, ())}
        after = {rule.id: rule for rule in rules}
        improved = [] if language == default else [
            rule for rule in unchanged
            if rule.id in before and rule.id in after and _wording(before[rule.id]) != _wording(after[rule.id])
        ]
        result[language] = Changes(*([_in_wording(rule, before, after) for rule in section]
                                     for section in (added, removed, reworded, improved)))
    return result


def _in_wording(official: Rule, before: Mapping[str, Rule], after: Mapping[str, Rule]) -> RuleChange:
    """An official rule's change, with one language's wording before and after."""
    return RuleChange(official.id, official.number, official.school_rule, before.get(official.id),
                      after.get(official.id))


def site_changes(
    previous: Mapping[str, Mapping[str, object]], current: Mapping[str, Mapping[str, object]], default: str
) -> dict[str, Changes]:
    """`compare_languages` on ``protocol.json`` documents: language -> document, previous and current version."""
    return compare_languages({language: rules_from_document(document) for language, document in previous.items()},
                             {language: rules_from_document(document) for language, document in current.items()},
                             default)


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
    default: str,
    release: Release | None,
    previous: Mapping[str, Mapping[str, object]] | None,
    current: Mapping[str, Sequence[Rule]],
) -> str:
    """The body of the 'what changed' page in ``language``.

    ``previous`` is the previous version's ``protocol.json`` per language,
    ``current`` this version's rules per language; both need ``default`` (the
    official language) and ``language``.
    """
    if release is None:
        return sentence(language, "changes.local")
    official = (previous or {}).get(default)
    if previous is None or official is None:
        return sentence(language, "changes.first")
    # Only the two languages compared: the official text and this page's.
    previous_rules = {lang: rules_from_document(previous[lang]) for lang in dict.fromkeys((default, language))
                      if lang in previous}
    changes = compare_languages(previous_rules, {default: current[default], language: current[language]},
                                default)[language]
    effective = datetime.date.fromisoformat(str(official["effective"]))
    lines = [sentence(language, "changes.compared", title=markdown_text(release.title),
                      previous=markdown_text(str(official["title"])), effective=format_date(effective, language))]
    if changes.empty:
        lines.append(sentence(language, "changes.unchanged"))
    if language not in previous:
        lines.append(sentence(language, "changes.no_previous_translation"))
    if changes.reworded or changes.translation_improved:
        lines.append(sentence(language, "changes.legend"))
    budget = Budget()
    # (section, heading, its items, what it says when empty); the keys are written out for the catalog's check.
    sections = [
        ("reworded", sentence(language, "changes.reworded"),
         [_reworded(change, language, budget) for change in changes.reworded],
         sentence(language, "changes.no_reworded")),
        ("added", sentence(language, "changes.added"),
         [_item(change, change.after, language, PROTOCOL_PAGE) for change in changes.added],
         sentence(language, "changes.no_added")),
        ("removed", sentence(language, "changes.removed"),
         [_item(change, change.before, language, None) for change in changes.removed],
         sentence(language, "changes.no_removed")),
    ]
    if language != default:
        sections.append(("translation_improved", sentence(language, "changes.translation_improved"),
                         [f"- {_label(change, language, PROTOCOL_PAGE)}: {_diff(change, budget)}"
                          for change in changes.translation_improved],
                         sentence(language, "changes.no_translation_improved")))
    for key, heading, items, empty in sections:
        lines.append(f"## {heading} {{ #{SECTION_IDS[key]} }}")
        lines.append("\n".join(items) if items else empty)
    return "\n\n".join(lines)


def _reworded(change: RuleChange, language: str, budget: Budget) -> str:
    """A reworded rule: its words marked; a translation that reads the same, or had no earlier wording, says so."""
    item = f"- {_label(change, language, PROTOCOL_PAGE)}: {_diff(change, budget)}"
    if change.before is None:
        return item
    if change.after is not None and _wording(change.before) == _wording(change.after):
        item += " " + sentence(language, "changes.translation_unchanged")
    return item


def _diff(change: RuleChange, budget: Budget) -> str:
    if change.after is None:
        return ""
    if change.before is None:
        return markdown_text(change.after.text)
    return word_diff(change.before.text, change.after.text, budget)


def _item(change: RuleChange, wording: Rule | None, language: str, protocol_page: str | None) -> str:
    label = _label(change, language, protocol_page)
    return f"- {label}: {markdown_text(wording.text)}" if wording is not None else f"- {label}"


def _label(change: RuleChange, language: str, protocol_page: str | None) -> str:
    if change.school_rule:
        name = sentence(language, "changes.school_rule", number=change.number)
    else:
        name = sentence(language, "changes.rule", number=change.number)
    wording = change.after or change.before
    if change.school_rule and wording is not None and wording.heading:
        name += f" ({markdown_text(wording.heading)})"
    return f"[{name}]({protocol_page}#{change.id})" if protocol_page else name


def _wording(rule: Rule) -> tuple[str | None, str]:
    return rule.heading, rule.text
