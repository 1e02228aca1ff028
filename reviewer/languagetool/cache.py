"""LanguageTool's answers remembered per piece of text, in memory and in SQLite.

A key covers everything that changes the answer: the piece's text, the LanguageTool
version, and the request's parameters (language, mother tongue, disabled rules and
categories). Accepted words and the MQM mapping are applied after the cache, so changing
them needs no new request. SQLite in WAL mode is safe for several processes at once. The
cache is only a saving: a file that cannot be opened, or that fails later (locked by
another process for longer than BUSY_TIMEOUT, disk full, corrupt), leaves the cache in
memory only, with a warning, and the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

KEEP_DAYS = 60  # entries older than this are dropped when the cache is opened
BUSY_TIMEOUT = 3.0
"""Seconds to wait for another process's write (writes take milliseconds). The wait holds
the cache's lock, so the batch's other threads wait too; it happens at most once, since a
file that failed is not used again."""

Matches = list[dict[str, Any]]


def cache_key(text: str, version: str, params: Mapping[str, str]) -> str:
    blob = json.dumps([text, version, sorted(params.items())], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class MatchCache:
    """Key -> matches of one piece (code-point offsets within the piece). Thread-safe."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.warning: str | None = None
        self._memory: dict[str, Matches] = {}
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if path is not None:
            try:
                self._db = _open(path)
            except (OSError, sqlite3.Error) as error:
                self._give_up(error)

    def get_many(self, keys: Iterable[str]) -> dict[str, Matches]:
        wanted = list(dict.fromkeys(keys))
        with self._lock:
            found = {key: self._memory[key] for key in wanted if key in self._memory}
            missing = [key for key in wanted if key not in found]
            if self._db is not None and missing:
                try:
                    for start in range(0, len(missing), 500):  # SQLite's limit on parameters
                        chunk = missing[start : start + 500]
                        marks = ",".join("?" * len(chunk))
                        rows = self._db.execute(f"SELECT key, matches FROM matches WHERE key IN ({marks})", chunk)
                        for key, matches in rows:
                            found[key] = self._memory[key] = json.loads(matches)
                except sqlite3.Error as error:  # keys not read yet are misses: asked of the server
                    self._give_up(error)
        return found

    def put_many(self, entries: Mapping[str, Matches]) -> None:
        with self._lock:
            self._memory.update(entries)
            if self._db is not None and entries:
                now = time.time()
                rows = [(key, json.dumps(matches, ensure_ascii=False), now) for key, matches in entries.items()]
                try:
                    with self._db:
                        self._db.executemany(
                            "INSERT OR REPLACE INTO matches (key, matches, stored) VALUES (?, ?, ?)", rows
                        )
                except sqlite3.Error as error:
                    self._give_up(error)

    def _give_up(self, error: Exception) -> None:
        """Stop using the file: one warning, and no further waits on a file that failed."""
        if self._db is not None:
            self._db.close()
            self._db = None
        self.warning = f"{self.path}: LanguageTool cache unusable ({error}); keeping results in memory only"

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS matches (key TEXT PRIMARY KEY, matches TEXT NOT NULL, stored REAL NOT NULL)"
        )
        db.execute("CREATE INDEX IF NOT EXISTS matches_stored ON matches (stored)")
        with db:
            db.execute("DELETE FROM matches WHERE stored < ?", (time.time() - KEEP_DAYS * 86400,))
    except sqlite3.Error:
        db.close()
        raise
    return db
