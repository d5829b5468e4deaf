"""Six languages in a copy of the project: the session fixture ``built_six`` (loaded by ``conftest.py``).

The four languages of issue 15 are added to a copy of the project with pages
and catalogs copied from English (`support.add_languages`): fixtures that
exercise the code, never translations. The overlays are changed to cover each
case of a school's own text: one school writes only Dutch, one adds Turkish,
the others have Dutch and English.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from support import PARENTS_LANGUAGES, add_languages, copy_project

from cvo_protocol.adapter.request import publishing
from cvo_protocol.commands import cli
from cvo_protocol.core import catalog
from cvo_protocol.core.release import Publication, Release

DUTCH_ONLY = "voorbeeld-het-baken"  # rules and name in Dutch only
WITH_TURKISH = "voorbeeld-de-horizon"  # Dutch, English and Turkish
SCHOOL = "voorbeeld-de-linde"  # Dutch and English
LANGUAGES = ("nl", "en", *PARENTS_LANGUAGES)
TURKISH_RULE = "Girişte teslim"


def drop_language(data: object, language: str) -> None:
    """Remove ``language`` from every per-language field of school.yml's data (whatever fields there are)."""
    if isinstance(data, dict):
        if "nl" in data:
            data.pop(language, None)
        for value in data.values():
            drop_language(value, language)


def make_six_language_project(root: Path) -> tuple[Path, Path]:
    """The project copy and its catalog folder (point `catalog.CATALOG_DIR` at it)."""
    project = copy_project(root / "project")
    overlays = project / "overlays"
    school_file = overlays / DUTCH_ONLY / "school.yml"
    data = yaml.safe_load(school_file.read_text(encoding="utf-8"))
    drop_language(data, "en")
    school_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (overlays / DUTCH_ONLY / "regels.en.md").unlink()
    school_file = overlays / WITH_TURKISH / "school.yml"
    data = yaml.safe_load(school_file.read_text(encoding="utf-8"))
    data["name"]["tr"] = "Örnek okul De Horizon"
    school_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rules = (overlays / WITH_TURKISH / "regels.en.md").read_text(encoding="utf-8")
    (overlays / WITH_TURKISH / "regels.tr.md").write_text(
        rules.replace("Handing in at the entrance", TURKISH_RULE), encoding="utf-8")
    catalogs = root / "catalog"
    add_languages(project, catalogs)
    return project, catalogs


@pytest.fixture(scope="session")
def six_languages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The six-language project, built: ``site/`` (local) and ``published/`` (one school, as published)."""
    project, catalogs = make_six_language_project(tmp_path_factory.mktemp("six"))
    release = Release(version="2025.03", title="Maart 2025", effective=datetime.date(2025, 3, 1))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(catalog, "CATALOG_DIR", catalogs)
        patch.chdir(project)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.delenv("CVO_SCHOOL", raising=False)
        assert cli.main(["check"]) == 0
        assert cli.main(["build", "--all"]) == 0
        with publishing(Publication(release, "https://protocol.cvo.example/")):
            assert cli.main(["build", "--school", SCHOOL, "--site-dir", "published"]) == 0
    return project, catalogs


@pytest.fixture(scope="session")
def built_six(six_languages: tuple[Path, Path]) -> Path:
    """Every site of the six-language project: ``site/<slug>/`` (a tree for `browser.PageCase`)."""
    return six_languages[0] / "site"
