"""Shared fixtures: keep the developer's own settings and servers out of the tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads or writes the developer's review database, result cache or LanguageTool settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("REVIEWER_DB", str(home / "reviews.db"))
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(home / "cache"))
    monkeypatch.delenv("REVIEWER_LANGUAGETOOL_URL", raising=False)
