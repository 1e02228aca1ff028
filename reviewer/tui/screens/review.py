"""The review screen: read the flagged article, post-edit it in place, record every step.

Where the focus goes, what the filters let through and what a search finds is the
`Navigator`'s (UI-free); this screen draws it and turns keys into session calls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, TextArea
from textual.worker import get_current_worker

from reviewer.checkers import Checker
from reviewer.decisions import Decisions, Step
from reviewer.errors import ReviewerError
from reviewer.model import Issue
from reviewer.navigation import Filters, Navigator
from reviewer.review_session import NewAnnotation, PendingSave, ReviewSession, default_export_path
from reviewer.scoring import MetricScore
from reviewer.search import Match, preview
from reviewer.segment_checks import check_segment
from reviewer.store import EditRecord
from reviewer.tui.dialogs.annotate import AnnotationDialog
from reviewer.tui.dialogs.ask import AskDialog, ChooseDialog
from reviewer.tui.dialogs.export import ExportDialog
from reviewer.tui.dialogs.filters import FilterDialog
from reviewer.tui.dialogs.replace import ReplaceDialog
from reviewer.tui.messages import SegmentChecked, SegmentScored
from reviewer.tui.printable import one_line
from reviewer.tui.screens.review_keys import REVIEW_KEYS
from reviewer.tui.widgets.editor import SegmentEditor
from reviewer.tui.widgets.panels import IssueItem, IssuePanel, PairPanel, ScorePanel
from reviewer.tui.widgets.segments import SegmentList, SegmentState, SegmentView
from reviewer.tui.widgets.status import StatusLine

LANGUAGETOOL = "languagetool"  # the LanguageTool checker's id: the slow one, re-checked last
# Actions whose keys type text in the editor, or that make no sense while it is open.
NOT_WHILE_EDITING = frozenset(
    {"segment", "flag", "edit", "apply", "dismiss_flag", "annotate", "export", "confirm_next", "unconfirmed"}
    | {"search", "match", "replace", "go_to", "filter", "fix_all", "ignore_all", "add_word", "undo", "revert"}
    | {"undismiss"}
)


class ReviewScreen(Screen[None]):
    """One article: its segments on the left; source, flags and scores on the right."""

    BINDINGS: ClassVar[list[BindingType]] = REVIEW_KEYS

    @dataclass
    class SaveTaken(Message):
        """A save to record, in the order taken."""

        session: ReviewSession
        pending: PendingSave

    def __init__(
        self,
        session: ReviewSession,
        checkers: Sequence[Checker],
        recheck_delay: float = 0.4,
        words_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.words_file = words_file
        """The project's accepted-words file, where "add to dictionary" writes."""
        self.session = session
        self.nav = Navigator(session)
        self.checkers = list(checkers)
        self.recheck_delay = recheck_delay
        self.editing = False
        self.scores: dict[int, dict[str, MetricScore]] = {}
        self.decisions = Decisions(session)
        self._recheck_timer: Timer | None = None

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
            yield SegmentList([self._state(s.index) for s in self.session.article.segments], id="segments")
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

    def _state(self, index: int) -> SegmentState:
        session, nav = self.session, self.nav
        segment = session.article.segments[index]
        match = nav.match
        return SegmentState(
            text=session.text(index),
            offset=segment.start,
            issues=tuple(nav.flags(index)),
            focused_flag=nav.flag if index == nav.index else None,
            saved=index in session.reviewed,
            edited=session.saved[index] != segment.text,
            unsaved=session.drafts.get(index, session.saved[index]) != session.saved[index],
            match=(match.start, match.end) if match is not None and match.segment == index else None,
        )

    def refresh_segment(self, index: int) -> None:
        self.query_one(SegmentList).view(index).show(self._state(index))
        if index == self.index:
            self._refresh_side()

    def refresh_all(self) -> None:
        """Bring every segment and panel up to date after the session changed wholesale."""
        self.nav.keep_flag()
        segments = self.query_one(SegmentList)
        for segment in self.session.article.segments:
            view = segments.view(segment.index)
            view.show(self._state(segment.index))
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
            session.penalty(),
        )
        unsaved = session.unsaved()
        notes = [f"● unsaved: {', '.join(str(i + 1) for i in unsaved)}" if unsaved else ""]
        notes.append(f"showing {filtered}" if (filtered := self.nav.filters.describe()) else "")
        self.query_one(StatusLine).note = "   ".join(note for note in notes if note)

    # focus

    def _focus(self, index: int, flag: str | None = None, moved: bool | None = None) -> None:
        """Focus segment `index` and its flag `flag` (default: its first flag)."""
        previous = self.index
        moved = previous != index if moved is None else moved
        self.nav.go(index, flag)
        segments = self.query_one(SegmentList)
        if previous != index:
            segments.view(previous).show(self._state(previous))
            segments.view(previous).display = self.nav.shown(previous)
        segments.view(index).display = True
        segments.focus_segment(index, previous)
        segments.view(index).show(self._state(index))
        self.session.land(index)  # the segment's clock runs while the reviewer is on it
        self._refresh_side()
        if moved:
            self.score(index, self.session.text(index))

    def _record(self, step: Callable[[], object]) -> bool:
        """Run a store-writing step; an error the user can act on is shown, not raised."""
        try:
            step()
        except (ReviewerError, ValueError) as error:
            self.notify(str(error), title="Not recorded", severity="error", timeout=10, markup=False)
            return False
        return True

    def _say(self, text: str, warning: bool = False) -> None:
        self.notify(text, severity="warning" if warning else "information", timeout=3, markup=False)

    # actions: moving

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.editing and action in NOT_WHILE_EDITING)

    def action_segment(self, step: int) -> None:
        index = self.nav.segment(step)
        if index is not None:
            self._focus(index)

    def action_flag(self, step: int) -> None:
        target = self.nav.step_flag(step)
        if isinstance(target, str):
            self._say(target)
        else:
            self._focus(target.segment or 0, target.id)

    def action_unconfirmed(self, step: int, wrap: bool = False) -> None:
        index = self.nav.unconfirmed(step, wrap)
        if index is None:
            self._say("Every segment is confirmed." if wrap else "No unconfirmed segment that way.")
        else:
            self._focus(index)

    def action_go_to(self) -> None:
        def chosen(typed: str | None) -> None:
            if typed is None:
                return
            try:
                self._focus(self.nav.segment_number(typed))
            except ValueError as error:
                self._say(str(error), warning=True)

        count = len(self.session.article.segments)
        self.app.push_screen(AskDialog("Go to segment", f"a number from 1 to {count}"), chosen)

    def action_filter(self) -> None:
        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self.nav.filter(filters)
                self.refresh_all()

        self.app.push_screen(FilterDialog(self.nav.filters, self.nav.categories()), chosen)

    def action_search(self) -> None:
        def chosen(query: str | None) -> None:
            if query is not None:
                matches = self.nav.search(query)
                self._say(f"{len(matches)} match(es) for {query!r}." + (" . and , go through them." if matches else ""))
                self.action_match(1)

        hint = "enter searches; then . and , go to the next and previous match"
        self.app.push_screen(AskDialog("Search the article", "words (case is ignored)", self.nav.query, hint), chosen)

    def action_match(self, step: int) -> None:
        before = self.nav.match
        previous = self.index
        match = self.nav.step_match(step)
        if match is None:
            self._say(
                "Nothing to find: / searches." if not self.nav.query else f"{self.nav.query!r} is not in the article."
            )
            return
        if before is not None and before.segment != match.segment:
            self.refresh_segment(before.segment)
        self.nav.index = previous  # `_focus` moves from where the reviewer was
        self._focus(match.segment, self.flag if match.segment == previous else None)

    # actions: editing and saving

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

    def action_confirm_next(self) -> None:
        """Save (or confirm) the segment, then on to the next segment not confirmed yet."""
        if self.editing:
            self._close_editor()
        self.save(self.index)
        self.action_unconfirmed(1, wrap=True)

    def action_save_next(self) -> None:
        self.action_confirm_next()

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
                self._recheck_other(pending.index, pending.text)
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

    # actions: flags

    def _focused_issue(self) -> Issue | None:
        issue = self.nav.focused_issue()
        if issue is None:
            self._say("No flag is focused in this segment: n / p go to the next or previous flag.", warning=True)
        return issue

    def action_apply(self) -> None:
        issue = self._focused_issue()
        if issue is None:
            return
        if not issue.suggestions:
            self._say(f"{issue.rule_id} has no suggestion to apply.", warning=True)
        elif len(issue.suggestions) == 1:
            self._apply(issue, issue.suggestions[0])
        else:
            choices = [(one_line(s) if s else "(delete)", s) for s in issue.suggestions[:9]]
            title = f"Replace “{one_line(issue.text)}” with"

            def chosen(suggestion: str | None) -> None:
                if suggestion is not None:
                    self._apply(issue, suggestion)

            self.app.push_screen(ChooseDialog(title, choices, "enter or 1–9 picks; esc cancels"), chosen)

    def _apply(self, issue: Issue, suggestion: str) -> None:
        saves: list[PendingSave] = []
        if self._record(lambda: saves.extend(self.decisions.apply(issue, suggestion))):
            self.nav.flag = self.nav.flag_after(issue)
            self._take(saves)

    def action_fix_all(self) -> None:
        """The focused flag's first suggestion, put in place of every flag like it."""
        issue = self._focused_issue()
        if issue is None:
            return
        if not issue.suggestions:
            self._say(f"{issue.rule_id} has no suggestion to apply.", warning=True)
            return
        saves, fixed = self.decisions.fix_all(self.nav.like(issue), issue.suggestions[0])
        self._take(saves)
        self.nav.keep_flag()
        self._say(f"Fixed {fixed} flag(s) like this in {len(saves)} segment(s).")

    def action_dismiss_flag(self) -> None:
        issue = self._focused_issue()
        if issue is not None:
            self._dismissed(lambda: self.decisions.dismiss([issue]), issue, f"Dismissed {issue.rule_id}.")

    def action_ignore_all(self) -> None:
        issue = self._focused_issue()
        if issue is not None:
            alike = self.nav.like(issue)
            said = f"Dismissed {len(alike)} flag(s) like this ({issue.rule_id} on “{one_line(issue.text)}”)."
            self._dismissed(lambda: self.decisions.dismiss(alike), issue, said)

    def action_add_word(self) -> None:
        issue = self._focused_issue()
        if issue is not None:
            added: list[Path] = []
            if self._record(lambda: added.append(self.decisions.add_word(issue, self.words_file)[0])):
                self._dismissed(lambda: None, issue, f"Added “{issue.text}” to {added[0]}; its flags are dismissed.")

    def _dismissed(self, step: Callable[[], object], focused: Issue, said: str) -> None:
        if self._record(step):
            self.nav.flag = self.nav.flag_after(focused)
            self.refresh_all()
            self._say(said)

    def action_undismiss(self) -> None:
        dismissed = self.session.dismissed_in(self.index)
        if not dismissed:
            self._say("No dismissed flag in this segment.")
            return

        def chosen(issue: Issue | None) -> None:
            if issue is not None and self._record(lambda: self.decisions.undismiss(issue.id)):
                self.nav.flag = issue.id
                self.refresh_all()

        choices = [(f"{i.rule_id}: “{one_line(i.text)}” {one_line(i.message)}", i) for i in dismissed]
        self.app.push_screen(ChooseDialog(f"Bring back a flag of segment {self.index + 1}", choices), chosen)

    # actions: undoing and replacing

    def action_undo(self) -> None:
        result: list[tuple[Step | None, list[PendingSave]]] = []
        if not self._record(lambda: result.append(self.decisions.undo())):
            return
        step, saves = result[0]
        if step is None:
            self._say("Nothing to undo in this visit.")
            return
        if self.editing and any(pending.index == self.index for pending in saves):
            self._close_editor()
        self._take(saves)
        self.refresh_all()
        self._say(f"Undone: {step.what}.")

    def action_revert(self) -> None:
        if self.editing:
            self._close_editor()
        saves = self.decisions.revert(self.index)
        self._take(saves)
        self._say(
            f"Segment {self.index + 1} is the MT again (u undoes)." if saves else "The segment is the MT already."
        )

    def action_replace(self) -> None:
        def chosen(answer: tuple[str, list[Match]] | None) -> None:
            if answer is not None:
                new, matches = answer
                saves = self.decisions.replace(matches, new)
                self._take(saves)
                self._say(f"Replaced {len(matches)} time(s) in {len(saves)} segment(s).")

        texts = self.session.texts
        self.app.push_screen(ReplaceDialog(lambda find, new: preview(texts(), find, new), self.nav.query), chosen)

    # actions: the rest

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
            self.nav.flag = issue.id
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
            self._focus(event.index)
        if event.chain >= 2:
            self.action_edit()

    @on(IssueItem.Clicked)
    def issue_clicked(self, event: IssueItem.Clicked) -> None:
        self.nav.flag = event.issue_id
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

    @work(thread=True, group="recheck-other", exit_on_error=False)
    def _recheck_other(self, index: int, text: str) -> None:
        """Check a segment changed away from the focus (replace, fix all): not cancelled
        by the focused segment's re-checks."""
        self.post_message(SegmentChecked(index, text, check_segment(self.session.article, index, text, self.checkers)))

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
            if message.index == self.index:
                self.nav.keep_flag()
            self.refresh_segment(message.index)

    def use_checkers(self, checkers: Sequence[Checker]) -> None:
        """The fast checkers were built, or LanguageTool came up: re-checks use them, and
        the text in the editor (typed before they were ready) is checked now."""
        self.checkers = list(checkers)
        if self.editing:
            self.recheck(self.index, self.session.text(self.index))
