"""The project's layout and identity: where things are and what a site is called."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from cvo_protocol.core.catalog import catalog_gaps, sentence
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.languages import CONFIG_FILE, DOCS_DIR, Gap, Languages, docs_gaps, incomplete_error, read_languages
from cvo_protocol.core.overlay import PROTOCOL_PAGE, Overlay, known_slugs, translation_gaps
from cvo_protocol.core.release import parse_site_url

OVERLAYS_DIR = "overlays"


def overlays_dir(config_file: str | Path) -> Path:
    """The ``overlays/`` folder beside ``mkdocs.yml``."""
    return Path(config_file).resolve().parent / OVERLAYS_DIR


def site_names(overlay: Overlay | None, languages: Languages) -> dict[str, str]:
    """The site name per language: the protocol's name (``site.name``), with the school's if any."""
    names = {language: sentence(language, "site.name") for language in languages.all}
    if overlay is None:
        return names
    return {language: f"{name} – {overlay.name[language]}" for language, name in names.items()}


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
        return self.root / DOCS_DIR

    def languages(self) -> Languages:
        """The site's languages, as the i18n plugin in ``mkdocs.yml`` lists them."""
        return read_languages(self.config_file)

    def check_languages(self) -> Languages:
        """The site's languages, once everything each of them needs is there.

        Every page of ``docs/`` in every language, every language's catalog
        with every key, and each overlay's text in the default language (a
        school's other languages are optional: they fall back, see
        `Languages.text_language`): whatever is missing is named in one
        `ProtocolError`, not met halfway through a build.
        """
        languages = self.languages()
        gaps = self.language_gaps(languages)
        if gaps:
            raise incomplete_error(gaps, languages, self.config_file)
        return languages

    def language_gaps(self, languages: Languages) -> list[Gap]:
        """Everything `check_languages` would name, one `Gap` each (``cvo-protocol check`` lists them)."""
        gaps = docs_gaps(self.docs, languages) + catalog_gaps(languages)
        for slug in self.slugs():
            gaps += translation_gaps(self.overlays / slug, languages)
        return gaps

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

    def protocol_page(self, language: str) -> Path:
        """The Markdown source of the protocol page in one language."""
        return self.docs / self.languages().page_file(PROTOCOL_PAGE, language)
