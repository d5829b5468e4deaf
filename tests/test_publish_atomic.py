"""An interrupted publish never leaves gh-pages half-published; two publishes never interleave."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import run_cli
from publishing import SCHOOLS, git, make_repo
from support import cli_command, cli_environment

# Slow: every test publishes into a real git repository with `cvo-protocol` processes and kills one.
pytestmark = pytest.mark.slow

SITES = ["cvo", *SCHOOLS]
URL = "http://127.0.0.1:9/"
EFFECTIVE = {"2025.03": "2025-03-01", "2026.01": "2026-01-01", "2026.02": "2026-02-01"}


def start_publish(project: Path, version: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*cli_command(), "publish", version, "--effective", EFFECTIVE[version], "--alias", "latest", "--site-url", URL],
        cwd=project, env=cli_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def commits_on(project: Path, ref: str, since: str) -> int:
    result = subprocess.run(["git", "rev-list", "--count", f"{since}..{ref}"], cwd=project,
                            capture_output=True, text=True)
    return int(result.stdout.strip()) if result.returncode == 0 else 0


def fully_published(project: Path, version: str) -> bool:
    tree = git(project, "ls-tree", "-r", "--name-only", "gh-pages")
    return all(f"{site}/{version}/index.html" in tree for site in SITES) and "index.html" in tree


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    project = make_repo(tmp_path / "project")
    first = start_publish(project, "2025.03")
    assert first.wait(timeout=600) == 0, first.stderr.read()
    return project


@pytest.mark.parametrize("deployed_sites", [1, 2, 3])
def test_a_publish_killed_during_deploy_leaves_gh_pages_old_or_new(project: Path, deployed_sites: int) -> None:
    old = git(project, "rev-parse", "gh-pages")
    process = start_publish(project, "2026.01")
    killed = False
    while process.poll() is None:
        if commits_on(project, "refs/heads/cvo-publish/2026.01", old) >= deployed_sites:
            process.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.005)
    process.wait(timeout=600)
    assert killed, "the publish ended before the test could interrupt it"
    tip = git(project, "rev-parse", "gh-pages")
    assert tip == old or fully_published(project, "2026.01"), "gh-pages between two versions"
    again = start_publish(project, "2026.01")
    assert again.wait(timeout=600) == 0, again.stderr.read()
    assert fully_published(project, "2026.01")
    assert "cvo-publish" not in git(project, "branch", "--list")


def test_a_second_publish_at_the_same_time_refuses_clearly(project: Path) -> None:
    lock = Path(git(project, "rev-parse", "--absolute-git-dir")) / "cvo-publish.lock"
    first = start_publish(project, "2026.01")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if lock.exists():
            with open(lock) as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(handle, fcntl.LOCK_UN)
                except BlockingIOError:
                    break
        time.sleep(0.005)
    second = start_publish(project, "2026.02")
    assert second.wait(timeout=600) == 1
    message = second.stderr.read()
    assert "another publish is running" in message and "Traceback" not in message
    assert first.wait(timeout=600) == 0, first.stderr.read()
    assert fully_published(project, "2026.01")


def slow_git(folder: Path, seconds: int = 60) -> dict[str, str]:
    """An environment whose ``git`` waits ``seconds`` before it moves gh-pages: time to kill the command then."""
    real = subprocess.run(["which", "git"], capture_output=True, text=True, check=True).stdout.strip()
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "git"
    script.write_text(f'#!/bin/sh\ncase "$*" in *"update-ref refs/heads/gh-pages"*) touch "{folder}/waiting"; '
                      f'sleep {seconds};; esac\nexec {real} "$@"\n')
    script.chmod(0o755)
    return cli_environment(PATH=f"{folder}:{cli_environment()['PATH']}")


def kill_before_the_swap(project: Path, args: list[str], folder: Path) -> None:
    """Run ``cvo-protocol args`` and kill it while it waits to move gh-pages, with everything else written."""
    # In a session of its own: the kill takes the command and the waiting git with it, as a cancelled job.
    process = subprocess.Popen([*cli_command(), *args], cwd=project, env=slow_git(folder), start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 600
    while not (folder / "waiting").exists():
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)


def test_a_school_revision_killed_before_the_swap_leaves_gh_pages_as_it_was(project: Path, tmp_path: Path) -> None:
    old = git(project, "rev-parse", "gh-pages")
    school = SCHOOLS[0]
    args = ["publish", "2025.03-1", "--school", school, "--effective", "2025-04-01", "--alias", "latest",
            "--site-url", URL]
    kill_before_the_swap(project, args, tmp_path / "bin")
    assert git(project, "rev-parse", "gh-pages") == old
    again = run_cli(project, *args)
    assert again.returncode == 0, again.stderr
    assert f"{school}/2025.03-1/index.html" in git(project, "ls-tree", "-r", "--name-only", "gh-pages")
    assert "cvo-publish" not in git(project, "branch", "--list")


def test_activate_killed_before_the_swap_leaves_gh_pages_as_it_was(project: Path, tmp_path: Path) -> None:
    coming = run_cli(project, "publish", "2026.02", "--effective", "2026-02-01", "--today", "2026-01-15",
                     "--alias", "latest", "--site-url", URL)
    assert coming.returncode == 0, coming.stderr
    old = git(project, "rev-parse", "gh-pages")
    kill_before_the_swap(project, ["activate", "--today", "2026-02-01"], tmp_path / "bin")
    assert git(project, "rev-parse", "gh-pages") == old
    assert git(project, "cat-file", "-p", "gh-pages:cvo/latest") == "2025.03"
    again = run_cli(project, "activate", "--today", "2026-02-01")
    assert again.returncode == 0, again.stderr
    assert all(git(project, "cat-file", "-p", f"gh-pages:{site}/latest") == "2026.02" for site in SITES)
    assert "cvo-publish" not in git(project, "branch", "--list")
