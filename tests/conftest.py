"""Shared fixtures: keep the developer's own settings and servers out of the tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest


class ManualClock:
    """A clock a test moves by hand, so seconds spent are exact (no timed assertions)."""

    def __init__(self) -> None:
        self.now = datetime(2024, 4, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads or writes the developer's review database, result cache or LanguageTool settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("REVIEWER_DB", str(home / "reviews.db"))
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(home / "cache"))
    monkeypatch.delenv("REVIEWER_LANGUAGETOOL_URL", raising=False)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write the golden reports in tests/golden/ from the current output instead of comparing (make golden)",
    )
