"""`build --all` (parallel, shared caches, hard links) against plain `mkdocs build` per site."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from cvo_protocol.build.hardlinks import disk_usage

EXTRA_SCHOOLS = 3


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same sitemap dates both ways, even across midnight."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")


def mkdocs_build(project: Path, slug: str | None, out: Path) -> None:
    """``CVO_SCHOOL=<slug> mkdocs build`` in its own process, as the README documents."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CVO_SCHOOL": slug or ""}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=project, env=env, check=True)


def build_all(project: Path) -> Path:
    result = run_cli(project, "build", "--all")
    assert result.returncode == 0, result.stderr
    return project / "site"


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def assert_same_files(expected: Path, actual: Path) -> None:
    assert tree(actual) == tree(expected)
    _, mismatch, errors = filecmp.cmpfiles(expected, actual, tree(expected), shallow=False)
    assert not mismatch and not errors


def add_schools(project: Path, count: int) -> list[str]:
    """Copies of the shipped examples under new slugs and names, for a run of more sites."""
    examples = sorted(p for p in (project / "overlays").iterdir() if p.name.startswith("voorbeeld-"))
    slugs = []
    for number in range(1, count + 1):
        slug = f"kopie-{number}"
        shutil.copytree(examples[number % len(examples)], project / "overlays" / slug)
        school = project / "overlays" / slug / "school.yml"
        school.write_text(school.read_text(encoding="utf-8").replace(" (fict", f" {number} (fict"), encoding="utf-8")
        slugs.append(slug)
    return slugs


def test_build_all_equals_mkdocs_build_of_each_site_alone(project: Path, tmp_path: Path) -> None:
    add_schools(project, EXTRA_SCHOOLS)
    site = build_all(project)
    names = sorted(p.name for p in site.iterdir())
    assert len(names) == 1 + 4 + EXTRA_SCHOOLS
    for name in names:
        expected = tmp_path / "alone" / name
        mkdocs_build(project, None if name == "cvo" else name, expected)
        assert_same_files(expected, site / name)


def test_identical_files_are_stored_once(project: Path) -> None:
    add_schools(project, EXTRA_SCHOOLS)
    site = build_all(project)
    sites = 1 + 4 + EXTRA_SCHOOLS
    assets = [p for p in (site / "cvo" / "assets").rglob("*") if p.is_file()]
    assert assets and all(p.stat().st_nlink == sites for p in assets)
    # Every other file that is the same as the CVO-wide site's is that very file:
    # what each further site adds on disk is only what differs (its pages).
    cvo = site / "cvo"
    for other in site.iterdir():
        for path in other.rglob("*"):
            twin = cvo / path.relative_to(other)
            if path.is_file() and twin.is_file() and filecmp.cmp(path, twin, shallow=False):
                assert path.stat().st_ino == twin.stat().st_ino, path
    # Less than half of what the sites would take apart: with six languages a
    # site's own pages (every page names its school) are about 0.9 MB of its
    # 3.4 MB, so 8 sites take about 2.9 times one site, not 8 times.
    assert disk_usage(site) < sites * disk_usage(cvo) / 2
    assert not [p.name for p in project.iterdir() if p.name.startswith(".")]  # no staging or pool left


def test_changes_between_two_builds_show_up(project: Path) -> None:
    """Nothing of one run is reused in the next: overlay, docs, theme and mkdocs.yml edits all show."""
    site = build_all(project)
    index = site / "voorbeeld-de-linde" / "index.html"
    assert "mevrouw A. Jansen" in index.read_text(encoding="utf-8")

    school_yml = project / "overlays" / "voorbeeld-de-linde" / "school.yml"
    school_yml.write_text(school_yml.read_text(encoding="utf-8").replace("mevrouw A. Jansen", "meneer B. Pietersen"),
                          encoding="utf-8")
    rules = project / "overlays" / "voorbeeld-de-horizon" / "regels.nl.md"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nEen nieuwe zin over tassen.\n", encoding="utf-8")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nEen nieuwe alinea over dit protocol.\n", encoding="utf-8")
    (project / "theme" / "main.html").write_text(
        (project / "theme" / "main.html").read_text(encoding="utf-8")
        + '{% block footer %}<p class="cvo-test-footer">voet</p>{{ super() }}{% endblock %}\n',
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("copyright: CVO", "copyright: CVO 2026"),
                      encoding="utf-8")

    site = build_all(project)
    linde = (site / "voorbeeld-de-linde" / "index.html").read_text(encoding="utf-8")
    assert "meneer B. Pietersen" in linde and "mevrouw A. Jansen" not in linde
    assert "Een nieuwe zin over tassen." in (site / "voorbeeld-de-horizon" / "index.html").read_text(encoding="utf-8")
    assert "Een nieuwe zin over tassen." not in linde
    for name in ("cvo", "voorbeeld-de-linde", "voorbeeld-zonder-regels"):
        about_html = (site / name / "about" / "index.html").read_text(encoding="utf-8")
        assert "Een nieuwe alinea over dit protocol." in about_html
        assert "cvo-test-footer" in about_html and "CVO 2026" in about_html


def test_a_failing_school_fails_the_whole_run_and_keeps_the_old_site(project: Path) -> None:
    site = build_all(project)
    before = (site / "cvo" / "index.html").read_bytes()
    rules = project / "overlays" / "voorbeeld-het-baken" / "regels.nl.md"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n[kapot](#regel-999)\n", encoding="utf-8")
    result = run_cli(project, "build", "--all")
    assert result.returncode == 1
    assert result.stderr.count("error: ") == 1 and "voorbeeld-het-baken" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "cvo" / "index.html").read_bytes() == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".")]  # no staging or pool left


@pytest.mark.parametrize("workers", [1, 2])
def test_build_sites_in_process_matches_with_any_worker_count(project: Path, tmp_path: Path, workers: int,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from cvo_protocol.build.fastbuild import build_sites
    from cvo_protocol.core.project import Project

    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    slugs = ["voorbeeld-de-linde", None, "voorbeeld-zonder-regels"]
    build_sites(Project.find(project), slugs, tmp_path / "fast", workers=workers)
    for slug in slugs:
        expected = tmp_path / "alone" / (slug or "cvo")
        mkdocs_build(project, slug, expected)
        assert_same_files(expected, tmp_path / "fast" / (slug or "cvo"))


def test_an_invalid_overlay_stops_the_run_with_its_own_error_and_nothing_written(project: Path) -> None:
    """The overlays are checked while the CVO-wide site builds; the first invalid one (by name) is the error."""
    site = build_all(project)
    before = (site / "cvo" / "index.html").read_bytes()
    for slug in ("voorbeeld-het-baken", "voorbeeld-zonder-regels"):
        school = project / "overlays" / slug / "school.yml"
        school.write_text(school.read_text(encoding="utf-8").replace("website: https://", "website: http://"),
                          encoding="utf-8")
    result = run_cli(project, "build", "--all")
    assert result.returncode == 1
    assert result.stderr.count("error: ") == 1 and "Traceback" not in result.stderr
    assert "voorbeeld-het-baken" in result.stderr and "voorbeeld-zonder-regels" not in result.stderr
    assert (site / "cvo" / "index.html").read_bytes() == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".")]  # no staging or pool left
