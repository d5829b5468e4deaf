"""The rules of a built protocol page, read back from its HTML.

What readers see is the source of truth for open data and for comparing
versions: the CVO rules (``li id="regel-N"``), the sub-items of rule 7
(``li id="regel-7a"``) and a school's own rules (headings ``id="regel-10-…"``
inside the school's block, each with the text below it).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from html.parser import HTMLParser

_BASE_RULE = re.compile(r"^regel-(\d+)([a-z]?)$")
_SCHOOL_ID = re.compile(r"^regel-10-[a-z0-9-]+$")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED_CLASSES = ("headerlink", "cvo-copylink", "cvo-moved-anchor")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Rule:
    """One rule or sub-item as a reader sees it.

    ``heading``: a school rule's heading, as the school wrote it. The protocol
    gives its own rules no headings (the words it sets in bold are part of
    the rule's text), so a CVO rule has none.
    """

    id: str
    number: str
    heading: str | None
    text: str
    school_rule: bool
    group: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip_depth: int | None = None
        self.captures: list[dict] = []  # open base rules (li), innermost last
        self.base: list[dict] = []
        self.heading: dict | None = None
        self.school: list[dict] = []
        self.school_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in _VOID:
            return
        self.stack.append(tag)
        depth = len(self.stack)
        if self.skip_depth is None and any(c in attributes.get("class", "").split() for c in _SKIPPED_CLASSES):
            self.skip_depth = depth
        identifier = attributes.get("id", "")
        if "cvo-school-rules" in attributes.get("class", "").split():
            self.school_depth = depth
        if tag == "li" and _BASE_RULE.match(identifier):
            capture = {"id": identifier, "depth": depth, "text": []}
            self.captures.append(capture)
            self.base.append(capture)
        elif tag in ("ul", "ol") and self.captures:
            self.captures[-1]["text"].append(" ")
        if tag in _HEADINGS and self.school_depth is not None:
            self.heading = {"id": identifier, "level": int(tag[1]), "heading": [], "text": [], "depth": depth}
            self.school.append(self.heading)
        elif tag in ("p", "li") and self.school:
            self.school[-1]["text"].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return
        while self.stack:
            depth = len(self.stack)
            open_tag = self.stack.pop()
            if self.skip_depth == depth:
                self.skip_depth = None
            if self.captures and self.captures[-1]["depth"] == depth:
                self.captures.pop()
            if self.heading is not None and self.heading["depth"] == depth:
                self.heading["depth"] = None
            if self.school_depth == depth:
                self.school_depth = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skip_depth is not None:
            return
        if self.captures:
            self.captures[-1]["text"].append(data)
        if self.school_depth is not None and self.school:
            current = self.school[-1]
            (current["heading"] if current["depth"] is not None else current["text"]).append(data)


def extract_rules(html: str) -> list[Rule]:
    """Every CVO rule, sub-item and school rule of a protocol page, in page order."""
    reader = _Reader()
    reader.feed(html)
    rules = []
    for capture in reader.base:
        number, letter = _BASE_RULE.fullmatch(capture["id"]).groups()  # type: ignore[union-attr]  # captured by it
        rules.append(Rule(capture["id"], number + letter, None, _fold("".join(capture["text"])), False))
    school = [h for h in reader.school if _SCHOOL_ID.match(h["id"])]
    if school:
        rule_level = max(h["level"] for h in school)
        group = None
        count = 0
        school_rules = []
        for heading in school:
            text = _fold("".join(heading["heading"]))
            if heading["level"] < rule_level:
                group = text
                continue
            count += 1
            school_rules.append(Rule(heading["id"], f"10.{count}", text, _fold("".join(heading["text"])), True, group))
        position = next((i for i, r in enumerate(rules) if r.id == "regel-10"), len(rules) - 1) + 1
        rules[position:position] = school_rules
    return rules


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
