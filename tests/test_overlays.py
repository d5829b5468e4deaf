"""Every shipped school: built strictly, its rules under rule 10, the base text intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, SHIPPED_SCHOOLS
from htmlpage import Page, normalise

INSERTED = re.compile(r"<!-- cvo:begin -->.*?<!-- cvo:end -->", re.DOTALL)


def test_at_least_four_fictional_examples_one_without_rules() -> None:
    assert len(SHIPPED_SCHOOLS) >= 4
    assert all(slug.startswith("voorbeeld-") for slug in SHIPPED_SCHOOLS)
    without = [s for s in SHIPPED_SCHOOLS if not (REPO / "overlays" / s / "regels.nl.md").exists()]
    assert without, "one example school has no supplementary rules"
    assert len(without) < len(SHIPPED_SCHOOLS), "the other examples have rules"


@pytest.mark.parametrize("slug", SHIPPED_SCHOOLS)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_school_rules_sit_between_rule_10_and_rule_11(built: Path, slug: str, language: str) -> None:
    page = built / slug / ("index.html" if language == "nl" else "en/index.html")
    html = page.read_text(encoding="utf-8")
    rule_10, block, rule_11 = (html.index(marker) for marker in ('id="regel-10"', 'id="aanvullende-schoolregels"', 'id="regel-11"'))
    assert rule_10 < block < rule_11
    for anchor in re.findall(r"\{ #(regel-10-[a-z0-9-]+) \}", _rules_source(slug, language)):
        assert rule_10 < html.index(f'id="{anchor}"') < rule_11
    heading = "Aanvullende regels van" if language == "nl" else "Additional rules of"
    assert heading in html[block:rule_11]
    contact = html.index('class="cvo-school-contact"')
    assert html.index('id="regel-8"') < contact < html.index('id="regel-9"')


@pytest.mark.parametrize("slug", SHIPPED_SCHOOLS)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_base_text_outside_the_school_blocks_is_the_cvo_wide_text(built: Path, slug: str, language: str) -> None:
    relative = "index.html" if language == "nl" else "en/index.html"
    school = normalise(INSERTED.sub("", Page(built / slug / relative).article_text_html))
    cvo = normalise(INSERTED.sub("", Page(built / "cvo" / relative).article_text_html))
    assert school == cvo


@pytest.mark.parametrize("slug", SHIPPED_SCHOOLS)
def test_site_name_and_title_carry_the_school_name(built: Path, slug: str) -> None:
    for relative, marker in (("index.html", "(fictief)"), ("en/index.html", "(fictional)")):
        html = (built / slug / relative).read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
        assert marker in title


def test_school_without_rules_says_so(built: Path) -> None:
    assert "heeft geen aanvullende schoolregels" in Page(built / "voorbeeld-zonder-regels" / "index.html").text
    assert "has not drawn up any additional school rules" in Page(built / "voorbeeld-zonder-regels" / "en" / "index.html").text


def test_cvo_wide_site_points_to_the_schools_own_rules(built: Path) -> None:
    assert "staan op de site van de school zelf" in Page(built / "cvo" / "index.html").text


def _rules_source(slug: str, language: str) -> str:
    path = REPO / "overlays" / slug / f"regels.{language}.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.mark.parametrize("slug", ["voorbeeld-de-linde", "voorbeeld-het-baken"])
def test_outbound_links_get_noopener_noreferrer(built: Path, slug: str) -> None:
    for relative in ("index.html", "en/index.html"):
        html = (built / slug / relative).read_text(encoding="utf-8")
        outbound = re.findall(r'<a [^>]*href="https?://[^"]*"[^>]*>', html)
        assert outbound, "the example overlay links to the school's website"
        for tag in outbound:
            assert 'rel="noopener noreferrer"' in tag, tag
        internal = re.findall(r'<a [^>]*href="#[^"]*"[^>]*>', html)
        assert internal and not any("noopener" in tag for tag in internal)
