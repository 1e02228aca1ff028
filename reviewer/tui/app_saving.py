"""The app's side of saving: the workspace's queue, recorded off the UI thread, and the
dialog where the reviewer settles a conflict with another reviewer's save."""

from __future__ import annotations

from textual import work

from reviewer.errors import ReviewerError
from reviewer.review_session import PendingSave, ReviewSession
from reviewer.store import EditConflict
from reviewer.tui.app_base import AppBase
from reviewer.tui.dialogs.conflict import ConflictChoice, ConflictDialog
from reviewer.tui.messages import EditSaved
from reviewer.tui.printable import one_line
from reviewer.tui.screens.review import ReviewScreen


class SavingMixin(AppBase):
    """Saves recorded one at a time, in the order taken; a quit waits for them."""

    def save(self, session: ReviewSession, index: int) -> None:
        """Queue the save of a segment as it stands now."""
        self.workspace.saves.add(session, session.take_save(index))
        self._next_save()

    def on_review_screen_save_taken(self, message: ReviewScreen.SaveTaken) -> None:
        self.workspace.saves.add(message.session, message.pending)
        self._next_save()

    def _next_save(self) -> None:
        saves = self.workspace.saves
        job = saves.start_next()
        if job is not None:
            self.record_save(*job)
        elif saves.may_quit():
            self.exit()

    @work(thread=True, group="save", exit_on_error=False)
    def record_save(self, session: ReviewSession, pending: PendingSave) -> None:
        outcome = self.workspace.record(session, pending)
        if isinstance(outcome, ReviewerError):
            self.post_message(EditSaved(session, pending, None, outcome))
        else:
            self.post_message(EditSaved(session, pending, outcome))

    def on_edit_saved(self, message: EditSaved) -> None:
        session, pending = self.workspace.saves.finished(message.record)
        if message.record is not None:
            hter = message.record.scores.get("hter")
            detail = f" · HTER {hter.score:.1f}" if hter else ""
            self.notify(f"Saved segment {pending.index + 1}{detail}", timeout=3, markup=False)
        elif isinstance(message.error, EditConflict):
            self._resolve(session, message.error)
        else:
            self.notify(
                one_line(str(message.error)),
                title=f"Segment {pending.index + 1} not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
        for screen in self._review_screens(session):
            screen.saved(pending.index, message.record)
        self._next_save()

    def _resolve(self, session: ReviewSession, conflict: EditConflict) -> None:
        """Another reviewer saved the segment first: saves wait while the reviewer sees
        both texts and chooses."""
        self.workspace.saves.withdraw(conflict, session)

        def chosen(choice: ConflictChoice | None) -> None:
            self.workspace.settle(session, conflict, theirs=choice == "theirs")
            for screen in self._review_screens(session):
                screen.resolved(conflict.segment, choice or "edit")
            if choice == "mine":
                self.save(session, conflict.segment)
            self._next_save()

        self.push_screen(ConflictDialog(conflict, session.article.label), chosen)
