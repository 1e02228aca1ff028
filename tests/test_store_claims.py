"""Claims: several reviewers on one batch, each post-editing segments no one else is,
on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from backends import stored_rows

from reviewer.model import Article, Segment
from reviewer.store import CLAIM_TTL, ClaimConflict, ReviewStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TEXTS = ["Harbour strike ends.", "Workers return on monday.", "Ships wait in the bay.", "The union is pleased."]


def article(name: str = "strike") -> Article:
    segments, offset = [], 0
    for i, text in enumerate(TEXTS):
        segments.append(Segment(i, offset, offset + len(text), text))
        offset += len(text) + 2
    return Article(path=f"corpora/{name}.txt", id=name, text="\n\n".join(TEXTS), segments=tuple(segments))


def save(store: ReviewStore, segment: int, reviewer: str, at: datetime, art: Article | None = None) -> None:
    store.open_review(art or article()).record_edit(
        segment, f"{TEXTS[segment]} ({reviewer})", reviewer=reviewer, started_at=at, saved_at=at
    )


def test_a_claimed_article_refuses_anothers_save_and_keeps_nothing_of_it(any_db: Path | str) -> None:
    with ReviewStore.open(any_db) as ana_store, ReviewStore.open(any_db) as bo_store:
        claim = ana_store.open_review(article()).claim("ana", at=T0)
        assert (claim.first_segment, claim.last_segment, claim.expires_at) == (0, 3, T0 + CLAIM_TTL)
        with pytest.raises(ClaimConflict) as raised:
            save(bo_store, 2, "bo", T0 + timedelta(minutes=1))
        assert str(raised.value) == ("corpora/strike.txt: segments 1-4 are claimed by ana until 09:05:00 UTC")
        save(ana_store, 2, "ana", T0 + timedelta(minutes=1))
    assert stored_rows(any_db, "SELECT reviewer, segment FROM edits") == [("ana", 2)]


def test_a_range_claim_leaves_the_other_segments_to_others(any_db: Path | str) -> None:
    with ReviewStore.open(any_db) as store:
        review = store.open_review(article())
        review.claim("ana", range(0, 2), at=T0)
        with pytest.raises(ClaimConflict, match="segments 1-2 are claimed by ana"):
            review.claim("bo", range(1, 3), at=T0)
        taken = review.claim("bo", range(2, 4), at=T0)
        save(store, 3, "bo", T0)
        with pytest.raises(ClaimConflict, match="segments 3-4 are claimed by bo"):
            save(store, 2, "ana", T0)
        assert [(c.reviewer, c.first_segment, c.last_segment) for c in review.claims(at=T0)] == [
            ("ana", 0, 1),
            ("bo", 2, 3),
        ]
        assert taken.segments == range(2, 4)


def test_an_abandoned_claim_expires_and_a_heartbeat_keeps_one_alive(any_db: Path | str) -> None:
    ttl = timedelta(minutes=2)
    with ReviewStore.open(any_db) as store:
        review = store.open_review(article())
        review.claim("ana", at=T0, ttl=ttl)
        [renewed] = review.renew_claims("ana", at=T0 + timedelta(minutes=1), ttl=ttl)
        assert renewed.expires_at == T0 + timedelta(minutes=3)
        with pytest.raises(ClaimConflict):
            save(store, 0, "bo", T0 + timedelta(minutes=2, seconds=30))
        # ana walks away: no heartbeat after 09:01, so her claim lapses at 09:03.
        assert review.claims(at=T0 + timedelta(minutes=3)) == []
        save(store, 0, "bo", T0 + timedelta(minutes=3))
        assert review.renew_claims("ana", at=T0 + timedelta(minutes=4)) == [], "a lapsed claim is not revived"
        review.claim("bo", at=T0 + timedelta(minutes=4))
        with pytest.raises(ClaimConflict, match="claimed by bo"):
            review.claim("ana", at=T0 + timedelta(minutes=4))


def test_claiming_again_renews_and_releasing_frees(any_db: Path | str) -> None:
    with ReviewStore.open(any_db) as store:
        review = store.open_review(article())
        review.claim("ana", at=T0)
        review.claim("ana", at=T0 + timedelta(minutes=4))
        assert [c.expires_at for c in review.claims(at=T0)] == [T0 + timedelta(minutes=4) + CLAIM_TTL]
        review.release_claims("ana")
        assert review.claims(at=T0) == []
        save(store, 1, "bo", T0)


def test_the_store_lists_who_is_working_on_what(any_db: Path | str) -> None:
    with ReviewStore.open(any_db) as store:
        store.open_review(article("strike")).claim("ana", at=T0)
        store.open_review(article("summit")).claim("bo", range(1, 2), at=T0)
        store.open_review(article("storm")).claim("cy", at=T0 - CLAIM_TTL)  # lapsed by now
        listed = store.claims(at=T0 + timedelta(minutes=1))
    assert sorted((c.path, c.article_id, c.reviewer, c.first_segment, c.last_segment) for c in listed) == [
        ("corpora/strike.txt", "strike", "ana", 0, 3),
        ("corpora/summit.txt", "summit", "bo", 1, 1),
    ]


def test_claims_need_a_writable_store_and_real_segments(any_db: Path | str) -> None:
    with ReviewStore.open(any_db) as store:
        review = store.open_review(article())
        with pytest.raises(ValueError, match="has no segment 7"):
            review.claim("ana", range(2, 8), at=T0)
        with pytest.raises(ValueError, match="cannot claim segments"):
            review.claim("ana", range(3, 1), at=T0)
    with ReviewStore.open(any_db, readonly=True) as store:
        assert store.claims(at=T0) == []
