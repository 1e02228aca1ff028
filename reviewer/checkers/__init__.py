"""Checkers: each turns an article into findings, behind one small protocol.

The registry is explicit (`build_checkers` in `reviewer.pipeline` picks from it by
id) so that which checks run is visible in one place and in the report.
"""

from __future__ import annotations

from typing import Any, Protocol

from reviewer.model import Article, CheckOutcome


class Checker(Protocol):
    """Anything with an `id` that can check an article; it returns findings, never raises them."""

    id: str

    def check(self, article: Article) -> CheckOutcome: ...

    def describe(self) -> dict[str, Any]:
        """The checker's block in the report's `checkers` map (enabled, version, ...)."""
        ...


class Disabled:
    """A checker switched off for this run: it finds nothing, and the report says why."""

    def __init__(self, checker_id: str, reason: str) -> None:
        self.id = checker_id
        self.reason = reason

    def check(self, article: Article) -> CheckOutcome:
        return CheckOutcome()

    def describe(self) -> dict[str, Any]:
        return {"enabled": False, "reason": self.reason}
