"""The package type-checks clean with mypy (configured in pyproject.toml)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow  # a whole-package analysis, ~20 s when mypy's cache is cold


def test_the_package_type_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mypy_api = pytest.importorskip("mypy.api")
    # The package is hooks/ installed as cvo_protocol; mypy knows no package-dir
    # mapping, so it reads the package through a link of that name.
    (tmp_path / "cvo_protocol").symlink_to(REPO / "hooks", target_is_directory=True)
    monkeypatch.setenv("MYPYPATH", str(tmp_path))
    stdout, stderr, status = mypy_api.run([
        "--config-file", str(REPO / "pyproject.toml"),
        "--cache-dir", str(tmp_path / ".mypy_cache"),
        "--python-executable", sys.executable,
        "-p", "cvo_protocol",
    ])
    assert status == 0, stdout + stderr
    assert "Success" in stdout
