"""The review app: loads the batch, keeps LanguageTool coming, hands articles to screens.

Everything slow (reading files, building checkers, checking, starting LanguageTool)
runs in thread workers that post a message when done, so the first screen paints at
once and stays responsive; a failure becomes a notification, never a crash.
"""

from __future__ import annotations

from collections import deque
from contextlib import ExitStack
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.worker import Worker, WorkerState, get_current_worker

from reviewer.checkers import Checker
from reviewer.errors import ReviewerError
from reviewer.loaders import load_paths
from reviewer.review_session import PendingSave, ReviewSession, check_texts, fast_checkers
from reviewer.store import ReviewStore
from reviewer.tui.commands import BindingCommands
from reviewer.tui.dialogs.unsaved import Choice, UnsavedDialog
from reviewer.tui.messages import ArticleChecked, ArticlesLoaded, EditSaved, LanguageToolChanged
from reviewer.tui.screens.articles import ArticleListScreen
from reviewer.tui.screens.help import HelpScreen
from reviewer.tui.screens.review import LANGUAGETOOL, ReviewScreen
from reviewer.tui.settings import Settings


def article_key(path: str, article_id: str) -> str:
    return f"{path}\x1f{article_id}"


@dataclass(frozen=True)
class CheckPass:
    """Check these articles (by session key) with these checkers."""

    checkers: list[Checker]
    keys: list[str]


class ReviewerApp(App[None]):
    """`reviewer review`: the article list, then one review screen per opened article."""

    CSS_PATH = "app.tcss"
    TITLE = "reviewer"
    COMMANDS = App.COMMANDS | {BindingCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", id="app.help", tooltip="Show every key"),
        Binding("q", "quit_review", "Quit", id="app.quit", tooltip="Quit (asks about unsaved edits)"),
    ]

    languagetool: reactive[str] = reactive("off")
    languagetool_detail: reactive[str] = reactive("")

    def __init__(self, settings: Settings, store: ReviewStore) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.sessions: dict[str, ReviewSession] = {}
        self.checked: set[str] = set()  # sessions whose issues came in at least once
        self.warned: set[str] = set()  # checker warnings already shown
        self.checkers: list[Checker] = []
        self._resources = ExitStack()
        self._save_queue: deque[tuple[ReviewSession, PendingSave]] = deque()
        self._saving = False
        self._exit_when_saved = False

    # start-up

    def on_mount(self) -> None:
        self.sub_title = f"reviewer: {self.settings.reviewer}"
        self.push_screen(ArticleListScreen())
        self.load()
        if self.settings.languagetool is not None:
            self.languagetool = "starting"
            self.start_languagetool()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        settings = self.settings
        loaded = load_paths(settings.paths, system=settings.system, lang=settings.lang)
        failures: list[ReviewerError] = list(loaded.failures)
        sessions = []
        for article in loaded.articles:
            try:
                sessions.append(ReviewSession.open(self.store, article, settings.reviewer))
            except ReviewerError as error:
                failures.append(error)
        checkers, rule_errors = fast_checkers(settings.rules)
        self.post_message(ArticlesLoaded(sessions, [*failures, *rule_errors], checkers))

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        for failure in message.failures:
            self.notify(str(failure), title="Could not load", severity="error", timeout=15, markup=False)
        self.checkers = [*message.checkers, *(c for c in self.checkers if c.id == LANGUAGETOOL)]
        screen = self._list_screen()
        for session in message.sessions:
            key = article_key(session.article.path, session.article.id)
            self.sessions[key] = session
            screen.show(key, session.summary(), checked=False)
        if not self.sessions:
            screen.note("No articles to review." if not message.failures else "No article could be loaded.")
            return
        self.check()
        if len(self.sessions) == 1:
            self.open_article(next(iter(self.sessions)))

    @work(thread=True, exclusive=True, group="languagetool", exit_on_error=False)
    def start_languagetool(self) -> None:
        factory = self.settings.languagetool
        assert factory is not None, "only started when configured"
        try:
            checker = self._resources.enter_context(factory())
        except ReviewerError as error:
            self.post_message(LanguageToolChanged("failed", str(error)))
            return
        if get_current_worker().is_cancelled:  # the app is closing: stop what was started
            self._resources.close()
            return
        self.post_message(LanguageToolChanged("ready", checker=checker))

    def on_language_tool_changed(self, message: LanguageToolChanged) -> None:
        self.languagetool, self.languagetool_detail = message.state, message.detail
        if message.state == "failed":
            self.notify(f"{message.detail}\nChecking with the rule packs only.", title="LanguageTool", severity="warning", timeout=10, markup=False)
        if message.checker is None:
            return
        self.checkers = [c for c in self.checkers if c.id != LANGUAGETOOL] + [message.checker]
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.use_checkers(self.checkers)
        if self.sessions:  # loaded already: check again, with LanguageTool this time
            self.check()

    # checking: the fast checkers first for every article, then LanguageTool

    def _by_priority(self) -> list[str]:
        """Session keys, the article on screen first: its LanguageTool flags matter most."""
        keys = list(self.sessions)
        if isinstance(self.screen, ReviewScreen):
            current = self.screen.session
            keys.sort(key=lambda k: self.sessions[k] is not current)
        return keys

    def check(self) -> None:
        """(Re)check every article: with the fast checkers where that has not been done,
        then with LanguageTool when it is in. A check already running is superseded."""
        fast = [c for c in self.checkers if c.id != LANGUAGETOOL]
        keys = self._by_priority()
        passes = [CheckPass(fast, [k for k in keys if k not in self.checked])]
        if len(fast) < len(self.checkers):
            self.languagetool = "checking"
            passes.append(CheckPass(list(self.checkers), keys))
        self.check_all(passes)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def check_all(self, passes: list[CheckPass]) -> None:
        worker = get_current_worker()
        for check_pass in passes:
            for key in check_pass.keys:
                if worker.is_cancelled:
                    return
                session = self.sessions[key]
                texts = self.call_from_thread(session.texts)
                checked = check_texts(session.article, texts, check_pass.checkers)
                session.record_mt_issues(checked)
                self.post_message(ArticleChecked(key, texts, checked))
        if len(passes) > 1:
            self.post_message(LanguageToolChanged("ready"))

    def on_article_checked(self, message: ArticleChecked) -> None:
        key = message.key
        session = self.sessions[key]
        session.set_all_issues(message.texts, message.checked)
        self.checked.add(key)
        for warning in message.checked.warnings:
            if warning not in self.warned:
                self.warned.add(warning)
                self.notify(warning, title=session.article.label, severity="warning", timeout=10, markup=False)
        self._list_screen().show(key, session.summary(), checked=True)
        self._list_screen().totals([s.summary() for s in self.sessions.values()])
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen) and screen.session is session:
                screen.refresh_all()

    # saving: one save at a time, in order, off the UI thread

    def save(self, session: ReviewSession, index: int) -> None:
        """Queue the save of a segment as it stands now."""
        self._save_queue.append((session, session.take_save(index)))
        self._next_save()

    def on_review_screen_save_taken(self, message: ReviewScreen.SaveTaken) -> None:
        self._save_queue.append((message.session, message.pending))
        self._next_save()

    def _next_save(self) -> None:
        if self._saving:
            return
        if self._save_queue:
            self._saving = True
            self.record_save(*self._save_queue[0])
        elif self._exit_when_saved:
            self.exit()

    @work(thread=True, group="save", exit_on_error=False)
    def record_save(self, session: ReviewSession, pending: PendingSave) -> None:
        try:
            record = session.record(pending)
        except ReviewerError as error:
            self.post_message(EditSaved(session, pending, None, error))
        else:
            self.post_message(EditSaved(session, pending, record))

    def on_edit_saved(self, message: EditSaved) -> None:
        self._save_queue.popleft()
        self._saving = False
        session, pending = message.session, message.pending
        if message.record is None:
            session.failed_save(pending)
            self._exit_when_saved = False
            self.notify(str(message.error), title=f"Segment {pending.index + 1} not saved", severity="error", timeout=15, markup=False)
        else:
            session.finish_save(pending)
            hter = message.record.scores.get("hter")
            detail = f" · HTER {hter.score:.1f}" if hter else ""
            self.notify(f"Saved segment {pending.index + 1}{detail}", timeout=3, markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen) and screen.session is session:
                screen.saved(pending.index, message.record)
        self._next_save()

    # navigation

    def _list_screen(self) -> ArticleListScreen:
        for screen in self.screen_stack:
            if isinstance(screen, ArticleListScreen):
                return screen
        raise LookupError("the article list is the first screen pushed")

    def on_article_list_screen_open(self, message: ArticleListScreen.Open) -> None:
        self.open_article(message.key)

    def open_article(self, key: str) -> None:
        self.push_screen(ReviewScreen(self.sessions[key], self.checkers, self.settings.recheck_delay))

    def on_article_list_screen_shown(self, message: ArticleListScreen.Shown) -> None:
        """Back on the list: its rows show what the review changed."""
        for key, session in self.sessions.items():
            message.screen.show(key, session.summary(), checked=key in self.checked)
        if self.sessions:
            message.screen.totals([s.summary() for s in self.sessions.values()])

    def action_help(self) -> None:
        screen = self.screen
        title = "Review keys" if isinstance(screen, ReviewScreen) else "Article list keys"
        bindings = [b for b in (*screen.BINDINGS, *self.BINDINGS) if isinstance(b, Binding)]
        self.push_screen(HelpScreen(title, bindings))

    def action_quit_review(self) -> None:
        """Quit once every save is recorded; ask first about edits not saved yet."""
        unsaved = [s for s in self.sessions.values() if s.unsaved()]
        if not unsaved:
            self._exit_when_saved = True
            self._next_save()
            return

        def chosen(choice: Choice | None) -> None:
            if choice == "cancel":
                return
            if choice == "save":
                for session in unsaved:
                    for index in session.unsaved():
                        self.save(session, index)
            self._exit_when_saved = True
            self._next_save()

        where = [f"{s.article.label}: segment {', '.join(str(i + 1) for i in s.unsaved())}" for s in unsaved]
        self.push_screen(UnsavedDialog(where), chosen)

    # safety nets

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed shows why; the app keeps running."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title=f"{event.worker.name} failed", severity="error", timeout=15, markup=False)
            if event.worker.group == "languagetool":
                self.languagetool, self.languagetool_detail = "failed", str(error)
            if event.worker.group == "save":  # the save in flight did not happen
                session, pending = self._save_queue.popleft()
                session.failed_save(pending)
                self._saving = self._exit_when_saved = False
                self._next_save()

    def on_unmount(self) -> None:
        self._resources.close()


def make_app(settings: Settings, store: ReviewStore) -> ReviewerApp:
    """The one way to build the app: the CLI, the tests and the benchmark all call it."""
    return ReviewerApp(settings, store)
