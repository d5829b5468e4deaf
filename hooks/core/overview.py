"""What every school added under rule 10, for the policy office: one list, on the portal and as CSV.

Each school with its contact and the headings of its rules, each heading
with its id. The ids are the overlay's own ``{ #regel-10-… }``, which the
merge puts on the page unchanged (`overlay_markdown` checks them against the
protocol); the tests follow every link on a published tree.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import markdown as python_markdown

from cvo_protocol.core.addresses import language_folder, latest_url
from cvo_protocol.core.catalog import words
from cvo_protocol.core.languages import Languages
from cvo_protocol.core.overlay import Overlay
from cvo_protocol.core.overlay_markdown import GROUP_LEVEL

_TAG = re.compile(r"<[^>]+>")
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RuleHeading:
    """A heading of a school's rules: a group (``##``) or a rule (``###``), as plain text."""

    is_group: bool
    anchor: str
    title: str


def rule_headings(overlay: Overlay, language: str) -> list[RuleHeading]:
    """The headings of ``overlay``'s rules in ``language``, in order; none when it has no rules."""
    if overlay.rules is None:
        return []
    return [RuleHeading(heading.level == GROUP_LEVEL, heading.anchor, plain_text(heading.title))
            for heading in overlay.rules[language].headings]


def plain_text(markdown: str) -> str:
    """A heading's Markdown as a reader sees it: emphasis, code and links reduced to their words."""
    rendered = python_markdown.markdown(markdown)
    return " ".join(html.unescape(_TAG.sub("", rendered)).split())


def rule_address(base_url: str, slug: str, language: str, languages: Languages, anchor: str) -> str:
    """A school rule's permanent address: ``<base>/<slug>/latest/[<language>/]#<anchor>``."""
    return f"{latest_url(base_url, slug)}{language_folder(language, languages.default)}#{anchor}"


def overview_csv(overlays: Sequence[Overlay], language: str, languages: Languages, base_url: str) -> str:
    """One row per heading (one for a school without rules), headed by the catalog's column names.

    Spreadsheet formulas are defused: a cell that would start with ``=``,
    ``+``, ``-`` or ``@`` starts with ``'`` instead (OWASP's advice).
    """
    group, rule = words(language, "overview.kinds")
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(words(language, "overview.columns"))
    for overlay in sorted(overlays, key=lambda o: o.slug):
        school = [overlay.slug, overlay.name[language], overlay.place, overlay.contact.name or "",
                  overlay.contact.email or "", overlay.contact.url or ""]
        headings = rule_headings(overlay, language)
        if not headings:
            writer.writerow(_defused([*school, "", "", "", ""]))
        for heading in headings:
            address = rule_address(base_url, overlay.slug, language, languages, heading.anchor)
            writer.writerow(_defused([*school, group if heading.is_group else rule, heading.anchor, heading.title,
                                      address]))
    return output.getvalue()


def overview_text(overlays: Sequence[Overlay], language: str, languages: Languages, base_url: str) -> str:
    """The same list for a terminal: each school, its contact, and each heading with its address."""
    lines = []
    for overlay in sorted(overlays, key=lambda o: o.slug):
        contact = ", ".join(v for v in (overlay.contact.name, overlay.contact.email, overlay.contact.url) if v)
        lines += [f"{overlay.name[language]} ({overlay.place}) [{overlay.slug}]", f"  {contact}"]
        headings = rule_headings(overlay, language)
        for heading in headings:
            indent = "  " if heading.is_group or not any(h.is_group for h in headings) else "    "
            address = rule_address(base_url, overlay.slug, language, languages, heading.anchor)
            lines.append(f"{indent}- {heading.title}  {address}")
        lines.append("")
    return "\n".join(lines)


def _defused(cells: list[str]) -> list[str]:
    return [f"'{cell}" if cell.startswith(_FORMULA_START) else cell for cell in cells]
