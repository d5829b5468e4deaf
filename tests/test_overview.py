"""Schoolregels per vestiging: every school's contact and rule headings, on the portal and as CSV."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from conftest import SHIPPED_SCHOOLS, run_cli
from crawl import fetch
from cvo_protocol.core.languages import Languages
from cvo_protocol.core.overlay import Contact, Overlay, load_overlay
from cvo_protocol.core.overlay_markdown import Heading, RulesDocument
from cvo_protocol.core.overview import overview_csv, plain_text, rule_headings
from cvo_protocol.publishing.portal import portal_files
from publishing import SCHOOLS
from support import REPO

LANGUAGES = Languages(default="nl", all=("nl", "en"), names=("Nederlands", "English"))
SHIPPED = [load_overlay(REPO / "overlays", slug) for slug in SHIPPED_SCHOOLS]
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


class Links(HTMLParser):
    """Every ``<a href>`` with its text, and the text of each ``<h2>``."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.schools: list[str] = []
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open.append(tag)
        if tag == "a":
            self.links.append((dict(attrs)["href"] or "", ""))
        elif tag == "h2":
            self.schools.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        if "a" in self._open:
            self.links[-1] = (self.links[-1][0], self.links[-1][1] + data)
        if "h2" in self._open:
            self.schools[-1] += data


def overview_pages(overlays: list[Overlay]) -> dict[str, str]:
    files = {file.path: file.content for file in portal_files(overlays, "https://p.example/", "cvo", LANGUAGES)}
    return {"nl": files["schoolregels.html"], "en": files["en/schoolregels.html"]}


def test_the_overview_lists_every_school_with_its_rule_headings_in_each_language() -> None:
    pages = overview_pages(SHIPPED)
    for language, prefix, suffix in (("nl", "", ""), ("en", "../", "en/")):
        page = Links(pages[language])
        assert sorted(page.schools) == sorted(o.name[language] for o in SHIPPED)
        for overlay in SHIPPED:
            site = f"{prefix}{overlay.slug}/latest/{suffix}"
            expected = [(f"{site}#{h.anchor}", h.title) for h in rule_headings(overlay, language)]
            assert [link for link in page.links if link[0].startswith(site + "#")] == expected
            assert (site, overlay.name[language]) in page.links
            if overlay.contact.email:
                assert (f"mailto:{overlay.contact.email}", overlay.contact.email) in page.links
    linde = next(o for o in SHIPPED if o.slug == "voorbeeld-de-linde")
    assert [h.title for h in rule_headings(linde, "nl")][:2] == ["Mobiele telefoons", "Telefoon in het kluisje tijdens de les"]
    assert "Er zijn hier geen aanvullende schoolregels van deze vestiging gepubliceerd." in pages["nl"]  # voorbeeld-zonder-regels
    assert "No additional school rules of this school location are published here." in pages["en"]
    for html in pages.values():
        assert html.count('<meta http-equiv="Content-Security-Policy"') == 1 and "<script" not in html
        assert " style=" not in html


def test_groups_hold_their_rules_in_a_nested_list() -> None:
    html = overview_pages([next(o for o in SHIPPED if o.slug == "voorbeeld-de-linde")])["nl"]
    rules = html[html.index('<ul class="rules">'):html.index("</section>")]
    assert rules.count("<ul") == 3 and rules.count("</ul>") == 3
    assert re.search(r'#regel-10-telefoon">Mobiele telefoons</a><ul>\n<li><a [^>]*#regel-10-1"', rules)


def test_names_titles_and_contacts_are_escaped() -> None:
    hostile = 'A <b onclick="x"> & \'q\''
    document = RulesDocument(Path("regels.nl.md"), "", (Heading(3, hostile, "regel-10-1", 1),))
    school = Overlay("de-linde", Path("de-linde"), {"nl": hostile, "en": hostile}, hostile, "https://l.example/",
                     Contact(hostile, 'a"b@l.example', 'https://l.example/"><b>'),
                     {"nl": document, "en": document}, {"nl": "nl", "en": "en"}, {"nl": "nl", "en": "en"}, LANGUAGES)
    for html in overview_pages([school]).values():
        assert "<b" not in html.replace("<body>", "") and 'onclick="' not in html
        assert "A &lt;b onclick=&quot;x&quot;&gt; &amp; &#x27;q&#x27;" in html
        assert 'href="mailto:a&quot;b@l.example"' in html and 'href="https://l.example/&quot;&gt;&lt;b&gt;"' in html


def test_headings_are_shown_as_plain_text() -> None:
    assert plain_text("Telefoon *in* het `kluisje` en [elders](https://x.example) &amp; zo") == (
        "Telefoon in het kluisje en elders & zo")


def test_the_csv_has_a_row_per_heading_and_one_per_school_without_rules() -> None:
    rows = list(csv.reader(io.StringIO(overview_csv(SHIPPED, "nl", LANGUAGES, "https://p.example/"))))
    assert rows[0] == ["vestiging", "naam", "plaats", "contactpersoon", "e-mail", "contactpagina", "soort", "id",
                       "kopje", "link"]
    expected = sum(max(1, len(rule_headings(o, "nl"))) for o in SHIPPED)
    assert len(rows) == 1 + expected
    assert sorted({row[0] for row in rows[1:]}) == SHIPPED_SCHOOLS
    assert ["voorbeeld-de-linde", "Voorbeeldschool De Linde (fictief)", "Voorbeeldstad", "mevrouw A. Jansen",
            "directie@de-linde.voorbeeld.example", "", "regel", "regel-10-1", "Telefoon in het kluisje tijdens de les",
            "https://p.example/voorbeeld-de-linde/latest/#regel-10-1"] in rows
    assert [row for row in rows if row[0] == "voorbeeld-zonder-regels"][0][6:] == ["", "", "", ""]
    english = list(csv.reader(io.StringIO(overview_csv(SHIPPED, "en", LANGUAGES, "https://p.example/base"))))
    assert english[0][0] == "school" and all(row[9].startswith("https://p.example/base/") for row in english[1:] if row[9])
    assert any(row[9].endswith("/latest/en/#regel-10-1") for row in english[1:])


def test_the_csv_defuses_spreadsheet_formulas() -> None:
    document = RulesDocument(Path("r.md"), "", (Heading(3, "=HYPERLINK(1)", "regel-10-1", 1),
                                                 Heading(3, "-1+2", "regel-10-2", 2)))
    linde = next(o for o in SHIPPED if o.slug == "voorbeeld-de-linde")
    rows = list(csv.reader(io.StringIO(overview_csv([replace(linde, rules={"nl": document, "en": document})],
                                                    "nl", LANGUAGES, "https://p.example/"))))
    assert [row[8] for row in rows[1:]] == ["'=HYPERLINK(1)", "'-1+2"]


@pytest.mark.slow  # runs the command
def test_overview_command_writes_csv_to_a_file_or_stdout(project: Path) -> None:
    written = run_cli(project, "overview", "--csv", "-o", "overzicht.csv", "--site-url", "https://p.example/")
    assert written.returncode == 0, written.stderr
    text = (project / "overzicht.csv").read_bytes().decode("utf-8-sig")
    assert text == overview_csv([load_overlay(project / "overlays", s) for s in SHIPPED_SCHOOLS], "nl", LANGUAGES,
                                "https://p.example/")
    shown = run_cli(project, "overview", "--language", "en")
    assert shown.returncode == 0 and "Example school De Linde (fictional) (Voorbeeldstad)" in shown.stdout
    assert "https://protocol.cvo.example/voorbeeld-de-linde/latest/en/#regel-10-1" in shown.stdout
    wrong = run_cli(project, "overview", "--language", "de")
    assert wrong.returncode == 1 and "unknown language 'de'" in wrong.stderr


def test_every_link_of_the_published_overview_resolves(published_tree: Path, served) -> None:
    base = served(published_tree) + "/"
    for path in ("schoolregels.html", "en/schoolregels.html"):
        status, html = fetch(base + path)
        assert status == 200, path
        page = Links(html)
        assert len(page.schools) == len(SCHOOLS)
        rule_links = [href for href, _ in page.links if "#regel-10-" in href]
        assert len(rule_links) == sum(len(rule_headings(o, "nl")) for o in SHIPPED if o.slug in SCHOOLS) > 0
        for href, _ in page.links:
            if href.startswith(("mailto:", "https://")) and not href.startswith(base):
                continue
            target, fragment = urldefrag(urljoin(base + path, href))
            status, body = fetch(target)
            assert status == 200, href
            assert not fragment or fragment in _ID.findall(body), href
    status, portal = fetch(base)
    assert ("schoolregels.html", "Schoolregels per vestiging") in Links(portal).links
