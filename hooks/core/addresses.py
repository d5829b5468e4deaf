"""The published tree's layout and addresses, in one place.

::

    <base>/                               the portal (default language), <base>/en/ …
    <base>/<site>/<version>/              one site's version (site: a school's slug, or "cvo")
    <base>/<site>/<version>/en/           … in another language
    <base>/<site>/latest/                 mike's alias of the version in force
    <base>/<site>/versions.json           mike's list of the site's versions
    <base>/<site>/<version>/protocol.json open data, per language folder
    <base>/<site>/<version>/cvo-protocol-<site>-<version>-<lang>.pdf

Every other module asks here; none builds these paths itself.
"""

from __future__ import annotations

# The site of the protocol without a school's rules.
CVO_WIDE = "cvo"
# mike's alias of the version in force: the address schools and posters link to.
LATEST = "latest"
PROTOCOL_JSON = "protocol.json"
FEED = "feed.xml"


def language_folder(language: str, default: str) -> str:
    """The folder of a language inside a site or the portal: ``""`` for the default, else ``"en/"``."""
    return "" if language == default else f"{language}/"


def version_folder(site: str, version: str) -> str:
    """A site's version in the published tree: ``<site>/<version>``."""
    return f"{site}/{version}"


def site_url(base: str, site: str, version: str) -> str:
    """The address of one site's version: ``<base>/<site>/<version>/``, slash kept."""
    return f"{base.rstrip('/')}/{version_folder(site, version)}/"


def latest_url(base: str, site: str) -> str:
    """The permanent address of a site: its ``latest`` alias."""
    return f"{base.rstrip('/')}/{site}/{LATEST}/"


def site_root_url(base: str, site: str) -> str:
    """The folder of all a site's versions (its feed lives there)."""
    return f"{base.rstrip('/')}/{site}/"


def pdf_name(site: str, version: str, language: str) -> str:
    """The PDF's file name at the root of its site's version: says what it is once downloaded."""
    return f"cvo-protocol-{site}-{version}-{language}.pdf"


def protocol_json_path(site: str, version: str, language: str, default: str) -> str:
    """Where a version's open data in one language lies in the published tree."""
    return f"{version_folder(site, version)}/{language_folder(language, default)}{PROTOCOL_JSON}"
