"""A school's rule file (``regels.<lang>.md``): parsed, and checked for safety.

Staff at every school location write these files and parents' browsers show
them, so the Markdown allowed here is deliberately small: headings with an
explicit id, text, lists, emphasis and plain links. Anything that could run
code, load a resource from elsewhere or break the page structure is refused
with a message that names the line and the fix.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import FrameType

import markdown as python_markdown

from cvo_protocol.core.errors import ProtocolError

GROUP_LEVEL = 2
RULE_LEVEL = 3
# The Markdown extensions of mkdocs.yml (a test keeps the two the same).
SITE_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "sane_lists", "toc")
# What a rule file may turn into: tag -> allowed attributes.
ALLOWED_HTML = {
    "h2": {"id"}, "h3": {"id"}, "p": {"class"}, "ul": set(), "ol": {"start"}, "li": set(),
    "em": set(), "strong": set(), "code": set(), "pre": set(), "blockquote": set(),
    "hr": set(), "br": set(), "div": {"class"}, "a": {"href", "title"},
}
# Admonition types a school may use ('!!! warning "Let op"'). The type becomes
# a CSS class, so any other word could borrow one of the page's own classes
# (headerlink, cvo-school-rules, …) and hide the text or change how it is read.
ADMONITION_TYPES = ("note", "info", "tip", "warning", "danger")
_SAFE_CLASSES = {
    "div": re.compile(rf"^admonition (?:{'|'.join(ADMONITION_TYPES)})$"),
    "p": re.compile(r"^admonition-title$"),
}
# Python-Markdown's time grows with the square of the '[' in a paragraph.
MAX_LINKS = 50
_MAX_QUOTE_DEPTH = 3
# Lists, quotes and indented blocks inside each other. Python-Markdown parses
# each level by recursion: a few hundred levels end any build in a crash.
MAX_NESTING = 6
# Stack frames a rule file may take to render. A build renders a page less
# than 50 frames deep under Python's default limit of 1,000; the deepest file
# that MAX_NESTING allows takes fewer than 60 (both measured).
RENDER_HEADROOM = 400
_ADMONITION = re.compile(r"^!!![ \t]*([\w-]+(?:[ \t]+[\w-]+)*)?")
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
RULE_ID = re.compile(r"^regel-10-[a-z0-9]+(?:-[a-z0-9]+)*$")

# The site's Markdown (mkdocs.yml) has no fenced code blocks: a line inside
# ``` is Markdown like any other, so every line is checked the same way.
_HEADING = re.compile(r"^(#+)(.*)$")
# No two adjacent unbounded runs of the same characters: linear on long lines.
_HEADING_WITH_ID = re.compile(r"^(#{1,6})[ \t]+([^ \t].*?)\{[ \t]*#([^\s{}]+)[ \t]*\}[ \t]*$")
# Blockquote markers, list markers and indentation: a line's "containers".
# Python-Markdown parses what follows them as a block of its own.
_CONTAINER_PREFIX = re.compile(r"^(?:[ \t]|>|[*+-](?=[ \t])|[0-9]+[.)](?=[ \t]))*")
_SETEXT_UNDERLINE = re.compile(r"^(=+|-+)[ \t]*$")
_REFERENCE_DEFINITION = re.compile(r"\]:")
_RAW_HTML = re.compile(r"<[ \t]*[/!?a-zA-Z]")
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")
_EXPLICIT_ID = re.compile(r"\{[ \t]*(?::[ \t]*)?#([A-Za-z0-9_-]+)")
_ANCHOR_LINK = re.compile(r"\]\(\s*<?#([^\s)>]*)")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^\s)>]*)")
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
    _check_whole_file(markdown, path)
    headings: list[Heading] = []
    previous = ""
    for number, line in enumerate(markdown.splitlines(), start=1):
        _check_inline_safety(line, path, number)
        content = _CONTAINER_PREFIX.sub("", line, count=1)
        _check_containers(line[: len(line) - len(content)], content, path, number)
        if _HEADING.match(line):
            headings.append(_parse_heading(line, path, number))
        elif content.startswith("#"):
            raise ProtocolError(
                "a heading inside a list, a quote or an indented block (a '#' after the line's start)",
                file=path,
                line=number,
                fix="start every heading at the beginning of the line; for a hashtag, do not put it first on the line",
            )
        elif _SETEXT_UNDERLINE.match(content) and previous.strip() and not _HEADING.match(previous):
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
        previous = content
    _check_outline(headings, path)
    check_rendered_html(markdown, path, headings)
    return RulesDocument(path=path, markdown=markdown, headings=tuple(headings))


def nesting_depth(prefix: str) -> int:
    """How deep a line's containers go: each '>', list marker and four columns of indentation."""
    columns = 0
    depth = 0
    for character in prefix:
        if character == " ":
            columns += 1
        elif character == "\t":
            columns += 4 - columns % 4
        else:
            depth += 1 if character in ">*+-)." else 0
    return depth + columns // 4


def _check_containers(prefix: str, content: str, path: Path, number: int) -> None:
    """Refuse nesting too deep to render, and a box ('!!!') whose type is not allowed."""
    if prefix.count(">") > _MAX_QUOTE_DEPTH:
        raise ProtocolError(
            f"quotes nested more than {_MAX_QUOTE_DEPTH} deep",
            file=path,
            line=number,
            fix="use at most one '>' at the start of a line",
        )
    if nesting_depth(prefix) > MAX_NESTING:
        raise ProtocolError(
            f"lists, quotes or indented blocks nested more than {MAX_NESTING} deep",
            file=path,
            line=number,
            fix="indent less: a rule needs at most a list inside a list",
        )
    if not content.startswith("!!!"):
        return
    match = _ADMONITION.match(content)
    types = (match.group(1) or "").split() if match else []
    if len(types) != 1 or types[0] not in ADMONITION_TYPES:
        raise ProtocolError(
            f"the box '!!! {' '.join(types)}' is not one of the types a rule file may use",
            file=path,
            line=number,
            fix=f"write '!!! <type> \"Title\"' with one type of: {', '.join(ADMONITION_TYPES)}",
        )


def strip_comments(markdown: str, path: Path) -> str:
    """Remove ``<!-- … -->`` notes, keeping every other line where it was.

    One scan with ``str.find`` (a lazy regex would be quadratic on many
    unclosed ``<!--``).
    """
    parts: list[str] = []
    position = 0
    while (start := markdown.find("<!--", position)) != -1:
        end = markdown.find("-->", start + 4)
        if end == -1:
            raise ProtocolError(
                "a comment '<!--' that is never closed",
                file=path,
                line=markdown.count("\n", 0, start) + 1,
                fix="close the comment with '-->'",
            )
        parts.append(markdown[position:start])
        parts.append("\n" * markdown.count("\n", start, end))
        position = end + 3
    parts.append(markdown[position:])
    return "".join(parts)


def find_unsafe_character(text: str) -> int | None:
    """The index of the first control, line-separator or bidi-override character, if any.

    Tabs and line ends (``\\n``, ``\\r``) are fine. Python splits lines on more
    characters than Markdown does (form feed, U+2028, …), and bidi overrides
    make text read differently from what it is.
    """
    for index, character in enumerate(text):
        if character in "\t\n\r":
            continue
        if unicodedata.category(character) in ("Cc", "Zl", "Zp") or character in _BIDI_CONTROLS:
            return index
    return None


def _check_whole_file(markdown: str, path: Path) -> None:
    index = find_unsafe_character(markdown)
    if index is not None:
        raise ProtocolError(
            f"contains the invisible control character U+{ord(markdown[index]):04X}",
            file=path,
            line=markdown.count("\n", 0, index) + 1,
            fix="delete it (retype the line in a plain text editor)",
        )
    if markdown.count("[") > MAX_LINKS:
        raise ProtocolError(
            f"has {markdown.count('[')} '[' characters; a rule file may have at most {MAX_LINKS} links",
            file=path,
            fix="link to one page of the school's website that lists the rest",
        )


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
    title = title.rstrip(" \t")
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


def check_against_base(base: str, rules: RulesDocument, reserved: tuple[str, ...] = ()) -> None:
    """The school's ids must be new on the protocol page, and its ``#`` links must lead somewhere."""
    taken = set(_EXPLICIT_ID.findall(base)) | set(reserved)
    for heading in rules.headings:
        if heading.anchor in taken:
            raise ProtocolError(
                f"the id '{heading.anchor}' is already used by the protocol itself",
                file=rules.path,
                line=heading.line,
                fix="choose another id that starts with 'regel-10-'",
            )
    ids = taken | set(rules.anchors)
    for number, line in enumerate(rules.markdown.splitlines(), start=1):
        for anchor in _ANCHOR_LINK.findall(line):
            if anchor not in ids:
                raise ProtocolError(
                    f"the link '#{anchor}' points to no rule or section on the page",
                    file=rules.path,
                    line=number,
                    fix="link to an id of the protocol (e.g. #regel-8) or of one of the school's own rules",
                )


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


# Line checks: (refuses the line, the problem, the fix), in the order they are tried.
_LINE_RULES: tuple[tuple[Callable[[str], object], str, str], ...] = (
    (
        _RAW_HTML.search,
        "raw HTML is not allowed in school rules (it could run code in parents' browsers)",
        "write plain Markdown text; for a link write [text](https://…)",
    ),
    (
        _ENTITY.search,
        "HTML character references such as '&amp;' or '&#106;' are not allowed",
        "type the character itself (write 'en' or '&' followed by a space)",
    ),
    (
        lambda line: "![" in line,
        "images are not allowed in school rules (they would load from another site)",
        "describe it in words or link to the school's website",
    ),
    (
        lambda line: not _HEADING.match(line) and ("{" in line or "}" in line),
        "curly braces are only allowed for the id of a heading (elsewhere they set HTML attributes)",
        "remove the braces, or use ( ) instead",
    ),
    (
        _REFERENCE_DEFINITION.search,
        "']:' starts a reference-style link definition, which is not allowed (it would apply to the whole page)",
        "write links inline, as [text](https://…); for a colon after brackets, put a space: '] :'",
    ),
)


def _check_inline_safety(line: str, path: Path, number: int) -> None:
    for refuses, problem, fix in _LINE_RULES:
        if refuses(line):
            raise ProtocolError(problem, file=path, line=number, fix=fix)
    for target in _link_targets(line):
        if not _SAFE_LINK.match(target):
            raise ProtocolError(
                f"the link target '{target}' is not allowed",
                file=path,
                line=number,
                fix="link only to https://…, http://…, mailto:…, tel:… or a rule on this page (#regel-…)",
            )


def _link_targets(line: str) -> list[str]:
    return [match.group(1) for match in _INLINE_LINK.finditer(line)]


def check_rendered_html(markdown: str, path: Path, headings: Sequence[Heading] = ()) -> None:
    """Render the file as the site does and refuse any tag, attribute or link outside `ALLOWED_HTML`.

    A second line of defence behind the line checks: whatever trick of the
    Markdown extensions they miss, its HTML is refused here.
    """
    html = render_or_refuse(markdown, path)
    checker = _HtmlChecker()
    checker.feed(html)
    checker.close()
    if checker.problem:
        raise ProtocolError(
            f"would produce HTML that is not allowed in school rules: {checker.problem}",
            file=path,
            fix="write plain Markdown: text, lists, emphasis, [links](https://…) and '##'/'###' headings with an id",
        )
    for heading, rendered_id in zip(headings, [*checker.heading_ids, *[None] * len(headings)]):
        if rendered_id != heading.anchor:
            raise ProtocolError(
                f"this heading does not get the id '{heading.anchor}' on the page",
                file=path,
                line=heading.line,
                fix="write one space (not a tab or '\\') before the id: '### Title { #regel-10-1 }'",
            )


def render_or_refuse(markdown: str, path: Path) -> str:
    """The file rendered as the site renders it; a crash of the renderer becomes a clear error.

    It renders with less stack to spare than a build has (`RENDER_HEADROOM`),
    so a file that renders here cannot run out of stack in a build.
    """
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_stack_depth() + RENDER_HEADROOM)
    try:
        return python_markdown.markdown(markdown, extensions=list(SITE_EXTENSIONS))
    except RecursionError:
        raise ProtocolError(
            "is nested too deeply to be rendered",
            file=path,
            fix=f"nest lists and quotes at most {MAX_NESTING} deep",
        ) from None
    except Exception as error:  # noqa: BLE001 - any crash on untrusted input is the input's problem
        raise ProtocolError(
            f"cannot be rendered ({type(error).__name__}: {str(error)[:120]})",
            file=path,
            fix="simplify the Markdown around the last change to this file",
        ) from None
    finally:
        sys.setrecursionlimit(limit)


def _stack_depth() -> int:
    frame: FrameType | None = sys._getframe()
    depth = 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


class _HtmlChecker(HTMLParser):
    """Finds the first element or attribute of a rendered rule file that is not allowed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problem: str | None = None
        self.heading_ids: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.problem:
            return
        if tag not in ALLOWED_HTML:
            self.problem = f"<{tag}>"
            return
        if tag in ("h2", "h3"):
            self.heading_ids.append(dict(attrs).get("id"))
        for name, value in attrs:
            value = value or ""
            if name not in ALLOWED_HTML[tag]:
                self.problem = f"<{tag} {name}=…>"
            elif name == "href" and not _SAFE_LINK.match(value):
                self.problem = f"<{tag} href=\"{value[:80]}\">"
            elif name == "id" and not RULE_ID.match(value):
                self.problem = f"<{tag} id=\"{value[:80]}\">"
            elif name == "class" and not (tag in _SAFE_CLASSES and _SAFE_CLASSES[tag].match(value)):
                self.problem = f"<{tag} class=\"{value[:80]}\">"
            if self.problem:
                return

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.problem = self.problem or "<!-- … -->"

    def handle_decl(self, decl: str) -> None:
        self.problem = self.problem or f"<!{decl[:40]}>"

    def handle_pi(self, data: str) -> None:
        self.problem = self.problem or f"<?{data[:40]}>"

    def unknown_decl(self, data: str) -> None:
        self.problem = self.problem or f"<![{data[:40]}]>"
