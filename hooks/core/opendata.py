"""Open data: ``protocol.json``, every rule of one site in one language, and its schema beside it.

Its form is described by ``schemas/protocol.schema.json`` (JSON Schema). Each
site carries a copy of that schema at its root (``protocol.schema.json``), so
the ``$schema`` address of every document resolves on the published tree, to
the schema of the same version.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.overlay import Overlay
from cvo_protocol.core.release import Release
from cvo_protocol.core.rules_extract import Rule

FILE_NAME = "protocol.json"
SCHEMA_FILE = "protocol.schema.json"
# The schema in the project (its source); each site gets a copy at its root.
SCHEMA_SOURCE = Path("schemas") / SCHEMA_FILE


def schema_address(version_url: str | None, folder: str) -> str:
    """The ``$schema`` of a document in a language ``folder`` (``""``, ``"en/"``) of a site.

    The schema's absolute address on a published build (``version_url``: the
    version's address); on a local build the same file, relative to the document.
    """
    if version_url:
        return f"{version_url}{SCHEMA_FILE}"
    return "../" * folder.count("/") + SCHEMA_FILE


def site_schema(project_root: Path, version_url: str | None) -> str:
    """The schema as a site carries it: with its published address as ``$id`` when there is one."""
    source = project_root / SCHEMA_SOURCE
    try:
        schema = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ProtocolError(
            f"the schema of protocol.json cannot be read ({error})",
            file=source,
            fix="restore schemas/protocol.schema.json from the repository",
        ) from None
    if version_url:
        schema = {"$schema": schema.pop("$schema"), "$id": schema_address(version_url, ""), **schema}
    return dumps(schema)


def protocol_document(
    rules: Sequence[Rule], language: str, release: Release | None, overlay: Overlay | None, schema: str
) -> dict[str, object]:
    """The open-data document of one site, version and language; ``schema``: see `schema_address`.

    A school's name and rules it did not write in ``language`` are shown in a
    language it did write them in (`Overlay.name_language`, `rules_language`):
    the document says which, as the page does with ``lang``.
    """
    rules_language = overlay.rules_language[language] if overlay else language
    return {
        "$schema": schema,
        "version": release.version if release else None,
        "title": release.title if release else None,
        "effective": release.effective.isoformat() if release else None,
        "language": language,
        "school": None
        if overlay is None
        else {
            "slug": overlay.slug,
            "name": overlay.name[language],
            "name_language": overlay.name_language[language],
            "place": overlay.place,
            "website": overlay.website,
        },
        "rules": [{**rule.as_dict(), "text_language": rules_language if rule.school_rule else language}
                  for rule in rules],
    }


def dumps(document: Mapping[str, object]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def rules_from_document(document: Mapping[str, object]) -> list[Rule]:
    """The rules of a ``protocol.json`` read back (e.g. of an earlier version)."""
    rules = document.get("rules", [])
    return [_rule(rule) for rule in rules] if isinstance(rules, list) else []


def _rule(item: Mapping[str, object]) -> Rule:
    # Documents published before 'heading' called it 'title', and gave a CVO
    # rule its first bold words there too; a CVO rule has no heading.
    heading = item.get("heading", item.get("title") if item.get("school_rule") else None)
    return Rule(
        id=str(item["id"]),
        number=str(item["number"]),
        heading=None if heading is None else str(heading),
        text=str(item["text"]),
        school_rule=bool(item["school_rule"]),
        group=None if item.get("group") is None else str(item["group"]),
    )
