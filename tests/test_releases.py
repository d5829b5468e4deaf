"""Releases as the board and the schools make them (issue 14), in one sequence on a real git repository.

1. the board's first version, 2025.03;
2. a board version that rewords rule 3, 2026.01;
3. a change of one school's rules only, published by the board as 2026.02;
4. publishing again with no change, 2026.03;
5. a coming version, 2026.08 (published in June, in force from August), and
   ``activate`` before and on its date;
6. a revision of one school, 2026.08-1, leaving every other site byte-identical;
7. dry runs (one that would succeed, one that would be refused);
8. a publish without an effective date.

"Today" is injected with ``--today`` everywhere, so the sequence means the same
whenever it runs.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import run_cli
from publishing import SITES, export_gh_pages, git, make_repo, reword_rule_3

# Slow: the module fixture publishes eight times into a real git repository, with PDFs.
pytestmark = pytest.mark.slow

URL = "https://protocol.example/"
SCHOOL = "voorbeeld-de-linde"
RULES = {"nl": SCHOOL + "/regels.nl.md", "en": SCHOOL + "/regels.en.md"}


@dataclass
class Sequence:
    project: Path
    results: dict[str, subprocess.CompletedProcess[str]] = field(default_factory=dict)
    tips: dict[str, str] = field(default_factory=dict)
    trees: dict[str, dict[str, str]] = field(default_factory=dict)


def publish(project: Path, version: str, effective: str | None, today: str, *extra: str) -> subprocess.CompletedProcess[str]:
    dated = ["--effective", effective] if effective else []
    return run_cli(project, "publish", version, *dated, "--alias", "latest", "--site-url", URL, "--today", today, *extra)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def site_trees(project: Path) -> dict[str, str]:
    """A hash of every site's whole tree on gh-pages (files, links and versions.json), and of the portal's files."""
    listing = git(project, "ls-tree", "-r", "gh-pages").splitlines()
    trees: dict[str, list[str]] = {}
    for line in listing:
        path = line.split("\t", 1)[1]
        top = path.split("/", 1)[0] if "/" in path else "(portal)"
        trees.setdefault(top, []).append(line)
    return {top: hashlib.sha256("\n".join(lines).encode()).hexdigest() for top, lines in trees.items()}


def versions(project: Path, site: str, rev: str) -> list[dict]:
    """A site's versions.json on gh-pages at ``rev``."""
    return json.loads(git(project, "show", f"{rev}:{site}/versions.json"))


@pytest.fixture(scope="module")
def sequence(tmp_path_factory: pytest.TempPathFactory) -> Sequence:
    project = make_repo(tmp_path_factory.mktemp("releases") / "project")
    run = Sequence(project)
    overlays = project / "overlays"

    def step(name: str, result: subprocess.CompletedProcess[str]) -> None:
        run.results[name] = result
        run.tips[name] = git(project, "rev-parse", "gh-pages")
        run.trees[name] = site_trees(project)

    step("board 2025.03", publish(project, "2025.03", "2025-03-01", "2025-03-01", "--title", "Maart 2025"))
    reword_rule_3(project)
    step("board 2026.01", publish(project, "2026.01", "2026-01-01", "2026-01-01", "--title", "Januari 2026"))
    edit(overlays / RULES["nl"], "in de tas achter in het lokaal", "in een bak voor in het lokaal")
    edit(overlays / RULES["en"], "in the bag at the back of the classroom", "in a box at the front of the classroom")
    step("school-only change 2026.02", publish(project, "2026.02", "2026-02-01", "2026-02-01"))
    step("no change 2026.03", publish(project, "2026.03", "2026-03-01", "2026-03-01"))
    for name, old, new in (("index.md", "vriendelijk en met respect", "altijd vriendelijk en met respect"),
                           ("index.en.md", "kindly and with respect", "always kindly and with respect")):
        edit(project / "docs" / name, old, new)
    step("dry run 2026.08", publish(project, "2026.08", "2026-08-01", "2026-06-15", "--dry-run"))
    step("coming 2026.08", publish(project, "2026.08", "2026-08-01", "2026-06-15", "--title", "Augustus 2026"))
    step("activate 2026-07-31", run_cli(project, "activate", "--today", "2026-07-31"))
    step("activate 2026-08-01", run_cli(project, "activate", "--today", "2026-08-01"))
    step("activate again", run_cli(project, "activate", "--today", "2026-08-02"))
    edit(overlays / RULES["nl"], "in hun kluisje", "in het kluisje van de klas")
    edit(overlays / RULES["en"], "in their locker", "in the class locker")
    step("revision 2026.08-1", publish(project, "2026.08-1", "2026-09-01", "2026-09-01", "--school", SCHOOL))
    page = project / "docs" / "index.md"
    edit(page, "{ #regel-7a }", "{ #regel-7-a }")
    step("dry run refused", publish(project, "2026.09", "2026-09-15", "2026-09-15", "--dry-run"))
    edit(page, "{ #regel-7-a }", "{ #regel-7a }")
    step("no effective date", publish(project, "2026.09", None, "2026-09-15"))
    return run


def test_a_board_version_publishes_every_site(sequence: Sequence) -> None:
    for name in ("board 2025.03", "board 2026.01"):
        assert sequence.results[name].returncode == 0, sequence.results[name].stderr
    tree = git(sequence.project, "show", f"{sequence.tips['board 2026.01']}:{SCHOOL}/2026.01/changes/index.html")
    assert "<del>netjes</del> <ins>vriendelijk</ins>" in tree


def test_a_school_only_change_and_no_change_publish(sequence: Sequence) -> None:
    for name in ("school-only change 2026.02", "no change 2026.03"):
        assert sequence.results[name].returncode == 0, sequence.results[name].stderr
    changes = git(sequence.project, "show", f"{sequence.tips['no change 2026.03']}:cvo/2026.03/changes/index.html")
    assert "niet veranderd" in changes


def test_a_coming_version_keeps_latest_on_the_version_in_force(sequence: Sequence) -> None:
    result = sequence.results["coming 2026.08"]
    assert result.returncode == 0, result.stderr
    assert "not yet in force: latest stays on the version in force until 'cvo-protocol activate'" in result.stdout
    project, tip = sequence.project, sequence.tips["coming 2026.08"]
    before = sequence.tips["dry run 2026.08"]
    for site in SITES:
        listed = versions(project, site, tip)
        assert listed[0]["version"] == "2026.08" and listed[0]["aliases"] == []
        assert listed[0]["properties"] == {"effective": "2026-08-01", "published": "2026-06-15"}
        # latest, and what it links to (its pages and PDFs), are as before the publish
        assert git(project, "rev-parse", f"{tip}:{site}/latest") == git(project, "rev-parse", f"{before}:{site}/latest")
        coming = git(project, "show", f"{tip}:{site}/2026.08/index.html")
        assert ('<p class="cvo-coming" data-cvo-coming>Versie Augustus 2026. Geldt vanaf '
                '<time datetime="2026-08-01">1 augustus 2026</time> — nog niet van kracht.') in coming
        assert '<p class="cvo-outdated" data-cvo-effective="2026-08-01" data-cvo-version="2026.08" hidden>' in coming
        english = git(project, "show", f"{tip}:{site}/2026.08/en/index.html")
        assert "In effect from <time datetime=\"2026-08-01\">1 August 2026</time> — not yet in force." in english
        feed = git(project, "show", f"{tip}:{site}/feed.xml")
        assert ("<title>Augustus 2026 (2026.08)</title><updated>2026-06-15T00:00:00Z</updated>" in feed
                and "Versie Augustus 2026, geldig vanaf 2026-08-01." in feed)
    # The portal links to latest: unchanged by a coming version.
    assert git(project, "show", f"{tip}:index.html") == git(project, "show", f"{before}:index.html")


def test_activate_moves_latest_on_the_date_atomically_and_only_once(sequence: Sequence) -> None:
    results, tips, project = sequence.results, sequence.tips, sequence.project
    assert results["activate 2026-07-31"].returncode == 0
    assert "already the version in force on 2026-07-31" in results["activate 2026-07-31"].stdout
    assert tips["activate 2026-07-31"] == tips["coming 2026.08"]
    assert results["activate 2026-08-01"].returncode == 0, results["activate 2026-08-01"].stderr
    # One commit moves every site, on top of the previous tip (a compare-and-swap of gh-pages).
    assert git(project, "rev-parse", f"{tips['activate 2026-08-01']}~1") == tips["coming 2026.08"]
    for site in SITES:
        assert git(project, "cat-file", "-p", f"{tips['activate 2026-08-01']}:{site}/latest") == "2026.08"
        listed = versions(project, site, tips["activate 2026-08-01"])
        assert [v["aliases"] for v in listed if v["version"] == "2026.08"] == [["latest"]]
        assert sum("latest" in v["aliases"] for v in listed) == 1
    assert results["activate again"].returncode == 0 and tips["activate again"] == tips["activate 2026-08-01"]
    assert "cvo-publish" not in git(project, "branch", "--list")


def test_a_school_revision_leaves_every_other_site_byte_identical(sequence: Sequence) -> None:
    result = sequence.results["revision 2026.08-1"]
    assert result.returncode == 0, result.stderr
    before, after = sequence.trees["activate again"], sequence.trees["revision 2026.08-1"]
    assert {top for top in after if after[top] != before.get(top)} == {SCHOOL}
    project, tip = sequence.project, sequence.tips["revision 2026.08-1"]
    listed = versions(project, SCHOOL, tip)
    assert [v["version"] for v in listed][:2] == ["2026.08-1", "2026.08"]
    assert listed[0]["title"] == "2026.08-1 (herziening Voorbeeldschool De Linde (fictief))"
    assert listed[0]["aliases"] == ["latest"]
    changes = git(project, "show", f"{tip}:{SCHOOL}/2026.08-1/changes/index.html")
    assert "<strong>Augustus 2026</strong>" in changes and "<del>hun kluisje.</del> <ins>het kluisje van de klas.</ins>" in changes
    assert git(project, "cat-file", "-e", f"{tip}:{SCHOOL}/2026.08-1/cvo-protocol-{SCHOOL}-2026.08-1-nl.pdf") == ""
    assert "2026.08-1" in git(project, "show", f"{tip}:{SCHOOL}/feed.xml")


def test_a_dry_run_tells_what_would_change_and_touches_nothing(sequence: Sequence) -> None:
    result = sequence.results["dry run 2026.08"]
    assert result.returncode == 0, result.stderr
    assert sequence.tips["dry run 2026.08"] == sequence.tips["no change 2026.03"]
    assert "coming: latest stays on the version in force" in result.stdout
    for site in SITES:
        assert f"{site}: compared with " in result.stdout
    assert "  reworded: regel-3\n  ids: ok" in result.stdout
    assert result.stdout.rstrip().endswith("the publish would succeed")
    refused = sequence.results["dry run refused"]
    assert refused.returncode == 1 and "the publish would be refused" in refused.stderr
    assert "cvo/2026.09/index.html#regel-7a (was in 2026.08)" in refused.stdout
    assert sequence.tips["dry run refused"] == sequence.tips["revision 2026.08-1"]


def test_publishing_without_an_effective_date_is_refused(sequence: Sequence) -> None:
    result = sequence.results["no effective date"]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: version 2026.09 has no effective date" in result.stderr
    assert sequence.tips["no effective date"] == sequence.tips["dry run refused"]


def test_a_school_revision_must_follow_the_schools_newest_version(sequence: Sequence) -> None:
    project = sequence.project
    before = git(project, "rev-parse", "gh-pages")
    for version, message in (("2026.01-1", "already has a later version (2026.08-1, 2026.08"),
                             ("2026.10", "names a version of the board, not a revision of one school")):
        result = publish(project, version, "2026-10-01", "2026-10-01", "--school", SCHOOL)
        assert result.returncode == 1 and message in result.stderr, result.stderr
    result = publish(project, "2026.08-2", "2026-10-01", "2026-10-01", "--school", "cvo")
    assert result.returncode == 1 and "the CVO-wide site changes only with a version of the board" in result.stderr
    assert git(project, "rev-parse", "gh-pages") == before


def exported(project: Path, tip: str, folder: Path) -> Path:
    """The gh-pages tree at ``tip`` written to ``folder`` as a host serves it."""
    folder.mkdir(parents=True)
    export_gh_pages(project, folder, tip)
    return folder


def test_in_the_browser_the_version_in_force_announces_the_coming_one(sequence: Sequence, open_page,
                                                                   tmp_path: Path) -> None:
    from browser import PageCase

    tree = exported(sequence.project, sequence.tips["coming 2026.08"], tmp_path / "coming")
    page = open_page(PageCase("in force", "", "/cvo/latest/en/", wait_for=".cvo-announce"), tree=tree)
    announce = page.locator(".cvo-announce")
    assert announce.inner_text() == "From 1 August 2026 a new version of this protocol applies: Augustus 2026. " \
                                    "Read what changes"
    announce.locator("a").click()
    page.wait_for_url("**/cvo/2026.08/en/changes/")
    coming = open_page(PageCase("coming", "", "/cvo/2026.08/", wait_for=".cvo-coming"), tree=tree)
    assert coming.locator(".cvo-coming").inner_text().startswith(
        "Versie Augustus 2026. Geldt vanaf 1 augustus 2026 — nog niet van kracht.")
    assert coming.locator(".cvo-outdated").is_hidden()

    after = exported(sequence.project, sequence.tips["activate 2026-08-01"], tmp_path / "after")
    old = open_page(PageCase("old", "", "/cvo/2026.01/", wait_for=".cvo-outdated"), tree=after)
    old.locator("[data-cvo-until]:not([hidden])").wait_for(state="visible")
    assert "geldig van 1 januari 2026 tot 1 " in old.locator(".cvo-outdated").inner_text()
    old.wait_for_load_state("networkidle")
    assert old.locator(".cvo-announce").is_hidden() and old.locator(".cvo-coming").is_hidden()
    current = open_page(PageCase("now in force", "", "/cvo/latest/"), tree=after)
    current.locator(".md-version__current").wait_for(state="attached")
    current.wait_for_load_state("networkidle")
    assert current.locator(".cvo-coming").is_hidden() and current.locator(".cvo-announce").is_hidden()


def test_in_the_browser_every_language_writes_the_coming_date_as_its_catalog_does(sequence: Sequence, open_page,
                                                                                   tmp_path: Path) -> None:
    """cvo.js has no dates of its own: "1 sierpnia 2026", "1 серпня 2026", "1 أغسطس 2026" come from the catalog."""
    import datetime

    from browser import LANGUAGES, PageCase
    from cvo_protocol.core.catalog import sentence
    from cvo_protocol.core.release import format_date

    def visible(text: str) -> str:  # without the invisible bidi isolates around a value
        return " ".join(text.translate(dict.fromkeys(range(0x2066, 0x206A))).split())

    tree = exported(sequence.project, sequence.tips["coming 2026.08"], tmp_path / "coming")
    for language in LANGUAGES.all:
        folder = LANGUAGES.folder(language)
        page = open_page(PageCase(f"in force {language}", "", f"/cvo/latest/{folder}", wait_for=".cvo-announce"),
                         tree=tree)
        expected = sentence(language, "coming.announce", date=format_date(datetime.date(2026, 8, 1), language),
                            title="Augustus 2026", link=sentence(language, "coming.changes"))
        assert visible(page.locator(".cvo-announce").inner_text()) == visible(expected), language
