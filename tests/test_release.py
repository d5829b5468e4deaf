"""Golden table for releases: version names, titles, dates and the site address, including the refusals."""

from __future__ import annotations

import datetime

import pytest
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.release import Publication, Release, format_date, is_revision, parse_site_url, version_key

VERSION_FIX = ("write the year and month the version was adopted, YYYY.MM (e.g. 2025.03), "
               "with -N for a revision (e.g. 2025.03-1)")
TITLE_FIX = "write a short plain title such as 'Maart 2025' (letters, digits, spaces and ' - . , ( ) / :)"
DATE_FIX = "write the effective date as YYYY-MM-DD, e.g. 2025-03-01"
SITE_URL_FIX = "write it as https://host/ or https://host/path/ (letters, digits, '.', '-', '_', '~' and '/')"
MARCH_1 = datetime.date(2025, 3, 1)


@pytest.mark.parametrize(("version", "title", "effective", "expected"), [
    ("2025.03", "Maart 2025", "2025-03-01", Release("2025.03", "Maart 2025", MARCH_1)),
    ("2025.03", None, "2025-03-01", Release("2025.03", "2025.03", MARCH_1)),  # the title defaults to the version
    ("2025.03-1", "  Maart 2025  ", "2025-03-01", Release("2025.03-1", "Maart 2025", MARCH_1)),
    ("2099.12-99", "x" * 60, "2099-12-31", Release("2099.12-99", "x" * 60, datetime.date(2099, 12, 31))),
    ("2025.03", "Maart 2025 (herzien): deel 2/3, versie-1.", "2025-03-01",
     Release("2025.03", "Maart 2025 (herzien): deel 2/3, versie-1.", MARCH_1)),
    ("2025.03", "März – Ελληνικά 2025", "2025-03-01", Release("2025.03", "März – Ελληνικά 2025", MARCH_1)),
])
def test_a_release_is_parsed(version: str, title: str | None, effective: str, expected: Release) -> None:
    assert Release.parse(version, title, effective) == expected


@pytest.mark.parametrize("effective", [None, ""])
def test_a_release_needs_an_explicit_effective_date(effective: str | None) -> None:
    """Every published page states the date: it is never invented (issue 13)."""
    with pytest.raises(ProtocolError) as raised:
        Release.parse("2025.03", None, effective)
    assert raised.value.problem == "version 2025.03 has no effective date"
    assert "--effective YYYY-MM-DD" in raised.value.fix and "nothing was published" in raised.value.fix


def test_versions_sort_as_numbers_and_a_revision_after_its_board_version() -> None:
    names = ["2026.02", "2026.01-10", "2025.03", "2026.01", "2026.01-9", "2026.01-1", "2025.12"]
    assert sorted(names, key=version_key) == [
        "2025.03", "2025.12", "2026.01", "2026.01-1", "2026.01-9", "2026.01-10", "2026.02"]
    assert is_revision("2026.01-1") and not is_revision("2026.01") and not is_revision("latest")


def test_a_publication_is_coming_when_it_takes_effect_after_today() -> None:
    release = Release("2026.08", "Augustus 2026", datetime.date(2026, 8, 1))
    assert Publication(release, "https://p.example/", today=datetime.date(2026, 7, 31)).coming
    assert not Publication(release, "https://p.example/", today=datetime.date(2026, 8, 1)).coming
    data = Publication(release, "https://p.example/", today=datetime.date(2026, 6, 1)).template_data(("nl", "en"))
    assert data["coming"] is True and data["effective_text"] == {"nl": "1 augustus 2026", "en": "1 August 2026"}


@pytest.mark.parametrize(("version", "title", "effective", "problem", "fix"), [
    ("2025.3", None, "2025-03-01", "'2025.3' is not a version name", VERSION_FIX),
    ("2025.13", None, "2025-03-01", "'2025.13' is not a version name", VERSION_FIX),
    ("2025.00", None, "2025-03-01", "'2025.00' is not a version name", VERSION_FIX),
    ("1999.01", None, "2025-03-01", "'1999.01' is not a version name", VERSION_FIX),
    ("2025.03-0", None, "2025-03-01", "'2025.03-0' is not a version name", VERSION_FIX),
    ("2025.03-100", None, "2025-03-01", "'2025.03-100' is not a version name", VERSION_FIX),
    ("2025.03 ", None, "2025-03-01", "'2025.03 ' is not a version name", VERSION_FIX),
    ("latest", None, "2025-03-01", "'latest' is not a version name", VERSION_FIX),
    ("feed.xml", None, "2025-03-01", "'feed.xml' is not a version name", VERSION_FIX),
    ("", None, "2025-03-01", "'' is not a version name", VERSION_FIX),
    ("2025.03", None, "2025-02-30", "'2025-02-30' is not a date", DATE_FIX),
    ("2025.03", None, "1-3-2025", "'1-3-2025' is not a date", DATE_FIX),
    ("2025.03", "   ", "2025-03-01", "the title '' is empty or too long", TITLE_FIX),
    ("2025.03", "x" * 61, "2025-03-01", f"the title {'x' * 60!r} is empty or too long", TITLE_FIX),
    ("2025.03", 'Maart "2025"', "2025-03-01",
     "the title 'Maart \"2025\"' contains '\"' (U+0022 QUOTATION MARK)", TITLE_FIX),
    ("2025.03", "<b>", "2025-03-01", "the title '<b>' contains '<' (U+003C LESS-THAN SIGN)", TITLE_FIX),
])
def test_a_wrong_release_is_refused(version: str, title: str | None, effective: str, problem: str, fix: str) -> None:
    with pytest.raises(ProtocolError) as raised:
        Release.parse(version, title, effective)
    assert (raised.value.problem, raised.value.fix) == (problem, fix)


def test_what_a_release_gives_the_theme() -> None:
    assert Release("2025.03", "Maart 2025", MARCH_1).template_data(("nl", "en")) == {
        "version": "2025.03",
        "title": "Maart 2025",
        "effective": "2025-03-01",
        "effective_text": {"nl": "1 maart 2025", "en": "1 March 2025"},
    }


@pytest.mark.parametrize(("date", "language", "text"), [
    (datetime.date(2025, 3, 1), "nl", "1 maart 2025"),
    (datetime.date(2025, 3, 1), "en", "1 March 2025"),
    (datetime.date(2026, 1, 31), "nl", "31 januari 2026"),
    (datetime.date(2026, 12, 9), "en", "9 December 2026"),
])
def test_dates_as_readers_write_them(date: datetime.date, language: str, text: str) -> None:
    assert format_date(date, language) == text


@pytest.mark.parametrize(("url", "expected"), [
    ("https://p.example", "https://p.example/"),
    ("https://p.example/", "https://p.example/"),
    ("http://127.0.0.1:8000/a/b", "http://127.0.0.1:8000/a/b/"),
    ("https://p.example/a_b~c.d/", "https://p.example/a_b~c.d/"),
])
def test_a_site_address_always_ends_with_a_slash(url: str, expected: str) -> None:
    assert parse_site_url(url, "--site-url") == expected


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "ftp://p.example/",
    "https://p.example/a b/",
    "https://p.example/?q=1",
    "https://p.example/#x",
    "https://user@p.example/",
    "https://p.example//",
    "https://p.example/a'/",
    'https://p.example/"/',
    "https://p.example:123456/",
    "",
])
def test_a_site_address_that_is_not_a_folder_is_refused(url: str) -> None:
    with pytest.raises(ProtocolError) as raised:
        parse_site_url(url, "--site-url")
    assert (raised.value.problem, raised.value.fix) == (
        f"--site-url {url!r} is not the address of a folder on the web", SITE_URL_FIX)
