"""The review database schema, as an ordered list of migrations.

`PRAGMA user_version` counts the migrations a database has had; opening it applies
the rest, each in its own transaction. Append new migrations; never edit old ones:
databases in the field have already run them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reviewer.store.connection import StoreError

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            article_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            lang TEXT NOT NULL,
            source_lang TEXT,
            system TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (path, article_id, content_hash)
        )""",
        """CREATE TABLE segments (
            article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            mt TEXT NOT NULL,
            source TEXT,
            reference TEXT,
            PRIMARY KEY (article, idx)
        )""",
        """CREATE TABLE edits (
            id INTEGER PRIMARY KEY,
            article INTEGER NOT NULL,
            segment INTEGER NOT NULL,
            before TEXT NOT NULL,
            after TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            started_at TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            seconds REAL NOT NULL CHECK (seconds >= 0),
            rechecked INTEGER NOT NULL DEFAULT 0,
            FOREIGN KEY (article, segment) REFERENCES segments (article, idx) ON DELETE CASCADE
        )""",
        "CREATE INDEX edits_by_segment ON edits (article, segment, id)",
        """CREATE TABLE edit_scores (
            edit INTEGER NOT NULL REFERENCES edits (id) ON DELETE CASCADE,
            metric TEXT NOT NULL,
            score REAL NOT NULL,
            signature TEXT NOT NULL,
            PRIMARY KEY (edit, metric)
        )""",
        """CREATE TABLE issues (
            id INTEGER PRIMARY KEY,
            article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            edit INTEGER REFERENCES edits (id) ON DELETE CASCADE,
            issue_id TEXT NOT NULL,
            checker TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            category TEXT NOT NULL,
            severity TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
            message TEXT NOT NULL,
            text TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            line INTEGER NOT NULL,
            col INTEGER NOT NULL,
            segment INTEGER,
            suggestions TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX issues_in_mt ON issues (article, issue_id) WHERE edit IS NULL",
        "CREATE UNIQUE INDEX issues_after_edit ON issues (edit, issue_id) WHERE edit IS NOT NULL",
        """CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            issue_id TEXT NOT NULL,
            segment INTEGER,
            state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'dismissed')),
            reviewer TEXT NOT NULL,
            decided_at TEXT NOT NULL
        )""",
        "CREATE INDEX decisions_by_issue ON decisions (article, issue_id, id)",
        """CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            article INTEGER NOT NULL,
            segment INTEGER NOT NULL,
            start_offset INTEGER,
            end_offset INTEGER,
            text TEXT,
            category TEXT NOT NULL,
            severity TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
            note TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            created_at TEXT NOT NULL,
            FOREIGN KEY (article, segment) REFERENCES segments (article, idx) ON DELETE CASCADE
        )""",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def check_version(connection: sqlite3.Connection, path: Path, readonly: bool) -> None:
    """Refuse databases this reviewer cannot read: from a newer reviewer, or not ours."""
    version = schema_version(connection)
    if version > SCHEMA_VERSION:
        raise StoreError(
            path,
            f"written by a newer reviewer (schema version {version}; this one reads up to "
            f"{SCHEMA_VERSION}): upgrade reviewer to open it",
        )
    if version == 0 and connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise StoreError(path, "an SQLite database, but not a review database")
    if readonly and version == 0:
        raise StoreError(path, "empty: not a review database yet")
    if readonly and version < SCHEMA_VERSION:
        raise StoreError(
            path,
            f"schema version {version} is older than this reviewer's ({SCHEMA_VERSION}); "
            "open it once for writing to upgrade it",
        )


def migrate(connection: sqlite3.Connection) -> None:
    """Apply the pending migrations, each atomically; safe when two processes race."""
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(connection)
            if version >= SCHEMA_VERSION:
                connection.execute("COMMIT")
                return
            for statement in MIGRATIONS[version]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
