"""Every action is reachable three ways: a key, the command palette, the mouse."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from tui_helpers import run, settle

from reviewer.tui.commands import BindingCommands
from reviewer.tui.screens.help import HelpScreen
from reviewer.tui.screens.review import ReviewScreen
from reviewer.tui.widgets.editor import SegmentEditor
from reviewer.tui.widgets.panels import IssueItem


def test_help_lists_every_key_of_the_screen(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        described = {binding.description for binding in help_screen.keys}
        assert {
            "Next segment",
            "Previous flag",
            "Edit",
            "Save",
            "Leave",
            "Apply",
            "Dismiss",
            "Annotate",
            "Help",
            "Quit",
        } <= described
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)

    run(build_app(), scenario)


def test_the_palette_offers_the_screen_commands_and_runs_them(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        titles = [title for title, *_ in BindingCommands(screen)._commands()]
        assert "Dismiss the focused flag as a false alarm (remembered)" in titles
        await pilot.press("j", "j", "j")  # the segment with the TEST_RULER flag
        await pilot.press("ctrl+p")
        assert CommandPalette.is_open(pilot.app)
        await pilot.press(*"dismiss")
        commands = pilot.app.screen.query_one(CommandList)
        for _ in range(100):  # the palette searches in the background
            await pilot.pause(0.01)
            if commands.option_count:
                break
        await pilot.press("enter")
        await settle(pilot)
        assert "TEST_RULER" not in [issue.rule_id for issue in screen.session.visible(3)]

    run(build_app(), scenario)


def test_clicking_a_segment_focuses_it_and_a_double_click_edits_it(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.click("#segment-2")
        assert screen.index == 2
        await pilot.click("#segment-3", times=2)
        assert screen.index == 3
        assert isinstance(pilot.app.focused, SegmentEditor)

    run(build_app(), scenario)


def test_clicking_a_flag_in_the_list_focuses_it(build_app, article_dir: Path) -> None:
    (article_dir / "two.txt").write_text("Title\n\nRuler Kim counted 1.500 workers.\n", encoding="utf-8")

    async def scenario(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("j")
        items = list(screen.query(IssueItem))
        assert [item.issue.rule_id for item in items] == ["TEST_RULER", "TEST_THOUSANDS"]
        assert screen.flag == items[0].issue.id
        await pilot.click(items[1])
        assert screen.flag == items[1].issue.id

    run(build_app(paths=("two.txt",)), scenario)
