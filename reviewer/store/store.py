"""The review store: the Python API the terminal UI (and `reviewer export`) call.

One SQLite file in WAL mode. Every save is its own transaction, committed before the
call returns, so a reviewer process killed after a save loses nothing; several
processes may write to one file (they wait for each other up to the busy timeout).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from reviewer.model import Article, Issue
from reviewer.scoring import ScoringOptions
from reviewer.store import queries
from reviewer.store.connection import BUSY_TIMEOUT_SECONDS, StoreError, connect, translate
from reviewer.store.identity import content_hash, find_article, real_path
from reviewer.store.records import ReviewedSegment, to_timestamp, utc_now
from reviewer.store.review import Review
from reviewer.store.schema import SCHEMA_VERSION, check_version, migrate, schema_version


class ReviewStore:
    """An open review database. Use `ReviewStore.open(...)`, ideally as a context manager.

    Safe to share between threads (calls are serialised), so a UI can save from a
    worker thread.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, readonly: bool, scoring: ScoringOptions) -> None:
        self._connection = connection
        self._lock = threading.RLock()
        self.path = path
        self.readonly = readonly
        self.scoring = scoring
        """How edits are scored when they are saved (HTER is case-sensitive by default)."""

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        readonly: bool = False,
        scoring: ScoringOptions = ScoringOptions(),
        timeout: float = BUSY_TIMEOUT_SECONDS,
    ) -> ReviewStore:
        """Open (creating and migrating it when writable) the database at `path` (the run
        configuration's `db_path`). Read-only, the file is never written: a database
        from an older reviewer is read through a migrated copy in memory. Raises
        StoreError with a one-line message."""
        db = Path(path)
        if not readonly and db.exists() and not os.access(db, os.W_OK):
            raise translate(sqlite3.OperationalError("attempt to write a readonly database"), db)
        connection = connect(db, readonly, timeout)
        try:
            check_version(connection, db, readonly)
            if readonly and schema_version(connection) < SCHEMA_VERSION:
                connection = _migrated_copy(connection, db)
            elif not readonly:
                migrate(connection, db)
        except sqlite3.Error as error:
            connection.close()
            raise translate(error, db) from None
        except StoreError:
            connection.close()
            raise
        return cls(connection, db, readonly, scoring)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed on leaving; for this package's own use."""
        if self.readonly:  # also when reading through a migrated copy, which would take writes
            raise translate(sqlite3.OperationalError("attempt to write a readonly database"), self.path)
        with self._lock, self._errors():
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
                self._connection.execute("COMMIT")
            except BaseException:
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot across several queries; for this package's own use."""
        with self._lock, self._errors():
            self._connection.execute("BEGIN")
            try:
                yield self._connection
            finally:
                if self._connection.in_transaction:
                    self._connection.execute("COMMIT")

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    def open_review(self, article: Article, issues: Iterable[Issue] = ()) -> Review:
        """Start reviewing `article`, or resume the review of the same text: the same file
        (by its real path, however the path was typed), article id, system and content
        hash. `issues` are those found in the MT; more can be added later with
        `Review.record_issues` (LanguageTool may answer late)."""
        digest = content_hash(article)
        now = to_timestamp(utc_now())
        with self.writing() as db:
            found = find_article(db, article, digest, self.path)
            resumed = found is not None
            if found is not None:
                key = found
            else:
                inserted = db.execute(
                    """INSERT INTO articles (path, real_path, article_id, system, content_hash, lang, source_lang,
                                             created_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        article.path,
                        real_path(article.path),
                        article.id,
                        article.system,
                        digest,
                        article.lang,
                        article.source_lang,
                        now,
                    ),
                ).lastrowid
                assert inserted is not None, "an INSERT gives the new row's id"
                key = inserted
                db.executemany(
                    """INSERT INTO segments (article, idx, start_offset, end_offset, mt, source, reference)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    [(key, s.index, s.start, s.end, s.text, s.source, s.reference) for s in article.segments],
                )
            queries.insert_issues(db, key, issues, None, now)
            segments = db.execute(
                "SELECT idx, mt, source, reference FROM segments WHERE article = ? ORDER BY idx", (key,)
            ).fetchall()
        return Review(self, key, article.path, article.id, digest, resumed, segments)

    def reviewed_segments(self) -> list[ReviewedSegment]:
        """Every segment with a saved edit, a decision or an annotation, with its latest
        edit if any: what export writes."""
        with self.reading() as db:
            return queries.reviewed_segments(db)


def _migrated_copy(connection: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """The database brought to this reviewer's schema in memory, for reading a file that
    must not be written (an export from an older reviewer's database)."""
    copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        connection.backup(copy)
        migrate(copy, path)
    except BaseException:
        copy.close()
        raise
    finally:
        connection.close()
    return copy
