"""The GitHub Actions workflow: tests on every push, publishes on a version tag."""

from __future__ import annotations

from pathlib import Path

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
