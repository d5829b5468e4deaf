"""A published version of the protocol: its name, title and effective date.

The publish step hands the release to the MkDocs hooks through environment
variables (the same way ``CVO_SCHOOL`` selects the school), so that a plain
``mkdocs build`` can reproduce any published page.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import ProtocolError

VERSION_ENV = "CVO_VERSION"
TITLE_ENV = "CVO_VERSION_TITLE"
EFFECTIVE_ENV = "CVO_VERSION_EFFECTIVE"
SITE_URL_ENV = "CVO_SITE_URL"
# A folder with the previous published version's protocol.json per site and language.
PREVIOUS_ENV = "CVO_PREVIOUS_PROTOCOLS"
LATEST = "latest"

_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")


@dataclass(frozen=True)
class Release:
    """One version of the protocol as published for every school."""

    version: str
    title: str
    effective: datetime.date

    @classmethod
    def parse(cls, version: str, title: str | None, effective: str | None) -> Release:
        """Validate what the user typed; the title defaults to the version."""
        if not _VERSION.match(version) or version in (LATEST, "en", "nl"):
            raise ProtocolError(
                f"'{version}' is not a usable version name",
                fix="use letters, digits, '.', '-' or '_' (e.g. 2025.03), and not 'latest'",
            )
        try:
            date = datetime.date.fromisoformat(effective) if effective else datetime.date.today()
        except ValueError:
            raise ProtocolError(
                f"'{effective}' is not a date", fix="write the effective date as YYYY-MM-DD, e.g. 2025-03-01"
            ) from None
        title = (title or version).strip()
        if not title or len(title) > 60 or re.search(r"[<>&{}\[\]`]", title):
            raise ProtocolError(
                f"'{title}' is not a usable title", fix="write a short plain title such as 'Maart 2025'"
            )
        return cls(version=version, title=title, effective=date)

    def template_data(self) -> dict[str, object]:
        """What the theme shows of this release on every page."""
        return {
            "version": self.version,
            "title": self.title,
            "effective": self.effective.isoformat(),
            "effective_text": {language: format_date(self.effective, language) for language in _MONTHS},
        }

    def environment(self, site_url: str | None) -> dict[str, str]:
        values = {
            VERSION_ENV: self.version,
            TITLE_ENV: self.title,
            EFFECTIVE_ENV: self.effective.isoformat(),
        }
        if site_url:
            values[SITE_URL_ENV] = site_url
        return values

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Release | None:
        """The release the hooks should show, or ``None`` for an unversioned build."""
        version = environ.get(VERSION_ENV, "").strip()
        if not version:
            return None
        return cls.parse(version, environ.get(TITLE_ENV), environ.get(EFFECTIVE_ENV))


_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def format_date(date: datetime.date, language: str) -> str:
    """A date as a reader writes it: '1 maart 2025', '1 March 2025'."""
    return f"{date.day} {_MONTHS[language][date.month - 1]} {date.year}"


def site_url_for(base: str, site: str, version: str) -> str:
    """The address of one site's version: ``<base>/<site>/<version>/``, slash kept."""
    return f"{base.rstrip('/')}/{site}/{version}/"
