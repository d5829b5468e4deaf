"""What the site writes says what it is: a translation says so, every page says whose rules these are, rule 8 quoted.

Read from every page of a real ``build --all`` (the published pages and the
PDFs: ``test_reader_features.py``; at phone size in Chromium:
``test_browser_whose_rules.py``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import REPO, SHIPPED_SCHOOLS
from cvo_protocol.core.catalog import sentence
from cvo_protocol.core.languages import read_languages
from cvo_protocol.core.overlay import RULE_8

LANGUAGES = read_languages(REPO / "mkdocs.yml")
NOTICE = re.compile(r'<p class="cvo-translation">(.*?)</p>', re.DOTALL)
NOTICE_LINK = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)">')
WHOSE = re.compile(r'<p class="cvo-whose"((?: lang="[^"]*" dir="[^"]*")?)>([^<]*)</p>')


def school_name(site: str, language: str) -> str:
    return name_and_language(site, language)[0]


def name_and_language(site: str, language: str) -> tuple[str, str]:
    """Whose site this is on a page in ``language``, and the language that name is written in."""
    if site == "cvo":
        return sentence(language, "print.cvo"), language
    names = yaml.safe_load((REPO / "overlays" / site / "school.yml").read_text(encoding="utf-8"))["name"]
    written = LANGUAGES.text_language(language, names)  # a name the school did not write: its fallback
    return names[written], written


def pages(built: Path, site: str, pattern: str = "index.html") -> list[tuple[str, str]]:
    """Every page of a site named ``pattern`` with its language (the folder it lies in)."""
    found = []
    for path in sorted((built / site).rglob(pattern)):
        relative = path.relative_to(built / site).as_posix()
        language = next((other for other in LANGUAGES.others if relative.startswith(LANGUAGES.folder(other))),
                        LANGUAGES.default)
        found.append((relative, language))
    return found


@pytest.mark.parametrize("site", ["cvo", *SHIPPED_SCHOOLS])
def test_every_page_in_another_language_says_it_is_a_translation_and_links_the_same_dutch_page(
    built: Path, site: str
) -> None:
    languages_seen = set()
    for relative, language in pages(built, site):
        html = (built / site / relative).read_text(encoding="utf-8")
        notices = NOTICE.findall(html)
        if language == LANGUAGES.default:
            assert notices == [], relative
            continue
        languages_seen.add(language)
        assert len(notices) == 1, relative
        link = sentence(language, "translation.link")
        assert notices[0].startswith(sentence(language, "translation.notice", link="").split(":")[0]), notices[0]
        (href, hreflang), = NOTICE_LINK.findall(notices[0])
        assert hreflang == LANGUAGES.default and f">{link}</a>" in notices[0]
        # The same page in the official text: this page's address without the language folder.
        page = "file:///site/" + relative
        target = urlsplit(urljoin(page, href)).path.removeprefix("/site/")
        assert target + "index.html" == relative.removeprefix(LANGUAGES.folder(language)), (relative, href)
        assert (built / site / target / "index.html").is_file()
    assert languages_seen == set(LANGUAGES.others)


def test_a_missing_page_is_named_in_the_page_language(built: Path) -> None:
    """Each language's 404 page of a site, not Material's English "404 - Not found"."""
    found = pages(built, "voorbeeld-de-linde", "404.html")
    assert sorted(language for _, language in found) == sorted(LANGUAGES.all)
    for relative, language in found:
        html = (built / "voorbeeld-de-linde" / relative).read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in html and "Not found" not in html, relative
        assert re.findall(r"<h1[^>]*>([^<]*)</h1>", html) == [sentence(language, "portal.not_found_title")], relative


@pytest.mark.parametrize("site", ["cvo", *SHIPPED_SCHOOLS])
def test_every_page_names_whose_rules_these_are_above_its_text(built: Path, site: str) -> None:
    """On the 404 pages too; a name in another language than the page's says which, and its direction."""
    for relative, language in [*pages(built, site), *pages(built, site, "404.html")]:
        html = (built / site / relative).read_text(encoding="utf-8")
        name, written = name_and_language(site, language)
        marked = "" if written == language else f' lang="{written}" dir="{LANGUAGES.direction(written)}"'
        assert WHOSE.findall(html) == [(marked, name)], relative
        article = html[html.index("<article"):]
        assert article.index('class="cvo-whose"') < article.index("<h1"), relative
        if 'id="regel-1"' in html:
            assert html.index('class="cvo-whose"') < html.index('id="regel-1"')


def test_the_rule_8_refusal_quotes_rule_8_word_for_word() -> None:
    """The refusal of 'contact.role' quotes rule 8 as CVO published it (bold aside)."""
    source = (REPO / "tests" / "fixtures" / "cvo-protocol-social-media-2025-03.txt").read_text(encoding="utf-8")
    assert f"8. {RULE_8}" in re.sub(r"\s+", " ", source).replace("**", "")
