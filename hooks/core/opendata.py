"""Open data: ``protocol.json``, every rule of one site in one language.

Its form is described by ``schemas/protocol.schema.json`` (JSON Schema).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from cvo_protocol.core.overlay import Overlay
from cvo_protocol.core.release import Release
from cvo_protocol.core.rules_extract import Rule

FILE_NAME = "protocol.json"
SCHEMA_ID = "https://protocol.cvo.example/schemas/protocol.schema.json"


def protocol_document(
    rules: Sequence[Rule], language: str, release: Release | None, overlay: Overlay | None
) -> dict[str, object]:
    """The open-data document of one site, version and language."""
    return {
        "$schema": SCHEMA_ID,
        "version": release.version if release else None,
        "title": release.title if release else None,
        "effective": release.effective.isoformat() if release else None,
        "language": language,
        "school": None
        if overlay is None
        else {
            "slug": overlay.slug,
            "name": overlay.name[language],
            "place": overlay.place,
            "website": overlay.website,
        },
        "rules": [rule.as_dict() for rule in rules],
    }


def dumps(document: Mapping[str, object]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def rules_from_document(document: Mapping[str, object]) -> list[Rule]:
    """The rules of a ``protocol.json`` read back (e.g. of an earlier version)."""
    rules = document.get("rules", [])
    return [Rule(**rule) for rule in rules] if isinstance(rules, list) else []
