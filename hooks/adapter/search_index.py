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

A language that lunr-languages lacks (Material 9.8 ships no ``lunr.pl`` or
``lunr.uk``): Material's search worker loads ``lunr.<lang>.min.js`` for every
language of the index's ``lang`` except ``en``, so ``lang: [pl]`` would stop
the worker with a failed import and the search would find nothing. Material's
own choice for such a language (its ``partials/languages/pl.html`` names no
search language) is ``en``, with English stop words. The honest setting is
what that amounts to without pretending the text is English: ``lang: [en]``,
which in Material's worker means lunr without any language's support, and an
empty ``pipeline``, so that neither English stop words nor an English stemmer
touch Polish or Ukrainian words. A query then finds the words that start with
it, as in every language here (stemming is off everywhere).
"""

from __future__ import annotations

from pathlib import Path

INDEX = Path("search") / "search_index.json"


# Material's worker: ``lang: [en]`` loads no language support (lunr's own core).
LUNR_CORE = "en"
# Where the site carries Material's lunr-languages support files, one per language.
LUNR_LANGUAGES = Path("assets") / "javascripts" / "lunr" / "min"


def lunr_languages(site_dir: Path) -> frozenset[str]:
    """The search languages the built site can load: ``en`` and each ``lunr.<lang>.min.js`` it carries."""
    names = (path.name for path in (site_dir / LUNR_LANGUAGES).glob("lunr.*.min.js"))
    return frozenset({LUNR_CORE, *(name.split(".")[1] for name in names)})


def split_search_index(index: dict, default: str, others: list[str],
                       supported: frozenset[str] | None = None) -> dict[str, dict]:
    """Split a combined search index into one index per language, by location prefix.

    ``supported``: the languages lunr can load (`lunr_languages`); any other
    gets lunr's core and no pipeline (see the module docstring). ``None``: all.
    """
    docs: dict[str, list[dict]] = {language: [] for language in [default, *others]}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        language = next((lang for lang in others if location.startswith(f"{lang}/")), default)
        docs[language].append(doc)
    config = index.get("config", {})

    def language_config(language: str) -> dict:
        if supported is None or language in supported:
            return {**config, "lang": [language]}
        return {**config, "lang": [LUNR_CORE], "pipeline": []}

    return {language: {**index, "config": language_config(language), "docs": entries}
            for language, entries in docs.items()}
