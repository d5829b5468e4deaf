"""One line of plain text given by a person: a school's name, a place, a role, a version title.

These values reach HTML text and attributes, page titles, Markdown, JSON,
Atom and SVG. Each output escapes them where they enter it; on top of that,
a value may hold only what a name needs: letters and digits of any script,
spaces and a little punctuation. Anything else (quotes, '=', '<', '&', ';',
brackets, control characters) is refused here, before anything is built.
"""

from __future__ import annotations

import unicodedata
from html import escape

# Punctuation a school's name, place or role needs ("'s-Hertogenbosch",
# "Het Baken (fictief)", "St.-Jozef", "havo/vwo", "Locatie: Noord").
NAME_PUNCTUATION = frozenset(" '’‘-–.,()/:")
# Letters, combining marks (Arabic, Cyrillic, Turkish, Polish), digits.
_NAME_CATEGORIES = ("L", "M", "N")
# Characters with a meaning in Markdown or HTML, named in their own message.
MARKUP_CHARACTERS = frozenset("<>&{}[]`*_|\\#")


def unneeded_character(value: str) -> str | None:
    """The first character of ``value`` that no name needs, or ``None``."""
    for character in value:
        if character in NAME_PUNCTUATION or unicodedata.category(character)[0] in _NAME_CATEGORIES:
            continue
        return character
    return None


def describe(character: str) -> str:
    """A character as a message shows it: ``'"' (U+0022 QUOTATION MARK)``."""
    name = unicodedata.name(character, "")
    shown = repr(character) if character.isprintable() else "an invisible character"
    return f"{shown} (U+{ord(character):04X}{' ' + name if name else ''})"


def markdown_text(value: str) -> str:
    """``value`` as literal text inside Markdown: HTML-escaped, Markdown's characters backslashed."""
    return "".join("\\" + c if c in "\\`*_[]()#!" else c for c in escape(value, quote=False))
