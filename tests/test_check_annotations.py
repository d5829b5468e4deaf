"""``cvo-protocol check --format github``: every problem as a GitHub error annotation on the pull request."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli
from cvo_protocol.commands.annotations import error_annotation, escape_data, escape_property
from cvo_protocol.core.errors import ProtocolError


def test_message_and_property_escaping_is_githubs() -> None:
    # As @actions/core's command.ts: '%' first, so that an escape is never escaped again.
    assert escape_data("100% a\r\nb:c,d") == "100%25 a%0D%0Ab:c,d"
    assert escape_property("100% a\r\nb:c,d") == "100%25 a%0D%0Ab%3Ac%2Cd"
    assert escape_data("%0A") == "%250A"


def test_an_error_with_file_line_and_fix(tmp_path: Path) -> None:
    error = ProtocolError("the field 'place' is missing, really: 100%", file=tmp_path / "overlays/a,b/school.yml",
                          line=7, fix="add 'place: …'\nto the file")
    assert error_annotation(error, tmp_path) == (
        "::error file=overlays/a%2Cb/school.yml,line=7,title=cvo-protocol check::"
        "the field 'place' is missing, really: 100%25%0Afix: add 'place: …'%0Ato the file"
    )


def test_an_error_without_line_or_file(tmp_path: Path) -> None:
    assert error_annotation(ProtocolError("broken", file=tmp_path / "x.md"), tmp_path) == (
        "::error file=x.md,title=cvo-protocol check::broken")
    assert error_annotation(ProtocolError("broken", fix="mend it"), tmp_path) == (
        "::error title=cvo-protocol check::broken%0Afix: mend it")


def test_a_file_shown_relative_to_the_working_folder_is_made_relative_to_the_repository(tmp_path: Path) -> None:
    (tmp_path / "overlays").mkdir()
    previous = Path.cwd()
    os.chdir(tmp_path / "overlays")
    try:
        error = ProtocolError("broken", file=tmp_path / "overlays" / "a" / "school.yml", line=1)
        assert error.file == "a/school.yml"
        assert error_annotation(error, tmp_path).startswith("::error file=overlays/a/school.yml,line=1,")
    finally:
        os.chdir(previous)


@pytest.mark.slow  # runs the command
def test_check_lists_every_broken_overlay_as_an_annotation(project: Path) -> None:
    linde = project / "overlays" / "voorbeeld-de-linde"
    (linde / "school.yml").write_text(
        (linde / "school.yml").read_text(encoding="utf-8").replace("place: Voorbeeldstad", "place: Voorbeeld<stad>"),
        encoding="utf-8")
    baken = project / "overlays" / "voorbeeld-het-baken" / "regels.en.md"
    baken.write_text(baken.read_text(encoding="utf-8").replace("{ #regel-10-", "{ #regel-11-", 1), encoding="utf-8")
    horizon = project / "overlays" / "voorbeeld-de-horizon" / "school.yml"
    text = horizon.read_text(encoding="utf-8")
    # The Dutch name is required (any other language's is optional: it falls back).
    horizon.write_text(text.replace(text[text.index("\n  nl: Voorbeeldlyceum"):].split("\n", 2)[1] + "\n", "", 1),
                       encoding="utf-8")
    result = run_cli(project, "check", "--format", "github")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert [line.split(",", 1)[0] for line in annotations] == [
        "::error file=overlays/voorbeeld-de-horizon/school.yml",
        "::error file=overlays/voorbeeld-de-linde/school.yml",
        "::error file=overlays/voorbeeld-het-baken/regels.en.md",
    ]
    assert "the field 'name.nl' is missing" in annotations[0]
    assert annotations[1].startswith("::error file=overlays/voorbeeld-de-linde/school.yml,line=4,title=cvo-protocol check::")
    assert annotations[1].endswith("%0Afix: write it as plain text without those characters")
    assert "ok: voorbeeld-zonder-regels" in result.stdout and "1 of 4 overlay(s) valid" in result.stdout
    assert result.stderr == ""
