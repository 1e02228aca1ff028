"""What the review screen records and shows: honest time and issues, one review per
article (by any path, per MT system), and file names and text that cannot corrupt it."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from tui_helpers import run, settle

from reviewer.store import ReviewStore
from reviewer.tui.screens.articles import ArticleListScreen
from reviewer.tui.screens.review import ReviewScreen
from reviewer.tui.widgets.editor import SegmentEditor
from reviewer.tui.widgets.segments import SegmentList

TESTSET = """<dataset id="t"><collection id="c">
<doc id="d1" origlang="de">
  <src lang="de"><p><seg id="1">Der Herrscher sprach.</seg></p></src>
  <hyp system="mt-a" lang="en"><p><seg id="1">The Ruler spoke.</seg></p></hyp>
  <hyp system="mt-b" lang="en"><p><seg id="1">The Ruler spoke.</seg></p></hyp>
</doc>
</collection></dataset>
"""


def review_screen(pilot: Pilot[None]) -> ReviewScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen), f"expected the review screen, got {type(screen).__name__}"
    return screen


def test_apply_and_confirm_record_the_time_on_the_segment_and_apply_its_issues(build_app, clock) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        clock.advance(30)  # on segment 1
        await pilot.press("j")  # segment 2: its TEST_QUOTES flag is focused
        clock.advance(7)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("j")
        clock.advance(5)
        await pilot.press("ctrl+s")  # confirm segment 3 as it is
        await settle(pilot)
        [applied] = screen.session.review.history(1)
        [confirmed] = screen.session.review.history(2)
        assert (applied.seconds, confirmed.seconds) == (7.0, 5.0)
        assert applied.issues_after == (), "the applied text was checked: no flags left, not unknown"
        assert confirmed.issues_after is not None

    run(build_app(clock=clock), scenario)


def test_an_applied_suggestion_is_recorded_with_the_issues_of_the_new_text(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j", "a")  # segment 2's only flag: nothing is left after it
        await settle(pilot)
        [applied] = screen.session.review.history(1)
        assert applied.issues_after == ()

    run(build_app(), scenario)


def test_every_system_of_a_test_set_is_listed_reviewed_and_recorded_apart(build_app, article_dir: Path) -> None:
    (article_dir / "set.xml").write_text(TESTSET, encoding="utf-8")

    async def scenario(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ArticleListScreen)
        table = screen.query_one(DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["set.xml[d1@mt-a]", "set.xml[d1@mt-b]"]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e", "end", *" Twice.", "ctrl+s", "escape", "escape")
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        second = review_screen(pilot)
        assert second.session.article.system == "mt-b"
        assert second.session.text(0) == "The Ruler spoke.", "mt-b is not mt-a's review"

    run(build_app(paths=("set.xml",)), scenario)


def test_one_file_named_by_two_paths_is_one_review(build_app, article_dir: Path, store: ReviewStore) -> None:
    async def first(pilot: Pilot[None]) -> None:
        await pilot.press("e", "end", "!", "ctrl+s")
        await settle(pilot)

    async def second(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)  # one article: straight into it, not a list of two
        assert screen.session.text(0) == "Port strike in Hamburg!"
        assert screen.title == "./harbour.txt", "shown as typed"

    run(build_app(paths=("harbour.txt",)), first)
    run(build_app(paths=("./harbour.txt", str(article_dir / "harbour.txt"))), second)


def test_control_characters_in_names_and_text_are_shown_escaped(build_app, article_dir: Path) -> None:
    name = "evil\n\x1b[2Jname.txt"
    (article_dir / name).write_text("Title\x1b[31m red\n\nA line\rover\x07 it.\n", encoding="utf-8")
    (article_dir / "bad\x1b[5m\n.txt").write_bytes(b"\xff\xfe\x00bad")

    async def scenario(pilot: Pilot[None]) -> None:
        listed = pilot.app.screen
        assert isinstance(listed, ArticleListScreen)
        table = listed.query_one(DataTable)
        labels = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "./evil\\n\\x1b[2Jname.txt" in labels, labels
        assert "\x1b" not in pilot.app.export_screenshot()
        await pilot.press("enter")  # ./evil…, sorted first
        await settle(pilot)
        screen = review_screen(pilot)
        assert screen.title == "./evil\\n\\x1b[2Jname.txt"
        bodies = [str(s.render()) for s in screen.query_one(SegmentList).query(".body").results(Static)]
        assert bodies[:2] == ["Title␛[31m red", "A line␍over␇ it."]
        assert screen.session.text(0) == "Title\x1b[31m red", "the stored text is unchanged"
        assert "\x1b" not in pilot.app.export_screenshot()
        await pilot.press("e")  # the editor draws it escaped too, and edits the text as it is
        assert "\x1b" not in pilot.app.export_screenshot()
        assert isinstance(pilot.app.focused, SegmentEditor) and pilot.app.focused.text == "Title\x1b[31m red"

    notes = run(build_app(paths=(".",)), scenario)
    [failure] = [note for note in notes if note.startswith("Could not load")]
    assert "bad\\x1b[5m\\n.txt" in failure and "\n" not in failure.partition(": ")[2], failure
