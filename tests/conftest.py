"""Shared fixtures: keep the developer's own settings and servers out of the tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from reviewer.config import RunConfig


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


@pytest.fixture
def make_config() -> Callable[..., RunConfig]:
    """`make_config(**options)`: the run configuration the CLI would build from these
    options, in the test's (isolated) environment and working directory."""

    def make(**options: Any) -> RunConfig:
        return RunConfig.build(os.environ, Path.cwd(), **options)

    return make
