"""Crawl a served tree: every link and anchor must resolve."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin, urlsplit

_LINK = re.compile(r"""<(a|link)\b[^>]*?\shref=["']([^"']+)["']""", re.IGNORECASE)
_SRC = re.compile(r"""<(?:script|img)\b[^>]*?\ssrc=["']([^"']+)["']""", re.IGNORECASE)
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def crawl(*starts: str, limit: int = 2000) -> tuple[dict[str, str], list[str]]:
    """Visit every same-host page from ``starts``; return pages by URL and the broken links."""
    host = urlsplit(starts[0]).netloc
    pages: dict[str, str] = {}
    broken: list[str] = []
    queue = [(start, "start") for start in starts]
    anchors: list[tuple[str, str, str]] = []
    seen = set(starts)
    while queue and len(pages) < limit:
        url, source = queue.pop()
        status, body = fetch(url)
        if status != 200:
            broken.append(f"{url} (linked from {source}): HTTP {status}")
            continue
        pages[url] = body
        if not url.endswith("/") and not url.endswith(".html"):
            continue
        targets = [m.group(2) for m in _LINK.finditer(body)] + _SRC.findall(body)
        for href in targets:
            absolute = urljoin(url, href)
            if urlsplit(absolute).netloc != host or urlsplit(absolute).scheme not in ("http", "https"):
                continue
            page_url, fragment = urldefrag(absolute)
            if fragment:
                anchors.append((page_url, fragment, url))
            if page_url not in seen:
                seen.add(page_url)
                queue.append((page_url, url))
    for page_url, fragment, source in anchors:
        body = pages.get(page_url)
        if body is not None and fragment not in _ID.findall(body):
            broken.append(f"{page_url}#{fragment} (linked from {source}): no such id")
    return pages, broken


def material_config(html: str) -> dict:
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL)
    return json.loads(match.group(1)) if match else {}
