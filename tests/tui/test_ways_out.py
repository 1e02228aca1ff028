"""Every way out of the app asks about unsaved edits; none throws a draft away."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from tui_helpers import run, settle

from reviewer.store import ReviewStore
from reviewer.tui.dialogs.unsaved import UnsavedDialog
from reviewer.tui.screens.articles import ArticleListScreen
from reviewer.tui.screens.review import ReviewScreen


async def palette_command(pilot: Pilot[None], query: str) -> list[str]:
    """Open the palette, type `query`, and return the commands it offers, best first."""
    await pilot.press("ctrl+p")
    assert CommandPalette.is_open(pilot.app)
    await pilot.press(*query)
    commands = pilot.app.screen.query_one(CommandList)
    for _ in range(100):  # the palette searches in the background
        await pilot.pause(0.01)
        if commands.option_count:
            break
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def leave_a_draft(pilot: Pilot[None]) -> ReviewScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    await pilot.press("e", "end", *"!", "escape")
    assert screen.session.unsaved() == [0]
    return screen


@pytest.mark.parametrize("way", ["q", "ctrl+q", "ctrl+c", "palette"])
def test_every_way_out_asks_about_an_unsaved_draft_and_can_save_it(build_app, store: ReviewStore, way: str) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await leave_a_draft(pilot)
        if way == "palette":
            offered = await palette_command(pilot, "quit")
            assert not any("as soon as possible" in prompt for prompt in offered), offered
            await pilot.press("enter")
        else:
            await pilot.press(way)
        await pilot.pause()
        assert isinstance(pilot.app.screen, UnsavedDialog), f"{way} left without asking"
        await pilot.click("#save")
        await settle(pilot)

    run(build_app(), scenario)
    [record] = [s for s in store.reviewed_segments() if s.segment == 0]
    assert record.latest is not None and record.latest.after == "Port strike in Hamburg!"


def test_ctrl_q_asks_even_from_inside_the_editor(build_app, store: ReviewStore) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("e", "end", *"!!")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, UnsavedDialog)
        await pilot.press("escape")  # back to the draft, still in the editor
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen) and screen.editing
        assert screen.session.text(0) == "Port strike in Hamburg!!"

    run(build_app(), scenario)
    assert store.reviewed_segments() == []


def test_going_back_to_the_list_keeps_the_draft_for_the_article_and_for_quitting(build_app, article_dir) -> None:
    (article_dir / "other.txt").write_text("Other title\n\nThe Ruler spoke.\n", encoding="utf-8")

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("enter")  # harbour.txt, the first row
        await settle(pilot)
        await leave_a_draft(pilot)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ArticleListScreen)
        await pilot.press("enter")
        await settle(pilot)
        reopened = pilot.app.screen
        assert isinstance(reopened, ReviewScreen)
        assert reopened.session.text(0) == "Port strike in Hamburg!"
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, UnsavedDialog)
        assert dialog.where == ["./harbour.txt: segment 1"]

    run(build_app(paths=(".",)), scenario)
