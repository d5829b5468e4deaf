"""School text in a language the school did not write: the session fixture ``built_six`` (loaded by ``conftest.py``).

The project's own six languages (mkdocs.yml), with the overlays of a copy
changed to cover each case of a school's own text: one school writes only
Dutch, one adds Turkish, the others have Dutch and English (as shipped).
Everything the shipped overlays already show (ids, directions, search,
sitemap, the language switch, the poster) is tested on the real build
(``built``, ``published_tree``) instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support import REPO, copy_project

from cvo_protocol.commands import cli
from cvo_protocol.core.languages import read_languages

DUTCH_ONLY = "voorbeeld-het-baken"  # rules and name in Dutch only
WITH_TURKISH = "voorbeeld-de-horizon"  # Dutch, English and Turkish
SCHOOL = "voorbeeld-de-linde"  # Dutch and English
LANGUAGES = read_languages(REPO / "mkdocs.yml").all
TURKISH_RULE = "Girişte teslim"


def drop_language(data: object, language: str) -> None:
    """Remove ``language`` from every per-language field of school.yml's data (whatever fields there are)."""
    if isinstance(data, dict):
        if "nl" in data:
            data.pop(language, None)
        for value in data.values():
            drop_language(value, language)


def make_fallback_project(root: Path) -> Path:
    """A copy of the project whose overlays cover each case of a school's own text."""
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
    return project


@pytest.fixture(scope="session")
def six_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fallback project, checked and built with ``build --all``: ``site/<slug>/``."""
    project = make_fallback_project(tmp_path_factory.mktemp("six"))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.delenv("CVO_SCHOOL", raising=False)
        assert cli.main(["check"]) == 0
        assert cli.main(["build", "--all"]) == 0
    return project


@pytest.fixture(scope="session")
def built_six(six_languages: Path) -> Path:
    """Every site of the fallback project: ``site/<slug>/`` (a tree for `browser.PageCase`)."""
    return six_languages / "site"
