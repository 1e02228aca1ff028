"""Open the SQLite file so that concurrent reviewers and killed processes lose nothing,
and turn SQLite's errors into one-line messages that name the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reviewer.errors import ReviewerError
from reviewer.store.location import ServerUrl

#: How long a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_SECONDS = 10.0

#: What a save into a database that cannot be written says, whichever kind it is.
READ_ONLY = "the review database is read-only; reviews cannot be saved here (use --db or REVIEWER_DB)"


class StoreError(ReviewerError):
    """The review database cannot be opened, read or written."""

    def __init__(self, path: str | Path | ServerUrl, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def connect(path: Path, readonly: bool, timeout: float = BUSY_TIMEOUT_SECONDS) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL journal, foreign
    keys on, and full sync so a saved edit is on disk when the save returns."""
    if path.is_dir():  # SQLite would say "disk I/O error" or "unable to open database file"
        raise StoreError(path, "is a directory, not a review database file")
    if readonly:
        if not path.exists():
            raise StoreError(path, "no review database here (nothing has been reviewed into it yet)")
        connection = _open_for_reading(path, timeout)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(path, f"cannot create its directory: {error.strerror}") from None
        connection = _open(str(path), False, timeout)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        connection.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        connection.close()
        raise translate(error, path) from None
    return connection


def _open(target: str, uri: bool, timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(target, uri=uri, timeout=timeout, isolation_level=None, check_same_thread=False)


def _open_for_reading(path: Path, timeout: float) -> sqlite3.Connection:
    """Read-only (`mode=ro`), so reading needs no write permission. A WAL database in a
    directory that cannot be written (a read-only mount) cannot be opened so when its
    -wal/-shm files do not exist and cannot be made: it is then read as an immutable
    file, which is exact as long as no -wal file holds saves not yet merged into it."""
    base = path.resolve().as_uri()
    try:
        return _readable(f"{base}?mode=ro", timeout)
    except sqlite3.Error as error:
        cannot_open = "unable to open" in str(error) or "readonly" in str(error)
        if not isinstance(error, sqlite3.OperationalError) or not cannot_open:
            raise translate(error, path) from None
    wal = path.with_name(path.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        raise StoreError(
            path,
            f"cannot be read here: its directory is read-only and {wal.name} holds saves not yet merged into "
            "the database (open it once where it can be written, or copy its directory elsewhere)",
        )
    try:
        return _readable(f"{base}?immutable=1", timeout)
    except sqlite3.Error as error:
        raise translate(error, path) from None


def _readable(uri: str, timeout: float) -> sqlite3.Connection:
    """A connection to `uri` that has read the schema (SQLite opens files lazily)."""
    connection = _open(uri, True, timeout)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def translate(error: sqlite3.Error, path: str | Path) -> StoreError:
    """The message a reviewer can act on, for the SQLite errors that reach users."""
    text = str(error)
    if "readonly" in text or "read-only" in text:
        problem = READ_ONLY
    elif "not a database" in text or "malformed" in text:
        problem = "not a review database, or it is corrupt (move it aside to start a new one)"
    elif "locked" in text or "busy" in text:
        problem = "the review database is busy: another reviewer process kept it locked too long"
    elif "unable to open" in text:
        problem = "cannot open the review database (check the path and its permissions)"
    else:
        problem = f"review database error: {text}"
    return StoreError(path, problem)
