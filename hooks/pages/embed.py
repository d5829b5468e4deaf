"""For the school's webmaster, on the poster page: a ready HTML snippet per language, with a copy button.

The snippet is one plain link styled as a button: an ``<a>`` with an inline
``style`` only, so it looks the same on any school's website, runs no script
and loads nothing from anywhere (not even from this site). It leads to the
protocol page of ``latest`` in its language. Plain HTML, no MkDocs import.

The copy button is ``copylink.js``'s: no inline handler (the
Content-Security-Policy allows none). It stays ``hidden`` until the script
finds the Clipboard API; without it the code can still be selected by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from cvo_protocol.core.catalog import sentence
from cvo_protocol.core.languages import Languages

# Dark blue on white text (contrast 10:1, WCAG AAA), the portal's link colour;
# sizes in em so that the button follows the text size of the page it is on.
BUTTON_STYLE = (
    "display:inline-block;padding:0.6em 1.2em;border-radius:0.3em;background:#2a3990;color:#ffffff;"
    "font-family:inherit;font-weight:700;line-height:1.4;text-decoration:none"
)


def embed_snippet(url: str, language: str) -> str:
    """The HTML a webmaster pastes: a link button to ``url`` in ``language``."""
    text = escape(sentence(language, "embed.button"))
    return f'<a href="{escape(url)}" hreflang="{language}" lang="{language}" style="{BUTTON_STYLE}">{text}</a>'


def embed_html(addresses: Mapping[str, str], language: str, languages: Languages) -> str:
    """The section of the poster page: per language of ``addresses`` its snippet, shown as code, and a copy button.

    ``language``: the page's, for the explanations; shown on screen only (``cvo-screen-only``).
    """
    items = []
    for code_language, url in addresses.items():
        name = languages.name(code_language)
        code_id = f"cvo-embed-{code_language}"
        items.append(
            f'<p class="cvo-embed__language">{escape(name)}</p>\n'
            f'<pre class="cvo-embed__code"><code id="{code_id}">{escape(embed_snippet(url, code_language))}</code></pre>\n'
            f'<p><button type="button" class="md-button cvo-embed__copy" data-cvo-copy="{code_id}" '
            f'data-cvo-copied="{escape(sentence(language, "embed.copied"))}" hidden>'
            f'{escape(sentence(language, "embed.copy", language=name))}</button></p>'
        )
    return (
        f'<section class="cvo-embed cvo-screen-only" aria-labelledby="cvo-embed">\n'
        f'<h2 id="cvo-embed">{escape(sentence(language, "embed.heading"))}</h2>\n'
        f'<p>{escape(sentence(language, "embed.intro"))}</p>\n' + "\n".join(items) + "\n</section>"
    )
