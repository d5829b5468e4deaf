"""What the hooks need from mkdocs-static-i18n's language passes, read in one place.

Why here: static-i18n runs the whole build once per language on the same
config object (the default language first, then a nested ``build()`` for each
other language from its own ``on_post_build``), and it offers no API for
"which pass is this". Its plugin object's attributes say it; they are read
only in this module, so an upgrade that renames them breaks one place, with
a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

PLUGIN = "i18n"


@dataclass(frozen=True)
class LanguagePass:
    """One language pass of a build."""

    language: str  # the language this pass builds
    default: str  # the site's default language (at the site's root)
    languages: tuple[str, ...]  # every language built, the default first
    nested_build_running: bool  # static-i18n is inside another language's nested build

    def folder(self, language: str | None = None) -> str:
        """The folder of a language's pages in the site: ``""`` or ``"en/"``."""
        language = language or self.language
        return "" if language == self.default else f"{language}/"


def configured_languages(config: MkDocsConfig) -> tuple[str, tuple[str, ...]]:
    """The default language and all languages of the i18n plugin in ``mkdocs.yml``."""
    plugin = _plugin(config)
    languages = tuple(language.locale for language in plugin.config.languages)
    default = next((language.locale for language in plugin.config.languages if language.default), languages[0])
    return default, (default, *[language for language in languages if language != default])


def language_pass(config: MkDocsConfig) -> LanguagePass:
    """The pass under way (valid from ``on_pre_build`` on, when static-i18n has chosen it)."""
    plugin = _plugin(config)
    default, languages = configured_languages(config)
    try:
        current = plugin.current_language or default
        building = bool(plugin.building)
    except AttributeError as error:
        raise PluginError(f"mkdocs-static-i18n has changed: {error} (see cvo_protocol.adapter.i18n)") from None
    return LanguagePass(current, default, languages, building)


def set_site_names(config: MkDocsConfig, names: dict[str, str]) -> None:
    """Give each language of the i18n plugin its ``site_name`` (static-i18n applies it per pass)."""
    for language in _plugin(config).config.languages:
        language["site_name"] = names[language.locale]


def _plugin(config: MkDocsConfig):  # noqa: ANN202 - static-i18n's plugin class is not a stable API
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise PluginError(f"mkdocs.yml: the plugin '{PLUGIN}' (mkdocs-static-i18n) is missing from 'plugins'")
    return plugin
