"""The review store: the Python API the terminal UI (and `reviewer export`) call.

One SQLite file in WAL mode, or a database on a PostgreSQL server that a team shares.
Every save is its own transaction, committed before the call returns, so a reviewer
process killed after a save loses nothing; several processes may write to one
database (writers of one article wait for each other up to the busy timeout).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from reviewer.model import Article, Issue
from reviewer.scoring import ScoringOptions
from reviewer.store import claims as claiming
from reviewer.store import queries
from reviewer.store.backends import open_database
from reviewer.store.connection import BUSY_TIMEOUT_SECONDS, READ_ONLY, StoreError
from reviewer.store.database import IDENTITY_LOCK_KIND, Database, Lock
from reviewer.store.identity import content_hash, find_article, real_path
from reviewer.store.location import ServerUrl, parse_location
from reviewer.store.records import Claim, ReviewedSegment, to_timestamp, utc_now
from reviewer.store.review import Review
from reviewer.store.schema import SCHEMA_VERSION, check_version, migrate


class ReviewStore:
    """An open review database. Use `ReviewStore.open(...)`, ideally as a context manager.

    Safe to share between threads (calls are serialised), so a UI can save from a
    worker thread.
    """

    def __init__(self, db: Database, readonly: bool, scoring: ScoringOptions) -> None:
        self._db = db
        self._lock = threading.RLock()
        self.path: Path | ServerUrl = db.location
        """The database: a file, or a PostgreSQL URL (which prints without its password)."""
        self.readonly = readonly
        self.scoring = scoring
        """How edits are scored when they are saved (HTER is case-sensitive by default)."""

    @classmethod
    def open(
        cls,
        path: str | Path | ServerUrl,
        *,
        readonly: bool = False,
        scoring: ScoringOptions = ScoringOptions(),
        timeout: float = BUSY_TIMEOUT_SECONDS,
    ) -> ReviewStore:
        """Open (creating and migrating it when writable) the database at `path` (a file
        or a `postgresql://` URL; the run configuration's `db_path`). Read-only, the
        database is never written: an SQLite file from an older reviewer is read through
        a migrated copy in memory. Raises StoreError with a one-line message."""
        db = open_database(parse_location(path), readonly, timeout)
        try:
            check_version(db, readonly)
            if readonly and db.schema_version() < SCHEMA_VERSION:
                db = db.copy_for_migrating()
                migrate(db)
            elif not readonly:
                migrate(db)
        except db.errors as error:
            db.close()
            raise db.translate(error) from None
        except StoreError:
            db.close()
            raise
        return cls(db, readonly, scoring)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def writing(self, lock: Lock | None = None) -> Iterator[Database]:
        """One write transaction, committed on leaving; for this package's own use.
        Writers that hold the same `lock` run one after the other (on SQLite every
        writer does)."""
        if self.readonly:  # also when reading through a migrated copy, which would take writes
            raise StoreError(self.path, READ_ONLY)
        with self._lock, self._errors():
            self._db.begin_write(lock)
            try:
                yield self._db
                self._db.commit()
            except BaseException:
                if self._db.in_transaction:
                    self._db.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Database]:
        """A consistent snapshot across several queries; for this package's own use."""
        with self._lock, self._errors():
            self._db.begin_read()
            try:
                yield self._db
            finally:
                if self._db.in_transaction:
                    self._db.commit()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except self._db.errors as error:
            raise self._db.translate(error) from None

    def open_review(self, article: Article, issues: Iterable[Issue] = ()) -> Review:
        """Start reviewing `article`, or resume the review of the same text: the same file
        (by its real path, however the path was typed), article id, system and content
        hash. `issues` are those found in the MT; more can be added later with
        `Review.record_issues` (LanguageTool may answer late)."""
        digest = content_hash(article)
        now = to_timestamp(utc_now())
        identity = f"{real_path(article.path)}\0{article.id}\0{article.system}\0{digest}"
        lock = (IDENTITY_LOCK_KIND, zlib.crc32(identity.encode("utf-8")) - 2**31)
        with self.writing(lock) as db:
            found = find_article(db, article, digest)
            resumed = found is not None
            if found is not None:
                key = found
            else:
                key = db.insert(
                    """INSERT INTO articles (path, real_path, article_id, system, content_hash, lang, source_lang,
                                             created_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
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
                )
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

    def claims(self, at: datetime | None = None) -> list[Claim]:
        """Every claim in force (at `at`, default now) on any article: who is working on
        what, for an article list."""
        with self.reading() as db:
            return claiming.live_claims(db, to_timestamp(at or utc_now()))
