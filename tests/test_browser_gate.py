"""The browser gate itself: a missing browser skips locally and fails in CI."""

from __future__ import annotations

import pytest
from browser import missing


def test_missing_browser_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="/usr/bin/chromium is missing"):
        missing("/usr/bin/chromium", "apt-get install chromium")


def test_missing_browser_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true: /usr/bin/chromium is missing"):
        missing("/usr/bin/chromium", "apt-get install chromium")
