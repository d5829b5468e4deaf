"""Every page carries a Content-Security-Policy that allows only the site's own origin."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from cvo_protocol.csp import add_policy, inline_script_hashes

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_hashes_cover_exactly_the_inline_scripts() -> None:
    html = ('<meta charset="utf-8"><script>alert(1)</script><script src="a.js"></script>'
            '<script type="application/json">{"a": 1}</script>')
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(b"alert(1)").digest()).decode() + "'"
    assert inline_script_hashes(html) == [expected]
    with_policy = add_policy(html)
    assert with_policy.index("Content-Security-Policy") < with_policy.index("<script>")
    assert add_policy(with_policy) == with_policy


def test_every_built_page_carries_a_strict_policy(built: Path) -> None:
    pages = list(built.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = POLICY.search(html)
        assert match, page
        directives = dict(d.strip().split(" ", 1) for d in match.group(1).split(";"))
        assert directives["default-src"] == "'self'"
        assert "unsafe-inline" not in directives["script-src"] and "http" not in match.group(1)
        for digest in inline_script_hashes(html):
            assert digest in directives["script-src"]
        assert html.index("Content-Security-Policy") < html.index("<script")
