"""Publishing into a real git repository in tmp_path, and serving its gh-pages branch."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import copy_project

GIT_USER = ("-c", "user.name=Test", "-c", "user.email=test@example.invalid")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def make_repo(root: Path, schools: list[str]) -> Path:
    """A git repository with a copy of the project and only ``schools`` among its overlays."""
    project = copy_project(root)
    for folder in (project / "overlays").iterdir():
        if folder.name not in schools:
            shutil.rmtree(folder)
    git(project, "init", "-q", "-b", "main")
    git(project, *GIT_USER, "add", "-A")
    git(project, *GIT_USER, "commit", "-qm", "protocol")
    return project


def check_out_gh_pages(project: Path, served: Path) -> None:
    """Put the files of ``gh-pages`` at the top of ``served`` (a git worktree moved into place)."""
    git(project, "worktree", "add", "-q", str(served / "tree"), "gh-pages")
    for item in (served / "tree").iterdir():
        item.rename(served / item.name)
