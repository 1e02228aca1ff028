"""On-disk cache of checked articles, so an unchanged batch re-runs in a fraction of the time.

An entry is keyed by everything that can change the issues: the article's text, its
segments' sources and language, and each checker's description (tool version, rule-pack
hash, LanguageTool version and options). Results with warnings (a timed-out rule, a
LanguageTool outage) are never cached: they are not the full answer.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from reviewer import __version__
from reviewer.checkers import Checker
from reviewer.errors import ConfigError
from reviewer.model import Article, Issue, RuleRef, Severity


def default_cache_dir() -> Path:
    """`REVIEWER_CACHE_DIR`, else `$XDG_CACHE_HOME/reviewer`, else `~/.cache/reviewer`."""
    if explicit := os.environ.get("REVIEWER_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reviewer"


@functools.cache
def code_fingerprint() -> str:
    """A hash of reviewer's own source, so results of an edited checker (between releases,
    or in a developer's tree) never come from the cache under an unchanged version."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


# Where a checker runs does not change what it finds: a LanguageTool server started for
# one run gets a new port every time, and its results must still be found next run.
LOCATION_KEYS = frozenset({"url", "instances"})


def checkers_fingerprint(checkers: Sequence[Checker]) -> str:
    """What the checkers are, as a string that changes when their results could."""
    described = {
        checker.id: {key: value for key, value in checker.describe().items() if key not in LOCATION_KEYS}
        for checker in checkers
    }
    return json.dumps({"reviewer": code_fingerprint(), "checkers": described}, sort_keys=True, default=str)


def article_key(article: Article, fingerprint: str) -> str:
    content = {
        "text": article.text,
        "lang": article.lang,
        "source_lang": article.source_lang,
        "segments": [(s.start, s.end, s.source, s.reference) for s in article.segments],
    }
    blob = json.dumps([content, fingerprint], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache:
    """A small SQLite table of article key -> issues (JSON); safe for several processes.

    The cache only saves time: when it fails mid-run (locked past the busy timeout, disk
    full, corrupted), the run goes on without it and `warning` says so once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warning: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=5)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, issues TEXT NOT NULL)")
            self._db.commit()
        except (OSError, sqlite3.Error) as error:
            raise ConfigError(f"{path}: cannot use the result cache ({error}); try --no-cache") from None

    @classmethod
    def default(cls) -> ResultCache:
        return cls(default_cache_dir() / "results.db")

    def get(self, key: str) -> list[Issue] | None:
        if self.warning:
            return None
        try:
            row = self._db.execute("SELECT issues FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as error:
            self._give_up(error)
            return None
        return None if row is None else [_issue_from_dict(d) for d in json.loads(row[0])]

    def put(self, key: str, issues: Sequence[Issue]) -> None:
        if self.warning:
            return
        payload = json.dumps([asdict(issue) for issue in issues], ensure_ascii=False)
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO results (key, issues) VALUES (?, ?)", (key, payload))
        except sqlite3.Error as error:
            self._give_up(error)

    def _give_up(self, error: sqlite3.Error) -> None:
        self.warning = f"{self.path}: result cache unusable ({error}); going on without it"

    def close(self) -> None:
        self._db.close()


def _issue_from_dict(data: dict) -> Issue:
    return Issue(
        **{
            **data,
            "severity": Severity(data["severity"]),
            "suggestions": tuple(data["suggestions"]),
            "also": tuple(RuleRef(**ref) for ref in data["also"]),
        }
    )
