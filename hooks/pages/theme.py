"""The catalog's sentences in ``theme/main.html``: the Jinja global ``cvo_sentence``.

MkDocs' Jinja has no autoescape, and the theme writes every value through
``| e``. ``cvo_sentence(language, key, **values)`` gives a sentence of the
catalog as `Markup`: its own text escaped, a value that is `Markup` already
(``| e``, or ``| safe`` on markup the template builds itself) inserted as it
is, any other value escaped. No MkDocs import: the adapter registers it.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from cvo_protocol.core.catalog import sentence_html

GLOBAL_NAME = "cvo_sentence"


def theme_sentence(language: str, key: str, /, **values: object) -> Markup:
    """One sentence of the catalog for a template, its values escaped unless they are `Markup`."""
    return Markup(sentence_html(language, key, **{name: str(escape(value)) for name, value in values.items()}))
