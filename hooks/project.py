"""The project's layout and identity: where things are and what a site is called."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ProtocolError
from .overlay import Overlay, known_slugs

SCHOOL_ENV = "CVO_SCHOOL"
CONFIG_FILE = "mkdocs.yml"
OVERLAYS_DIR = "overlays"
CVO_WIDE = "cvo"
DEFAULT_LANGUAGE = "nl"

_BASE_NAMES = {"nl": "CVO Protocol Social Media", "en": "CVO Social Media Protocol"}


def overlays_dir(config_file: str | Path) -> Path:
    """The ``overlays/`` folder beside ``mkdocs.yml``."""
    return Path(config_file).resolve().parent / OVERLAYS_DIR


def site_names(overlay: Overlay | None) -> dict[str, str]:
    """The site name per language: the protocol's name, with the school's if any."""
    if overlay is None:
        return dict(_BASE_NAMES)
    return {language: f"{name} – {overlay.name[language]}" for language, name in _BASE_NAMES.items()}


@dataclass(frozen=True)
class Project:
    """A checkout of this project: ``mkdocs.yml`` and the folders beside it."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def overlays(self) -> Path:
        return overlays_dir(self.config_file)

    @classmethod
    def find(cls, root: Path | str = ".") -> Project:
        project = cls(Path(root).resolve())
        if not project.config_file.is_file():
            raise ProtocolError(
                f"no {CONFIG_FILE} in {project.root}",
                fix="run cvo-protocol from the project folder (the one with mkdocs.yml)",
            )
        return project

    def slugs(self) -> list[str]:
        return known_slugs(self.overlays)

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def protocol_page(self, language: str) -> Path:
        """The Markdown source of the protocol page in one language."""
        return self.docs / ("index.md" if language == DEFAULT_LANGUAGE else f"index.{language}.md")
