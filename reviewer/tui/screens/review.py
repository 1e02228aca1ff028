"""The review screen: read the flagged article, post-edit it in place, record every step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, TextArea
from textual.worker import get_current_worker

from reviewer.checkers import Checker
from reviewer.errors import ReviewerError
from reviewer.model import Issue
from reviewer.review_session import NewAnnotation, PendingSave, ReviewSession, default_export_path
from reviewer.scoring import MetricScore
from reviewer.segment_checks import check_segment
from reviewer.store import EditRecord
from reviewer.tui.dialogs.annotate import AnnotationDialog
from reviewer.tui.dialogs.export import ExportDialog
from reviewer.tui.messages import SegmentChecked, SegmentScored
from reviewer.tui.printable import one_line
from reviewer.tui.widgets.editor import SegmentEditor
from reviewer.tui.widgets.panels import IssueItem, IssuePanel, PairPanel, ScorePanel
from reviewer.tui.widgets.segments import SegmentList, SegmentState, SegmentView
from reviewer.tui.widgets.status import StatusLine

LANGUAGETOOL = "languagetool"  # the LanguageTool checker's id: the slow one, re-checked last
# Actions that make no sense while the editor has the keyboard (their keys type text there).
NOT_WHILE_EDITING = frozenset({"segment", "flag", "edit", "apply", "dismiss_flag", "annotate", "export"})
SEGMENT = Binding.Group("segment", compact=True)
FLAG = Binding.Group("flag", compact=True)


class ReviewScreen(Screen[None]):
    """One article: its segments on the left; source, flags and scores on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j,down",
            "segment(1)",
            "Next segment",
            key_display="j",
            group=SEGMENT,
            id="review.next_segment",
            tooltip="Go to the next segment (j or ↓)",
        ),
        Binding(
            "k,up",
            "segment(-1)",
            "Previous segment",
            key_display="k",
            group=SEGMENT,
            id="review.previous_segment",
            tooltip="Go to the previous segment (k or ↑)",
        ),
        Binding(
            "n", "flag(1)", "Next flag", group=FLAG, id="review.next_flag", tooltip="Go to the next flag in the article"
        ),
        Binding(
            "p",
            "flag(-1)",
            "Previous flag",
            group=FLAG,
            id="review.previous_flag",
            tooltip="Go to the previous flag in the article",
        ),
        Binding(
            "e,enter",
            "edit",
            "Edit",
            key_display="e",
            id="review.edit",
            tooltip="Edit the segment in place (e or enter)",
        ),
        Binding(
            "ctrl+s",
            "save",
            "Save",
            priority=True,
            id="review.save",
            tooltip="Save the segment's edit (or confirm the MT as it is)",
        ),
        Binding(
            "escape",
            "leave",
            "Leave",
            key_display="esc",
            id="review.leave",
            tooltip="Leave the editor (keeps the draft); outside it, back to the article list",
        ),
        Binding("a", "apply", "Apply", id="review.apply", tooltip="Apply the focused flag's first suggestion and save"),
        Binding(
            "d",
            "dismiss_flag",
            "Dismiss",
            id="review.dismiss",
            tooltip="Dismiss the focused flag as a false alarm (remembered)",
        ),
        Binding(
            "m", "annotate", "Annotate", id="review.annotate", tooltip="Add a manual MQM annotation to the segment"
        ),
        Binding("x", "export", "Export", id="review.export", tooltip="Export the post-edited article to a file"),
    ]

    @dataclass
    class SaveTaken(Message):
        """A save to record, in the order taken."""

        session: ReviewSession
        pending: PendingSave

    def __init__(self, session: ReviewSession, checkers: Sequence[Checker], recheck_delay: float = 0.4) -> None:
        super().__init__()
        self.session = session
        self.checkers = list(checkers)
        self.recheck_delay = recheck_delay
        self.index = session.focus
        self.flag: str | None = None
        self.editing = False
        self.scores: dict[int, dict[str, MetricScore]] = {}
        self._recheck_timer: Timer | None = None

    # layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-body"):
            yield SegmentList([self._state(s.index) for s in self.session.article.segments], id="segments")
            with Vertical(id="side"):
                yield PairPanel(id="pair")
                yield IssuePanel(id="issues")
                yield ScorePanel(id="scores")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = one_line(self.session.article.label)
        self.sub_title = f"reviewer: {one_line(self.session.reviewer)}"
        self.query_one("#pair", PairPanel).display = (
            self.session.article.has_source or self.session.article.has_reference
        )
        self._focus(self.index, flag=self._first_flag(self.index))

    # what is shown

    def _state(self, index: int) -> SegmentState:
        session = self.session
        segment = session.article.segments[index]
        return SegmentState(
            text=session.text(index),
            offset=segment.start,
            issues=tuple(session.visible(index)),
            focused_flag=self.flag if index == self.index else None,
            saved=index in session.reviewed,
            edited=session.saved[index] != segment.text,
            unsaved=session.drafts.get(index, session.saved[index]) != session.saved[index],
        )

    def refresh_segment(self, index: int) -> None:
        self.query_one(SegmentList).view(index).show(self._state(index))
        if index == self.index:
            self._refresh_side()

    def refresh_all(self) -> None:
        """Bring every segment and panel up to date after the session changed wholesale."""
        if self.flag not in {i.id for i in self.session.visible(self.index)}:
            self.flag = self._first_flag(self.index)
        for segment in self.session.article.segments:
            self.query_one(SegmentList).view(segment.index).show(self._state(segment.index))
        self._refresh_side()

    def _refresh_side(self) -> None:
        session, index = self.session, self.index
        segment = session.article.segments[index]
        visible = session.visible(index)
        self.query_one(IssuePanel).show(visible, self.flag, checking=index not in session.checked)
        if self.editing:
            self.query_one(SegmentEditor).show_flags(visible)
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
            session.penalty(),
        )
        unsaved = session.unsaved()
        self.query_one(StatusLine).note = f"● unsaved: {', '.join(str(i + 1) for i in unsaved)}" if unsaved else ""

    # focus

    def _first_flag(self, index: int) -> str | None:
        visible = self.session.visible(index)
        return visible[0].id if visible else None

    def _focus(self, index: int, flag: str | None) -> None:
        previous, self.index, self.flag = self.index, index, flag
        segments = self.query_one(SegmentList)
        if previous != index:
            segments.view(previous).show(self._state(previous))
        segments.focus_segment(index, previous)
        segments.view(index).show(self._state(index))
        self.session.land(index)  # the segment's clock runs while the reviewer is on it
        self._refresh_side()
        self.score(index, self.session.text(index))

    def _record(self, step: Callable[[], object]) -> bool:
        """Run a store-writing step; an error the user can act on is shown, not raised."""
        try:
            step()
        except ReviewerError as error:
            self.notify(str(error), title="Not recorded", severity="error", timeout=10, markup=False)
            return False
        return True

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.editing and action in NOT_WHILE_EDITING)

    def action_segment(self, step: int) -> None:
        index = max(0, min(len(self.session.article.segments) - 1, self.index + step))
        if index != self.index:
            self._focus(index, self._first_flag(index))

    def action_flag(self, step: int) -> None:
        flags: list[Issue] = self.session.all_visible()
        if not flags:
            self.notify("No flags in this article.", markup=False)
            return
        ids = [f.id for f in flags]
        if self.flag in ids:
            position = ids.index(self.flag) + step
        else:  # from the focused segment: the first flag after it, or the last before it
            after = [n for n, f in enumerate(flags) if (f.segment or 0) >= self.index]
            before = [n for n, f in enumerate(flags) if (f.segment or 0) < self.index]
            position = (after[0] if after else len(flags)) if step > 0 else (before[-1] if before else -1)
        if not 0 <= position < len(flags):
            self.notify("No more flags that way." if self.flag in ids else "No flags that way.", markup=False)
            return
        target = flags[position]
        self._focus(target.segment or 0, target.id)

    def action_edit(self) -> None:
        if self.editing:
            return
        self.editing = True
        session, index = self.session, self.index
        view = self.query_one(SegmentList).view(index)
        editor = SegmentEditor(session.text(index), session.article.segments[index].start, id="editor")
        view.mount(editor)
        view.add_class("-editing")
        editor.show_flags(session.visible(index))
        editor.focus()
        editor.move_cursor(editor.document.end)
        self.refresh_bindings()

    def action_leave(self) -> None:
        if not self.editing:
            self.session.step_away()  # back on the list: no segment's clock runs; drafts stay
            self.app.pop_screen()
            return
        self._close_editor()

    def _close_editor(self) -> None:
        self.editing = False
        view = self.query_one(SegmentList).view(self.index)
        view.remove_class("-editing")
        self.query_one(SegmentEditor).remove()
        self.refresh_segment(self.index)
        self.refresh_bindings()

    @on(TextArea.Changed, "#editor")
    def typed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if text == self.session.text(self.index):
            return
        was_unsaved = self.session.unsaved()
        self.session.type(self.index, text)
        if self.session.unsaved() != was_unsaved:  # the gutter and status line show it
            self.refresh_segment(self.index)
        if self._recheck_timer:
            self._recheck_timer.stop()
        index = self.index  # the editor may be closed and the focus moved before the timer fires
        self._recheck_timer = self.set_timer(self.recheck_delay, lambda: self.recheck(index, text))

    def action_save(self) -> None:
        self.save(self.index)

    def save(self, index: int) -> None:
        """Take the segment's save now (later typing belongs to the next one); the app
        records it off the UI thread and calls `saved` back."""
        self.post_message(self.SaveTaken(self.session, self.session.take_save(index)))

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
                self._focus(index, self._first_flag(index))
            if not self.editing:
                self.action_edit()

    def action_apply(self) -> None:
        issue = self._focused_issue()
        if issue is None:
            return
        if not issue.suggestions:
            self.notify(f"{issue.rule_id} has no suggestion to apply.", severity="warning", markup=False)
            return
        try:
            applied = self._record(lambda: self.session.apply(issue))
        except ValueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        if applied:
            self.save(self.index)
            self.recheck(self.index, self.session.text(self.index))
            self.flag = self._next_flag_in_segment(issue)
            self.refresh_segment(self.index)

    def action_dismiss_flag(self) -> None:
        issue = self._focused_issue()
        if issue is None or not self._record(lambda: self.session.dismiss(issue)):
            return
        self.flag = self._next_flag_in_segment(issue)
        self.refresh_segment(self.index)
        self.notify(f"Dismissed {issue.rule_id}.", timeout=2, markup=False)

    def _next_flag_in_segment(self, gone: Issue) -> str | None:
        visible = self.session.visible(self.index)
        after = [i for i in visible if (i.start, i.end) >= (gone.start, gone.end)]
        candidates = after or visible
        return candidates[0].id if candidates else None

    def _focused_issue(self) -> Issue | None:
        for issue in self.session.visible(self.index):
            if issue.id == self.flag:
                return issue
        self.notify(
            "No flag is focused in this segment: n / p go to the next or previous flag.",
            severity="warning",
            markup=False,
        )
        return None

    def action_annotate(self) -> None:
        def annotated(annotation: NewAnnotation | None) -> None:
            if annotation is None:
                return
            try:
                issue = self.session.annotate(annotation)
            except ValueError as error:
                self.notify(str(error), title="Not annotated", severity="error", markup=False)
                return
            except ReviewerError as error:
                self.notify(str(error), title="Not recorded", severity="error", timeout=10, markup=False)
                return
            self.flag = issue.id
            self.refresh_segment(self.index)

        self.app.push_screen(AnnotationDialog(self.index, self.session.text(self.index)), annotated)

    def action_export(self) -> None:
        def chosen(path: str | None) -> None:
            if path is None:
                return
            try:
                written = self.session.export(path)
            except (ReviewerError, OSError) as error:
                self.notify(str(error), title="Not exported", severity="error", timeout=10, markup=False)
                return
            self.notify(f"Exported to {written}", timeout=5, markup=False)

        proposed = str(default_export_path(self.session.article))
        self.app.push_screen(ExportDialog(proposed, len(self.session.unsaved())), chosen)

    # mouse

    @on(SegmentView.Clicked)
    def segment_clicked(self, event: SegmentView.Clicked) -> None:
        if self.editing and event.index == self.index:
            return
        if self.editing:
            self._close_editor()
        if event.index != self.index:
            self._focus(event.index, self._first_flag(event.index))
        if event.chain >= 2:
            self.action_edit()

    @on(IssueItem.Clicked)
    def issue_clicked(self, event: IssueItem.Clicked) -> None:
        self.flag = event.issue_id
        self.refresh_segment(self.index)

    # workers

    @work(thread=True, exclusive=True, group="recheck", exit_on_error=False)
    def recheck(self, index: int, text: str) -> None:
        """Score and check the segment's new text: fast checkers first, then with LanguageTool."""
        worker = get_current_worker()
        article = self.session.article
        self.post_message(SegmentScored(index, text, self.session.score(index, text)))
        fast = [c for c in self.checkers if c.id != LANGUAGETOOL]
        if not fast:  # still being built: `use_checkers` re-checks the editor's text then
            return
        for checkers in (fast, self.checkers) if len(fast) < len(self.checkers) else (fast,):
            if worker.is_cancelled:
                return
            self.post_message(SegmentChecked(index, text, check_segment(article, index, text, checkers)))

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
        if self.session.set_issues(message.index, message.text, message.issues):
            if message.index == self.index and self.flag not in {i.id for i in self.session.visible(self.index)}:
                self.flag = self._first_flag(self.index)
            self.refresh_segment(message.index)

    def use_checkers(self, checkers: Sequence[Checker]) -> None:
        """The fast checkers were built, or LanguageTool came up: re-checks use them, and
        the text in the editor (typed before they were ready) is checked now."""
        self.checkers = list(checkers)
        if self.editing:
            self.recheck(self.index, self.session.text(self.index))
