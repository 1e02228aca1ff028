"""Every way out of the app: `q`, ctrl+q, ctrl+c and the palette all ask about unsaved
edits, then wait for the saves queued to be recorded."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.screen import Screen

from reviewer.tui.app_saving import SavingMixin
from reviewer.tui.dialogs.conflict import ConflictDialog
from reviewer.tui.dialogs.unsaved import Choice, UnsavedDialog
from reviewer.tui.printable import one_line

# Textual's own quit: the palette's "Quit the application as soon as possible".
TEXTUAL_QUIT = "Quit"


class QuittingMixin(SavingMixin):
    """Quit only once nothing the reviewer typed is lost without asking."""

    def action_quit_review(self) -> None:
        """Quit once every save is recorded; ask first about edits not saved yet."""
        if any(isinstance(s, (UnsavedDialog, ConflictDialog)) for s in self.screen_stack):
            return  # already asking
        unsaved = self.workspace.unsaved()
        if not unsaved:
            self._quit_when_saved()
            return

        def chosen(choice: Choice | None) -> None:
            if choice == "cancel":
                return
            if choice == "save":
                for session in unsaved:
                    for index in session.unsaved():
                        self.save(session, index)
            self._quit_when_saved()

        where = [f"{one_line(s.article.label)}: segment {', '.join(str(i + 1) for i in s.unsaved())}" for s in unsaved]
        self.push_screen(UnsavedDialog(where), chosen)

    def _quit_when_saved(self) -> None:
        self.workspace.saves.quitting = True
        self._next_save()

    async def action_quit(self) -> None:
        """Textual's quit (ctrl+q, the palette, `app.quit` actions) asks like `q` does."""
        self.action_quit_review()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands but its own Quit ("as soon as possible"): the palette offers
        ours, from the `q` binding, which asks about unsaved edits."""
        return (command for command in super().get_system_commands(screen) if command.title != TEXTUAL_QUIT)

    def on_unmount(self) -> None:
        self.workspace.close()
