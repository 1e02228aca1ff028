"""One connection to the review database, SQLite or PostgreSQL, behind the few things
the store needs that the two do differently: placeholders and column types, how a
write transaction keeps writers apart, where the schema version lives. Everything else
in the store is one set of SQL that both run."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from reviewer.store.connection import StoreError
from reviewer.store.location import ServerUrl

#: What a writer locks so that another waits: a kind (below) and a key within it.
#: SQLite has one writer at a time anyway; PostgreSQL takes the lock (an advisory
#: transaction lock), so writers of different articles go on side by side.
Lock = tuple[int, int]
MIGRATION_LOCK_KIND = 0
ARTICLE_LOCK_KIND = 1
IDENTITY_LOCK_KIND = 2


class Rows(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Database(ABC):
    """An open connection in autocommit mode; transactions are explicit."""

    #: "sqlite" or "postgresql": migration steps written for one dialect run only there.
    dialect: str
    #: How messages name the kind of database ("an SQLite database").
    described_as: str
    #: The driver's errors, which `translate` turns into a StoreError.
    errors: tuple[type[Exception], ...]

    def __init__(self, location: Path | ServerUrl, readonly: bool) -> None:
        self.location = location
        self.readonly = readonly

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows: ...

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT ending in `RETURNING id` and give the new row's id."""
        row = self.execute(sql, params).fetchone()
        assert row is not None, f"an INSERT ... RETURNING gives the new row: {sql}"
        return int(row[0])

    @abstractmethod
    def begin_write(self, lock: Lock | None) -> None:
        """Start a write transaction; with `lock`, other writers holding it wait."""

    @abstractmethod
    def begin_read(self) -> None:
        """Start a transaction that sees one snapshot across its queries."""

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    @property
    @abstractmethod
    def in_transaction(self) -> bool: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def schema_version(self) -> int:
        """How many migrations the database has had (0: none, or not ours)."""

    @abstractmethod
    def set_schema_version(self, version: int) -> None: ...

    @abstractmethod
    def has_tables(self) -> bool:
        """Whether anything is stored here at all (a version 0 database with tables is not ours)."""

    @abstractmethod
    def before_migrations(self) -> None:
        """Called before migrations run (SQLite turns foreign keys off for table rebuilds)."""

    @abstractmethod
    def after_migrations(self) -> None:
        """Called after migrations ran, even when one failed."""

    def broken_reference(self) -> str | None:
        """The table a migration left with a dangling reference, if any."""
        return None

    @abstractmethod
    def copy_for_migrating(self) -> Database:
        """A copy this reviewer may migrate, for reading an older database without
        writing it (this connection is closed); StoreError when there can be none."""

    @abstractmethod
    def translate(self, error: Exception) -> StoreError:
        """The one-line message a reviewer can act on, for a driver error."""
