"""What a reviewer does in the review screen, and what ends up in the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select
from tui_helpers import FakeLanguageTool, review_screen, run, settle

from reviewer.languagetool.errors import LanguageToolError
from reviewer.model import Article, CheckOutcome, Gap, Severity
from reviewer.store import DecisionState, ReviewStore
from reviewer.tui import ReviewerApp
from reviewer.tui.dialogs.annotate import AnnotationDialog
from reviewer.tui.screens.articles import ArticleListScreen
from reviewer.tui.screens.review import ReviewScreen
from reviewer.tui.widgets.editor import SegmentEditor
from reviewer.tui.widgets.status import StatusLine


def rules_shown(screen: ReviewScreen, index: int) -> list[str]:
    return [issue.rule_id for issue in screen.session.visible(index)]


def test_one_article_opens_straight_into_review_with_its_flags(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        assert screen.sub_title == "reviewer: anna"
        assert "TEST_QUOTES" in rules_shown(screen, 1)
        assert "TEST_RULER" in rules_shown(screen, 3)
        assert screen.index == 0

    run(build_app(), scenario)


def test_edit_and_save_records_the_edit_with_its_hter(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j", "e", "end", *" Really.", "ctrl+s")
        await settle(pilot)
        history = screen.session.review.history(1)
        assert len(history) == 1, history
        edit = history[0]
        assert edit.after.endswith("a spokesman said. Really.")
        assert edit.reviewer == "anna"
        assert edit.started_at <= edit.saved_at
        assert edit.seconds >= 0
        assert edit.scores["hter"].score > 0
        assert "case:mixed" in edit.scores["hter"].signature
        assert screen.session.unsaved() == []

    run(build_app(), scenario)


def test_apply_replaces_the_flag_with_its_suggestion_and_saves(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j")  # segment 2: its only flag, TEST_QUOTES, is focused
        await pilot.press("a")
        await settle(pilot)
        assert screen.session.text(1) == "The union called the offer “an insult”, a spokesman said."
        assert "TEST_QUOTES" not in rules_shown(screen, 1)
        decisions = screen.session.review.decisions()
        assert [d.state for d in decisions.values()] == [DecisionState.ACCEPTED]
        assert screen.session.review.history(1)[0].after == screen.session.text(1)

    run(build_app(), scenario)


def test_a_dismissed_flag_stays_dismissed_when_the_article_is_reopened(build_app, store: ReviewStore) -> None:
    async def dismiss(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("j", "j", "j")
        assert screen.flag is not None
        await pilot.press("d")
        assert "TEST_RULER" not in rules_shown(screen, 3)
        await pilot.press("q")

    async def reopened(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        assert "TEST_RULER" not in rules_shown(screen, 3)
        assert screen.index == 3, "the review resumes at the segment worked on last"

    run(build_app(), dismiss)
    run(build_app(), reopened)


def test_resume_shows_the_saved_text(build_app) -> None:
    async def edit(pilot: Pilot[None]) -> None:
        await pilot.press("j", "j", "e", "home", "shift+end", *"Some 4,000 workers struck.", "ctrl+s", "escape")
        await settle(pilot)

    async def reopened(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        assert screen.index == 2
        assert screen.session.text(2) == "Some 4,000 workers struck."
        assert "TEST_THOUSANDS" not in rules_shown(screen, 2)

    run(build_app(), edit)
    run(build_app(), reopened)


def test_manual_annotation_is_recorded_and_counts_in_the_penalty(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        before = screen.session.penalty().total
        await pilot.press("m")
        dialog = pilot.app.screen
        assert isinstance(dialog, AnnotationDialog)
        dialog.query_one("#category", Select).value = "Fluency/Grammar"
        dialog.query_one("#severity", Select).value = Severity.MAJOR
        dialog.query_one("#text", Input).value = "wants"
        dialog.query_one("#note", Input).value = "missing article"
        await pilot.pause()
        dialog.query_one("#save", Button).press()
        await pilot.pause()
        assert pilot.app.screen is dialog, "words that are not in the segment are refused"
        dialog.query_one("#text", Input).value = ""  # the whole segment, then
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        assert pilot.app.screen is screen
        [annotation] = screen.session.review.annotations()
        assert (annotation.category, annotation.severity, annotation.note) == (
            "Fluency/Grammar",
            Severity.MAJOR,
            "missing article",
        )
        assert (annotation.segment, annotation.text) == (0, None)
        assert screen.session.penalty().total == before + 5

    run(build_app(), scenario)


def test_annotation_of_words_in_the_segment_marks_them(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("m")
        dialog = pilot.app.screen
        dialog.query_one("#category", Select).value = "Accuracy/Mistranslation"
        dialog.query_one("#text", Input).value = "Port strike"
        await pilot.pause()
        dialog.query_one("#save", Button).press()
        await settle(pilot)
        [annotation] = screen.session.review.annotations()
        assert (annotation.start, annotation.end, annotation.text) == (0, 11, "Port strike")
        assert [i.text for i in screen.session.visible(0)] == ["Port strike"]

    run(build_app(), scenario)


def test_typing_rechecks_the_segment_after_a_pause(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("e", "end", *" for 1.500 workers")
        assert isinstance(pilot.app.focused, SegmentEditor)
        await pilot.pause(0.1)  # longer than the re-check delay
        await settle(pilot)
        assert "1.500" in [issue.text for issue in screen.session.visible(0)]
        assert screen.scores[0]["hter"].score > 0
        assert screen.session.review.history() == [], "re-checking does not save"

    run(build_app(recheck_delay=0.01), scenario)


def test_a_segment_left_before_the_pause_is_still_rechecked(build_app) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("e", "end", *" 1.500", "escape", "j")
        assert screen.index == 1
        await pilot.pause(0.2)  # longer than the re-check delay
        await settle(pilot)
        assert "1.500" in [issue.text for issue in screen.session.visible(0)]

    run(build_app(recheck_delay=0.05), scenario)


def test_languagetool_flags_arrive_after_the_rule_flags(build_app, fake_languagetool: FakeLanguageTool) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        for _ in range(100):  # until the rule flags are in (LanguageTool still holds its answer)
            await pilot.pause()
            if isinstance(pilot.app.screen, ReviewScreen) and rules_shown(pilot.app.screen, 3):
                break
        screen = review_screen(pilot)
        assert screen.query_one(StatusLine).languagetool == "checking"
        assert "FAKE_SPELLING" not in rules_shown(screen, 2)
        fake_languagetool.released.set()
        await settle(pilot)
        assert "FAKE_SPELLING" in rules_shown(screen, 2)
        assert screen.query_one(StatusLine).languagetool == "ready"

    run(build_app(fake_languagetool=fake_languagetool), scenario, settled=False)


def test_when_languagetool_cannot_start_the_rules_still_flag(build_app) -> None:
    @contextmanager
    def cannot_start() -> Iterator[FakeLanguageTool]:
        raise LanguageToolError("LanguageTool is not installed: run `reviewer languagetool install`")
        yield FakeLanguageTool()

    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        assert screen.query_one(StatusLine).languagetool == "failed"
        assert "TEST_RULER" in rules_shown(screen, 3)

    notes = run(build_app(languagetool=cannot_start), scenario)
    assert any("not installed" in note for note in notes), notes


def test_an_article_languagetool_could_not_check_is_told(build_app) -> None:
    class LostLanguageTool(FakeLanguageTool):
        def check(self, article: Article) -> CheckOutcome:
            return CheckOutcome(gaps=[Gap("languagetool", "LanguageTool at http://x did not answer")])

    lost = LostLanguageTool()
    lost.released.set()

    async def scenario(pilot: Pilot[None]) -> None:
        review_screen(pilot)

    notes = run(build_app(fake_languagetool=lost), scenario)
    assert any("languagetool: LanguageTool at http://x did not answer" in note for note in notes), notes


def test_a_file_that_cannot_be_read_is_reported_and_the_rest_still_opens(build_app, article_dir: Path) -> None:
    (article_dir / "broken.txt").write_bytes(b"\xff\xfe\x00bad")

    async def scenario(pilot: Pilot[None]) -> None:
        review_screen(pilot)

    notes = run(build_app(paths=("missing.txt", "broken.txt", "harbour.txt")), scenario)
    assert any("missing.txt" in note for note in notes), notes
    assert any("broken.txt" in note for note in notes), notes


def test_several_articles_start_on_the_list(build_app, article_dir: Path) -> None:
    (article_dir / "other.txt").write_text("Other title\n\nThe Ruler spoke.\n", encoding="utf-8")

    async def scenario(pilot: Pilot[None]) -> None:
        assert isinstance(pilot.app.screen, ArticleListScreen)
        await pilot.press("j", "enter")
        screen = review_screen(pilot)
        assert screen.session.article.id == "other"
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ArticleListScreen)

    run(build_app(paths=(".",)), scenario)


def test_export_writes_the_post_edited_article(build_app, article_dir: Path) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("j", "a")
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    run(build_app(), scenario)
    exported = (article_dir / "harbour.post-edited.txt").read_text(encoding="utf-8")
    original = (article_dir / "harbour.txt").read_text(encoding="utf-8")
    assert exported == original.replace("„an insult“", "“an insult”")


def test_quitting_with_an_unsaved_edit_asks_and_can_save_it(build_app, store: ReviewStore) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen = review_screen(pilot)
        await pilot.press("e", "end", *"!", "escape")
        assert screen.session.unsaved() == [0]
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#save")
        await settle(pilot)

    run(build_app(), scenario)
    [record] = [s for s in store.reviewed_segments() if s.segment == 0]
    assert record.latest.after == "Port strike in Hamburg!"


@pytest.mark.parametrize(
    "key",
    ["j", "down", "k", "up", "n", "p", "e", "enter", "ctrl+s", "escape", "a", "d", "m", "question_mark", "q"],
)
def test_every_documented_key_is_bound(key: str) -> None:
    """The keys of DESIGN.md's "Terminal UI keys", exactly, on the review screen."""
    bound = {k for binding in (*ReviewScreen.BINDINGS, *ReviewerApp.BINDINGS) for k in binding.key.split(",")}
    assert key in bound
