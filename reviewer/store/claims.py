"""Claims: which reviewer is working on which segments, so that two people do not
post-edit the same segment. Every function runs inside a caller's transaction; times
are the store's ISO-8601 UTC text, which orders as the moments do."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from reviewer.store.records import Claim, ClaimConflict, from_timestamp

if TYPE_CHECKING:
    from reviewer.store.database import Database

#: How long a claim lasts without a heartbeat: a reviewer who walks away (or whose
#: process dies) frees the article this long after the last renewal.
CLAIM_TTL = timedelta(minutes=5)

_SELECT = """SELECT c.id, c.article, a.path, a.article_id, c.first_segment, c.last_segment, c.reviewer,
                    c.claimed_at, c.expires_at
             FROM claims c JOIN articles a ON a.id = c.article"""


def _claims(db: Database, where: str, params: tuple) -> list[Claim]:
    return [
        Claim(key, article, path, article_id, first, last, reviewer, from_timestamp(claimed), from_timestamp(expires))
        for key, article, path, article_id, first, last, reviewer, claimed, expires in db.execute(
            f"{_SELECT} WHERE {where} ORDER BY c.article, c.first_segment, c.id", params
        )
    ]


def live_claims(db: Database, now: str, article: int | None = None) -> list[Claim]:
    """Claims in force at `now`: of one article, or of all."""
    if article is None:
        return _claims(db, "c.expires_at > ?", (now,))
    return _claims(db, "c.article = ? AND c.expires_at > ?", (article, now))


def check_free(db: Database, article: int, first: int, last: int, reviewer: str, now: str) -> None:
    """Raise ClaimConflict when someone else's claim in force overlaps `first`..`last`."""
    held = _claims(
        db,
        "c.article = ? AND c.reviewer <> ? AND c.expires_at > ? AND c.first_segment <= ? AND c.last_segment >= ?",
        (article, reviewer, now, last, first),
    )
    if held:
        raise ClaimConflict(held[0])


def take(db: Database, article: int, first: int, last: int, reviewer: str, now: str, expires: str) -> Claim:
    """Claim `first`..`last` for `reviewer` until `expires`. The reviewer's own claims
    that overlap it are replaced (claiming again is also a renewal), and lapsed claims
    on the article are cleared on the way."""
    check_free(db, article, first, last, reviewer, now)
    db.execute("DELETE FROM claims WHERE article = ? AND expires_at <= ?", (article, now))
    db.execute(
        "DELETE FROM claims WHERE article = ? AND reviewer = ? AND first_segment <= ? AND last_segment >= ?",
        (article, reviewer, last, first),
    )
    key = db.insert(
        """INSERT INTO claims (article, first_segment, last_segment, reviewer, claimed_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?) RETURNING id""",
        (article, first, last, reviewer, now, expires),
    )
    return _claims(db, "c.id = ?", (key,))[0]


def renew(db: Database, article: int, reviewer: str, now: str, expires: str) -> list[Claim]:
    """Extend the reviewer's claims still in force on the article (a heartbeat); the
    claims renewed. A lapsed claim is not revived: claim again (someone may hold it)."""
    db.execute(
        "UPDATE claims SET expires_at = ? WHERE article = ? AND reviewer = ? AND expires_at > ?",
        (expires, article, reviewer, now),
    )
    return _claims(db, "c.article = ? AND c.reviewer = ? AND c.expires_at > ?", (article, reviewer, now))


def release(db: Database, article: int, reviewer: str) -> None:
    db.execute("DELETE FROM claims WHERE article = ? AND reviewer = ?", (article, reviewer))
