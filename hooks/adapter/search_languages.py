"""MkDocs hook (named in ``mkdocs.yml``): one search index per language.

Why: static-i18n deliberately merges the search entries of every language
into one ``search/search_index.json`` with all stemmers (its PR #33: "search
results can't be contextual to the language"), and Material, which supports
one language per project, offers no way to pick an index per page. So a
search on an English page returned Dutch pages too, stemmed as English.

After static-i18n has written the combined index, this hook splits it:
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

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

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


def on_pre_build(config: MkDocsConfig) -> None:
    """Tell ``partials/search.html`` where this language pass's index lives ("" or "en/")."""
    i18n = config.plugins.get("i18n")
    language = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", None)
    config.extra["cvo_search_index_prefix"] = f"{language}/" if language and language != default else ""


@event_priority(-110)  # after static-i18n's on_post_build (-100) has written the combined index
def on_post_build(config: MkDocsConfig) -> None:
    """Write one search index per language once every language pass is done."""
    i18n = config.plugins.get("i18n")
    combined = Path(config.site_dir) / INDEX
    if i18n is None or getattr(i18n, "building", False) or not combined.is_file():
        return
    default = i18n.default_language
    others = [language for language in i18n.build_languages if language != default]
    indexes = split_search_index(json.loads(combined.read_text(encoding="utf-8")), default, others)
    for language, index in indexes.items():
        target = combined if language == default else Path(config.site_dir) / language / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
