"""One search index per language (hooks/adapter/search_index.py), read from the built files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHIPPED_SCHOOLS
from cvo_protocol.adapter.search_index import split_search_index


@pytest.mark.parametrize("site", ["cvo", *SHIPPED_SCHOOLS])
def test_each_language_has_its_own_index(built: Path, site: str) -> None:
    dutch = json.loads((built / site / "search" / "search_index.json").read_text(encoding="utf-8"))
    english = json.loads((built / site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert dutch["config"]["lang"] == ["nl"]
    assert english["config"]["lang"] == ["en"]
    assert dutch["docs"] and not any(doc["location"].startswith("en/") for doc in dutch["docs"])
    assert english["docs"] and all(doc["location"].startswith("en/") for doc in english["docs"])


def test_only_english_pages_redirect_the_index_request(built: Path) -> None:
    redirect = '}("en/",XMLHttpRequest.prototype.open)'
    assert redirect not in (built / "cvo" / "index.html").read_text(encoding="utf-8")
    assert redirect in (built / "cvo" / "en" / "index.html").read_text(encoding="utf-8")


def test_split_search_index_keeps_each_language_with_its_own_config() -> None:
    combined = {
        "config": {"lang": ["nl", "en"], "separator": "[\\\\s]+"},
        "docs": [{"location": "", "title": "Protocol"}, {"location": "en/", "title": "Protocol"},
                 {"location": "about/", "title": "Over"}, {"location": "en/about/", "title": "About"}],
    }
    indexes = split_search_index(combined, "nl", ["en"])
    assert [doc["location"] for doc in indexes["nl"]["docs"]] == ["", "about/"]
    assert [doc["location"] for doc in indexes["en"]["docs"]] == ["en/", "en/about/"]
    assert indexes["nl"]["config"] == {"lang": ["nl"], "separator": "[\\\\s]+"}
    assert indexes["en"]["config"]["lang"] == ["en"]
