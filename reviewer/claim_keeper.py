"""The reviewer's claims in one run: taken on opening an article, renewed by a heartbeat,
given up on leaving it and on quitting.

A claim tells other reviewers (and the store, which refuses their saves) that someone
is post-editing the article; it lapses unless renewed, so a crashed run frees its
articles by itself. Free of Textual: the app calls it from workers and the UI thread.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta

from reviewer.errors import ReviewerError
from reviewer.review_session import Clock
from reviewer.store import Claim, ClaimConflict, Review, ReviewStore
from reviewer.store.claims import CLAIM_TTL


def held_by(held: Claim) -> str:
    """ "claimed by X until HH:MM", in the reviewer's words (times are UTC, as stored)."""
    return f"claimed by {held.reviewer} until {held.expires_at:%H:%M} UTC"


@dataclass(frozen=True)
class Lost:
    """A claim the heartbeat could not keep: it lapsed and someone else took the article."""

    key: str
    conflict: ClaimConflict


class ClaimKeeper:
    """Which articles this reviewer holds, by the workspace's keys. Thread-safe as far as
    the store is; the set of held keys is only changed from one thread at a time."""

    def __init__(self, store: ReviewStore, reviewer: str, clock: Clock, ttl: timedelta = CLAIM_TTL) -> None:
        self.store = store
        self.reviewer = reviewer
        self.clock = clock
        self.ttl = ttl
        self.held: dict[str, Review] = {}

    @property
    def heartbeat(self) -> float:
        """Seconds between renewals: three chances before a claim lapses."""
        return self.ttl.total_seconds() / 3

    def claim(self, key: str, review: Review) -> ClaimConflict | None:
        """Claim the whole article; None when it is ours now, else who holds it."""
        try:
            review.claim(self.reviewer, ttl=self.ttl, at=self.clock())
        except ClaimConflict as conflict:
            self.held.pop(key, None)
            return conflict
        self.held[key] = review
        return None

    def renew(self) -> list[Lost]:
        """The heartbeat: extend every claim held; one that lapsed meanwhile is claimed
        again, unless someone else took the article (then it is lost, and returned)."""
        lost: list[Lost] = []
        for key, review in list(self.held.items()):
            if review.renew_claims(self.reviewer, ttl=self.ttl, at=self.clock()) or key not in self.held:
                continue  # renewed, or released meanwhile (the article was left): not claimed again
            conflict = self.claim(key, review)
            if conflict is not None:
                lost.append(Lost(key, conflict))
        return lost

    def release(self, key: str) -> None:
        review = self.held.pop(key, None)
        if review is not None:
            review.release_claims(self.reviewer)

    def keep_only(self, keys: Collection[str]) -> list[ReviewerError]:
        """Give up the claims on the articles not in `keys` (the reviewer left them for
        the list). The store's failures are returned, not raised: such a claim lapses."""
        failures: list[ReviewerError] = []
        for key in set(self.held) - set(keys):
            try:
                self.release(key)
            except ReviewerError as error:
                failures.append(error)
        return failures

    def release_all(self) -> None:
        for key in list(self.held):
            self.release(key)

    def others(self) -> dict[str, list[Claim]]:
        """Claims in force by other reviewers, by article key: who is working on what."""
        working: dict[str, list[Claim]] = {}
        for held in self.store.claims(at=self.clock()):
            if held.reviewer != self.reviewer:
                working.setdefault(str(held.article_key), []).append(held)
        return working


def who(claims: list[Claim], mine: bool, segments: int) -> str:
    """The article list's "Who" cell: the reviewers working on the article, "you" first,
    with the segments they hold when it is not the whole article."""
    names = ["you"] if mine else []
    for held in claims:
        whole = held.first_segment == 0 and held.last_segment >= segments - 1
        span = "" if whole else f" {held.first_segment + 1}-{held.last_segment + 1}"
        names.append(f"{held.reviewer}{span}")
    return ", ".join(dict.fromkeys(names))
