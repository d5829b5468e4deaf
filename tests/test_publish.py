"""Publishing with mike into a real git repository, then crawling the result (every language of mkdocs.yml)."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from conftest import REPO, run_cli
from crawl import crawl, fetch, material_config
from publishing import SCHOOLS, export_gh_pages, git, make_repo, publish_two_versions

from cvo_protocol.core.languages import read_languages

LANGUAGES = read_languages(REPO / "mkdocs.yml")
FOLDERS = [LANGUAGES.folder(language) for language in LANGUAGES.all]  # "", "en/", "tr/", …

@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, served):
    """Two versions published for the CVO-wide site and two schools, served on 127.0.0.1.

    Module-scoped and separate from ``published_tree``: later tests here publish more.
    """
    root = tmp_path_factory.mktemp("publish")
    folder = root / "tree"
    folder.mkdir()
    project = make_repo(root / "project")
    base_url = served(folder) + "/"
    publish_two_versions(project, base_url)
    export_gh_pages(project, folder)
    return project, base_url


def test_every_link_and_anchor_of_the_published_tree_resolves(published) -> None:
    project, base_url = published
    # Old versions are reached through each site's versions.json, as the version selector does.
    starts = [base_url] + [
        f"{base_url}{site}/{version}/" for site in ["cvo", *SCHOOLS] for version in ("2025.03", "2026.01")
    ]
    pages, broken = crawl(*starts)
    assert broken == []
    html_pages = [url for url in pages if url.endswith("/")]
    for site in ["cvo", *SCHOOLS]:
        for version in ("2025.03", "2026.01", "latest"):
            for folder in FOLDERS:
                for page in ("", "about/", "changes/", "poster/"):
                    assert f"{base_url}{site}/{version}/{folder}{page}" in pages
    for folder in FOLDERS:
        assert f"{base_url}{folder}" in pages and f"{base_url}{folder}schoolregels.html" in pages
    # sites x (2 versions + latest) x 4 pages x the languages, + the portal in each language
    assert len(html_pages) == 3 * 3 * 4 * len(FOLDERS) + len(FOLDERS)


def test_language_switch_keeps_school_version_and_page(published) -> None:
    _, base_url = published
    for site in ["cvo", *SCHOOLS]:
        for version in ("2025.03", "latest"):
            for language in LANGUAGES.all:
                for page in ("", "about/"):
                    url = f"{base_url}{site}/{version}/{LANGUAGES.folder(language)}{page}"
                    _, html = fetch(url)
                    for other in LANGUAGES.all:
                        href = re.search(rf'<a href="([^"]*)" hreflang="{other}" class="md-select__link"', html).group(1)
                        assert urljoin(url, href) == f"{base_url}{site}/{version}/{LANGUAGES.folder(other)}{page}"


def test_version_data_resolves_from_every_page_language(published) -> None:
    _, base_url = published
    for site in ["cvo", *SCHOOLS]:
        for page in [*FOLDERS, "en/about/"]:
            url = f"{base_url}{site}/latest/{page}"
            _, html = fetch(url)
            config = material_config(html)
            assert config["version"]["provider"] == "mike"
            versions_url = urljoin(urljoin(url, config["base"].rstrip("/") + "/"), "../versions.json")
            assert versions_url == f"{base_url}{site}/versions.json"
            status, body = fetch(versions_url)
            versions = json.loads(body)
            assert [v["version"] for v in versions] == ["2026.01", "2025.03"]
            assert versions[0]["aliases"] == ["latest"] and versions[1]["aliases"] == []
            assert versions[0]["properties"]["effective"] == "2026-01-01"


def test_pages_show_their_version_and_old_versions_point_to_latest(published) -> None:
    _, base_url = published
    _, old = fetch(f"{base_url}voorbeeld-de-linde/2025.03/en/about/")
    assert "Version <strong>Maart 2025</strong>, in effect from <time datetime=\"2025-03-01\">1 March 2025</time>" in old
    assert "This is an old version (Maart 2025), in effect from 1 March 2025" in old
    assert 'href="../../../latest/en/about/" data-cvo-latest' in old
    _, new = fetch(f"{base_url}voorbeeld-de-linde/2026.01/")
    assert "Versie <strong>Januari 2026</strong>, geldig vanaf <time datetime=\"2026-01-01\">1 januari 2026</time>" in new
    assert "vriendelijk en met respect" in new


def test_canonical_urls_keep_school_version_and_slash(published) -> None:
    _, base_url = published
    _, html = fetch(f"{base_url}voorbeeld-de-linde/2026.01/en/")
    assert f'<link rel="canonical" href="{base_url}voorbeeld-de-linde/2026.01/en/">' in html


def test_portal_and_404_pages_in_every_language(published) -> None:
    _, base_url = published
    _, portal = fetch(base_url)
    assert '<html lang="nl">' in portal and 'href="voorbeeld-de-linde/latest/"' in portal
    for language in LANGUAGES.others:
        folder = LANGUAGES.folder(language)
        _, page = fetch(base_url + folder)
        assert f'<html lang="{language}"' in page and f'href="../voorbeeld-de-linde/latest/{folder}"' in page
    for language in LANGUAGES.all:
        folder = LANGUAGES.folder(language)
        for path in (f"{folder}404.html", f"voorbeeld-de-linde/latest/{folder}404.html"):
            status, html = fetch(base_url + path)
            assert status == 200 and f'lang="{language}"' in html, path


def test_versions_command_lists_what_is_published(published) -> None:
    project, _ = published
    result = run_cli(project, "versions", "--school", "voorbeeld-de-linde")
    assert result.returncode == 0
    assert "2026.01  Januari 2026  effective 2026-01-01 [latest]" in result.stdout
    assert "2025.03  Maart 2025  effective 2025-03-01" in result.stdout


def test_an_invalid_overlay_leaves_gh_pages_exactly_as_it_was(published) -> None:
    project, base_url = published
    before = git(project, "rev-parse", "gh-pages")
    school = project / "overlays" / "voorbeeld-de-linde" / "school.yml"
    original = school.read_text()
    school.write_text(original.replace("place: Voorbeeldstad", "place: [kapot"))
    try:
        result = run_cli(project, "publish", "2026.02", "--effective", "2026-02-01", "--alias", "latest",
                     "--site-url", base_url)
    finally:
        school.write_text(original)
    assert result.returncode == 1 and "school.yml" in result.stderr and "Traceback" not in result.stderr
    assert git(project, "rev-parse", "gh-pages") == before
    assert "cvo-publish" not in git(project, "branch", "--list")


def test_dropping_an_id_refuses_unless_it_is_mapped(published) -> None:
    project, base_url = published
    before = git(project, "rev-parse", "gh-pages")
    for page in (project / "docs").glob("index*.md"):  # the same ids in every language
        page.write_text(page.read_text().replace("{ #regel-7a }", "{ #regel-7-a }"))
    refused = run_cli(project, "publish", "2026.02", "--effective", "2026-02-01", "--alias", "latest",
                     "--site-url", base_url)
    assert refused.returncode == 1 and "regel-7a" in refused.stderr and "permalinks.yml" in refused.stderr
    assert git(project, "rev-parse", "gh-pages") == before
    (project / "permalinks.yml").write_text("regel-7a: regel-7-a\n")
    accepted = run_cli(project, "publish", "2026.02", "--effective", "2026-02-01", "--alias", "latest",
                     "--site-url", base_url)
    assert accepted.returncode == 0, accepted.stderr
    html = git(project, "show", "gh-pages:voorbeeld-de-linde/2026.02/en/index.html")
    assert '<span id="regel-7a" class="cvo-moved-anchor"></span><li id="regel-7-a">' in html


def test_what_changed_compares_with_the_previous_version(published) -> None:
    _, base_url = published
    _, first = fetch(f"{base_url}voorbeeld-de-linde/2025.03/changes/")
    assert "eerste gepubliceerde versie" in first
    _, second = fetch(f"{base_url}voorbeeld-de-linde/2026.01/en/changes/")
    assert "compared with the previous published version, <strong>Maart 2025</strong>" in second
    assert "We treat each other <del>decently</del> <ins>kindly</ins> and with respect." in second
    _, dutch = fetch(f"{base_url}voorbeeld-de-linde/2026.01/changes/")
    assert "We behandelen elkaar <del>netjes</del> <ins>vriendelijk</ins> en met respect." in dutch


def test_published_open_data_and_feeds(published) -> None:
    from test_changes_and_open_data import SCHEMA, check_atom
    import jsonschema

    _, base_url = published
    for site in ["cvo", *SCHOOLS]:
        for page in FOLDERS:
            status, body = fetch(f"{base_url}{site}/2026.01/{page}protocol.json")
            assert status == 200
            document = json.loads(body)
            jsonschema.validate(document, SCHEMA)
            assert document["version"] == "2026.01" and document["effective"] == "2026-01-01"
        status, feed = fetch(f"{base_url}{site}/feed.xml")
        entries = check_atom(feed)
        assert [e.find("{http://www.w3.org/2005/Atom}id").text for e in entries] == [
            f"{base_url}{site}/2026.01/", f"{base_url}{site}/2025.03/"]
    status, root_feed = fetch(f"{base_url}feed.xml")
    assert status == 200 and len(check_atom(root_feed)) == 2
