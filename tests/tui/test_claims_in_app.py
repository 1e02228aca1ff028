"""Claims in the app: opening an article claims it, leaving and quitting give it up,
another reviewer's article opens read-only, and the list shows who works on what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from tui_helpers import review_screen, run, settle

from reviewer.loaders import load_paths
from reviewer.store import Review, ReviewStore
from reviewer.store.connection import StoreError
from reviewer.tui.screens.read_only import WRITES
from reviewer.tui.screens.review import ReviewScreen


def claimers(store: ReviewStore) -> list[str]:
    return [claim.reviewer for claim in store.claims()]


def harbour(store: ReviewStore, article_dir: Path):
    [article] = load_paths([str(article_dir / "harbour.txt")]).articles
    return store.open_review(article)


def test_opening_claims_leaving_and_quitting_release(build_app, store: ReviewStore) -> None:
    seen: dict[str, list[str]] = {}

    async def open_leave_reopen(pilot: Pilot[None]) -> None:
        review_screen(pilot)
        seen["open"] = claimers(store)
        await pilot.press("escape")
        await settle(pilot)
        seen["left"] = claimers(store)
        await pilot.press("e")
        await settle(pilot)
        seen["reopened"] = claimers(store)

    run(build_app(), open_leave_reopen)
    assert seen == {"open": ["anna"], "left": [], "reopened": ["anna"]}
    assert claimers(store) == []


def test_an_article_claimed_by_someone_else_opens_read_only(build_app, store: ReviewStore, article_dir: Path) -> None:
    harbour(store, article_dir).claim("bob")
    edited: list[bool] = []

    async def try_to_edit(pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await settle(pilot)
        edited.append(review_screen(pilot).editing)

    notes = run(build_app(), try_to_edit)
    assert edited == [False]
    assert any("Opened read-only: claimed by bob until" in note for note in notes), notes
    assert any(note.startswith("Not yours to edit: Read-only: claimed by bob until") for note in notes), notes
    assert claimers(store) == ["bob"]


def test_read_only_refuses_every_action_the_review_screen_has() -> None:
    assert all(callable(getattr(ReviewScreen, f"action_{name}", None)) for name in WRITES)


def test_the_list_shows_who_works_on_what_and_the_batch_progress(
    build_app, store: ReviewStore, article_dir: Path
) -> None:
    (article_dir / "other.txt").write_text("Other title\n\nThe Ruler spoke to 1.200 people.\n", encoding="utf-8")
    review = harbour(store, article_dir)
    review.claim("bob")
    title = review.segments()[0]
    review.record_edit(0, title.text, reviewer="bob", started_at=datetime.now(UTC))  # bob confirmed the title
    shown: dict[str, object] = {}

    async def look(pilot: Pilot[None]) -> None:
        table = pilot.app.screen.query_one(DataTable)
        shown["who"] = {row.value: str(table.get_cell(row.value, "Who")) for row in table.rows}
        shown["note"] = str(pilot.app.screen.query_one("#articles-note", Static).render())

    run(build_app(paths=(".",)), look)
    assert sorted(shown["who"].values()) == ["", "bob"]  # type: ignore[union-attr]
    assert "1 of 6 segments confirmed" in str(shown["note"]), shown["note"]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_the_heartbeat_keeps_the_claim_and_says_when_it_was_lost(
    build_app, store: ReviewStore, article_dir: Path
) -> None:
    clock = Clock()
    held: list[str] = []

    async def heartbeats(pilot: Pilot[None]) -> None:
        review = harbour(store, article_dir)
        clock.now += timedelta(minutes=4)
        pilot.app.heartbeat()  # what the app's timer runs
        await settle(pilot)
        clock.now += timedelta(minutes=4)  # past the first claim's end, within the renewed one
        held.extend(claim.reviewer for claim in review.claims(at=clock.now))
        clock.now += timedelta(minutes=10)  # anna's run slept: her claim lapsed, bob took the article
        review.claim("bob", at=clock.now)
        pilot.app.heartbeat()
        await settle(pilot)

    notes = run(build_app(clock=clock), heartbeats)
    assert held == ["anna"]
    assert any("Your claim lapsed and the article is now claimed by bob until" in note for note in notes), notes


def test_a_store_failure_while_claiming_opens_the_article_and_says_so(
    build_app, store: ReviewStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise StoreError("reviews.db", "database is locked")

    monkeypatch.setattr(Review, "claim", fail)
    opened: list[bool] = []

    async def look(pilot: Pilot[None]) -> None:
        opened.append(
            isinstance(pilot.app.screen, ReviewScreen) and not review_screen(pilot).sub_title.startswith("read-only")
        )

    notes = run(build_app(), look)
    assert opened == [True]
    assert "Could not claim: reviews.db: database is locked\nOpened without a claim." in notes
