"""A Content-Security-Policy for every page: only the site's own origin.

Material writes a few small inline scripts into every page. Rather than allow
inline scripts in general ('unsafe-inline'), each page's policy lists the
SHA-256 hashes of exactly the inline scripts that page carries, computed
after the page is rendered.

The policy is placed by the document's structure, never by searching its
text: right after the ``<meta charset>`` that opens ``<head>`` in Material's
``base.html`` and in our portal pages, before anything that a school, a
version or the protocol's text can fill in. No page content can remove,
move or replace it.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
# The fixed start of every page we write, up to and including the charset.
_HEAD_START = re.compile(
    r"""\A\s*<!doctype html>\s*<html(?:\s+[a-z-]+="[^"<>]*")*\s*>\s*<head>\s*<meta charset="utf-8">""",
    re.IGNORECASE,
)
# A policy placed there before (a page given its policy twice keeps one).
_PLACED_POLICY = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"<>]*">')
META_NAME = "Content-Security-Policy"


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the page's inline scripts, in order."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.groups()
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
            continue
        script_type = _TYPE.search(attributes)
        if (script_type.group(1).lower() if script_type else "") not in _EXECUTABLE_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def policy(html: str) -> str:
    """The page's policy: its own origin only, its inline scripts by hash."""
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return (
        "default-src 'self'; "
        f"script-src {scripts}; "
        # Material sets style attributes (e.g. from its scripts); styles cannot run code.
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def add_policy(html: str) -> str:
    """Put the policy in a ``<meta http-equiv>`` right after the head's charset, before any script.

    Raises `ValueError` for a document that does not start with
    ``<!doctype html><html …><head><meta charset="utf-8">``: a page that
    cannot get its policy is an error, never a page without one.
    """
    match = _HEAD_START.match(html)
    if not match:
        raise ValueError("the page does not start with <!doctype html><html><head><meta charset>")
    rest = html[match.end() :]
    placed = _PLACED_POLICY.match(rest)
    if placed:
        rest = rest[placed.end() :]
    page = html[: match.end()] + rest
    meta = f'<meta http-equiv="{META_NAME}" content="{policy(page)}">'
    return html[: match.end()] + "\n      " + meta + rest
