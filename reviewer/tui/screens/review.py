"""The review screen: read the flagged article, post-edit it in place, record every step.

Where the focus goes, what the filters let through and what a search finds is the
`Navigator`'s; what a decision records is `Decisions`'; both are UI-free. The screen is
put together from `ReviewView` (drawing, focus, saves, re-checks) and its key modules.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.widgets import TextArea

from reviewer.errors import ReviewerError
from reviewer.review_session import default_export_path
from reviewer.tui.dialogs.export import ExportDialog
from reviewer.tui.screens.review_flags import FlagActions
from reviewer.tui.screens.review_keys import NOT_WHILE_EDITING, REVIEW_KEYS
from reviewer.tui.screens.review_moves import MoveActions
from reviewer.tui.widgets.panels import IssueItem
from reviewer.tui.widgets.segments import SegmentView

FAST_DELAY = 0.1
"""Seconds of pause in typing before the rule flags are re-checked (LanguageTool, slower
and a server's work, waits for the app's longer `recheck_delay`)."""


class ReviewScreen(FlagActions, MoveActions):
    """One article under review: every key of `REVIEW_KEYS` is an `action_` here or in
    the key modules."""

    BINDINGS: ClassVar[list[BindingType]] = REVIEW_KEYS

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.editing and action in NOT_WHILE_EDITING)

    def action_leave(self) -> None:
        if not self.editing:
            self.session.step_away()  # back on the list: no segment's clock runs; drafts stay
            self.app.pop_screen()
            return
        self._close_editor()

    @on(TextArea.Changed, "#editor")
    def typed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if text == self.session.text(self.index):
            return
        was_unsaved = self.session.unsaved()
        self.session.type(self.index, text)
        if self.session.unsaved() != was_unsaved:  # the gutter and status line show it
            self.refresh_segment(self.index)
        index = self.index  # the editor may be closed and the focus moved before the timer fires
        run = self.rechecks.start()
        self.set_timer(min(FAST_DELAY, self.recheck_delay), lambda: self._typed_still(index, text, run, 0))
        self.set_timer(self.recheck_delay, lambda: self._typed_still(index, text, run, 1))

    def _typed_still(self, index: int, text: str, run: int, stage: int) -> None:
        """Re-check once typing paused (the fast checkers after a short pause, LanguageTool
        after `recheck_delay`), only if the text is still the one typed then."""
        if self.session.text(index) == text:
            self.check_stage(index, text, run, stage)

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
