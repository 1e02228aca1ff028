"""How a checker, or anything else that changes a report, identifies itself: in the
report's `checkers` map, its one-line signature and the result cache's key. Its own
module, below the checkers, so that what is not a checker (rule tuning) can sign too."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Signature:
    """How a checker identifies itself, as sacrebleu's metrics do: the report's
    `checkers` block and the result cache's key are both made from it.

    `about` is what the checker is (version, settings, rule-pack hash): anything that can
    change its findings. `where` is where it runs (a server's URL): reported, never part
    of the cache key, since a LanguageTool started for one run gets a new port each time
    and its results must still be found next run."""

    enabled: bool = True
    label: str = "on"
    """How the report's one-line signature names it: a version, a rule-pack hash."""
    about: Mapping[str, Any] = field(default_factory=dict)
    where: Mapping[str, Any] = field(default_factory=dict)
    reason: str | None = None
    """Why it is off, when it is."""

    @classmethod
    def off(cls, reason: str) -> Signature:
        return cls(enabled=False, label="off", reason=reason)

    @classmethod
    def of_files(cls, files: Iterable[tuple[str, str, Iterable[str]]], **about: Any) -> Signature:
        """A checker of data files (rule packs, glossaries): each file's path, content hash
        and item ids, so any change to what was loaded changes the signature."""
        listed = [(path, sha, tuple(ids)) for path, sha, ids in files]
        digest = hashlib.sha256()
        for path, sha, ids in listed:
            digest.update("\x1f".join([path, sha, *ids]).encode() + b"\x1e")
        sha256 = digest.hexdigest()
        report = {"files": [path for path, _, _ in listed], "count": sum(len(ids) for _, _, ids in listed)}
        return cls(label=sha256[:12], about={**report, **about, "sha256": sha256})

    def report(self) -> dict[str, Any]:
        """The checker's block in the report's `checkers` map (DESIGN.md)."""
        if not self.enabled:
            return {"enabled": False, "reason": self.reason}
        return {"enabled": True, **self.about, **self.where}

    def cache_key(self) -> dict[str, Any]:
        """What of the checker a cached result depends on: everything but `where`."""
        if not self.enabled:
            return {"enabled": False, "reason": self.reason}
        return {"enabled": True, **self.about}
