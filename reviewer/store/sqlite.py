"""The review database in one SQLite file (WAL): one writer at a time, so a write
transaction (`BEGIN IMMEDIATE`) needs no lock of its own."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from reviewer.store.connection import READ_ONLY, StoreError, connect, translate
from reviewer.store.database import Database, Lock, Rows


class SqliteDatabase(Database):
    dialect = "sqlite"
    described_as = "an SQLite database"
    errors = (sqlite3.Error,)

    def __init__(self, connection: sqlite3.Connection, path: Path, readonly: bool) -> None:
        super().__init__(path, readonly)
        self.path = path
        self._connection = connection

    @classmethod
    def connect(cls, path: Path, readonly: bool, timeout: float) -> SqliteDatabase:
        if not readonly and path.exists() and not os.access(path, os.W_OK):
            raise StoreError(path, READ_ONLY)
        return cls(connect(path, readonly, timeout), path, readonly)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return self._connection.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._connection.executemany(sql, rows)

    def begin_write(self, lock: Lock | None) -> None:
        self._connection.execute("BEGIN IMMEDIATE")

    def begin_read(self) -> None:
        self._connection.execute("BEGIN")

    @property
    def in_transaction(self) -> bool:
        return self._connection.in_transaction

    def close(self) -> None:
        self._connection.close()

    def schema_version(self) -> int:
        return int(self._connection.execute("PRAGMA user_version").fetchone()[0])

    def set_schema_version(self, version: int) -> None:
        self._connection.execute(f"PRAGMA user_version = {int(version)}")

    def has_tables(self) -> bool:
        return bool(self._connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])

    def before_migrations(self) -> None:
        """A rebuilt table must not cascade deletes: foreign keys are off while
        migrations run, and checked before each one commits (`broken_reference`)."""
        self._connection.execute("PRAGMA foreign_keys = OFF")

    def after_migrations(self) -> None:
        self._connection.execute("PRAGMA foreign_keys = ON")

    def broken_reference(self) -> str | None:
        broken = self._connection.execute("PRAGMA foreign_key_check").fetchone()
        return None if broken is None else str(broken[0])

    def copy_for_migrating(self) -> SqliteDatabase:
        """The database in memory, for reading a file that must not be written (an
        export from an older reviewer's database)."""
        copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            self._connection.backup(copy)
        except BaseException:
            copy.close()
            raise
        finally:
            self._connection.close()
        return SqliteDatabase(copy, self.path, readonly=True)

    def translate(self, error: Exception) -> StoreError:
        assert isinstance(error, sqlite3.Error), f"not an SQLite error: {error!r}"
        return translate(error, self.path)
