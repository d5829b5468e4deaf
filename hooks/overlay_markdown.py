"""A school's rule file (``regels.<lang>.md``): parsed, and checked for safety.

Staff at every school location write these files and parents' browsers show
them, so the Markdown allowed here is deliberately small: headings with an
explicit id, text, lists, emphasis and plain links. Anything that could run
code, load a resource from elsewhere or break the page structure is refused
with a message that names the line and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ProtocolError

GROUP_LEVEL = 2
RULE_LEVEL = 3
RULE_ID = re.compile(r"^regel-10-[a-z0-9]+(?:-[a-z0-9]+)*$")

_HEADING = re.compile(r"^(#+)(.*)$")
_HEADING_WITH_ID = re.compile(r"^(#{1,6})[ \t]+(\S.*?)[ \t]*\{[ \t]*#([^\s{}]+)[ \t]*\}[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_RAW_HTML = re.compile(r"<[ \t]*[/!?a-zA-Z]")
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^\s)>]*)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)")
_SAFE_LINK = re.compile(r"^(https?://[^\s]+|mailto:[^\s]+|tel:[+0-9 ()-]+|#[a-z0-9-]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Heading:
    """A heading of a rule file: a group (``##``) or a rule (``###``)."""

    level: int
    title: str
    anchor: str
    line: int


@dataclass(frozen=True)
class RulesDocument:
    """One language's supplementary rules of one school."""

    path: Path
    markdown: str
    headings: tuple[Heading, ...]

    @property
    def anchors(self) -> tuple[str, ...]:
        return tuple(heading.anchor for heading in self.headings)

    @property
    def rule_count(self) -> int:
        return sum(1 for heading in self.headings if heading.level == RULE_LEVEL)

    @property
    def outline(self) -> tuple[tuple[int, str], ...]:
        """Heading levels and ids in order: what both languages must share."""
        return tuple((heading.level, heading.anchor) for heading in self.headings)


def parse_rules_markdown(markdown: str, path: Path) -> RulesDocument:
    """Check a rule file line by line and return its headings.

    HTML comments (notes for the file's editors) are removed first. Raises
    `ProtocolError` naming the file, the line and the fix.
    """
    markdown = strip_comments(markdown, path)
    headings: list[Heading] = []
    fence: str | None = None
    previous_line = ""
    for number, line in enumerate(markdown.splitlines(), start=1):
        _check_inline_safety(line, path, number)
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            previous_line = line
            continue
        if fence_match:
            fence = fence_match.group(1)
            previous_line = line
            continue
        if _HEADING.match(line):
            headings.append(_parse_heading(line, path, number))
        elif _SETEXT_UNDERLINE.match(line) and previous_line.strip() and not _HEADING.match(previous_line):
            raise ProtocolError(
                "a line of '=' or '-' under text turns that text into a heading without an id",
                file=path,
                line=number,
                fix="write headings as '### Title { #regel-10-… }', or leave a blank line above a '---' rule",
            )
        elif not headings and line.strip():
            raise ProtocolError(
                "text before the first heading",
                file=path,
                line=number,
                fix="start the file with a '## group' or '### rule' heading that has an id",
            )
        previous_line = line
    _check_outline(headings, path)
    return RulesDocument(path=path, markdown=markdown, headings=tuple(headings))


def strip_comments(markdown: str, path: Path) -> str:
    """Remove ``<!-- … -->`` notes, keeping every other line where it was."""
    def blank(match: re.Match[str]) -> str:
        return "\n" * match.group(0).count("\n")

    stripped = _COMMENT.sub(blank, markdown)
    if "<!--" in stripped:
        raise ProtocolError(
            "a comment '<!--' that is never closed",
            file=path,
            line=stripped[: stripped.index("<!--")].count("\n") + 1,
            fix="close the comment with '-->'",
        )
    return stripped


def _parse_heading(line: str, path: Path, number: int) -> Heading:
    match = _HEADING_WITH_ID.match(line)
    if not match:
        raise ProtocolError(
            "a heading without an explicit id (a line that starts with '#' is a heading)",
            file=path,
            line=number,
            fix="write '### Title of the rule { #regel-10-1 }'; for a hashtag in the text, do not start the line with '#'",
        )
    hashes, title, anchor = match.groups()
    level = len(hashes)
    if "{" in title or "}" in title:
        raise ProtocolError(
            "curly braces in a heading are only allowed once, for its id at the end",
            file=path,
            line=number,
            fix="write '### Title { #regel-10-1 }' with no other braces",
        )
    if level not in (GROUP_LEVEL, RULE_LEVEL):
        raise ProtocolError(
            f"a level-{level} heading ('{hashes}'); rule files use '##' for a group and '###' for a rule",
            file=path,
            line=number,
            fix="use '## Group title { #regel-10-… }' or '### Rule title { #regel-10-… }'",
        )
    if not RULE_ID.match(anchor):
        raise ProtocolError(
            f"the id '{anchor}' is not a school-rule id",
            file=path,
            line=number,
            fix="ids of school rules start with 'regel-10-' followed by lowercase letters, digits and hyphens, e.g. 'regel-10-1'",
        )
    return Heading(level=level, title=title, anchor=anchor, line=number)


def _check_outline(headings: list[Heading], path: Path) -> None:
    seen: dict[str, int] = {}
    for heading in headings:
        if heading.anchor in seen:
            raise ProtocolError(
                f"the id '{heading.anchor}' is used twice (first on line {seen[heading.anchor]})",
                file=path,
                line=heading.line,
                fix="give every heading its own id",
            )
        seen[heading.anchor] = heading.line
    if not any(heading.level == RULE_LEVEL for heading in headings):
        raise ProtocolError(
            "the file has no rule ('### …' heading)",
            file=path,
            fix="add rules as '### Title { #regel-10-1 }', or delete both rule files if the school has no supplementary rules",
        )
    for heading, following in zip(headings, headings[1:] + [None]):
        if heading.level == GROUP_LEVEL and (following is None or following.level != RULE_LEVEL):
            raise ProtocolError(
                f"the group '{heading.title}' has no rules under it",
                file=path,
                line=heading.line,
                fix="put at least one '### rule' under each '## group', or remove the group heading",
            )


def _check_inline_safety(line: str, path: Path, number: int) -> None:
    if _RAW_HTML.search(line):
        raise ProtocolError(
            "raw HTML is not allowed in school rules (it could run code in parents' browsers)",
            file=path,
            line=number,
            fix="write plain Markdown text; for a link write [text](https://…)",
        )
    if _ENTITY.search(line):
        raise ProtocolError(
            "HTML character references such as '&amp;' or '&#106;' are not allowed",
            file=path,
            line=number,
            fix="type the character itself (write 'en' or '&' followed by a space)",
        )
    if "![" in line:
        raise ProtocolError(
            "images are not allowed in school rules (they would load from another site)",
            file=path,
            line=number,
            fix="describe it in words or link to the school's website",
        )
    if not _HEADING.match(line) and ("{" in line or "}" in line):
        raise ProtocolError(
            "curly braces are only allowed for the id of a heading (elsewhere they set HTML attributes)",
            file=path,
            line=number,
            fix="remove the braces, or use ( ) instead",
        )
    for target in _link_targets(line):
        if not _SAFE_LINK.match(target):
            raise ProtocolError(
                f"the link target '{target}' is not allowed",
                file=path,
                line=number,
                fix="link only to https://…, http://…, mailto:…, tel:… or a rule on this page (#regel-…)",
            )


def _link_targets(line: str) -> list[str]:
    targets = [match.group(1) for match in _INLINE_LINK.finditer(line)]
    reference = _REFERENCE_DEFINITION.match(line)
    if reference:
        targets.append(reference.group(1))
    return targets
