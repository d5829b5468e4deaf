"""Ownership: ``maintainers:`` in school.yml, ``owners.yml``, and the generated ``.github/CODEOWNERS``."""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from cvo_protocol.commands.ownership import project_codeowners
from cvo_protocol.commands.scaffold import new_school
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.languages import Languages
from cvo_protocol.core.overlay import load_overlay
from cvo_protocol.core.owners import CODEOWNERS_FILE, codeowners_text, parse_handle, read_policy_office
from cvo_protocol.core.project import Project
from support import REPO

LANGUAGES = Languages(default="nl", all=("nl", "en"), names=("Nederlands", "English"))
SCHOOL_YML = """\
name:
  nl: School
  en: School
place: Assen
website: https://school.example
contact:
  email: a@school.example
"""


def owners_of(codeowners: str, path: str) -> list[str]:
    """The owners GitHub gives ``path`` (a file, relative to the root): the last matching pattern wins.

    Enough of the gitignore-style syntax for what the generator writes and
    for a hand-edited file: ``*``, ``/folder/`` and glob patterns.
    """
    owners: list[str] = []
    for line in codeowners.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *handles = line.split()
        anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
        stem = pattern.strip("/")
        if pattern.endswith("/"):
            candidates = [path] if anchored else [path, *(path.split("/", i)[-1] for i in range(1, path.count("/") + 1))]
            matched = any(c.startswith(stem + "/") for c in candidates)
        elif anchored:
            matched = fnmatch.fnmatch(path, stem) or path.startswith(stem + "/")
        else:
            matched = any(fnmatch.fnmatch(part, stem) for part in path.split("/"))
        if matched:
            owners = handles
    return owners


def uncovered(codeowners: str, root: Path) -> list[str]:
    """Every project file whose owners are not what ownership says: none, or the wrong ones."""
    policy = "@" + read_policy_office(root)
    files = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
    slugs = Project(root).slugs()
    files += [f"overlays/{slug}/school.yml" for slug in slugs]
    problems = []
    for path in sorted(set(files)):
        parts = path.split("/")
        expected = [policy]
        if parts[0] == "overlays" and len(parts) > 2 and parts[1] in slugs:
            maintainers = load_overlay(root / "overlays", parts[1]).maintainers
            expected = [f"@{handle}" for handle in maintainers] or [policy]
        if owners_of(codeowners, path) != expected:
            problems.append(f"{path}: {owners_of(codeowners, path)} instead of {expected}")
    return problems


def test_the_committed_codeowners_is_up_to_date() -> None:
    committed = (REPO / CODEOWNERS_FILE).read_text(encoding="utf-8")
    assert committed == project_codeowners(Project(REPO)), "run 'cvo-protocol codeowners' and commit the file"


def test_the_committed_codeowners_gives_every_file_its_owners() -> None:
    assert uncovered((REPO / CODEOWNERS_FILE).read_text(encoding="utf-8"), REPO) == []


def test_a_school_with_maintainers_owns_its_folder_and_nothing_else() -> None:
    text = codeowners_text("cvo/beleid", {"de-linde": ("j-jansen", "cvo/web"), "het-baken": ()})
    assert owners_of(text, "overlays/de-linde/regels.nl.md") == ["@j-jansen", "@cvo/web"]
    assert owners_of(text, "overlays/het-baken/school.yml") == ["@cvo/beleid"]
    assert owners_of(text, "docs/index.md") == ["@cvo/beleid"]
    assert owners_of(text, ".github/CODEOWNERS") == ["@cvo/beleid"]
    assert owners_of(text, "overlays/de-linde-2/school.yml") == ["@cvo/beleid"]


def test_the_coverage_check_can_fail() -> None:
    """A file without the school's line, or with the lines in the wrong order, is caught."""
    good = project_codeowners(Project(REPO))
    school_line = next(line for line in good.splitlines() if line.startswith("/overlays/voorbeeld-de-linde/"))
    assert uncovered(good.replace(school_line + "\n", ""), REPO)
    # '*' last: it would win over every school's line.
    first = next(line for line in good.splitlines() if line.startswith("* "))
    assert uncovered(good.replace(first + "\n", "") + first + "\n", REPO)
    assert uncovered(good.replace(first, "*"), REPO)  # a pattern without owners


@pytest.mark.parametrize("value", ["octocat", "@octocat", "j-jansen", "a" * 39, "cvo-org/beleid", "@cvo-org/web_team-2"])
def test_github_handles_that_are_accepted(value: str) -> None:
    assert parse_handle(value) == value.removeprefix("@")


@pytest.mark.parametrize("value", ["", "-octocat", "octocat-", "octo--cat", "a" * 40, "octo cat", "octo_cat",
                                   "cvo/", "/beleid", "a/b/c", "@@octocat", "octocat\n", "oct<o>", 42, None])
def test_github_handles_that_are_refused(value: object) -> None:
    assert parse_handle(value) is None


def write_school(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "overlays" / "school"
    folder.mkdir(parents=True)
    (folder / "school.yml").write_text(SCHOOL_YML + extra, encoding="utf-8")
    return tmp_path / "overlays"


def test_maintainers_are_optional_and_read_without_their_at(tmp_path: Path) -> None:
    assert load_overlay(write_school(tmp_path / "a", ""), "school", LANGUAGES).maintainers == ()
    overlays = write_school(tmp_path / "b", 'maintainers:\n  - "@J-Jansen"\n  - cvo/web\n')
    assert load_overlay(overlays, "school", LANGUAGES).maintainers == ("J-Jansen", "cvo/web")


@pytest.mark.parametrize(("extra", "expected"), [
    ("maintainers: j-jansen\n", "the field 'maintainers' must be a list of GitHub handles"),
    ("maintainers: []\n", "the field 'maintainers' must be a list of GitHub handles"),
    ("maintainers:\n  - j jansen\n", "the field 'maintainers' holds 'j jansen', which is not a GitHub handle"),
    ("maintainers:\n  - j-jansen\n  - J-Jansen\n", "the field 'maintainers' names 'J-Jansen' twice"),
    ("maintainers:\n" + "".join(f"  - user{i}\n" for i in range(21)), "lists 21 handles; at most 20"),
])
def test_bad_maintainers_name_file_line_and_fix(tmp_path: Path, extra: str, expected: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        load_overlay(write_school(tmp_path, extra), "school", LANGUAGES)
    assert expected in caught.value.problem
    assert caught.value.file.endswith("school.yml") and caught.value.line == 8 and caught.value.fix


def test_the_scaffold_explains_maintainers_and_they_work_once_uncommented(tmp_path: Path) -> None:
    overlays = tmp_path / "overlays"
    new_school(overlays, "de-es", LANGUAGES)
    school = overlays / "de-es" / "school.yml"
    text = school.read_text(encoding="utf-8")
    assert "# maintainers:\n#   - j-jansen\n#   - cvo-org/webteam-de-es\n" in text
    assert load_overlay(overlays, "de-es", LANGUAGES).maintainers == ()
    school.write_text(text.replace("# maintainers:\n#   - j-jansen\n#   - ", "maintainers:\n  - j-jansen\n  - "),
                      encoding="utf-8")
    assert load_overlay(overlays, "de-es", LANGUAGES).maintainers == ("j-jansen", "cvo-org/webteam-de-es")


@pytest.mark.parametrize(("content", "expected"), [
    (None, "is missing"),
    ("policy_office: [\n", "YAML syntax error"),
    ("policy_office: cvo/beleid\nextra: 1\n", "exactly one field"),
    ("policy_office: cvo beleid\n", "not a GitHub handle ('cvo beleid')"),
])
def test_a_bad_owners_file_is_one_clear_error(tmp_path: Path, content: str | None, expected: str) -> None:
    if content is not None:
        (tmp_path / "owners.yml").write_text(content, encoding="utf-8")
    with pytest.raises(ProtocolError) as caught:
        read_policy_office(tmp_path)
    assert expected in caught.value.problem and caught.value.file.endswith("owners.yml") and caught.value.fix


@pytest.mark.slow  # runs the command
def test_codeowners_command_writes_and_checks(project: Path) -> None:
    shutil.copy2(REPO / "owners.yml", project / "owners.yml")
    assert run_cli(project, "codeowners", "--check").returncode == 1
    written = run_cli(project, "codeowners")
    assert written.returncode == 0 and "wrote .github/CODEOWNERS" in written.stdout
    assert run_cli(project, "codeowners", "--check").returncode == 0
    school = project / "overlays" / "voorbeeld-het-baken" / "school.yml"
    school.write_text(school.read_text(encoding="utf-8") + "maintainers:\n  - h-de-boer\n", encoding="utf-8")
    stale = run_cli(project, "codeowners", "--check")
    assert stale.returncode == 1 and "error: .github/CODEOWNERS: is out of date" in stale.stderr
    assert "fix: run 'cvo-protocol codeowners'" in stale.stderr and "Traceback" not in stale.stderr
    assert run_cli(project, "codeowners").returncode == 0
    assert "/overlays/voorbeeld-het-baken/ @h-de-boer\n" in (project / ".github" / "CODEOWNERS").read_text()
