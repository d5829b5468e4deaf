"""A published version of the protocol: its name, title and effective date.

A `Publication` is what a build for publishing needs beyond the school: the
release, the address the tree is served at and the previous version's open
data. The publishing layer hands it to the MkDocs hooks as this typed object
(`cvo_protocol.adapter.request`), never through the environment.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cvo_protocol.core.catalog import sentence, words
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.plaintext import describe, unneeded_character


# The one grammar of version names: the board's version is the year and month
# it was adopted (2026.01); a revision of it for one school adds -N (2026.01-1).
# Anything else (feed.xml, versions.json, latest, ..) is refused before a build.
VERSION_NAME = re.compile(r"^(?P<year>20[0-9]{2})\.(?P<month>0[1-9]|1[0-2])(?:-(?P<revision>[1-9][0-9]?))?$")


@dataclass(frozen=True)
class Release:
    """One version of the protocol as published for every school."""

    version: str
    title: str
    effective: datetime.date

    @classmethod
    def parse(cls, version: str, title: str | None, effective: str | None) -> Release:
        """Validate what the user typed; the title defaults to the version."""
        if not VERSION_NAME.match(version):
            raise ProtocolError(
                f"'{version}' is not a version name",
                fix="write the year and month the version was adopted, YYYY.MM (e.g. 2025.03), "
                "with -N for a revision (e.g. 2025.03-1)",
            )
        try:
            date = datetime.date.fromisoformat(effective) if effective else datetime.date.today()
        except ValueError:
            raise ProtocolError(
                f"'{effective}' is not a date", fix="write the effective date as YYYY-MM-DD, e.g. 2025-03-01"
            ) from None
        title = (title or version).strip()
        character = unneeded_character(title)
        if not title or len(title) > 60 or character is not None:
            problem = f"contains {describe(character)}" if character is not None else "is empty or too long"
            raise ProtocolError(
                f"the title {title[:60]!r} {problem}",
                fix="write a short plain title such as 'Maart 2025' (letters, digits, spaces and ' - . , ( ) / :)",
            )
        return cls(version=version, title=title, effective=date)

    def template_data(self, languages: Iterable[str]) -> dict[str, object]:
        """What the theme shows of this release on every page, the date written out in each of ``languages``."""
        return {
            "version": self.version,
            "title": self.title,
            "effective": self.effective.isoformat(),
            "effective_text": {language: format_date(self.effective, language) for language in languages},
        }


@dataclass(frozen=True)
class Publication:
    """A build for publishing: the release, where the tree is served, the previous versions' open data."""

    release: Release
    base_url: str
    # site -> language -> the previous published version's protocol.json
    previous: Mapping[str, Mapping[str, Mapping[str, object]]] = field(default_factory=dict)

    def previous_protocols(self, site: str) -> Mapping[str, Mapping[str, object]]:
        """The open data of ``site``'s previous version, per language it was published in (empty if none)."""
        return self.previous.get(site, {})


def format_date(date: datetime.date, language: str) -> str:
    """A date as a reader writes it ('1 maart 2025', '1 March 2025'): ``release.date`` of the catalog."""
    month = words(language, "release.months")[date.month - 1]
    return sentence(language, "release.date", day=date.day, month=month, year=date.year)


# Where the published tree is served: written into canonical links, sitemaps,
# feeds and QR codes, so only the characters an address of a folder needs.
_SITE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~-]+)*/?$")


def parse_site_url(url: str, source: str) -> str:
    """Validate the address the published tree is served at; it always ends with '/'."""
    if not _SITE_URL.match(url):
        raise ProtocolError(
            f"{source} {url!r} is not the address of a folder on the web",
            fix="write it as https://host/ or https://host/path/ (letters, digits, '.', '-', '_', '~' and '/')",
        )
    return url.rstrip("/") + "/"
