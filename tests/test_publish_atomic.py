"""An interrupted publish never leaves gh-pages half-published; two publishes never interleave."""

from __future__ import annotations

import fcntl
import signal
import subprocess
import time
from pathlib import Path

import pytest
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
