"""Shared fixtures: keep the developer's own settings and servers out of the tests."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pgcluster import Cluster, server_binaries

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


def postgres_required() -> bool:
    """In CI (`$CI` set, as `.ci/run` sets it) the PostgreSQL suite must run, never skip."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster for the whole run, on a unix socket; stopped and
    deleted at the end. Skipped only where no server can be had and CI is not running."""
    problem = None
    if server_binaries() is None:
        problem = "no PostgreSQL server installed (apt-get install postgresql)"
    elif importlib.util.find_spec("psycopg") is None:
        problem = "the psycopg driver is not installed (pip install -e '.[postgres]')"
    if problem is not None:
        if postgres_required():
            pytest.fail(f"the postgres suite must run in CI: {problem}")
        pytest.skip(problem)
    cluster = Cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_db(postgres_cluster: Cluster) -> str:
    """The URL of a new, empty database on the test cluster."""
    return postgres_cluster.create_database()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """A new review database on each backend: an SQLite file, and a PostgreSQL URL. The
    store tests that hold for both take this, so parity is tested, not assumed."""
    if request.param == "sqlite":
        return tmp_path / "reviews.db"
    return str(request.getfixturevalue("postgres_db"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write the golden reports in tests/golden/ from the current output instead of comparing (make golden)",
    )
