"""The catalog's sentences in ``theme/main.html``: the Jinja global ``cvo_sentence``.

MkDocs' Jinja has no autoescape, and the theme writes every value through
``| e``. ``cvo_sentence(language, key, **values)`` gives a sentence of the
catalog as `Markup`: its own text escaped, a value that is `Markup` already
(``| e``, or ``| safe`` on markup the template builds itself) inserted as it
is, any other value escaped. ``cvo_date_format(language)`` gives the attributes
from which ``docs/javascripts/cvo.js`` writes a date as the catalog does
(``release.date``, ``release.months``). No MkDocs import: the adapter
registers both.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from cvo_protocol.core.catalog import sentence_html, words

GLOBAL_NAME = "cvo_sentence"
DATE_FORMAT_NAME = "cvo_date_format"


def theme_sentence(language: str, key: str, /, **values: object) -> Markup:
    """One sentence of the catalog for a template, its values escaped unless they are `Markup`."""
    return Markup(sentence_html(language, key, **{name: str(escape(value)) for name, value in values.items()}))


def theme_date_format(language: str) -> Markup:
    """``data-cvo-date`` and ``data-cvo-months``: the catalog's way to write a date, for cvo.js.

    The script fills ``{day}``, ``{month}`` and ``{year}`` of ``release.date``
    itself, so a date it writes (from versions.json) reads like the dates the
    build wrote on the same page (Polish and Ukrainian genitive months, Arabic
    with Western digits), in every language of the catalogs, with no table of
    its own and no guess from the browser's locale data.
    """
    pattern = sentence_html(language, "release.date", day="{day}", month="{month}", year="{year}")
    months = "|".join(words(language, "release.months"))
    return Markup(f' data-cvo-date="{pattern}" data-cvo-months="{escape(months)}"')
