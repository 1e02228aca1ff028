"""The post-editor's workbench keys (issue 12): confirm and move on, find and go, choose
a suggestion, decide for every flag alike, undo, filter; and what ends up in the store."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Select, SelectionList
from tui_helpers import FakeLanguageTool, review_screen, run, settle

from reviewer.model import Severity
from reviewer.navigation import SegmentStatus
from reviewer.store import DecisionState
from reviewer.tui.dialogs.ask import AskDialog, ChooseDialog
from reviewer.tui.dialogs.filters import FilterDialog
from reviewer.tui.dialogs.replace import ReplaceDialog
from reviewer.tui.screens.review import ReviewScreen
from reviewer.tui.widgets.panels import PairPanel, ScorePanel
from reviewer.tui.widgets.segments import SegmentList

MT = {
    1: "The union called the offer „an insult“, a spokesman said.",
    3: "Ruler Kim met the strikers in the morning.",
}


def rules_shown(screen: ReviewScreen, index: int) -> list[str]:
    return [issue.rule_id for issue in screen.nav.flags(index)]


def test_confirm_saves_and_moves_on_to_the_next_unconfirmed_segment(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j", "j", "c")  # segment 3 confirmed as the MT: on to 4
        await settle(pilot)
        assert screen.index == 3
        await pilot.press("c")  # 4 confirmed: back round to 1, the first not confirmed
        await settle(pilot)
        assert screen.index == 0
        assert [len(screen.session.review.history(i)) for i in range(4)] == [0, 0, 1, 1]
        await pilot.press("e", "end", *" today", "ctrl+n")  # from the editor: saved, then on
        await settle(pilot)
        assert screen.session.saved[0] == "Port strike in Hamburg today"
        assert screen.index == 1 and not screen.editing
        await pilot.press("left_square_bracket")
        assert screen.index == 1, "no unconfirmed segment before 2"
        await pilot.press("right_square_bracket")
        assert screen.index == 1, "2 is the only one left"

    run(build_app(), scenario)


def test_go_to_a_segment_by_number(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("g")
        assert isinstance(pilot.app.screen, AskDialog)
        await pilot.press("4", "enter")
        assert screen.index == 3
        assert screen.query_one("#segment-3").has_class("-focused")

    run(build_app(), scenario)


def test_search_goes_from_match_to_match_and_wraps(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("slash", *"STRIKE", "enter")
        assert screen.index == 0, "the first match from the focused segment: “strike” in the title"
        await pilot.press("full_stop")
        assert screen.index == 3, "“strikers”"
        await pilot.press("full_stop")
        assert screen.index == 0, "wrapped round"
        await pilot.press("comma")
        assert screen.index == 3
        view_state = screen.query_one(SegmentList).view(3).state
        assert view_state.match == (18, 24)

    run(build_app(), scenario)


def test_replace_previews_each_replacement_and_records_edits(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("r", *"the ")
        dialog = pilot.app.screen
        assert isinstance(dialog, ReplaceDialog)
        dialog.query_one("#replacement", Input).value = "a "
        await pilot.pause()
        listing = dialog.query_one("#preview", SelectionList)
        assert listing.option_count == 5
        listing.deselect(0)  # leave “The union” as it is
        await pilot.pause()
        dialog.replace()
        await settle(pilot)
        assert screen.session.saved[1] == "The union called a offer „an insult“, a spokesman said."
        assert screen.session.saved[3] == "Ruler Kim met a strikers in a morning."
        assert len(screen.session.review.history(3)) == 1

    run(build_app(), scenario)


def test_a_flag_with_several_suggestions_lets_the_reviewer_pick(build_app, fake_languagetool: FakeLanguageTool) -> None:
    fake_languagetool.released.set()

    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j", "j")
        assert screen.nav.focused_issue() is not None
        while (issue := screen.nav.focused_issue()) is not None and issue.rule_id != "FAKE_SPELLING":
            await pilot.press("n")
        await pilot.press("a")
        assert isinstance(pilot.app.screen, ChooseDialog)
        await pilot.press("2")  # the second suggestion, "strike"
        await settle(pilot)
        assert screen.session.saved[2] == "Around 4.000 workers took part in the strike."

    run(build_app(fake_languagetool=fake_languagetool), scenario)


def test_undo_puts_back_an_apply_and_undismiss_brings_back_a_flag(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j", "a")
        await settle(pilot)
        assert "“an insult”" in screen.session.saved[1]
        await pilot.press("u")
        await settle(pilot)
        assert screen.session.saved[1] == MT[1]
        assert len(screen.session.review.history(1)) == 2, "the undo is a new edit; nothing deleted"
        await pilot.press("j", "j", "d")
        assert "TEST_RULER" not in rules_shown(screen, 3)
        await pilot.press("U")
        assert isinstance(pilot.app.screen, ChooseDialog)
        await pilot.press("enter")
        assert "TEST_RULER" in rules_shown(screen, 3)
        states = [d.state for d in screen.session.review.decisions().values()]
        assert states == [DecisionState.OPEN, DecisionState.OPEN]

    run(build_app(), scenario)


def test_revert_to_the_mt_is_saved_as_an_edit(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j", "j", "j", "e", "home", *"Leader ", "ctrl+s", "escape")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert screen.session.saved[3] == MT[3]
        assert [e.after for e in screen.session.review.history(3)][-1] == MT[3]

    run(build_app(), scenario)


def test_fix_all_and_ignore_all_like_this(build_app, article_dir: Path) -> None:
    (article_dir / "harbour.txt").write_text(
        "Ruler Kim spoke\n\nRuler Kim met the „strikers“.\n\nThe „union“ met Ruler Kim.\n", encoding="utf-8"
    )

    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("A")  # every "Ruler" → "Leader"
        await settle(pilot)
        assert [screen.session.saved[i].count("Leader") for i in range(3)] == [1, 1, 1]
        await pilot.press("j")
        assert screen.nav.focused_issue() is not None and screen.nav.focused_issue().rule_id == "TEST_QUOTES"
        await pilot.press("D")  # not "like this": the words differ, so only this one goes
        assert "TEST_QUOTES" in rules_shown(screen, 2)
        assert "TEST_QUOTES" not in rules_shown(screen, 1)

    run(build_app(), scenario)


def test_filters_hide_segments_and_flags(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("c")  # segment 1 confirmed
        await settle(pilot)
        await pilot.press("f")
        dialog = pilot.app.screen
        assert isinstance(dialog, FilterDialog)
        dialog.query_one("#status", Select).value = SegmentStatus.CONFIRMED
        dialog.query_one("#severity", Select).value = Severity.CRITICAL
        dialog.apply()
        await pilot.pause()
        segments = screen.query_one(SegmentList)
        assert [segments.view(i).display for i in range(4)] == [True, True, False, False], "the focused one shows"
        await pilot.press("n")
        assert screen.index == 3 and rules_shown(screen, 3) == ["TEST_RULER"]
        assert "critical flags" in str(screen.query_one("#status").render())

    run(build_app(), scenario)


def test_add_to_dictionary_writes_the_accepted_words_file(build_app, article_dir: Path) -> None:
    (article_dir / "reviewer.yaml").write_text("languagetool:\n  accepted_words_file: words.txt\n", encoding="utf-8")
    (article_dir / "words.txt").write_text("", encoding="utf-8")

    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j", "j", "j", "w")
        assert (article_dir / "words.txt").read_text(encoding="utf-8") == "Ruler\n"
        assert "TEST_RULER" not in rules_shown(screen, 3)

    run(build_app(), scenario)


def test_the_review_keys_do_not_clash_and_the_help_lists_the_new_ones() -> None:
    from reviewer.tui.screens.review_keys import REVIEW_KEYS

    keys = [key for binding in REVIEW_KEYS for key in binding.key.split(",")]  # type: ignore[union-attr]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    new = ["c", "ctrl+n", "right_square_bracket", "left_square_bracket", "slash", "ctrl+f", "full_stop", "comma"]
    new += ["r", "g", "f", "A", "D", "U", "w", "u", "o"]
    assert set(new) <= set(keys)
    described = {binding.key for binding in REVIEW_KEYS if binding.description}  # type: ignore[union-attr]
    assert all(any(key in k.split(",") for k in described) for key in new if key != "ctrl+n")


def test_one_key_mqm_confirms_changes_severity_and_rejects_flags(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j")
        assert screen.nav.focused_issue().rule_id == "TEST_QUOTES"
        await pilot.press("s", "s")  # minor → major → critical
        await pilot.press("y")
        [annotation] = screen.session.review.annotations(1)
        assert (annotation.category, annotation.severity, annotation.text) == (
            "Fluency/Punctuation",
            Severity.CRITICAL,
            "„an insult“",
        )
        assert "TEST_QUOTES" not in rules_shown(screen, 1), "the annotation stands in for the flag"
        console = Console(width=60, record=True, file=io.StringIO())
        console.print(screen.query_one(ScorePanel).content)
        scores = console.export_text()
        assert "from flags  100.3 (30.1)" in scores and "confirmed    83.3 (25)" in scores, scores
        await pilot.press("j")  # segment 3: 4.000
        await pilot.press("d")  # rejected: a dismissal
        assert screen.session.review.decisions()[next(iter(screen.session.dismissed))].state == DecisionState.DISMISSED
        assert "TEST_THOUSANDS" not in rules_shown(screen, 2)

    run(build_app(), scenario)


def test_fix_all_safe_is_one_undoable_step(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert screen.session.saved[1] == "The union called the offer “an insult”, a spokesman said."
        assert screen.session.saved[2] == "Around 4,000 workers took part in the walkout."
        assert [len(screen.session.review.history(i)) for i in range(4)] == [0, 1, 1, 0]
        await pilot.press("u")
        await settle(pilot)
        assert screen.session.saved[1] == MT[1]
        assert screen.session.saved[2] == "Around 4.000 workers took part in the walkout."
        assert [len(screen.session.review.history(i)) for i in range(4)] == [0, 2, 2, 0], "undo adds history"

    run(build_app(), scenario)


def test_the_source_shows_beside_every_segment_on_b(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        segments = screen.query_one(SegmentList)
        sources = [segments.view(i).query_one(".source") for i in range(4)]
        assert not any(source.display for source in sources)
        await pilot.press("b")
        await pilot.pause()
        assert all(source.display for source in sources)
        assert "Machthaber Kim" in str(sources[3].render())
        await pilot.press("b")
        await pilot.pause()
        assert not any(source.display for source in sources)

    run(build_app(), scenario)


def test_a_long_source_and_reference_scroll_in_their_panel(build_app, article_dir: Path) -> None:
    long = " ".join(["Die Gewerkschaft nannte das Angebot eine Beleidigung."] * 30)
    lines = (article_dir / "harbour.src.txt").read_text(encoding="utf-8").split("\n\n")
    (article_dir / "harbour.src.txt").write_text("\n\n".join([lines[0], long, *lines[2:]]), encoding="utf-8")

    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j")
        await pilot.pause()
        pair = screen.query_one(PairPanel)
        assert pair.size.height <= 14 and pair.max_scroll_y > 0, "the rest of the pair is reachable"
        pair.scroll_end(animate=False)
        await pilot.pause()
        assert pair.scroll_y == pair.max_scroll_y > 0

    run(build_app(), scenario)


def test_rule_flags_come_back_soon_after_typing_without_waiting_for_languagetools_delay(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("e", "end", *" for 1.500 workers")
        await pilot.pause(0.5)  # well past the rule flags' pause, far from LanguageTool's
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "1.500" in [issue.text for issue in screen.session.visible(0)]

    run(build_app(recheck_delay=30), scenario, settled=True)
