"""Which database a location names: the one place that knows both backends, so the
`Database` interface they implement does not depend on either."""

from __future__ import annotations

from pathlib import Path

from reviewer.store.connection import BUSY_TIMEOUT_SECONDS
from reviewer.store.database import Database
from reviewer.store.location import ServerUrl


def open_database(location: Path | ServerUrl, readonly: bool, timeout: float = BUSY_TIMEOUT_SECONDS) -> Database:
    """Connect to the database `location` names (a file, or a `postgresql://` URL). The
    PostgreSQL driver is imported only when a server is named."""
    if isinstance(location, ServerUrl):
        from reviewer.store.postgres import PostgresDatabase

        return PostgresDatabase.connect(location, readonly, timeout)
    from reviewer.store.sqlite import SqliteDatabase

    return SqliteDatabase.connect(location, readonly, timeout)
