"""What changed between versions, protocol.json against its schema, and the Atom feeds."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import markdown
import pytest
from cvo_protocol.core.changes import changes_markdown, compare
from cvo_protocol.core.languages import read_languages
from cvo_protocol.core.opendata import rules_from_document
from cvo_protocol.core.release import Release
from cvo_protocol.core.rules_extract import Rule
from crawl import fetch
from support import REPO

SCHEMA = json.loads((Path(__file__).parent.parent / "schemas" / "protocol.schema.json").read_text())
ATOM = "{http://www.w3.org/2005/Atom}"
RELEASE = Release(version="2026.01", title="Januari 2026", effective=datetime.date(2026, 1, 1))


def rule(id: str, text: str, school: bool = False) -> dict:
    number = id.removeprefix("regel-").replace("10-", "10.")
    return {"id": id, "number": number, "heading": None, "text": text, "school_rule": school, "group": None}


PREVIOUS = {
    "version": "2025.03", "title": "Maart 2025", "effective": "2025-03-01",
    "rules": [
        rule("regel-3", "We behandelen elkaar netjes en met respect."),
        rule("regel-5", "We helpen elkaar."),
        rule("regel-10-1", "Telefoons in het kluisje.", school=True),
    ],
}
CURRENT = [
    Rule("regel-3", "3", None, "We behandelen elkaar vriendelijk en met respect.", False),
    Rule("regel-10-1", "10.1", None, "Telefoons in het kluisje.", True),
    Rule("regel-10-2", "10.2", "Excursies", "Op excursie mag de telefoon mee.", True),
]


def test_compare_finds_reworded_added_and_removed_rules() -> None:
    changes = compare(rules_from_document(PREVIOUS), CURRENT)
    assert changes.ids() == {"reworded": ["regel-3"], "added": ["regel-10-2"], "removed": ["regel-5"],
                             "translation_improved": []}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_what_changed_page_marks_the_changed_words(language: str) -> None:
    # The same (Dutch) texts in both languages: what matters here is how a change is marked.
    body = changes_markdown(language, "nl", RELEASE, {"nl": PREVIOUS, "en": PREVIOUS}, {"nl": CURRENT, "en": CURRENT})
    html = markdown.markdown(body, extensions=["attr_list"])
    assert "We behandelen elkaar <del>netjes</del> <ins>vriendelijk</ins> en met respect." in html
    assert 'href="index.md#regel-3"' in html and 'href="index.md#regel-10-2"' in html
    assert "Op excursie mag de telefoon mee." in html and "We helpen elkaar." in html
    assert 'href="index.md#regel-5"' not in html, "a removed rule has no anchor to link to"
    for section in ("anders-geformuleerd", "nieuwe-regels", "vervallen-regels"):
        assert f'id="{section}"' in html
    assert ("Maart 2025" in html) and (("1 maart 2025" if language == "nl" else "1 March 2025") in html)


def test_first_and_unchanged_versions_say_so() -> None:
    current = {"nl": CURRENT, "en": CURRENT}
    assert "eerste gepubliceerde versie" in changes_markdown("nl", "nl", RELEASE, None, current)
    assert "eerste gepubliceerde versie" in changes_markdown("nl", "nl", RELEASE, {}, current)
    same = {**PREVIOUS, "rules": [r.as_dict() for r in CURRENT]}
    assert "has not changed" in changes_markdown("en", "nl", RELEASE, {"nl": same, "en": same}, current)


def test_every_built_protocol_json_matches_the_schema(built: Path) -> None:
    documents = sorted(built.rglob("protocol.json"))
    languages = read_languages(REPO / "mkdocs.yml").all
    assert len(documents) == len(languages) * len(list(built.iterdir()))  # one per site and language
    for path in documents:
        document = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(document, SCHEMA)
        ids = [r["id"] for r in document["rules"]]
        assert ids[:7] == [f"regel-{n}" for n in range(1, 8)] and "regel-7e" in ids and ids.count("regel-19") == 1
    linde = json.loads((built / "voorbeeld-de-linde" / "en" / "protocol.json").read_text())
    school_rules = [r for r in linde["rules"] if r["school_rule"]]
    assert linde["language"] == "en" and linde["school"]["slug"] == "voorbeeld-de-linde"
    assert [r["id"] for r in school_rules] == ["regel-10-1", "regel-10-2", "regel-10-3"]
    assert school_rules[0]["group"] == "Mobile phones" and school_rules[0]["number"] == "10.1"
    ids = [r["id"] for r in linde["rules"]]
    assert ids.index("regel-10") < ids.index("regel-10-1") < ids.index("regel-11")


def test_protocol_json_says_which_language_a_school_did_not_write_in(built: Path) -> None:
    """De Linde wrote its name and rules in nl and en: the Turkish document shows them in English and says so."""
    for folder, language, written in (("", "nl", "nl"), ("en/", "en", "en"), ("tr/", "tr", "en")):
        document = json.loads((built / "voorbeeld-de-linde" / folder / "protocol.json").read_text(encoding="utf-8"))
        assert document["language"] == language and document["school"]["name_language"] == written
        by_kind = {(r["school_rule"], r["text_language"]) for r in document["rules"]}
        assert by_kind == {(False, language), (True, written)}, folder
    english = json.loads((built / "voorbeeld-de-linde" / "en" / "protocol.json").read_text(encoding="utf-8"))
    turkish = json.loads((built / "voorbeeld-de-linde" / "tr" / "protocol.json").read_text(encoding="utf-8"))
    assert [r["text"] for r in turkish["rules"] if r["school_rule"]] == [
        r["text"] for r in english["rules"] if r["school_rule"]]


def test_every_built_protocol_json_names_its_schema_beside_it(built: Path) -> None:
    """A local build: ``$schema`` is the site's copy of the schema, relative to the document."""
    for path in sorted(built.rglob("protocol.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        schema = (path.parent / document["$schema"]).resolve()
        assert schema.is_file() and json.loads(schema.read_text(encoding="utf-8")) == SCHEMA, path


def test_the_schema_address_resolves_on_the_published_tree(published_tree: Path, served) -> None:
    """Every published ``protocol.json``: its ``$schema`` address serves the schema, whose ``$id`` it is."""
    base_url = served(published_tree) + "/"
    documents = [path for path in published_tree.rglob("protocol.json") if "latest" not in path.parts]
    assert len(documents) >= 2 * 3 * 2  # two languages, three sites, two versions
    for path in documents:
        url = base_url + path.relative_to(published_tree).as_posix()
        status, text = fetch(url)
        assert status == 200, url
        document = json.loads(text)
        version = path.relative_to(published_tree).parts[:2]
        assert document["$schema"] == f"{base_url}{'/'.join(version)}/protocol.schema.json"
        status, text = fetch(document["$schema"])
        assert status == 200, document["$schema"]
        schema = json.loads(text)
        assert schema["$id"] == document["$schema"]
        assert {key: value for key, value in schema.items() if key != "$id"} == SCHEMA
        jsonschema.validate(document, schema)
    status, text = fetch(f"{base_url}cvo/latest/en/protocol.json")
    assert status == 200 and fetch(json.loads(text)["$schema"])[0] == 200


def test_no_rule_has_a_title_the_protocol_does_not_give(built: Path) -> None:
    """The protocol gives its rules no titles: a CVO rule has no heading; a school rule has its own."""
    for path in sorted(built.rglob("protocol.json")):
        rules = json.loads(path.read_text(encoding="utf-8"))["rules"]
        assert all("title" not in rule for rule in rules)
        assert all(rule["heading"] is None for rule in rules if not rule["school_rule"])
        assert all(rule["heading"] for rule in rules if rule["school_rule"])


def test_a_document_published_before_headings_is_read_back() -> None:
    """Older documents named a school rule's heading 'title', and gave CVO rules their bold words there."""
    old = {"rules": [{**rule("regel-1", "Een x"), "title": "Een"},
                     {**rule("regel-10-1", "A", school=True), "number": "10.1", "title": "Telefoon"}]}
    for item in old["rules"]:
        del item["heading"]
    assert [(r.id, r.heading) for r in rules_from_document(old)] == [("regel-1", None), ("regel-10-1", "Telefoon")]


def test_the_schema_rejects_a_rule_without_text() -> None:
    document = {"version": None, "title": None, "effective": None, "language": "nl", "school": None,
                "rules": [{**rule(f"regel-{n}", "x"), "text_language": "nl"} for n in range(1, 25)]}
    jsonschema.validate(document, SCHEMA)
    document["rules"][0]["text"] = ""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


def check_atom(xml: str) -> list[ElementTree.Element]:
    """Assert the elements RFC 4287 requires; return the entries."""
    feed = ElementTree.fromstring(xml)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href")
    return entries
