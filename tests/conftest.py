"""Shared fixtures (a copy of the project, real builds of it) and the two layers of the suite.

The slow layer is every test marked ``slow``: it builds real sites with MkDocs,
runs ``cvo-protocol`` as a process, publishes into git repositories, prints
PDFs or drives Chromium. ``pytest -m "not slow"`` runs the rest, the fast
layer of pure unit and golden tests, in under a minute. A test that uses a
fixture of ``SLOW_FIXTURES`` is marked ``slow`` here, by
`pytest_collection_modifyitems`; a test slow by other means (its module's own
fixture, a call of the command) carries ``@pytest.mark.slow`` or its module's
``pytestmark = pytest.mark.slow``, with a comment that says why. The helpers
shared with the benchmarks are in ``support.py``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support import REPO, cli_command, cli_environment, copy_project

pytest_plugins = ["browser", "published", "six_languages"]

SHIPPED_SCHOOLS = sorted(p.name for p in (REPO / "overlays").iterdir() if (p / "school.yml").is_file())

# Fixture -> why every test that uses it, directly or through another fixture, is slow.
SLOW_FIXTURES = {
    "built": "builds every shipped site with `cvo-protocol build --all`",
    "project": "a copy of the project, for a test that builds it or runs `cvo-protocol` in it",
    "published_tree": "publishes two versions of three sites into a git repository",
    "published": "publishes into a git repository (the module fixture of test_publish.py, test_reader_features.py)",
    "six_languages": "builds a copy of the project whose overlays cover each fallback case (tests/six_languages.py)",
    "chromium": "drives Chromium (every browser test, through `open_page`)",
    "printer": "prints PDFs with Chromium (test_pdf_network.py)",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test that uses a fixture of ``SLOW_FIXTURES``."""
    for item in items:
        if SLOW_FIXTURES.keys() & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


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
