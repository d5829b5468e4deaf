"""The cvo-protocol command as a user meets it: builds, checks, scaffolds and clear errors."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from support import cli_command, cli_environment

SCHOOL = "voorbeeld-de-linde"


def overlay(project: Path, name: str = "") -> Path:
    return project / "overlays" / SCHOOL / name


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    write(path, text.replace(old, new))


BAD_INPUT: dict[str, tuple[Callable[[Path], None], list[str], list[str]]] = {
    "unknown school": (lambda p: None, ["--school", "voorbeeld-bestaat-niet"], ["unknown school", "voorbeeld-de-linde"]),
    "invalid slug": (lambda p: None, ["--school", "De Linde"], ["not a valid school slug", "lowercase"]),
    "yaml syntax error": (
        lambda p: replace_in(overlay(p, "school.yml"), "place: Voorbeeldstad", "place: [Voorbeeldstad"),
        [], ["school.yml", "YAML syntax error"],
    ),
    "missing field": (
        lambda p: replace_in(overlay(p, "school.yml"), "place: Voorbeeldstad\n", ""),
        [], ["school.yml", "'place' is missing"],
    ),
    "unknown field": (
        lambda p: replace_in(overlay(p, "school.yml"), "place: Voorbeeldstad", "place: Voorbeeldstad\nmotto: Samen"),
        [], ["school.yml:5", "'motto' is unknown", "allowed here"],
    ),
    # Only the default language's file is required: without regels.en.md the English page shows the Dutch.
    "default language file missing": (
        lambda p: overlay(p, "regels.nl.md").unlink(), [], ["regels.nl.md", "not in nl"],
    ),
    "different rule ids per language": (
        lambda p: replace_in(overlay(p, "regels.en.md"), "{ #regel-10-3 }", "{ #regel-10-4 }"),
        [], ["regels.en.md:13", "regel-10-4", "same ids"],
    ),
    "duplicate rule id": (
        lambda p: replace_in(overlay(p, "regels.nl.md"), "{ #regel-10-2 }", "{ #regel-10-1 }"),
        [], ["regels.nl.md:7", "used twice"],
    ),
    "id clashing with a base id": (
        lambda p: (replace_in(overlay(p, "regels.nl.md"), "{ #regel-10-1 }", "{ #regel-10 }"),
                   replace_in(overlay(p, "regels.en.md"), "{ #regel-10-1 }", "{ #regel-10 }")),
        [], ["regels.nl.md:3", "'regel-10' is not a school-rule id"],
    ),
    "script tag": (
        lambda p: replace_in(overlay(p, "regels.nl.md"), "Uitzonderingen { #regel-10-2 }\n", "Uitzonderingen { #regel-10-2 }\n\n<script>alert(1)</script>\n"),
        [], ["regels.nl.md:9", "raw HTML"],
    ),
    "iframe": (
        lambda p: write(overlay(p, "regels.nl.md"), overlay(p, "regels.nl.md").read_text() + '\n<iframe src="https://x.example"></iframe>\n'),
        [], ["regels.nl.md", "raw HTML"],
    ),
    "event attribute": (
        lambda p: write(overlay(p, "regels.nl.md"), overlay(p, "regels.nl.md").read_text() + '\nTekst\n{: onclick="alert(1)" }\n'),
        [], ["regels.nl.md", "curly braces"],
    ),
    "javascript link": (
        lambda p: write(overlay(p, "regels.nl.md"), overlay(p, "regels.nl.md").read_text() + "\n[klik](javascript:alert(1))\n"),
        [], ["regels.nl.md:17", "javascript:alert", "not allowed"],
    ),
    "not utf-8": (
        lambda p: overlay(p, "regels.nl.md").write_bytes("## Caf\u00e9 { #regel-10-x }\n".encode("latin-1")),
        [], ["regels.nl.md:1", "not UTF-8", "save the file as UTF-8"],
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_input_gives_one_clear_error_and_writes_nothing(project: Path, case: str) -> None:
    setup, extra_args, words = BAD_INPUT[case]
    setup(project)
    args = extra_args or ["--school", SCHOOL]
    result = run_cli(project, "build", *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
    for word in words:
        assert word in result.stderr
    assert not (project / "site").exists() or not any((project / "site").iterdir())
    if not extra_args:
        check = run_cli(project, "check")
        assert check.returncode == 1 and words[0] in check.stderr


def test_a_broken_anchor_fails_the_strict_build_and_leaves_the_old_site(project: Path) -> None:
    assert run_cli(project, "build").returncode == 0
    before = (project / "site" / "cvo" / "about" / "index.html").read_bytes()
    replace_in(project / "docs" / "about.md", "index.md#regel-10", "index.md#regel-100")
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert "regel-100" in result.stderr and "Traceback" not in result.stderr
    assert (project / "site" / "cvo" / "about" / "index.html").read_bytes() == before
    assert [p.name for p in (project / "site").iterdir()] == ["cvo"]


def test_plain_mkdocs_build_with_cvo_school(project: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "CVO_SCHOOL": SCHOOL, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "out"], cwd=project, env=env, check=True)
    assert "Aanvullende regels van Voorbeeldschool De Linde" in (project / "out" / "index.html").read_text()
    env["CVO_SCHOOL"] = "bestaat-niet"
    failed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "out2"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert failed.returncode == 1 and "unknown school 'bestaat-niet'" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_new_school_scaffolds_a_valid_overlay_that_builds(project: Path) -> None:
    result = run_cli(project, "new-school", "nieuwe-school")
    assert result.returncode == 0, result.stderr
    assert run_cli(project, "check").returncode == 0
    build = run_cli(project, "build", "--school", "nieuwe-school")
    assert build.returncode == 0, build.stderr
    html = (project / "site" / "nieuwe-school" / "en" / "index.html").read_text()
    assert 'id="regel-10-1"' in html
    again = run_cli(project, "new-school", "nieuwe-school")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_check_reports_every_shipped_overlay_valid(project: Path) -> None:
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert "4 of 4 overlay(s) valid" in result.stdout


def test_build_all_writes_one_folder_per_school(project: Path) -> None:
    result = run_cli(project, "build", "--all")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (project / "site").iterdir())
    assert names == sorted(["cvo", *[p.name for p in (project / "overlays").iterdir()]])
    for name in names:
        assert (project / "site" / name / "en" / "index.html").is_file()


@pytest.mark.slow
def test_a_reader_that_goes_away_stops_the_command_quietly() -> None:
    """``cvo-protocol overview | head -1``: no traceback when the pipe closes, SIGPIPE's exit code."""
    process = subprocess.Popen([*cli_command(), "overview"], cwd=REPO, env=cli_environment(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the command writes
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 141 and stderr == ""
