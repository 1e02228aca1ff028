"""The review database schema, as an ordered list of migrations, for SQLite and
PostgreSQL alike.

The database counts the migrations it has had (SQLite: `PRAGMA user_version`;
PostgreSQL: the `reviewer_schema` table); opening it applies the rest, each in its own
transaction. Append new migrations; never edit old ones: databases in the field have
already run them. A step both databases run is written in SQLite's SQL (the PostgreSQL
layer rewrites placeholders and column types); where they must differ, `Only` says
which database runs a step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reviewer.store.connection import StoreError
from reviewer.store.database import MIGRATION_LOCK_KIND, Database
from reviewer.store.identity import backfill_real_paths


@dataclass(frozen=True)
class Only:
    """A step for one kind of database ("sqlite" or "postgresql")."""

    dialect: str
    sql: str


#: A migration step: an SQL statement, one for a single kind of database, or a function
#: of the database for what SQL cannot do (resolving file paths).
Step = str | Only | Callable[[Database], None]

MIGRATION_LOCK = (MIGRATION_LOCK_KIND, 0)

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
        Only(
            "sqlite",
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
        ),
        Only(
            "sqlite",
            """INSERT INTO articles_v2 (id, path, real_path, article_id, system, content_hash, lang, source_lang, created_at)
           SELECT id, path, NULL, article_id, system, content_hash, lang, source_lang, created_at FROM articles""",
        ),
        Only("sqlite", "DROP TABLE articles"),
        Only("sqlite", "ALTER TABLE articles_v2 RENAME TO articles"),
        Only(
            "sqlite",
            """CREATE UNIQUE INDEX articles_by_identity ON articles (real_path, article_id, ifnull(system, ''), content_hash)
           WHERE real_path IS NOT NULL""",
        ),
        # PostgreSQL alters the table in place (its references follow the table, not its name).
        Only("postgresql", "ALTER TABLE articles ADD COLUMN real_path TEXT"),
        Only("postgresql", "ALTER TABLE articles DROP CONSTRAINT articles_path_article_id_content_hash_key"),
        Only(
            "postgresql",
            """CREATE UNIQUE INDEX articles_by_identity ON articles (real_path, article_id, coalesce(system, ''), content_hash)
           WHERE real_path IS NOT NULL""",
        ),
        "CREATE INDEX articles_unresolved ON articles (article_id, content_hash) WHERE real_path IS NULL",
        backfill_real_paths,
    ),
    # 3: claims. A reviewer claims an article's segments (all, or a range) so that two
    # people do not post-edit the same segment; a claim lapses at `expires_at` unless it
    # is renewed (the reviewer's session sends heartbeats).
    (
        """CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            first_segment INTEGER NOT NULL,
            last_segment INTEGER NOT NULL,
            reviewer TEXT NOT NULL,
            claimed_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            CHECK (0 <= first_segment AND first_segment <= last_segment)
        )""",
        "CREATE INDEX claims_by_article ON claims (article, expires_at)",
        "CREATE INDEX claims_by_expiry ON claims (expires_at)",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


def check_version(db: Database, readonly: bool) -> None:
    """Refuse databases this reviewer cannot read: from a newer reviewer, or not ours.
    (An older one is migrated: in place, or in a copy when opened read-only.)"""
    version = db.schema_version()
    if version > SCHEMA_VERSION:
        raise StoreError(
            db.location,
            f"written by a newer reviewer (schema version {version}; this one reads up to "
            f"{SCHEMA_VERSION}): upgrade reviewer to open it",
        )
    if version == 0 and db.has_tables():
        raise StoreError(db.location, f"{db.described_as}, but not a review database")
    if readonly and version == 0:
        raise StoreError(db.location, "empty: not a review database yet")


def migrate(db: Database) -> None:
    """Apply the pending migrations, each atomically; safe when two processes race."""
    db.before_migrations()
    try:
        while _migrate_once(db):
            pass
    finally:
        db.after_migrations()


def _migrate_once(db: Database) -> bool:
    """Apply the next pending migration; False when there is none."""
    db.begin_write(MIGRATION_LOCK)
    try:
        version = db.schema_version()
        if version >= SCHEMA_VERSION:
            db.commit()
            return False
        for step in MIGRATIONS[version]:
            if isinstance(step, str):
                db.execute(step)
            elif isinstance(step, Only):
                if step.dialect == db.dialect:
                    db.execute(step.sql)
            else:
                step(db)
        broken = db.broken_reference()
        if broken is not None:
            raise StoreError(db.location, f"migration to schema version {version + 1} broke a reference in {broken}")
        db.set_schema_version(version + 1)
    except BaseException:
        db.rollback()
        raise
    db.commit()
    return True
