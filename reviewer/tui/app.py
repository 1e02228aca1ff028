"""The review app: keeps the screens in step with the workspace, runs its slow work.

What is open, which checkers are in use and in which order saves are recorded is the
workspace's (`reviewer.workspace`, UI-free); the app runs its slow steps (reading
files, building checkers, checking, starting LanguageTool, recording) in thread workers
that post a message when done, so the first screen paints at once and stays responsive;
a failure becomes a notification, never a crash. Each concern is a mixin of its own
(see `app_base`); this module puts them together, with the keys and the safety nets.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from reviewer.store import ReviewStore
from reviewer.tui.app_loading import LoadingMixin
from reviewer.tui.app_quitting import QuittingMixin
from reviewer.tui.commands import BindingCommands
from reviewer.tui.printable import one_line
from reviewer.tui.screens.articles import ArticleListScreen
from reviewer.tui.settings import Settings


class ReviewerApp(LoadingMixin, QuittingMixin):
    """`reviewer review`: the article list, then one review screen per opened article."""

    CSS_PATH = "app.tcss"
    TITLE = "reviewer"
    COMMANDS = App.COMMANDS | {BindingCommands}
    # Every way out goes through `quit_review`: these replace Textual's ctrl+q (quit at
    # once) and ctrl+c (a notice pointing at ctrl+q). In the editor, ctrl+c copies.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", id="app.help", tooltip="Show every key"),
        Binding(
            "q", "quit_review", "Quit", id="app.quit", tooltip="Quit (also ctrl+q, ctrl+c; asks about unsaved edits)"
        ),
        Binding("ctrl+q,ctrl+c", "quit_review", show=False, id="app.quit_ctrl"),
    ]

    async def on_mount(self) -> None:
        self.sub_title = f"reviewer: {one_line(self.settings.config.reviewer)}"
        await self.push_screen(ArticleListScreen())  # mounted before any worker reports to it
        self.load()
        self.set_interval(self.workspace.claims.heartbeat, self.heartbeat)
        if self.settings.languagetool is not None:
            self.languagetool = "starting"
            self.start_languagetool()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed shows why; the app keeps running."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(
                one_line(f"{type(error).__name__}: {error}"),
                title=f"{event.worker.name} failed",
                severity="error",
                timeout=15,
                markup=False,
            )
            if event.worker.group == "load":  # show what did load, unflagged
                self._open_pending()
            if event.worker.group == "languagetool":
                self.languagetool, self.languagetool_detail = "failed", str(error)
            if event.worker.group == "save":  # the save in flight did not happen
                self.workspace.saves.finished(None)
                self._next_save()


def make_app(settings: Settings, store: ReviewStore) -> ReviewerApp:
    """The one way to build the app: the CLI, the tests and the benchmark all call it."""
    return ReviewerApp(settings, store)
