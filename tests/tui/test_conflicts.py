"""Two reviewers on one database: a save over the other's newer text asks, never overwrites."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import run, settle

from reviewer.loaders import load_paths
from reviewer.store import ReviewStore
from reviewer.tui.dialogs.conflict import ConflictDialog
from reviewer.tui.screens.review import ReviewScreen
from reviewer.tui.widgets.editor import SegmentEditor

THEIRS = "Dock strike in Hamburg"
MINE = "Port strike in Hamburg!"


def bo_saves_the_title(db: Path) -> None:
    """The other reviewer, in a process of their own: a store of its own on the same file."""
    [article] = load_paths(["harbour.txt"]).articles
    with ReviewStore.open(db) as other:
        review = other.open_review(article)
        review.release_claims("anna")  # her claim lapsed (a run asleep): only the text check is left
        review.record_edit(0, THEIRS, reviewer="bo", started_at=datetime.now(UTC))


async def edit_and_save_after_bo(pilot: Pilot[None], db: Path) -> ReviewScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    await pilot.press("e", "end", "!")
    bo_saves_the_title(db)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return screen


@pytest.mark.parametrize("choice", ["mine-button", "theirs-button", "edit"])
def test_a_save_after_another_reviewers_shows_both_texts_and_lets_the_reviewer_choose(
    build_app, store: ReviewStore, choice: str
) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = await edit_and_save_after_bo(pilot, store.path)
        dialog = pilot.app.screen
        assert isinstance(dialog, ConflictDialog), "the save over bo's text must not go through silently"
        shown = [str(s.render()) for s in dialog.query(Static)]
        assert any(THEIRS in text for text in shown) and any(MINE in text for text in shown), shown
        assert any("saved by bo" in text for text in shown), shown
        await pilot.click(f"#{choice}")
        await settle(pilot)
        assert pilot.app.screen is screen
        session = screen.session
        history = session.review.history(0)
        if choice == "mine-button":
            assert [(e.reviewer, e.before, e.after) for e in history] == [
                ("bo", "Port strike in Hamburg", THEIRS),
                ("anna", THEIRS, MINE),
            ]
            assert session.unsaved() == []
        elif choice == "theirs-button":
            assert [e.reviewer for e in history] == ["bo"]
            assert session.text(0) == THEIRS and session.unsaved() == []
            assert not screen.editing
        else:
            assert [e.reviewer for e in history] == ["bo"]
            assert screen.editing and isinstance(pilot.app.focused, SegmentEditor)
            assert pilot.app.focused.text == MINE, "back to one's own text, nothing lost"
            await pilot.press("ctrl+s")  # seen both: this save replaces bo's, knowingly
            await settle(pilot)
            assert [(e.before, e.after) for e in session.review.history(0)][-1] == (THEIRS, MINE)

    run(build_app(), scenario)


def test_a_conflict_found_while_quitting_stops_the_quit(build_app, store: ReviewStore) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("e", "end", "!", "escape")
        bo_saves_the_title(store.path)
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictDialog), "the app must not quit with the edit unsaved"
        await pilot.click("#mine-button")
        await settle(pilot)
        assert [e.after for e in screen.session.review.history(0)] == [THEIRS, MINE]

    run(build_app(), scenario)
