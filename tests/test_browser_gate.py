"""The browser gate itself: a missing browser skips locally and fails in CI; CVO_CHROMIUM is honoured."""

from __future__ import annotations

import shutil

import pytest
from browser import chromium_executable, missing


def test_missing_browser_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="/usr/bin/chromium is missing"):
        missing("/usr/bin/chromium", "apt-get install chromium")


def test_missing_browser_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true: /usr/bin/chromium is missing"):
        missing("/usr/bin/chromium", "apt-get install chromium")


def test_the_browser_tests_take_the_browser_that_cvo_chromium_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CVO_CHROMIUM", "true")  # any executable on PATH will do: it is only looked up
    assert chromium_executable() == shutil.which("true")


@pytest.mark.parametrize(("ci", "outcome"), [("", pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_no_browser_found_is_missing(monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("CVO_CHROMIUM", "no-such-browser")
    with pytest.raises(outcome, match="Chromium is missing .*no-such-browser not found"):
        chromium_executable()
