"""The one on-disk cache: what reviewer remembers between runs, in namespaces (checked
articles, LanguageTool's answers per paragraph), in one SQLite file.

A cache only saves time, so it is never trusted. A file that is not a cache of ours is
replaced; an entry that cannot be read or has the wrong shape is a miss (and is
dropped, so the run rewrites it); a file that fails mid-run (locked by another process
past BUSY_TIMEOUT, disk full) is left alone for the rest of the run. Each of these is
one `warning`, never an error. Entries past the size bound are dropped least recently
used first. WAL mode makes the file safe for several processes at once.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

FILE_NAME = "cache.db"
OLD_FILES = ("results.db", "languagetool.db")
"""The two caches this one replaced; removed when the default cache is opened."""
DEFAULT_MAX_MB = 256
KEEP_FRACTION = 0.9
"""Eviction goes this far below the bound, so that the next few writes do not evict again."""
TOUCH_AFTER = 3600.0
"""Seconds: a hit marks its entry as used at most this often, so re-runs mostly only read."""
BUSY_TIMEOUT = 3.0
"""Seconds to wait for another process's write (writes take milliseconds). The wait holds
the cache's lock, so other threads wait too; it happens at most once, since a file that
failed is not used again."""
SCHEMA_VERSION = 1
CHUNK = 500  # keys per statement, below SQLite's limit on parameters
_UNREADABLE = (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)

T = TypeVar("T")
Decode = Callable[[str, Any], T]
"""Turns a key's parsed JSON into what the caller wants; raises ValueError, TypeError or
KeyError when the entry does not have the shape it should."""

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries (namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
    " size INTEGER NOT NULL, used REAL NOT NULL, PRIMARY KEY (namespace, key))",
    "CREATE INDEX IF NOT EXISTS entries_by_use ON entries (used)",
    "CREATE TABLE IF NOT EXISTS totals (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "INSERT OR IGNORE INTO totals VALUES ('bytes', 0)",
    # the entries' bytes, kept exact as they change, so that checking the bound costs nothing
    "CREATE TRIGGER IF NOT EXISTS entry_added AFTER INSERT ON entries"
    " BEGIN UPDATE totals SET value = value + new.size WHERE name = 'bytes'; END",
    "CREATE TRIGGER IF NOT EXISTS entry_removed AFTER DELETE ON entries"
    " BEGIN UPDATE totals SET value = value - old.size WHERE name = 'bytes'; END",
    "CREATE TRIGGER IF NOT EXISTS entry_resized AFTER UPDATE OF size ON entries"
    " BEGIN UPDATE totals SET value = value - old.size + new.size WHERE name = 'bytes'; END",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)


class Cache:
    """Namespaced key -> JSON entries in one SQLite file; thread-safe. `path` None keeps nothing."""

    def __init__(self, path: Path | None, max_bytes: int = DEFAULT_MAX_MB * 1_000_000) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.warning: str | None = None
        """The first problem met, for the front end to print once."""
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if path is not None:
            try:
                self._db = self._open(path)
            except (OSError, sqlite3.Error) as error:
                self._give_up(error)

    @classmethod
    def in_directory(cls, directory: Path, max_bytes: int = DEFAULT_MAX_MB * 1_000_000) -> Cache:
        """The cache file in `directory` (the run configuration says which), bounded by `max_bytes`."""
        for name in OLD_FILES:
            _remove(directory / name)
        return cls(directory / FILE_NAME, max_bytes)

    def get_many(self, namespace: str, keys: Iterable[str], decode: Decode[T]) -> dict[str, T]:
        """The entries found for `keys`, decoded; a malformed one is dropped and missing."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, T] = {}
        with self._lock:
            if self._db is None or not wanted:
                return found
            malformed: dict[str, str] = {}
            stale: list[str] = []
            try:
                for start in range(0, len(wanted), CHUNK):
                    chunk = wanted[start : start + CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = self._db.execute(
                        f"SELECT key, value, used FROM entries WHERE namespace = ? AND key IN ({marks})",
                        [namespace, *chunk],
                    ).fetchall()
                    for key, value, used in rows:
                        try:
                            found[key] = decode(key, json.loads(value))
                        except (ValueError, TypeError, KeyError, RecursionError) as error:
                            malformed[key] = _problem(error)
                            continue
                        if not isinstance(used, (int, float)) or used < time.time() - TOUCH_AFTER:
                            stale.append(key)
                if malformed:
                    problem = next(iter(malformed.values()))
                    self._note(f"{self.path}: ignored unreadable {namespace} entries ({problem}); checked again")
                with self._db:
                    self._for_keys("DELETE FROM entries WHERE namespace = ? AND key IN ({})", [namespace], malformed)
                    self._for_keys(
                        "UPDATE entries SET used = ? WHERE namespace = ? AND key IN ({})",
                        [time.time(), namespace],
                        stale,
                    )
            except sqlite3.Error as error:  # what was read is good; the rest are misses
                self._give_up(error)
        return found

    def put_many(self, namespace: str, entries: Mapping[str, Any]) -> None:
        """Store `entries` (JSON-serialisable values), then keep the file within its bound."""
        with self._lock:
            if self._db is None or not entries:
                return
            now = time.time()
            rows = []
            for key, value in entries.items():
                text = json.dumps(value, ensure_ascii=False)
                rows.append((namespace, key, text, len(key) + len(text.encode("utf-8")), now))
            try:
                with self._db:
                    self._db.executemany(
                        "INSERT INTO entries (namespace, key, value, size, used) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (namespace, key) DO UPDATE SET "
                        "value = excluded.value, size = excluded.size, used = excluded.used",
                        rows,
                    )
                    evicted = self._evict()
                if evicted:
                    self._db.execute("PRAGMA incremental_vacuum")  # give the space back
            except sqlite3.Error as error:
                self._give_up(error)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # --- inside ---------------------------------------------------------------------------

    def _open(self, path: Path) -> sqlite3.Connection:
        """Open the file, replacing it once when it is not a cache (garbage, or corrupt)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return _connect(path)
        except sqlite3.DatabaseError as error:
            if not _unreadable(error):
                raise
            self._note(f"{path}: not a usable cache ({_problem(error)}); started a new one")
        _remove(path)
        return _connect(path)

    def _evict(self) -> bool:
        """Drop least recently used entries while the entries' bytes exceed the bound."""
        assert self._db is not None, "called with the file open"
        (total,) = self._db.execute("SELECT value FROM totals WHERE name = 'bytes'").fetchone() or (None,)
        if not isinstance(total, int):  # gone, or someone else's edit: count again
            (total,) = self._db.execute("SELECT CAST(total(size) AS INTEGER) FROM entries").fetchone()
            self._db.execute("INSERT OR REPLACE INTO totals VALUES ('bytes', ?)", (total,))
        if total <= self.max_bytes:
            return False
        self._db.execute(
            "DELETE FROM entries WHERE rowid IN (SELECT rowid FROM ("
            "  SELECT rowid, size, sum(size) OVER (ORDER BY used, rowid) AS running FROM entries)"
            " WHERE running - size < ?)",
            (total - int(self.max_bytes * KEEP_FRACTION),),
        )
        return True

    def _for_keys(self, statement: str, params: list[Any], keys: Iterable[str]) -> None:
        """Run `statement` with its `{}` filled by one `?` per key, a chunk of keys at a time."""
        assert self._db is not None, "called with the file open"
        listed = list(keys)
        for start in range(0, len(listed), CHUNK):
            chunk = listed[start : start + CHUNK]
            self._db.execute(statement.format(",".join("?" * len(chunk))), [*params, *chunk])

    def _note(self, warning: str) -> None:
        self.warning = self.warning or warning

    def _give_up(self, error: Exception) -> None:
        """Stop using the file: one warning, and no further waits on a file that failed. A
        file found corrupt is removed, so that the next run starts a new one."""
        if self._db is not None:
            self._db.close()
            self._db = None
        self._note(f"{self.path}: cache unusable ({_problem(error)}); going on without it")
        if self.path is not None and _unreadable(error):
            _remove(self.path)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False)
    try:
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect only in a new file
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL keeps the file consistent; a cache needs no more
        with db:
            db.execute("BEGIN IMMEDIATE")  # one process at a time sets the file up
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version not in (0, SCHEMA_VERSION):  # another layout (older or newer): start afresh
                db.execute("DROP TABLE IF EXISTS entries")
                db.execute("DROP TABLE IF EXISTS totals")
            for statement in _SCHEMA:
                db.execute(statement)
    except BaseException:
        db.close()
        raise
    return db


def _unreadable(error: Exception) -> bool:
    """Whether the file itself is broken (garbage, or corrupt), as opposed to busy or full."""
    return isinstance(error, sqlite3.DatabaseError) and (error.sqlite_errorcode or 0) & 0xFF in _UNREADABLE


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass  # left for the next run, which tries again


def _problem(error: BaseException) -> str:
    """One line about what was wrong (an entry's own text never reaches the terminal)."""
    if isinstance(error, RecursionError):
        return "nested too deep"
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    text = " ".join(str(error).split())[:200]
    return text or type(error).__name__
