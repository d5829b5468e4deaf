"""Publishing in tests: a real git repository in tmp_path, two versions, the tree exported."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import copy_project, run_cli

SCHOOLS = ["voorbeeld-de-linde", "voorbeeld-zonder-regels"]
SITES = ["cvo", *SCHOOLS]
VERSIONS = {"2025.03": ("Maart 2025", "2025-03-01"), "2026.01": ("Januari 2026", "2026-01-01")}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def make_repo(root: Path, schools: list[str] = SCHOOLS) -> Path:
    """The project with only ``schools`` among its overlays, committed in a new git repository."""
    project = copy_project(root)
    for folder in (project / "overlays").iterdir():
        if folder.name not in schools:
            shutil.rmtree(folder)
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid"]
    git(project, "init", "-q", "-b", "main")
    git(project, *identity, "add", "-A")
    git(project, *identity, "commit", "-qm", "protocol")
    return project


def reword_rule_3(project: Path) -> None:
    """The second version's change: rule 3 reworded in both languages."""
    for name, old, new in (("index.md", "netjes en met respect", "vriendelijk en met respect"),
                           ("index.en.md", "decently and with respect", "kindly and with respect")):
        page = project / "docs" / name
        page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def publish(project: Path, version: str, site_url: str) -> None:
    title, effective = VERSIONS[version]
    result = run_cli(project, "publish", version, "--title", title, "--effective", effective,
                     "--alias", "latest", "--site-url", site_url)
    assert result.returncode == 0, result.stderr


def publish_two_versions(project: Path, site_url: str) -> None:
    publish(project, "2025.03", site_url)
    reword_rule_3(project)
    publish(project, "2026.01", site_url)


def export_gh_pages(project: Path, folder: Path, rev: str = "gh-pages") -> None:
    """Write the gh-pages tree (at ``rev``) into ``folder`` as a host would serve it (links kept)."""
    archive = subprocess.run(["git", "archive", rev], cwd=project, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
