"""Shared fixtures: a copy of the project in tmp_path, and real builds of it (helpers in ``support.py``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support import REPO, cli_command, cli_environment, copy_project

pytest_plugins = ["browser", "published"]

SHIPPED_SCHOOLS = sorted(p.name for p in (REPO / "overlays").iterdir() if (p / "school.yml").is_file())


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``cvo-protocol`` command in ``project``, as a user would."""
    return subprocess.run(
        [*cli_command(), *args],
        cwd=project,
        env=cli_environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A fresh, writable copy of the project."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every shipped site, built once with ``cvo-protocol build --all``: site/<slug>/."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = run_cli(project, "build", "--all")
    assert result.returncode == 0, result.stderr
    return project / "site"
