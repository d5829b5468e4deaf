"""One search index per language, split from static-i18n's combined index (plain data, no MkDocs).

Why: static-i18n deliberately merges the search entries of every language
into one ``search/search_index.json`` with all stemmers (its PR #33: "search
results can't be contextual to the language"), and Material, which supports
one language per project, offers no way to pick an index per page. So a
search on an English page returned Dutch pages too, stemmed as English.

After static-i18n has written the combined index, `SiteHooks` splits it:
``search/search_index.json`` keeps the default language only (with its own
stemmer) and ``<lang>/search/search_index.json`` holds each other language.
``theme/partials/search.html`` points the pages of a non-default language at
their index. The split itself is a plain function on the index data.

Each index carries ``lang: [<its language>]``, so the search worker loads only
that language's lunr support (Dutch stop words on Dutch pages). Stemming
stays off, as in Material's default pipeline: Material 9.8 appends ``*`` to
every query term and lunr skips the pipeline for wildcard terms, so with the
stemmer on, "telefoons" (in the text, indexed as "telefoon") finds nothing.
"""

from __future__ import annotations

from pathlib import Path

INDEX = Path("search") / "search_index.json"


def split_search_index(index: dict, default: str, others: list[str]) -> dict[str, dict]:
    """Split a combined search index into one index per language, by location prefix."""
    docs: dict[str, list[dict]] = {language: [] for language in [default, *others]}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        language = next((lang for lang in others if location.startswith(f"{lang}/")), default)
        docs[language].append(doc)
    return {
        language: {**index, "config": {**index.get("config", {}), "lang": [language]}, "docs": entries}
        for language, entries in docs.items()
    }
