"""Checkers: each turns an article into findings, behind one small protocol.

The registry is explicit (`build_checkers` in `reviewer.checkers.registry` builds every
checker of a run from its configuration) so that which checks run is visible in one
place and in the report.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from reviewer.language import ANY_PAIR, LanguagePairs
from reviewer.model import Article, CheckOutcome


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


class Checker(Protocol):
    """Anything with an `id` that can check an article; it returns findings, never raises them.
    `pairs` are the language pairs it checks: `check_article` gives it no other article."""

    id: str
    pairs: LanguagePairs

    def check(self, article: Article) -> CheckOutcome: ...

    def signature(self) -> Signature:
        """What the checker is and where it runs, for the report and the result cache."""
        ...


class Disabled:
    """A checker switched off for this run: it finds nothing, and the report says why."""

    pairs = ANY_PAIR

    def __init__(self, checker_id: str, reason: str) -> None:
        self.id = checker_id
        self.reason = reason

    def check(self, article: Article) -> CheckOutcome:
        return CheckOutcome()

    def signature(self) -> Signature:
        return Signature.off(self.reason)
