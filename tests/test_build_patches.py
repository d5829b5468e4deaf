"""The internals `build --all` replaces: checked before anything is written, restored after the run."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import mkdocs
import pytest

from cvo_protocol.build import patches, templatecache
from cvo_protocol.build.fastbuild import build_sites
from cvo_protocol.commands import cli
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.languages import Languages
from cvo_protocol.core.project import Project

NAMES = [patch.name for patch in patches.PATCHES]


def originals() -> dict[str, object]:
    return {patch.name: getattr(patch.target(), patch.attribute) for patch in patches.PATCHES}


def test_the_installed_versions_fit() -> None:
    patches.check()


def test_every_patch_is_named_and_distinct() -> None:
    assert len(set(NAMES)) == len(NAMES) == len({patch.internal for patch in patches.PATCHES})


@pytest.mark.parametrize("name", NAMES)
def test_a_changed_internal_stops_build_all_before_anything_is_written(
    name: str, project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    patch = next(p for p in patches.PATCHES if p.name == name)

    def changed(*args: object, another: object = None) -> None:  # another signature
        raise AssertionError("a changed internal must not be called")

    monkeypatch.setattr(patch.target(), patch.attribute, changed)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    before = sorted(p.name for p in project.iterdir())

    assert cli.main(["build", "--all"]) == 1

    error = capsys.readouterr().err
    assert error.count("error: ") == 1 and "Traceback" not in error
    assert f"{patch.internal}: its parameters are (args, another)" in error
    assert f"MkDocs {mkdocs.__version__}" in error
    assert sorted(p.name for p in project.iterdir()) == before  # no site, no staging folder


def test_a_changed_inner_filter_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The theme listing is kept by what MkDocs' filter reads; a filter that reads more stops the run."""

    def add_files_from_theme(self: object, env: object, config: object) -> None:
        def filter(name: str) -> bool:
            return name not in config.exclude_docs  # type: ignore[attr-defined]

        env.list_templates(filter_func=filter)  # type: ignore[attr-defined]

    from mkdocs.structure.files import Files

    monkeypatch.setattr(Files, "add_files_from_theme", add_files_from_theme)
    with pytest.raises(ProtocolError, match="file-name filter reads more: exclude_docs"):
        patches.check()


def test_the_originals_are_back_after_a_run_and_after_a_failed_one(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    before = originals()
    build_sites(Project.find(project), [None, "voorbeeld-de-linde"], tmp_path / "sites", workers=1)
    assert originals() == before
    assert templatecache._active is None

    rules = project / "overlays" / "voorbeeld-de-linde" / "regels.nl.md"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n[kapot](#regel-999)\n", encoding="utf-8")
    with pytest.raises(ProtocolError):
        build_sites(Project.find(project), [None, "voorbeeld-de-linde"], tmp_path / "again", workers=1)
    assert originals() == before
    assert templatecache._active is None


def test_each_overlay_is_read_once_per_run(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The overlay memo reaches every caller: the check, build_site and the hooks of each language pass."""
    from cvo_protocol.core import overlay

    reads: Counter[str] = Counter()
    load_overlay = overlay.load_overlay

    def counting(overlays_dir: Path, slug: str, languages: Languages | None = None) -> overlay.Overlay:
        reads[slug] += 1
        return load_overlay(overlays_dir, slug, languages)

    monkeypatch.setattr(overlay, "load_overlay", counting)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    schools = ["voorbeeld-de-linde", "voorbeeld-het-baken"]
    build_sites(Project.find(project), [None, *schools], tmp_path / "sites", workers=1)
    assert reads == {slug: 1 for slug in schools}
