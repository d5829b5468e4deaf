"""The project's layout and identity: where things are and what a site is called."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.overlay import Overlay, known_slugs
from cvo_protocol.core.release import parse_site_url

CONFIG_FILE = "mkdocs.yml"
OVERLAYS_DIR = "overlays"
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

    def site_url(self) -> str:
        """The ``site_url`` of ``mkdocs.yml``: where the published tree is served."""
        try:
            data = yaml.safe_load(self.config_file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            data = {}
        url = data.get("site_url") if isinstance(data, dict) else None
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ProtocolError(
                "has no site_url: publishing needs the address where the site is served",
                file=self.config_file,
                fix="set 'site_url: https://…/' in mkdocs.yml, or pass --site-url",
            )
        return parse_site_url(url, f"{self.config_file.name}: site_url")

    def languages(self) -> tuple[str, ...]:
        """The site's languages from the i18n plugin in ``mkdocs.yml``, the default first."""
        try:
            data = yaml.safe_load(self.config_file.read_text(encoding="utf-8")) or {}
            plugins = [p for p in data.get("plugins", []) if isinstance(p, dict) and "i18n" in p]
            entries = plugins[0]["i18n"]["languages"]
            default = next(e["locale"] for e in entries if e.get("default"))
            return (default, *[e["locale"] for e in entries if e["locale"] != default])
        except (yaml.YAMLError, AttributeError, IndexError, KeyError, TypeError, StopIteration):
            raise ProtocolError(
                "has no languages for the i18n plugin",
                file=self.config_file,
                fix="list them under plugins: - i18n: languages:, one with 'default: true'",
            ) from None

    def protocol_page(self, language: str) -> Path:
        """The Markdown source of the protocol page in one language."""
        return self.docs / ("index.md" if language == DEFAULT_LANGUAGE else f"index.{language}.md")
