"""Fuzzing the overlay loader, the merge and the rendering with Hypothesis.

Whatever a school puts in its files, the result is either a `ProtocolError` or
a page in which the base text is intact, the school's block sits only between
the ``cvo:begin``/``cvo:end`` fences, merging twice equals merging once, and
the rendered HTML has no script, event attribute, javascript:/data: link,
iframe or image. ``--hypothesis-show-statistics`` prints how many examples ran;
``HYPOTHESIS_EXAMPLES`` raises the number per test (default 500).
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from conftest import REPO
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.merge import merge_overlay
from cvo_protocol.core.overlay import load_overlay
from cvo_protocol.core.overlay_markdown import SITE_EXTENSIONS
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "500"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SLUG = "fuzz-school"
BASE = {language: (REPO / "docs" / name).read_text(encoding="utf-8")
        for language, name in (("nl", "index.md"), ("en", "index.en.md"))}
FENCED = re.compile(r"\n\n<!-- cvo:begin -->\n.*?\n<!-- cvo:end -->", re.DOTALL)
VALID_SCHOOL = (REPO / "overlays" / "voorbeeld-de-linde" / "school.yml").read_text(encoding="utf-8")
VALID_RULES = "### Telefoon { #regel-10-1 }\n\nTekst.\n"

# Pieces that mean something to YAML, Markdown, attr_list, md_in_html, admonition or HTML.
MARKDOWN_TOKENS = [
    "\n", "\n\n", " ", "    ", "\t", "#", "## ", "### ", "{", "}", "{ #regel-10-2 }", "{: ", "#regel-8", "=",
    "===", "---", "-", "- ", "* ", "1. ", "> ", "!!! note ", '"', "'", "[", "]", "(", ")", "](", "]: ", "![",
    "<", ">", "</section>", "<script>", "<img src=x onerror=alert(1)>", "&", "&#106;", "&#x61;", ";", ":",
    "javascript:", "data:", "https://x.example/", "mailto:a@b.nl", "tel:+31", "//evil.example", "`", "```",
    "<!--", "-->", "<!-->", "\r", "\x0c", "\u2028", "\ufeff", "\u202e", "\x00", "\x02", "onclick=", "markdown=1",
    "[TOC]", "regel-10-1", "regel-11", "Tekst", "é", "*", "_", "\\", "|",
]
YAML_TOKENS = [
    "\n", "  ", "name:", "nl:", "en:", "place:", "website:", "contact:", "role:", "email:", "url:", " ", "-", ":",
    "&a", "*a", "<<:", "!!python/object", "!!str", "[", "]", "{", "}", "'", '"', "#", "|", ">", "\\r", "\t",
    "https://x.example", "a@b.nl", "javascript:alert(1)", "Tekst", "null", "42", "~", "\ufeff", "\x85",
]


PLAIN = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=8)


def token_text(tokens: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(tokens) | PLAIN, max_size=max_size).map("".join)


DEFAULTS = ["Testschool", "Test school", "Teststad", "https://x.example", "a@b.nl"]


def school_yml(values: list[str]) -> str:
    """A school.yml in the right shape, with fuzzed values (some quoted)."""
    fields = ("name.nl", "name.en", "place", "website", "email")
    text = VALID_SCHOOL.replace("  name: mevrouw A. Jansen\n", "")
    for field, value in zip(fields, values):
        old = re.search(rf"^\s*{field.split('.')[-1]}: (.*)$", text[text.index(field.split('.')[0]):], re.M).group(1)
        text = text.replace(f"{field.split('.')[-1]}: {old}", f"{field.split('.')[-1]}: {value}", 1)
    return text


rule_file = st.one_of(
    token_text(MARKDOWN_TOKENS),
    token_text(MARKDOWN_TOKENS, max_size=60).map(lambda tail: VALID_RULES + tail),
    st.lists(PLAIN | st.sampled_from(["\n", "\n\n", "[x](https://x.example/)", "*", "- ", "> "]), max_size=30)
    .map(lambda parts: VALID_RULES + "".join(parts)),
)
yaml_value = st.one_of(
    token_text(YAML_TOKENS, max_size=6),
    PLAIN,
    PLAIN.map(lambda value: '"' + value.replace("\\", "").replace('"', "") + '"'),
    st.sampled_from(["https://x.example/contact", "a@b.nl", "Voorbeeldstad", "'met: dubbele punt'"]),
)
school_file = st.one_of(
    token_text(YAML_TOKENS),
    token_text(YAML_TOKENS).map(lambda tail: VALID_SCHOOL + tail),
    st.lists(yaml_value, min_size=1, max_size=len(DEFAULTS)).map(school_yml),
    st.tuples(st.integers(0, len(DEFAULTS) - 1), yaml_value).map(lambda one: school_yml([*DEFAULTS[: one[0]], one[1], *DEFAULTS[one[0] + 1 :]])),
    st.just(VALID_SCHOOL),
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project root with the protocol pages and one overlay folder the tests rewrite."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")  # the languages an overlay must have
    (root / "overlays" / SLUG).mkdir(parents=True)
    return root


def write_overlay(root: Path, school: str | bytes, rules: dict[str, str | bytes] | None) -> None:
    folder = root / "overlays" / SLUG
    for old in folder.iterdir():
        old.unlink()
    files = {"school.yml": school, **({f"regels.{language}.md": text for language, text in rules.items()} if rules else {})}
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
        (folder / name).write_bytes(data)


def load_or_error(root: Path):
    try:
        overlay = load_overlay(root / "overlays", SLUG)
    except ProtocolError as error:
        assert str(error).strip(), "an error needs a message"
        event(f"refused: {error.problem[:40]}")
        return None
    event("accepted, merged and rendered")
    return overlay


def assert_base_intact(base: str, merged: str) -> None:
    """Every base line still there, in order; the school's text only inside the fences."""
    assert FENCED.sub("", merged) == base
    lines = iter(merged.splitlines())
    for line in base.splitlines():
        assert any(line == candidate for candidate in lines), f"base line lost: {line!r}"


class UnsafeHtmlFinder(HTMLParser):
    FORBIDDEN_TAGS = {"script", "iframe", "img", "object", "embed", "style", "link", "meta", "form", "input", "base"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.headings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(tag)
        for name, value in attrs:
            value = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or name in ("src", "style", "srcdoc", "formaction"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "action", "xlink:href") and re.match(r"(javascript|data|vbscript):", value):
                self.found.append(f"<{tag} {name}={value[:40]}>")


def render(page: str) -> str:
    extensions = [*(name for name in SITE_EXTENSIONS if name != "toc"), markdown.extensions.toc.TocExtension(permalink=True)]
    return markdown.markdown(page, extensions=extensions)


def assert_safe_html(merged: str) -> None:
    html = render(merged)
    finder = UnsafeHtmlFinder()
    finder.feed(html)
    assert not finder.found, finder.found
    assert finder.headings.count("h1") == 1, "a school heading became a page title"
    block = html[html.rindex("<section", 0, html.index('class="cvo-school-rules"')):]
    block = block[: block.index("</section>")]
    assert "<section" not in block[1:], "the school's block opened another section"
    assert html.index("</section>", html.index('class="cvo-school-rules"')) < html.index('id="regel-11"')
    assert re.findall(r"<h([1-6])", block) and all(level in "345" for level in re.findall(r"<h([1-6])", block))


def check_merge(overlay) -> None:
    for language, base in BASE.items():
        try:
            merged = merge_overlay(base, overlay, language)
        except ProtocolError:
            continue
        assert_base_intact(base, merged)
        assert merge_overlay(merged, overlay, language) == merged, "merging twice changed the page"
        assert_safe_html(merged)


@FUZZ
@given(school=school_file)
def test_fuzz_school_yml(root: Path, school: str) -> None:
    write_overlay(root, school, {"nl": VALID_RULES, "en": VALID_RULES})
    overlay = load_or_error(root)
    if overlay is not None:
        check_merge(overlay)


@FUZZ
@given(nl=rule_file, en=st.none() | rule_file)
def test_fuzz_rule_files(root: Path, nl: str, en: str | None) -> None:
    write_overlay(root, VALID_SCHOOL, {"nl": nl, "en": nl if en is None else en})
    overlay = load_or_error(root)
    if overlay is not None:
        check_merge(overlay)


@FUZZ
@given(nl=st.binary(max_size=300).map(lambda tail: VALID_RULES.encode() + tail))
def test_fuzz_rule_file_bytes(root: Path, nl: bytes) -> None:
    write_overlay(root, VALID_SCHOOL, {"nl": nl, "en": nl})
    overlay = load_or_error(root)
    if overlay is not None:
        check_merge(overlay)


def test_site_extensions_are_those_of_mkdocs_yml() -> None:
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in config["markdown_extensions"]]
    assert tuple(names) == SITE_EXTENSIONS
