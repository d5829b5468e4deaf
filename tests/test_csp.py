"""Every page carries exactly one Content-Security-Policy, in its head, that allows only the site's own origin."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from cvo_protocol.pages.csp import META_NAME, add_policy, inline_script_hashes

PAGE = '<!doctype html>\n<html lang="nl" class="no-js">\n  <head>\n    <meta charset="utf-8">\n{head}</head><body>{body}</body></html>'


class _HeadPolicies(HTMLParser):
    """The ``content`` of every CSP ``<meta>`` inside ``<head>``, and whether one is outside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_head = False
        self.head_done = False
        self.policies: list[str] = []
        self.outside = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "head" and not self.head_done:
            self.in_head = True
        elif tag == "meta" and (attributes.get("http-equiv") or "").lower() == META_NAME.lower():
            if self.in_head:
                self.policies.append(attributes.get("content") or "")
            else:
                self.outside += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head, self.head_done = False, True


def head_policies(html: str) -> list[str]:
    parser = _HeadPolicies()
    parser.feed(html)
    return parser.policies


def assert_one_strict_policy(html: str, where: object) -> None:
    policies = head_policies(html)
    assert len(policies) == 1, f"{where}: {len(policies)} policies in <head>"
    directives = dict(d.strip().split(" ", 1) for d in policies[0].split(";"))
    assert directives["default-src"] == "'self'", where
    assert "unsafe-inline" not in directives["script-src"] and "http" not in policies[0], where
    for digest in inline_script_hashes(html):
        assert digest in directives["script-src"], where
    assert html.index(META_NAME) < html.index("<script") if "<script" in html else True, where


def test_hashes_cover_exactly_the_inline_scripts() -> None:
    html = PAGE.format(head="", body='<script>alert(1)</script><script src="a.js"></script>'
                       '<script type="application/json">{"a": 1}</script>')
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(b"alert(1)").digest()).decode() + "'"
    assert inline_script_hashes(html) == [expected]
    with_policy = add_policy(html)
    assert with_policy.index(META_NAME) < with_policy.index("<script>")
    assert add_policy(with_policy) == with_policy, "a page given its policy twice keeps one"


@pytest.mark.parametrize("text", [
    f'<p>http-equiv="{META_NAME}" content="default-src *"</p>',
    f'&lt;meta http-equiv="{META_NAME}" content="x"&gt;',
    '<p><meta charset="utf-8"></p>',
])
def test_no_page_content_removes_or_moves_the_policy(text: str) -> None:
    for head, body in ((f"<title>{text}</title>", ""), ("", text)):
        html = add_policy(PAGE.format(head=head, body=body))
        assert len(head_policies(html)) == 1, html
        assert "default-src 'self'" in head_policies(html)[0]


def test_a_page_without_the_expected_head_is_an_error_not_a_page_without_policy() -> None:
    with pytest.raises(ValueError):
        add_policy("<html><body><p>no head</p></body></html>")


def test_every_built_page_carries_one_strict_policy(built: Path) -> None:
    pages = list(built.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert_one_strict_policy(page.read_text(encoding="utf-8"), page)


def test_every_published_page_of_every_version_carries_one_strict_policy(published_tree: Path) -> None:
    pages = [page for page in published_tree.rglob("*.html") if not page.is_symlink()]
    versions = {page.relative_to(published_tree).parts[1] for page in pages if len(page.relative_to(published_tree).parts) > 2}
    assert {"2025.03", "2026.01"} <= versions  # latest is a link to one of them
    for page in pages:
        assert_one_strict_policy(page.read_text(encoding="utf-8"), page)
