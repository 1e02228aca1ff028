"""The review store: the Python API the terminal UI (and `reviewer export`) call.

One SQLite file in WAL mode. Every save is its own transaction, committed before the
call returns, so a reviewer process killed after a save loses nothing; several
processes may write to one file (they wait for each other up to the busy timeout).
"""

from __future__ import annotations

import hashlib
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
from reviewer.store.paths import resolve_db_path
from reviewer.store.records import ReviewedSegment, to_timestamp, utc_now
from reviewer.store.review import Review
from reviewer.store.schema import check_version, migrate


def content_hash(article: Article) -> str:
    """Identifies the text a review applies to: a changed file is a new review."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


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
        path: str | Path | None = None,
        *,
        readonly: bool = False,
        scoring: ScoringOptions = ScoringOptions(),
        timeout: float = BUSY_TIMEOUT_SECONDS,
    ) -> ReviewStore:
        """Open (creating and migrating it when writable) the database at `path`, or at
        `default_db_path()` when None. Raises StoreError with a one-line message."""
        db = resolve_db_path(path)
        if not readonly and db.exists() and not os.access(db, os.W_OK):
            raise translate(sqlite3.OperationalError("attempt to write a readonly database"), db)
        connection = connect(db, readonly, timeout)
        try:
            check_version(connection, db, readonly)
            if not readonly:
                migrate(connection)
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
        """Start reviewing `article`, or resume the review of the same text (same path,
        article id and content hash). `issues` are those found in the MT; more can be
        added later with `Review.record_issues` (LanguageTool may answer late)."""
        digest = content_hash(article)
        now = to_timestamp(utc_now())
        with self.writing() as db:
            row = db.execute(
                "SELECT id FROM articles WHERE path = ? AND article_id = ? AND content_hash = ?",
                (article.path, article.id, digest),
            ).fetchone()
            resumed = row is not None
            if resumed:
                key = row[0]
            else:
                key = db.execute(
                    """INSERT INTO articles (path, article_id, content_hash, lang, source_lang, system, created_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    (article.path, article.id, digest, article.lang, article.source_lang, article.system, now),
                ).lastrowid
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
        """Every segment that has a saved edit, with its latest edit: what export writes."""
        with self.reading() as db:
            return queries.reviewed_segments(db)
