"""Checkers: each turns an article into findings, behind one small protocol.

The registry is explicit (`build_checkers` in `reviewer.registry` builds every
checker of a run from its configuration) so that which checks run is visible in one
place and in the report.
"""

from __future__ import annotations

from typing import Protocol

from reviewer.language import ANY_PAIR, LanguagePairs
from reviewer.model import Article, CheckOutcome
from reviewer.signature import Signature


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
