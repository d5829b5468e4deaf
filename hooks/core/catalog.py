"""The site's own sentences: one catalog per language, ``hooks/catalog/<language>.yml``.

Every sentence the site writes itself (the school's blocks on the protocol
page, "what changed", copy links, the printed heading and PDF link, the
poster, the theme's version lines, the portal, the feeds, month names) is read
from here by a key named after where it is used: ``merge.rules_heading``,
``portal.title``. The default language's file is the reference: every other
file has exactly its keys, and each sentence the same ``{placeholders}``.

The files ship inside the package, beside this code (package data).
"""

from __future__ import annotations

import functools
import html
import re
import string
from collections.abc import Callable, Mapping
from pathlib import Path

import yaml

from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.languages import Gap, Languages

CATALOG_DIR = Path(__file__).resolve().parent.parent / "catalog"
# Keys and placeholders: lowercase words joined by '_' (a placeholder is filled
# by name only: no '{0}', no '{name.attribute}', no format spec).
_NAME = re.compile(r"^[a-z][a-z_]*$")

Entry = str | tuple[str, ...]
# The catalogs are the project's own files, not input from schools: libyaml's
# safe loader where installed, PyYAML's own otherwise.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def catalog_file(language: str, folder: Path | None = None) -> Path:
    """The catalog file of one language."""
    return (folder or CATALOG_DIR) / f"{language}.yml"


def sentence(language: str, key: str, /, **values: object) -> str:
    """One sentence in ``language`` with its placeholders filled in, as it stands in the catalog.

    Plain text or Markdown: whoever puts it into HTML escapes the result.
    """
    return _fill(_sentence(language, key), {name: str(value) for name, value in values.items()})


def sentence_html(language: str, key: str, /, **html_values: str) -> str:
    """One sentence for HTML: its own text escaped, the values inserted as they are.

    For sentences around markup (a link, ``<time>``): each value is HTML that
    the caller has built and escaped.
    """
    return _fill(_sentence(language, key), html_values, literal=html.escape)


def words(language: str, key: str) -> tuple[str, ...]:
    """A list of words in ``language``, e.g. ``release.months``."""
    entry = _entry(language, key)
    if not isinstance(entry, tuple):
        raise ProtocolError(f"'{key}' is a sentence, not a list", file=catalog_file(language),
                            fix="write it as a list, as in the default language's catalog")
    return entry


def placeholders(text: str) -> frozenset[str]:
    """The names of the ``{placeholders}`` in a sentence."""
    return frozenset(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)


def read_catalog(path: Path) -> dict[str, Entry]:
    """One catalog file as ``{dotted key: sentence or list}``; a malformed file is a `ProtocolError`."""
    try:
        stat = path.stat()
    except OSError as error:
        raise ProtocolError(f"cannot be read ({error.strerror or error})", file=path,
                            fix="check that the file exists and can be read") from None
    return dict(_read_catalog(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=32)
def _read_catalog(name: str, mtime_ns: int, size: int) -> dict[str, Entry]:
    # Keyed by modification time and size: every build checks the catalogs,
    # and parsing YAML costs more than the rest of that check.
    path = Path(name)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except OSError as error:
        raise ProtocolError(f"cannot be read ({error.strerror or error})", file=path,
                            fix="check that the file exists and can be read") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ProtocolError(
            f"YAML syntax error: {error.problem or error.context}",
            file=path,
            line=mark.line + 1 if mark else None,
            fix="check the indentation, and quote a sentence that starts with '{' or contains ': '",
        ) from None
    except yaml.YAMLError as error:
        raise ProtocolError(f"YAML error: {error}", file=path, fix="check the file's syntax") from None
    if not isinstance(data, dict):
        raise ProtocolError("must be a mapping of keys to sentences", file=path,
                            fix="start from a copy of the default language's catalog")
    entries: dict[str, Entry] = {}
    _flatten(data, "", path, entries)
    return entries


def catalog_gaps(languages: Languages, folder: Path | None = None) -> list[Gap]:
    """What each language's catalog lacks, compared with the default language's catalog."""
    reference_file = catalog_file(languages.default, folder)
    if not reference_file.is_file():
        return [Gap(reference_file, None, "is missing: the sentences of the default language",
                    f"restore {reference_file.name} (the site writes every sentence from the catalogs)")]
    reference = read_catalog(reference_file)
    gaps = []
    for language in languages.others:
        path = catalog_file(language, folder)
        if not path.is_file():
            gaps.append(Gap(path, None, f"is missing: the site's own sentences in {languages.name(language)}",
                            f"copy {reference_file.name} to {path.name} and translate every sentence"))
            continue
        gaps += _compare(read_catalog(path), reference, path, reference_file.name)
    return gaps


def _compare(entries: Mapping[str, Entry], reference: Mapping[str, Entry], path: Path, reference_name: str) -> list[Gap]:
    gaps = []
    for key, model in reference.items():
        entry = entries.get(key)
        if entry is None:
            gaps.append(Gap(path, key, f"has no sentence '{key}' ({reference_name} has it)",
                            f"add '{key}', translated from {reference_name}"))
        elif isinstance(model, tuple) != isinstance(entry, tuple) or (
            isinstance(model, tuple) and len(model) != len(entry)
        ):
            shape = f"a list of {len(model)}" if isinstance(model, tuple) else "one sentence"
            gaps.append(Gap(path, f"{key}: {shape}", f"'{key}' must be {shape}, as in {reference_name}",
                            f"write '{key}' as in {reference_name}"))
        elif isinstance(model, str) and placeholders(entry) != placeholders(model):  # type: ignore[arg-type]
            needed = ", ".join(f"{{{name}}}" for name in sorted(placeholders(model))) or "none"
            gaps.append(Gap(path, f"{key}: placeholders {needed}",
                            f"the sentence '{key}' must have the placeholders {needed}, as in {reference_name}",
                            "keep every {placeholder} of the original (the code fills them in); only the words around them change"))
    for key in entries:
        if key not in reference:
            gaps.append(Gap(path, f"{key}: not in {reference_name}", f"has the key '{key}', which {reference_name} has not",
                            "remove it, or correct its name"))
    return gaps


def _flatten(data: Mapping[object, object], prefix: str, path: Path, entries: dict[str, Entry]) -> None:
    for name, value in data.items():
        key = f"{prefix}{name}"
        if not isinstance(name, str) or not _NAME.match(name):
            raise ProtocolError(f"the key '{key}' is not lowercase words joined by '_'", file=path,
                                fix="use the key names of the default language's catalog")
        if isinstance(value, dict):
            _flatten(value, key + ".", path, entries)
        elif isinstance(value, str):
            _check_placeholders(value, key, path)
            entries[key] = value
        elif isinstance(value, list) and value and all(isinstance(item, str) for item in value):
            entries[key] = tuple(value)
        else:
            raise ProtocolError(f"the key '{key}' is neither a sentence nor a list of words", file=path,
                                fix="write the sentence as text (in quotes if needed), as in the default language's catalog")


def _check_placeholders(text: str, key: str, path: Path) -> None:
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError as error:
        raise ProtocolError(f"the sentence '{key}' has a stray brace ({error})", file=path,
                            fix="write placeholders as {name}, and a brace itself as {{ or }}") from None
    for _, field, spec, conversion in fields:
        if field is not None and (not _NAME.match(field) or spec or conversion):
            raise ProtocolError(f"the sentence '{key}' has the placeholder {{{field}}}, which is not a plain name",
                                file=path, fix="write each placeholder as in the default language's catalog, e.g. {school}")


@functools.lru_cache(maxsize=None)
def _catalog(language: str, folder: Path) -> dict[str, Entry]:
    # Read once per process for the sentences: the catalog is part of the installed code.
    path = catalog_file(language, folder)
    if not path.is_file():
        raise ProtocolError(f"is missing: the site's own sentences in '{language}'", file=path,
                            fix="copy the default language's catalog to this name and translate every sentence")
    return read_catalog(path)


def _entry(language: str, key: str) -> Entry:
    catalog = _catalog(language, CATALOG_DIR)
    if key not in catalog:
        raise ProtocolError(f"has no sentence '{key}'", file=catalog_file(language),
                            fix=f"add '{key}', translated from the default language's catalog")
    return catalog[key]


def _sentence(language: str, key: str) -> str:
    entry = _entry(language, key)
    if not isinstance(entry, str):
        raise ProtocolError(f"'{key}' is a list, not a sentence", file=catalog_file(language),
                            fix="write it as one sentence, as in the default language's catalog")
    return entry


def _fill(text: str, values: Mapping[str, str], literal: Callable[[str], str] = str) -> str:
    """``text`` with each ``{name}`` replaced by ``values[name]``; ``literal`` applies to the rest."""
    parts = []
    for before, field, _, _ in string.Formatter().parse(text):
        parts.append(literal(before))
        if field is not None:
            parts.append(values[field])
    return "".join(parts)
