"""Private by construction: no built file loads anything from another host."""

from __future__ import annotations

import re
from pathlib import Path

RESOURCE_PATTERNS = [
    re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE),
    # <link> loads what it names, except the links that only describe the page.
    re.compile(r"""<link\b(?![^>]*\brel=["']?(?:canonical|alternate)\b)[^>]*\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE),
    re.compile(r"""url\(\s*["']?([^"')\s]+)""", re.IGNORECASE),
    re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""", re.IGNORECASE),
    re.compile(r"""\b(?:preconnect|dns-prefetch)\b[^>]*href\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE),
]
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def external_resources(site: Path) -> list[str]:
    """Every ``file: url`` where a built file would load a resource from another host."""
    found = set()
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in RESOURCE_PATTERNS:
            for match in pattern.finditer(text):
                if EXTERNAL.match(match.group(1)):
                    found.add(f"{path.relative_to(site)}: {match.group(1)}")
    return sorted(found)


def test_no_built_file_loads_from_another_host(built: Path) -> None:
    assert external_resources(built) == []


def test_the_scan_finds_an_external_font(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text('@import url("https://fonts.googleapis.com/css?family=Roboto");')
    (tmp_path / "b.html").write_text(
        '<link rel="preconnect" href="https://fonts.gstatic.com">'
        '<link rel="canonical" href="https://protocol.cvo.example/">'
    )
    assert external_resources(tmp_path) == [
        'a.css: https://fonts.googleapis.com/css?family=Roboto',
        'b.html: https://fonts.gstatic.com',
    ]
