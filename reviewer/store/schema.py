"""The review database schema, as an ordered list of migrations.

`PRAGMA user_version` counts the migrations a database has had; opening it applies
the rest, each in its own transaction. Append new migrations; never edit old ones:
databases in the field have already run them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from reviewer.store.connection import StoreError
from reviewer.store.identity import backfill_real_paths

#: A migration step: an SQL statement, or a function of the connection and the database's
#: path for what SQL cannot do (resolving file paths).
Step = str | Callable[[sqlite3.Connection, Path], None]

MIGRATIONS: tuple[tuple[Step, ...], ...] = (
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
    # 2: an article is known by its file's real path, id, system and text, not by the path
    # as typed (which stays, for showing). SQLite cannot drop the old UNIQUE constraint,
    # so the table is rebuilt (SQLite's documented procedure; foreign keys are off while
    # migrations run and checked before each commits).
    (
        """CREATE TABLE articles_v2 (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            real_path TEXT,
            article_id TEXT NOT NULL,
            system TEXT,
            content_hash TEXT NOT NULL,
            lang TEXT NOT NULL,
            source_lang TEXT,
            created_at TEXT NOT NULL
        )""",
        """INSERT INTO articles_v2 (id, path, real_path, article_id, system, content_hash, lang, source_lang, created_at)
           SELECT id, path, NULL, article_id, system, content_hash, lang, source_lang, created_at FROM articles""",
        "DROP TABLE articles",
        "ALTER TABLE articles_v2 RENAME TO articles",
        """CREATE UNIQUE INDEX articles_by_identity ON articles (real_path, article_id, ifnull(system, ''), content_hash)
           WHERE real_path IS NOT NULL""",
        "CREATE INDEX articles_unresolved ON articles (article_id, content_hash) WHERE real_path IS NULL",
        backfill_real_paths,
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def check_version(connection: sqlite3.Connection, path: Path, readonly: bool) -> None:
    """Refuse databases this reviewer cannot read: from a newer reviewer, or not ours.
    (An older one is migrated: in place, or in a copy in memory when opened read-only.)"""
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


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Apply the pending migrations, each atomically; safe when two processes race.
    Foreign keys are off meanwhile (a rebuilt table must not cascade deletes) and
    checked before each migration commits."""
    connection.execute("PRAGMA foreign_keys = OFF")
    try:
        while _migrate_once(connection, path):
            pass
    finally:
        connection.execute("PRAGMA foreign_keys = ON")


def _migrate_once(connection: sqlite3.Connection, path: Path) -> bool:
    """Apply the next pending migration; False when there is none."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(connection)
        if version >= SCHEMA_VERSION:
            connection.execute("COMMIT")
            return False
        for step in MIGRATIONS[version]:
            if isinstance(step, str):
                connection.execute(step)
            else:
                step(connection, path)
        broken = connection.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise StoreError(path, f"migration to schema version {version + 1} broke a reference in {broken[0]}")
        connection.execute(f"PRAGMA user_version = {version + 1}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return True
