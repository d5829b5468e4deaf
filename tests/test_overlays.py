"""Every shipped school: built strictly, its rules under rule 10, the base text intact, in every language of mkdocs.yml."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, SHIPPED_SCHOOLS
from htmlpage import Page, catalog_words, normalise
from test_trustworthy_text import school_name

from cvo_protocol.core.catalog import sentence
from cvo_protocol.core.languages import read_languages

LANGUAGES = read_languages(REPO / "mkdocs.yml")

# The school's blocks, and the line above the text that names whose rules these are.
INSERTED = re.compile(r'<!-- cvo:begin -->.*?<!-- cvo:end -->|<p class="cvo-whose"[^>]*>[^<]*</p>', re.DOTALL)


def test_at_least_four_fictional_examples_one_without_rules() -> None:
    assert len(SHIPPED_SCHOOLS) >= 4
    assert all(slug.startswith("voorbeeld-") for slug in SHIPPED_SCHOOLS)
    without = [s for s in SHIPPED_SCHOOLS if not (REPO / "overlays" / s / "regels.nl.md").exists()]
    assert without, "one example school has no supplementary rules"
    assert len(without) < len(SHIPPED_SCHOOLS), "the other examples have rules"


def protocol_page(language: str) -> str:
    """The protocol page of a language inside a site: ``index.html``, ``en/index.html``, …"""
    return f"{LANGUAGES.folder(language)}index.html"


@pytest.mark.parametrize("slug", SHIPPED_SCHOOLS)
@pytest.mark.parametrize("language", LANGUAGES.all)
def test_school_rules_sit_between_rule_10_and_rule_11(built: Path, slug: str, language: str) -> None:
    page = built / slug / protocol_page(language)
    html = page.read_text(encoding="utf-8")
    rule_10, block, rule_11 = (html.index(marker) for marker in ('id="regel-10"', 'id="aanvullende-schoolregels"', 'id="regel-11"'))
    assert rule_10 < block < rule_11
    for anchor in re.findall(r"\{ #(regel-10-[a-z0-9-]+) \}", _rules_source(slug, language)):
        assert rule_10 < html.index(f'id="{anchor}"') < rule_11
    assert all(words in html[block:rule_11] for words in catalog_words(language, "merge.rules_heading"))
    contact = html.index('class="cvo-school-contact"')
    assert html.index('id="regel-8"') < contact < html.index('id="regel-9"')


@pytest.mark.parametrize("slug", SHIPPED_SCHOOLS)
@pytest.mark.parametrize("language", LANGUAGES.all)
def test_base_text_outside_the_school_blocks_is_the_cvo_wide_text(built: Path, slug: str, language: str) -> None:
    relative = protocol_page(language)
    school = normalise(INSERTED.sub("", Page(built / slug / relative).article_text_html))
    cvo = normalise(INSERTED.sub("", Page(built / "cvo" / relative).article_text_html))
    assert school == cvo


@pytest.mark.parametrize("slug", SHIPPED_SCHOOLS)
def test_site_name_and_title_carry_the_school_name(built: Path, slug: str) -> None:
    for language in LANGUAGES.all:
        html = (built / slug / protocol_page(language)).read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
        marker = re.search(r"\(\w+\)$", school_name(slug, language)).group(0)  # (fictief), (fictional)
        assert marker in title, language


def test_school_without_rules_says_only_what_the_site_knows(built: Path) -> None:
    dutch = Page(built / "voorbeeld-zonder-regels" / "index.html").text
    english = Page(built / "voorbeeld-zonder-regels" / "en" / "index.html").text
    assert "Er zijn hier geen aanvullende schoolregels van Voorbeeldschool Zonder Extra Regels (fictief) gepubliceerd." in dutch
    assert "No additional school rules of Example school Without Extra Rules (fictional) are published here." in english
    # The site cannot know that no other rules apply at the school.
    assert "alleen de regels" not in dutch and "only the rules" not in english
    for language in LANGUAGES.others:  # every language: the catalog's sentence, the school's name in it
        text = Page(built / "voorbeeld-zonder-regels" / protocol_page(language)).text
        expected = sentence(language, "merge.no_rules", school=school_name("voorbeeld-zonder-regels", language))
        assert expected in text, language


class _Sections(HTMLParser):
    """Each <section> the site adds: its class, its aria-labelledby, and the text of every id'd element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "section" and attributes.get("class", "").startswith("cvo-school-"):
            self.sections[attributes["class"]] = attributes.get("aria-labelledby", "")
        if tag in ("p", "h2", "h3", "h4", "span", "div"):
            self._open.append(attributes.get("id"))
            if attributes.get("id"):
                self.texts[attributes["id"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "h2", "h3", "h4", "span", "div") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for identifier in self._open:
            if identifier:
                self.texts[identifier] += data


@pytest.mark.parametrize("slug", ["cvo", *SHIPPED_SCHOOLS])
@pytest.mark.parametrize("language", LANGUAGES.all)
def test_every_block_the_site_adds_is_labelled_as_not_the_protocol(built: Path, slug: str, language: str) -> None:
    """The CVO-wide pointer, a school's contact and a school's rules: a visible label names each section."""
    sections = _Sections()
    sections.feed((built / slug / protocol_page(language)).read_text(encoding="utf-8"))
    expected = {"cvo-school-rules"} if slug == "cvo" else {"cvo-school-rules", "cvo-school-contact"}
    assert set(sections.sections) == expected
    # "Aanvulling van <school> — geen onderdeel van het CVO-protocol", in the page's language.
    label_text = (sentence(language, "added.site_label") if slug == "cvo"
                  else sentence(language, "added.school_label", school=school_name(slug, language)))
    for label in sections.sections.values():
        assert label and normalise(sections.texts[label]) == label_text, (label, sections.texts.get(label))
    assert "CVO" in label_text


def test_het_baken_reports_to_the_vestigingsdirecteur_as_rule_8_says(built: Path) -> None:
    for language in LANGUAGES.all:
        html = (built / "voorbeeld-het-baken" / protocol_page(language)).read_text(encoding="utf-8")
        contact = html[html.index('class="cvo-school-contact"'):html.index('id="regel-9"')]
        assert sentence(language, "added.reporting_role") in contact and "teamleider" not in contact and "team leader" not in contact, language
    assert sentence("nl", "added.reporting_role") == "de vestigingsdirecteur"
    assert sentence("en", "added.reporting_role") == "the head of the school location"


def test_cvo_wide_site_points_to_the_schools_own_rules(built: Path) -> None:
    assert "staan op de site van die school" in Page(built / "cvo" / "index.html").text
    for language in LANGUAGES.all:
        assert sentence(language, "merge.cvo_pointer") in Page(built / "cvo" / protocol_page(language)).text


def _rules_source(slug: str, language: str) -> str:
    path = REPO / "overlays" / slug / f"regels.{language}.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.mark.parametrize("slug", ["voorbeeld-de-linde", "voorbeeld-het-baken"])
def test_outbound_links_get_noopener_noreferrer(built: Path, slug: str) -> None:
    for language in LANGUAGES.all:
        html = (built / slug / protocol_page(language)).read_text(encoding="utf-8")
        outbound = re.findall(r'<a [^>]*href="https?://[^"]*"[^>]*>', html)
        assert outbound, "the example overlay links to the school's website"
        for tag in outbound:
            assert 'rel="noopener noreferrer"' in tag, tag
        internal = re.findall(r'<a [^>]*href="#[^"]*"[^>]*>', html)
        assert internal and not any("noopener" in tag for tag in internal)
