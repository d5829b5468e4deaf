"""Where rule 10 is merged: a school's overlay added to the base protocol page.

Plain text in, plain text out, no MkDocs import. The base page marks two slots
with invisible HTML comments:

- ``<!-- cvo:school-contact -->`` after rule 8: whom to report to at the school;
- ``<!-- cvo:school-rules -->`` after rule 10: the school's supplementary rules
  (or, on the CVO-wide site, a pointer to the schools' own sites).

The merge only adds, right after each marker, a block fenced by
``<!-- cvo:begin -->`` and ``<!-- cvo:end -->``. A block from an earlier run
is removed first, so merging twice gives the same page as merging once.

A page in a language the school did not write shows the school's text in the
language it did write (`Overlay.rules_language`): inside an element with that
language's ``lang`` and ``dir``, after a sentence in the page's language that
says so. A name in another language, or on a right-to-left page, is a
``<bdi>``: its own direction, isolated from the sentence around it.

Nothing the site adds may pass for a rule: each block is a ``<section>``
named (``aria-labelledby``) by a visible label that says whose addition it
is and that it is not part of the CVO protocol.
"""

from __future__ import annotations

import re

from cvo_protocol.core.catalog import sentence
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.overlay import RESERVED_IDS, Overlay
from cvo_protocol.core.overlay_markdown import RulesDocument, check_against_base
from cvo_protocol.core.plaintext import markdown_text

CONTACT_SLOT = "school-contact"
RULES_SLOT = "school-rules"
SLOTS = (CONTACT_SLOT, RULES_SLOT)
RULES_SECTION_ID = RESERVED_IDS[0]

_MARKER = re.compile(r"^<!-- cvo:([a-z-]+) -->[ \t]*$", re.MULTILINE)
# The lookbehind starts a match only at the first of several newlines (linear time).
_INSERTED_BLOCK = re.compile(r"(?<!\n)\n*<!-- cvo:begin -->\n.*?<!-- cvo:end -->\n?", re.DOTALL)
# The shallowest heading level of a school's block, inside a rule-list section (##).
_RULES_HEADING_LEVEL = 3


def merge_overlay(markdown: str, overlay: Overlay | None, language: str) -> str:
    """Return the page with the school's blocks (or the CVO-wide pointer) in its slots.

    A page without slots is returned unchanged. Raises `ProtocolError` on an
    unknown or repeated slot, or when a school's rule id is already a base id.
    """
    base = _INSERTED_BLOCK.sub("\n", markdown)
    slots = _MARKER.findall(base)
    if not slots:
        return markdown
    _check_slots(slots)
    if overlay is not None and overlay.rules is not None:
        check_against_base(base, overlay.rules[language], reserved=(RULES_SECTION_ID,))
    blocks = {
        CONTACT_SLOT: contact_block(overlay, language),
        RULES_SLOT: rules_block(overlay, language),
    }

    def fill(match: re.Match[str]) -> str:
        block = blocks[match.group(1)]
        if not block:
            return match.group(0)
        return f"{match.group(0)}\n\n<!-- cvo:begin -->\n{block}\n<!-- cvo:end -->"

    return _MARKER.sub(fill, base)


def contact_block(overlay: Overlay | None, language: str) -> str:
    """The school's contact for rule 8, or nothing on the CVO-wide site."""
    if overlay is None:
        return ""
    contact = overlay.contact
    ways = []
    # Addresses go into link targets as they are: the overlay's validation
    # allows no space, quote, bracket or '<' in them.
    if contact.email:
        ways.append(sentence(language, "merge.by_email", email=contact.email, email_text=markdown_text(contact.email)))
    if contact.url:
        ways.append(sentence(language, "merge.by_url", url=contact.url))
    school = school_name(overlay, language)
    line = sentence(
        language,
        "merge.contact",
        school=school,
        # Rule 8 names whom reports go to; the overlay names only the person and the way.
        role=sentence(language, "added.reporting_role"),
        person=f" ({markdown_text(contact.name)})" if contact.name else "",
        how=sentence(language, "merge.or").join(ways),
    )
    return _section("cvo-school-contact", sentence(language, "added.school_label", school=school), line)


def rules_block(overlay: Overlay | None, language: str) -> str:
    """The school's rules under rule 10, a 'no rules' note, or the CVO-wide pointer."""
    if overlay is None:
        pointer = sentence(language, "merge.cvo_pointer")
        return _section("cvo-school-rules", sentence(language, "added.site_label"), pointer)
    school = school_name(overlay, language)
    heading = "#" * _RULES_HEADING_LEVEL + " " + sentence(language, "merge.rules_heading", school=school)
    parts = [f"{heading} {{ #{RULES_SECTION_ID} }}"]
    if overlay.rules is None:
        parts.append(sentence(language, "merge.no_rules", school=school))
        return _section("cvo-school-rules", sentence(language, "added.school_label", school=school), "\n\n".join(parts))
    parts.append(sentence(language, "merge.rules_intro", school=school, place=markdown_text(overlay.place)))
    rules = shift_headings(overlay.rules[language])
    written = overlay.rules_language[language]
    if written != language:
        parts.append(sentence(language, "fallback.rules", school=school,
                              written=f'<span lang="{written}">{markdown_text(overlay.languages.name(written))}</span>'))
        rules = (f'<div class="cvo-school-rules__text" lang="{written}" dir="{overlay.languages.direction(written)}" '
                 f'markdown="1">\n\n{rules}\n\n</div>')
    parts.append(rules)
    return _section("cvo-school-rules", sentence(language, "added.school_label", school=school), "\n\n".join(parts))


def school_name(overlay: Overlay, language: str) -> str:
    """The school's name for a sentence of a page in ``language``, as Markdown (see the module docstring)."""
    return _isolated(markdown_text(overlay.name[language]), overlay.name_language[language], overlay, language)


def _isolated(text: str, written: str, overlay: Overlay, language: str) -> str:
    """``text`` (Markdown, escaped) as it sits in a sentence in ``language``: a ``<bdi>`` where needed."""
    if written != language:
        return f'<bdi lang="{written}">{text}</bdi>'
    if overlay.languages.direction(language) == "rtl":
        return f"<bdi>{text}</bdi>"
    return text


def shift_headings(document: RulesDocument) -> str:
    """Move the rule file's headings below the school block's own heading."""
    top = min(heading.level for heading in document.headings)
    shift = _RULES_HEADING_LEVEL + 1 - top
    heading_lines = {heading.line for heading in document.headings}
    lines = document.markdown.splitlines()
    for number in heading_lines:
        lines[number - 1] = "#" * shift + lines[number - 1]
    return "\n".join(lines).strip("\n")


def _section(css_class: str, label: str, markdown: str) -> str:
    """A block the site adds, named for screen readers by its visible ``label`` (a Markdown line)."""
    label_id = f"{css_class}-label"
    return (
        f'<section class="{css_class}" aria-labelledby="{label_id}" markdown="1">\n\n'
        f"{label}\n{{: #{label_id} .cvo-block-label }}\n\n{markdown}\n\n</section>"
    )


def _check_slots(slots: list[str]) -> None:
    for slot in slots:
        if slot not in SLOTS:
            raise ProtocolError(
                f"unknown slot marker '<!-- cvo:{slot} -->' in the protocol page",
                fix=f"use one of: {', '.join(f'<!-- cvo:{name} -->' for name in SLOTS)}",
            )
    for slot in SLOTS:
        if slots.count(slot) != 1:
            raise ProtocolError(
                f"the protocol page must have the marker '<!-- cvo:{slot} -->' exactly once "
                f"(found {slots.count(slot)})",
                fix="put '<!-- cvo:school-contact -->' after rule 8 and '<!-- cvo:school-rules -->' after rule 10",
            )
