"""What a page carries for paper: the heading a printed page starts with, and the PDF link.

Plain HTML, no MkDocs import. ``print.css`` shows the heading only on paper
and hides the PDF link there; ``reader_hooks`` puts both above the page's text
on a published build (a local build has no version to print, and no PDF).
"""

from __future__ import annotations

from html import escape

from cvo_protocol.core.catalog import sentence


def site_title(language: str, school: str | None) -> str:
    """Whose protocol this is: the school's name, or CVO's for the CVO-wide site."""
    return school or sentence(language, "print.cvo")


def print_heading(language: str, school: str, release: dict, address: str) -> str:
    """The heading of a printed page: the school, the version and its date, and ``address``."""
    lines = [
        sentence(language, "print.version", title=release["title"], date=release["effective_text"][language]),
        sentence(language, "print.online", url=address),
    ]
    body = "".join(f"<p>{escape(line)}</p>\n" for line in lines)
    return (
        f'<div class="cvo-print-heading" data-search-exclude>\n'
        f'<p class="cvo-print-heading__school">{escape(school)}</p>\n{body}</div>\n'
    )


def pdf_link(language: str, href: str) -> str:
    """The link to the PDF of this page's language (published builds only)."""
    return (
        f'<p class="cvo-pdf" data-search-exclude><a href="{escape(href)}" type="application/pdf">'
        f"{escape(sentence(language, 'print.pdf'))}</a></p>\n"
    )
