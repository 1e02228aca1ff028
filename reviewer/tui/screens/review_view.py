"""What the review screen draws and how it keeps it current: layout, focus, saves and
re-checks. The keys are in `review.py` and its action modules; the state they change
is UI-free (`Navigator`, `Decisions`, `Rechecks`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from reviewer.checkers import Checker
from reviewer.decisions import Decisions
from reviewer.errors import ReviewerError
from reviewer.mqm_proposal import automatic_penalty, confirmed_penalty
from reviewer.navigation import Navigator
from reviewer.rechecks import CheckRun, Rechecks, stages
from reviewer.review_session import PendingSave, ReviewSession
from reviewer.scoring import MetricScore
from reviewer.segment_checks import check_segment
from reviewer.store import EditRecord
from reviewer.tui.messages import SegmentChecked, SegmentScored
from reviewer.tui.printable import one_line
from reviewer.tui.settings import RECHECK_DELAY
from reviewer.tui.widgets.editor import SegmentEditor
from reviewer.tui.widgets.panels import IssuePanel, PairPanel, ScorePanel
from reviewer.tui.widgets.segments import SegmentList
from reviewer.tui.widgets.status import StatusLine


class ReviewView(Screen[None]):
    """One article: its segments on the left; source, flags and scores on the right."""

    @dataclass
    class SaveTaken(Message, namespace="review_screen"):
        """A save to record, in the order taken (the app handles `on_review_screen_save_taken`)."""

        session: ReviewSession
        pending: PendingSave

    def __init__(
        self,
        session: ReviewSession,
        checkers: Sequence[Checker],
        recheck_delay: float = RECHECK_DELAY,
        words_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.words_file = words_file
        """The project's accepted-words file, where "add to dictionary" writes."""
        self.session = session
        self.decisions = Decisions(session)
        self.nav = Navigator(session, self.decisions.proposed)
        self.checkers = list(checkers)
        self.recheck_delay = recheck_delay
        self.rechecks = Rechecks()
        self.editing = False
        self.scores: dict[int, dict[str, MetricScore]] = {}

    @property
    def index(self) -> int:
        return self.nav.index

    @property
    def flag(self) -> str | None:
        return self.nav.flag

    # layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-body"):
            yield SegmentList([self.nav.state(s.index) for s in self.session.article.segments], id="segments")
            with Vertical(id="side"):
                yield PairPanel(id="pair")
                yield IssuePanel(id="issues")
                yield ScorePanel(id="scores")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        article = self.session.article
        self.title = one_line(article.label)
        self.sub_title = f"reviewer: {one_line(self.session.reviewer)}"
        self.query_one("#pair", PairPanel).display = article.has_source or article.has_reference
        self._focus(self.index, self.flag, moved=True)

    def on_screen_resume(self) -> None:
        """Back on this article (reopened, or a dialog closed): the focused segment is in view."""
        self.query_one(SegmentList).focus_segment(self.index, None)

    # what is shown

    def refresh_segment(self, index: int) -> None:
        self.query_one(SegmentList).view(index).show(self.nav.state(index))
        if index == self.index:
            self._refresh_side()

    def refresh_all(self) -> None:
        """Bring every segment and panel up to date after the session changed wholesale."""
        self.nav.keep_flag()
        segments = self.query_one(SegmentList)
        for segment in self.session.article.segments:
            view = segments.view(segment.index)
            view.show(self.nav.state(segment.index))
            view.display = self.nav.shown(segment.index)
        self._refresh_side()

    def _refresh_side(self) -> None:
        session, index = self.session, self.index
        segment = session.article.segments[index]
        flags = self.nav.flags(index)
        self.query_one(IssuePanel).show(flags, self.flag, checking=index not in session.checked)
        if self.editing:
            self.query_one(SegmentEditor).show_flags(flags)
        pair = self.query_one(PairPanel)
        if pair.display:
            pair.show(segment, session.article.source_lang)
        self.query_one(ScorePanel).show(
            index,
            self.scores.get(index, {}),
            segment.reference is not None,
            session.edited_share(),
            len(session.reviewed),
            len(session.article.segments),
            automatic_penalty(session),
            confirmed_penalty(session),
        )
        self.query_one(StatusLine).note = self.nav.note()

    # focus

    def _focus(self, index: int, flag: str | None = None, moved: bool | None = None) -> None:
        """Focus segment `index` and its flag `flag` (default: its first flag)."""
        previous = self.index
        moved = previous != index if moved is None else moved
        self.nav.go(index, flag)
        segments = self.query_one(SegmentList)
        if previous != index:
            segments.view(previous).show(self.nav.state(previous))
            segments.view(previous).display = self.nav.shown(previous)
        segments.view(index).display = True
        segments.focus_segment(index, previous)
        segments.view(index).show(self.nav.state(index))
        self.session.land(index)  # the segment's clock runs while the reviewer is on it
        self._refresh_side()
        if moved:
            self.score(index, self.session.text(index))

    def _record(self, step: Callable[[], object], title: str = "Not recorded") -> bool:
        """Run a store-writing step; an error the user can act on is shown, not raised."""
        try:
            step()
        except (ReviewerError, ValueError) as error:
            self.notify(str(error), title=title, severity="error", timeout=10, markup=False)
            return False
        return True

    def _say(self, text: str, warning: bool = False) -> None:
        self.notify(text, severity="warning" if warning else "information", timeout=3, markup=False)

    # editing and saving

    def action_edit(self) -> None:
        if self.editing:
            return
        self.editing = True
        session, index = self.session, self.index
        view = self.query_one(SegmentList).view(index)
        editor = SegmentEditor(session.text(index), session.article.segments[index].start, id="editor")
        view.mount(editor)
        view.add_class("-editing")
        editor.show_flags(self.nav.flags(index))
        editor.focus()
        editor.move_cursor(editor.document.end)
        self.refresh_bindings()

    def _close_editor(self) -> None:
        self.editing = False
        view = self.query_one(SegmentList).view(self.index)
        view.remove_class("-editing")
        self.query_one(SegmentEditor).remove()
        self.refresh_segment(self.index)
        self.refresh_bindings()

    def save(self, index: int) -> None:
        """Take the segment's save now (later typing belongs to the next one); the app
        records it off the UI thread and calls `saved` back."""
        self._take([self.decisions.save(index)])

    def _take(self, saves: list[PendingSave]) -> None:
        """Hand saves to the app, in order, and check their new texts."""
        for pending in saves:
            self.post_message(self.SaveTaken(self.session, pending))
            if pending.index == self.index:
                self.recheck(pending.index, pending.text)
            elif pending.index not in self.session.checked or self.session.checked[pending.index] != pending.text:
                self._recheck_other(pending.index, pending.text, self.rechecks.start())
            self.refresh_segment(pending.index)

    def saved(self, index: int, record: EditRecord | None) -> None:
        """A save of segment `index` was recorded (or failed: `record` is None)."""
        if record is not None and record.after == self.session.text(index):
            self.scores[index] = record.scores
        self.refresh_segment(index)

    def resolved(self, index: int, choice: str) -> None:
        """The reviewer chose how to settle a conflict on segment `index` (another
        reviewer had saved it): show their text, or go back to editing one's own."""
        if choice == "theirs" and self.editing and self.index == index:
            self._close_editor()
        self.refresh_segment(index)
        self.recheck(index, self.session.text(index))
        if choice == "edit" and self.app.screen is self:
            if self.editing and self.index != index:
                self._close_editor()
            if self.index != index:
                self._focus(index)
            if not self.editing:
                self.action_edit()

    # workers

    def recheck(self, index: int, text: str) -> None:
        """Score and check the segment's new text, as a run newer than every earlier one."""
        self._recheck(index, text, self.rechecks.start())

    @work(thread=True, exclusive=True, group="recheck", exit_on_error=False)
    def _recheck(self, index: int, text: str, run: int) -> None:
        """Fast checkers first (their flags show at once), then with LanguageTool."""
        worker = get_current_worker()
        self.post_message(SegmentScored(index, text, self.session.score(index, text)))
        for stage, checkers in enumerate(stages(self.checkers)):
            if worker.is_cancelled:
                return
            issues = check_segment(self.session.article, index, text, checkers)
            self.post_message(SegmentChecked(index, text, issues, CheckRun(run, stage)))

    def check_stage(self, index: int, text: str, run: int, stage: int) -> None:
        """Check the text with one stage's checkers only (after typing: the fast ones soon,
        LanguageTool later); a newer run's stage cancels an older one's."""
        planned = stages(self.checkers)
        if stage < len(planned):
            self.run_worker(
                partial(self._check_stage, index, text, CheckRun(run, stage), planned[stage]),
                thread=True,
                group=f"recheck-stage-{stage}",
                exclusive=True,
                exit_on_error=False,
            )

    def _check_stage(self, index: int, text: str, run: CheckRun, checkers: list[Checker]) -> None:
        if run.stage == 0:
            self.post_message(SegmentScored(index, text, self.session.score(index, text)))
        if not get_current_worker().is_cancelled:
            issues = check_segment(self.session.article, index, text, checkers)
            self.post_message(SegmentChecked(index, text, issues, run))

    @work(thread=True, group="recheck-other", exit_on_error=False)
    def _recheck_other(self, index: int, text: str, run: int) -> None:
        """Check a segment changed away from the focus (replace, fix all): not cancelled
        by the focused segment's re-checks."""
        issues = check_segment(self.session.article, index, text, self.checkers)
        self.post_message(SegmentChecked(index, text, issues, CheckRun(run, len(stages(self.checkers)))))

    @work(thread=True, exclusive=True, group="score", exit_on_error=False)
    def score(self, index: int, text: str) -> None:
        scores = self.session.score(index, text)
        if not get_current_worker().is_cancelled:
            self.post_message(SegmentScored(index, text, scores))

    def on_segment_scored(self, message: SegmentScored) -> None:
        if message.text == self.session.text(message.index):
            self.scores[message.index] = message.scores
            if message.index == self.index:
                self._refresh_side()

    def on_segment_checked(self, message: SegmentChecked) -> None:
        if message.text != self.session.text(message.index) or not self.rechecks.take(message.index, message.run):
            return  # the text changed since, or a newer check is shown already
        self.session.set_issues(message.index, message.text, message.issues)
        if message.index == self.index:
            self.nav.keep_flag()
        self.refresh_segment(message.index)

    def use_checkers(self, checkers: Sequence[Checker]) -> None:
        """The fast checkers were built, or LanguageTool came up: re-checks use them, and
        the text in the editor (typed before they were ready) is checked now."""
        self.checkers = list(checkers)
        if self.editing:
            self.recheck(self.index, self.session.text(self.index))
