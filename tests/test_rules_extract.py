"""Golden table for the rules read back from a page's HTML: ids, numbers, headings, text, groups, order."""

from __future__ import annotations

import pytest
from cvo_protocol.core.rules_extract import Rule, extract_rules

SCHOOL_PAGE = """<ol><li id="regel-10"><p><strong>Tien</strong> school.</p></li></ol>
<section class="cvo-school-rules"><h2 id="aanvullende-schoolregels">Aanvullende regels van X</h2>
<h3 id="regel-10-toetsen">Toetsen</h3>
<h4 id="regel-10-1">Geen telefoon<a class="headerlink" href="#regel-10-1">¶</a></h4>
<p>Bij toetsen <em>nooit</em>.</p><ul><li>een</li><li>twee</li></ul>
<h4 id="regel-10-2">Tweede</h4><p>Tekst &amp; meer.</p>
<h3 id="regel-10-les">Les</h3><h4 id="regel-10-3">Derde</h4><p>C</p></section>
<ol start="11"><li id="regel-11"><p><strong>Elf</strong> slot.</p></li></ol>"""

CASES = {
    "nothing": ("", []),
    "a base rule: its bold words are text, not a heading (the protocol gives rules none)": (
        '<ol><li id="regel-1"><p><strong>Respect</strong> We zijn   aardig\n tegen elkaar.</p></li></ol>',
        [Rule("regel-1", "1", None, "Respect We zijn aardig tegen elkaar.", False)],
    ),
    "sub-items have a letter and stay out of their rule's text": (
        '<ol><li id="regel-7"><p><strong>Zeven</strong> lijst:</p><ol><li id="regel-7a">a. <strong>een</strong>'
        '<ul><li>diep</li></ul></li><li id="regel-7b">b. twee</li></ol></li></ol>',
        [Rule("regel-7", "7", None, "Zeven lijst:", False),
         Rule("regel-7a", "7a", None, "a. een diep", False),
         Rule("regel-7b", "7b", None, "b. twee", False)],
    ),
    "header links, copy links and moved anchors are not text": (
        '<ol><li id="regel-3"><a class="headerlink" href="#regel-3">¶</a>'
        '<span id="regel-3-oud" class="cvo-moved-anchor">weg</span><p><strong>Drie</strong> tekst</p></li></ol>',
        [Rule("regel-3", "3", None, "Drie tekst", False)],
    ),
    "ids that are not rules": (
        '<ol><li id="regel-12-1">x</li><li id="regel-1ab">y</li><li id="inleiding">z</li></ol>'
        '<h3 id="regel-10-1">a school heading outside the school block</h3>',
        [],
    ),
    "school rules follow rule 10, numbered 10.1 on, grouped by the headings above them": (
        SCHOOL_PAGE,
        [Rule("regel-10", "10", None, "Tien school.", False),
         Rule("regel-10-1", "10.1", "Geen telefoon", "Bij toetsen nooit. een twee", True, "Toetsen"),
         Rule("regel-10-2", "10.2", "Tweede", "Tekst & meer.", True, "Toetsen"),
         Rule("regel-10-3", "10.3", "Derde", "C", True, "Les"),
         Rule("regel-11", "11", None, "Elf slot.", False)],
    ),
    "school rules without groups": (
        '<section class="cvo-school-rules"><h3 id="regel-10-1">Een</h3><p>A</p>'
        '<h3 id="regel-10-x">Twee</h3><p>B</p></section>',
        [Rule("regel-10-1", "10.1", "Een", "A", True), Rule("regel-10-x", "10.2", "Twee", "B", True)],
    ),
    "without rule 10 the school rules come last": (
        '<ol><li id="regel-1"><strong>Een</strong> x</li></ol><section class="cvo-school-rules">'
        '<h3 id="regel-10-1">S</h3><p>s</p></section><ol><li id="regel-2"><strong>Twee</strong> y</li></ol>',
        [Rule("regel-1", "1", None, "Een x", False), Rule("regel-2", "2", None, "Twee y", False),
         Rule("regel-10-1", "10.1", "S", "s", True)],
    ),
}


@pytest.mark.parametrize(("html", "rules"), CASES.values(), ids=list(CASES))
def test_rules_read_back(html: str, rules: list[Rule]) -> None:
    assert extract_rules(html) == rules


def test_a_rule_as_open_data() -> None:
    assert Rule("regel-10-1", "10.1", "Een", "A", True, "Toetsen").as_dict() == {
        "id": "regel-10-1", "number": "10.1", "heading": "Een", "text": "A", "school_rule": True, "group": "Toetsen",
    }
