"""A school's poster (A4): its name, a word of explanation and QR codes to its ``latest`` protocol.

Plain HTML, no MkDocs import. The QR codes are inline SVG made by segno at
build time; nothing is fetched from elsewhere. Only a published build knows
the permanent address a QR code must hold, so an unpublished build shows a
note instead of codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import segno

from cvo_protocol.core.catalog import sentence
from cvo_protocol.core.languages import Languages

# Not "cvo:…": those are the merge's slots on the protocol page (cvo_protocol.merge).
MARKER = "<!-- cvo-poster -->"


def qr_svg(url: str, label: str) -> str:
    """``url`` as a QR code in inline SVG (error correction M, quiet zone of 4 modules)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="cvo-qr", title=label, dark="#000", light="#fff")
    return svg.replace("<svg ", '<svg role="img" shape-rendering="crispEdges" ', 1)


def poster_addresses(latest: str, languages: Languages) -> dict[str, str]:
    """The addresses on the poster: the protocol page of ``latest`` in each language, in the site's order."""
    return {language: f"{latest}{languages.folder(language)}" for language in languages.all}


def poster_html(
    school: str, addresses: Mapping[str, str] | None, *, has_school_rules: bool, language: str, languages: Languages
) -> str:
    """The poster: ``school``'s name and, per language of ``addresses``, a sentence and a QR code.

    Each code's sentences are in its own language and direction (Arabic right
    to left on any page), its label the language's name (``languages``). Without addresses (an unpublished build) it is a
    note in ``language`` instead.
    """
    if addresses is None:
        return f'<p class="cvo-poster-unpublished">{escape(sentence(language, "poster.unpublished"))}</p>'
    codes = []
    for code_language, url in addresses.items():
        school_rules = sentence(code_language, "poster.school_rules") if has_school_rules else ""
        explanation = sentence(code_language, "poster.explanation", school_rules=school_rules)
        codes.append(
            f'<figure class="cvo-poster__code" lang="{code_language}" dir="{languages.direction(code_language)}">\n'
            f'<p class="cvo-poster__title">{escape(sentence(code_language, "poster.title"))}</p>\n'
            f'{qr_svg(url, sentence(code_language, "poster.qr", url=url))}\n'
            f'<p class="cvo-poster__text">{escape(explanation)}</p>\n'
            f'<figcaption><span class="cvo-poster__language">{escape(languages.name(code_language))}</span> '
            # An address reads left to right, also in an Arabic figure (else its slashes move).
            f'<span class="cvo-poster__url" dir="ltr">{escape(url)}</span></figcaption>\n'
            f"</figure>"
        )
    return (
        f'<div class="cvo-poster">\n<p class="cvo-poster__school">{escape(school)}</p>\n'
        f'<div class="cvo-poster__codes">\n' + "\n".join(codes) + "\n</div>\n</div>"
    )
