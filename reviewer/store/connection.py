"""Open the SQLite file so that concurrent reviewers and killed processes lose nothing,
and turn SQLite's errors into one-line messages that name the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reviewer.errors import ReviewerError

#: How long a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_SECONDS = 10.0


class StoreError(ReviewerError):
    """The review database cannot be opened, read or written."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def connect(path: Path, readonly: bool, timeout: float = BUSY_TIMEOUT_SECONDS) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL journal, foreign
    keys on, and full sync so a saved edit is on disk when the save returns."""
    if readonly:
        if not path.exists():
            raise StoreError(path, "no review database here (nothing has been reviewed with this --db yet)")
        target, uri = f"{path.resolve().as_uri()}?mode=ro", True
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(path, f"cannot create its directory: {error.strerror}") from None
        target, uri = str(path), False
    try:
        connection = sqlite3.connect(target, uri=uri, timeout=timeout, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise translate(error, path) from None
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


def translate(error: sqlite3.Error, path: str | Path) -> StoreError:
    """The message a reviewer can act on, for the SQLite errors that reach users."""
    text = str(error)
    if "readonly" in text or "read-only" in text:
        problem = "the review database is read-only; reviews cannot be saved here (use --db or REVIEWER_DB)"
    elif "not a database" in text or "malformed" in text:
        problem = "not a review database, or it is corrupt (move it aside to start a new one)"
    elif "locked" in text or "busy" in text:
        problem = "the review database is busy: another reviewer process kept it locked too long"
    elif "unable to open" in text:
        problem = "cannot open the review database (check the path and its permissions)"
    else:
        problem = f"review database error: {text}"
    return StoreError(path, problem)
