"""Claims as the app keeps them: taken on opening, renewed by a heartbeat, released on
leaving; another reviewer's claim is named with its owner and expiry."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reviewer.claim_keeper import ClaimKeeper, held_by, who
from reviewer.loaders import load_paths
from reviewer.store import ReviewStore
from reviewer.store.connection import StoreError

FIXTURES = Path(__file__).parent / "tui" / "fixtures"
TTL = timedelta(minutes=5)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReviewStore]:
    shutil.copy(FIXTURES / "harbour.txt", tmp_path / "harbour.txt")
    with ReviewStore.open(tmp_path / "reviews.db") as opened:
        yield opened


def keeper(store: ReviewStore, reviewer: str, clock: Clock) -> ClaimKeeper:
    return ClaimKeeper(store, reviewer, clock, TTL)


def review(store: ReviewStore, tmp_path: Path):
    [article] = load_paths([str(tmp_path / "harbour.txt")]).articles
    return store.open_review(article)


def test_opening_claims_the_article_and_others_are_told_who_holds_it(
    store: ReviewStore, tmp_path: Path, clock: Clock
) -> None:
    anna, bob = keeper(store, "anna", clock), keeper(store, "bob", clock)
    harbour = review(store, tmp_path)
    assert anna.claim("h", harbour) is None
    conflict = bob.claim("h", harbour)
    assert conflict is not None
    assert held_by(conflict.held) == "claimed by anna until 09:05 UTC"
    assert "h" not in bob.held
    assert list(bob.others()) == [str(harbour.article_key)]
    assert anna.others() == {}


def test_leaving_releases_the_claim_for_the_next_reviewer(store: ReviewStore, tmp_path: Path, clock: Clock) -> None:
    anna, bob = keeper(store, "anna", clock), keeper(store, "bob", clock)
    harbour = review(store, tmp_path)
    anna.claim("h", harbour)
    anna.release("h")
    assert bob.claim("h", harbour) is None
    bob.release_all()
    assert store.claims(at=clock()) == []


def test_the_heartbeat_keeps_the_claim_past_its_first_expiry(store: ReviewStore, tmp_path: Path, clock: Clock) -> None:
    anna, bob = keeper(store, "anna", clock), keeper(store, "bob", clock)
    harbour = review(store, tmp_path)
    anna.claim("h", harbour)
    clock.now += TTL - timedelta(seconds=1)
    assert anna.renew() == []
    clock.now += timedelta(minutes=2)  # past the first expiry, within the renewed one
    assert bob.claim("h", harbour) is not None


def test_a_lapsed_claim_someone_else_took_is_reported_lost(store: ReviewStore, tmp_path: Path, clock: Clock) -> None:
    anna, bob = keeper(store, "anna", clock), keeper(store, "bob", clock)
    harbour = review(store, tmp_path)
    anna.claim("h", harbour)
    clock.now += TTL + timedelta(seconds=1)  # anna's run was asleep
    assert bob.claim("h", harbour) is None
    [lost] = anna.renew()
    assert lost.key == "h" and lost.conflict.held.reviewer == "bob"
    assert anna.held == {}


def test_a_lapsed_claim_nobody_took_is_claimed_again(store: ReviewStore, tmp_path: Path, clock: Clock) -> None:
    anna = keeper(store, "anna", clock)
    harbour = review(store, tmp_path)
    anna.claim("h", harbour)
    clock.now += TTL * 2
    assert anna.renew() == []
    assert [c.reviewer for c in store.claims(at=clock())] == ["anna"]


def test_who_names_reviewers_and_partial_ranges(store: ReviewStore, tmp_path: Path, clock: Clock) -> None:
    harbour = review(store, tmp_path)
    harbour.claim("bob", range(1, 3), at=clock())
    claims = store.claims(at=clock())
    assert who(claims, mine=False, segments=4) == "bob 2-3"
    assert who(claims, mine=True, segments=4) == "you, bob 2-3"
    harbour.release_claims("bob")
    harbour.claim("bob", at=clock())
    assert who(store.claims(at=clock()), mine=False, segments=len(harbour.segments())) == "bob"
    assert who([], mine=False, segments=4) == ""


def test_closing_stops_languagetool_even_when_the_store_is_gone(store: ReviewStore, tmp_path: Path) -> None:
    from contextlib import contextmanager

    from reviewer.workspace import Workspace

    workspace = Workspace(store, "anna")
    stopped: list[bool] = []

    @contextmanager
    def languagetool():
        yield object()
        stopped.append(True)

    workspace.start_languagetool(languagetool)  # type: ignore[arg-type]
    [opened] = workspace.open_articles([str(tmp_path / "harbour.txt")], None, None).sessions
    workspace.claims.claim("h", opened.review)

    def gone(reviewer: str) -> None:
        raise StoreError(tmp_path / "reviews.db", "disk I/O error")

    opened.review.release_claims = gone  # type: ignore[method-assign]
    with pytest.raises(StoreError):
        workspace.close()
    assert stopped == [True]


def test_back_on_the_list_the_articles_left_are_released(store: ReviewStore, tmp_path: Path, clock: Clock) -> None:
    anna, bob = keeper(store, "anna", clock), keeper(store, "bob", clock)
    harbour = review(store, tmp_path)
    anna.claim("h", harbour)
    assert anna.keep_only({"h"}) == [] and bob.claim("h", harbour) is not None, "an open article stays claimed"
    assert anna.keep_only(set()) == []
    assert anna.held == {} and bob.claim("h", harbour) is None
