"""Shared fixtures: a copy of the project in tmp_path, and real builds of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["browser", "published"]

REPO = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "overlays", "hooks", "theme")
SHIPPED_SCHOOLS = sorted(p.name for p in (REPO / "overlays").iterdir() if (p / "school.yml").is_file())


def copy_project(destination: Path) -> Path:
    """Copy what a build needs (not site/, not .git) to ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``cvo-protocol`` command in ``project``, as a user would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CVO_SCHOOL", None)
    script = Path(sys.executable).with_name("cvo-protocol")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cvo_protocol.commands.cli"]
    return subprocess.run(
        [*command, *args],
        cwd=project,
        env=env,
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
