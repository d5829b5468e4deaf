"""The published tree as a session fixture: two versions of three sites, served on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from publishing import export_gh_pages, make_repo, publish_two_versions


@pytest.fixture(scope="session")
def published_tree(tmp_path_factory: pytest.TempPathFactory, served) -> Path:
    """The exported gh-pages tree; ``served(published_tree)`` is its address (and site_url)."""
    root = tmp_path_factory.mktemp("published")
    folder = root / "tree"
    folder.mkdir()
    project = make_repo(root / "project")
    publish_two_versions(project, served(folder) + "/")
    export_gh_pages(project, folder)
    return folder
