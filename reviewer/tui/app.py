"""The review app: keeps the screens in step with the workspace, runs its slow work.

What is open, which checkers are in use and in which order saves are recorded is the
workspace's (`reviewer.workspace`, UI-free); this module runs its slow steps (reading
files, building checkers, checking, starting LanguageTool, recording) in thread workers
that post a message when done, so the first screen paints at once and stays responsive;
a failure becomes a notification, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from reviewer import lemma_cache
from reviewer.checkers import Checker
from reviewer.claim_keeper import Lost, held_by
from reviewer.errors import ReviewerError
from reviewer.registry import fast_checkers
from reviewer.review_session import PendingSave, ReviewSession
from reviewer.segment_checks import check_texts
from reviewer.store import EditConflict, ReviewStore
from reviewer.tui.commands import BindingCommands, described_bindings
from reviewer.tui.dialogs.conflict import ConflictChoice, ConflictDialog
from reviewer.tui.dialogs.unsaved import Choice, UnsavedDialog
from reviewer.tui.messages import ArticleChecked, ArticlesLoaded, CheckersBuilt, EditSaved, LanguageToolChanged
from reviewer.tui.printable import one_line
from reviewer.tui.screens.articles import ArticleListScreen
from reviewer.tui.screens.help import HelpScreen
from reviewer.tui.screens.read_only import ReadOnlyReviewScreen
from reviewer.tui.screens.review import ReviewScreen
from reviewer.tui.settings import Settings
from reviewer.workspace import Workspace, session_key

# Textual's own quit: the palette's "Quit the application as soon as possible".
TEXTUAL_QUIT = "Quit"


@dataclass
class LoadedNothing(Message):
    """A path opened from inside the app held no article not already in the list."""

    path: str


@dataclass
class ClaimsRead(Message):
    """The heartbeat ran: claims it could not keep, and who works on what now."""

    lost: list[Lost]
    who: dict[str, str]


class ReviewerApp(App[None]):
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

    languagetool: reactive[str] = reactive("off")
    languagetool_detail: reactive[str] = reactive("")

    def __init__(self, settings: Settings, store: ReviewStore) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.workspace = Workspace(store, settings.config.reviewer, settings.clock, settings.claim_ttl)
        self._open_when_checked: str | None = None

    # start-up

    async def on_mount(self) -> None:
        self.sub_title = f"reviewer: {one_line(self.settings.config.reviewer)}"
        await self.push_screen(ArticleListScreen())  # mounted before any worker reports to it
        self.load()
        self.set_interval(self.workspace.claims.heartbeat, self.heartbeat)
        if self.settings.languagetool is not None:
            self.languagetool = "starting"
            self.start_languagetool()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Read the articles and open their reviews; show them; then build the fast
        checkers (rule packs compile meanwhile) and flag every article with them."""
        settings, config = self.settings, self.settings.config
        opened = self.workspace.open_articles(settings.paths, config.system, config.lang)
        texts = [session.texts() for session in opened.sessions]  # taken before the UI may change them
        self.post_message(ArticlesLoaded(opened.sessions, opened.failures))
        known = lemma_cache.recall(config.cache)  # the packs' terms compile without simplemma's dictionaries
        built = fast_checkers(config, [session.article for session in opened.sessions])
        self.post_message(CheckersBuilt(built.checkers, built.errors))
        self._check_opened(opened.sessions, texts, built.checkers)
        lemma_cache.remember(config.cache, known)

    def _check_opened(
        self, sessions: list[ReviewSession], texts: list[dict[int, str]], checkers: list[Checker]
    ) -> None:
        """Flag articles just opened (in their worker) with the checkers given."""
        worker = get_current_worker()
        for session, snapshot in zip(sessions, texts):
            if worker.is_cancelled:
                return
            checked = check_texts(session.article, snapshot, checkers)
            self.post_message(ArticleChecked(session_key(session), snapshot, checked, languagetool=False))
            session.record_mt_issues(checked)

    def on_article_list_screen_open_path(self, message: ArticleListScreen.OpenPath) -> None:
        self.load_more(message.path, self.workspace.checkers)

    @work(thread=True, group="load-more", exit_on_error=False)
    def load_more(self, path: str, checkers: list[Checker]) -> None:
        """Add a file or directory to the list from inside the app: its articles are read,
        shown and flagged like the run's own (articles already listed are skipped)."""
        config = self.settings.config
        opened = self.workspace.open_articles([path], config.system, config.lang)
        sessions = [session for session in opened.sessions if session_key(session) not in self.workspace.sessions]
        texts = [session.texts() for session in sessions]
        self.post_message(ArticlesLoaded(sessions, opened.failures))
        if not sessions and not opened.failures:
            self.post_message(LoadedNothing(path))
        self._check_opened(sessions, texts, checkers)

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        self._failed(message.failures)
        screen = self._list_screen()
        for key in self.workspace.add(message.sessions):
            screen.show(key, self.workspace.sessions[key].summary(), checked=False)
        if message.sessions:
            self.read_claims()
        sessions = self.workspace.sessions
        if not sessions:
            screen.note("No articles to review." if not message.failures else "No article could be loaded.")
        elif len(sessions) == 1:  # straight into its review, once its flags are in
            self._open_when_checked = next(iter(sessions))

    def on_loaded_nothing(self, message: LoadedNothing) -> None:
        self.notify(f"No new article in {message.path}.", title="Open", severity="warning", markup=False)

    def on_checkers_built(self, message: CheckersBuilt) -> None:
        self._failed(message.failures)
        self.workspace.fast = message.checkers
        self._use_checkers()

    def _failed(self, failures: list[ReviewerError]) -> None:
        for failure in failures:
            self.notify(one_line(str(failure)), title="Could not load", severity="error", timeout=15, markup=False)

    @work(thread=True, exclusive=True, group="languagetool", exit_on_error=False)
    def start_languagetool(self) -> None:
        factory = self.settings.languagetool
        assert factory is not None, "only started when configured"
        try:
            checker = self.workspace.start_languagetool(factory)
        except ReviewerError as error:
            self.post_message(LanguageToolChanged("failed", str(error)))
            return
        if get_current_worker().is_cancelled:  # the app is closing: stop what was started
            self.workspace.close()
            return
        self.post_message(LanguageToolChanged("ready", checker=checker))

    def on_language_tool_changed(self, message: LanguageToolChanged) -> None:
        self.languagetool, self.languagetool_detail = message.state, message.detail
        if message.state == "failed":
            self.notify(
                f"{one_line(message.detail)}\nChecking with the rule packs only.",
                title="LanguageTool",
                severity="warning",
                timeout=10,
                markup=False,
            )
        if message.checker is not None:
            self.workspace.slow = [message.checker]
            self._use_checkers()

    # checking: the fast checkers first (in the load worker), then LanguageTool

    def _use_checkers(self) -> None:
        """The checkers changed: open reviews re-check with them; once both the fast
        checkers and LanguageTool are in, every article is checked with LanguageTool."""
        workspace = self.workspace
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.use_checkers(workspace.checkers)
        if workspace.full_check_due():
            self.languagetool = "checking"
            current = self.screen.session if isinstance(self.screen, ReviewScreen) else None
            keys = workspace.by_priority(current)
            self.check_all(keys, {key: workspace.sessions[key].texts() for key in keys}, workspace.checkers)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def check_all(self, keys: list[str], texts: dict[str, dict[int, str]], checkers: list[Checker]) -> None:
        worker = get_current_worker()
        for key in keys:
            if worker.is_cancelled:
                return
            session = self.workspace.sessions[key]
            checked = check_texts(session.article, texts[key], checkers)
            self.post_message(ArticleChecked(key, texts[key], checked, languagetool=True))
            session.record_mt_issues(checked)
        self.post_message(LanguageToolChanged("ready"))

    def on_article_checked(self, message: ArticleChecked) -> None:
        key, workspace = message.key, self.workspace
        warnings = workspace.take_check(key, message.texts, message.checked, message.languagetool)
        if warnings is None:
            return
        session = workspace.sessions[key]
        for warning in warnings:
            self.notify(
                one_line(warning), title=one_line(session.article.label), severity="warning", timeout=10, markup=False
            )
        self._list_screen().show(key, session.summary(), checked=True)
        self._list_screen().totals(workspace.summaries())
        for screen in self._review_screens(session):
            screen.refresh_all()
        if key == self._open_when_checked:
            self._open_pending()

    def _open_pending(self) -> None:
        """Open the one article of the batch: drawing its review screen once, with its
        flags, is quicker than drawing it while the rule packs compile."""
        key, self._open_when_checked = self._open_when_checked, None
        if key is not None:
            self.open_article(key)

    # claims: who works on what

    @work(thread=True, group="claims", exit_on_error=False)
    def heartbeat(self) -> None:
        """Renew this reviewer's claims, then read everyone's."""
        self.post_message(ClaimsRead(self.workspace.claims.renew(), self.workspace.who()))

    @work(thread=True, group="claims", exit_on_error=False)
    def read_claims(self) -> None:
        self.post_message(ClaimsRead([], self.workspace.who()))

    def on_claims_read(self, message: ClaimsRead) -> None:
        for lost in message.lost:
            label = self.workspace.sessions[lost.key].article.label
            self.notify(
                f"Your claim lapsed and the article is now {held_by(lost.conflict.held)}; your saves will be refused.",
                title=one_line(label),
                severity="warning",
                timeout=15,
                markup=False,
            )
        for screen in self.screen_stack:  # none when the answer comes in as the app closes
            if isinstance(screen, ArticleListScreen):
                screen.working(message.who)

    # saving: the workspace's queue, recorded off the UI thread

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
            self.workspace.saves.resolved()
            if choice == "theirs":
                session.take_theirs(conflict)
            else:
                session.keep_mine(conflict)
            for screen in self._review_screens(session):
                screen.resolved(conflict.segment, choice or "edit")
            if choice == "mine":
                self.save(session, conflict.segment)
            self._next_save()

        self.push_screen(ConflictDialog(conflict, session.article.label), chosen)

    def _review_screens(self, session: ReviewSession) -> list[ReviewScreen]:
        return [s for s in self.screen_stack if isinstance(s, ReviewScreen) and s.session is session]

    # navigation

    def _list_screen(self) -> ArticleListScreen:
        for screen in self.screen_stack:
            if isinstance(screen, ArticleListScreen):
                return screen
        raise LookupError("the article list is the first screen pushed")

    def on_article_list_screen_open(self, message: ArticleListScreen.Open) -> None:
        self.open_article(message.key)

    def open_article(self, key: str) -> None:
        """Claim the article and open it; when someone else holds it, open it read-only."""
        workspace = self.workspace
        settings = self.settings
        session = workspace.sessions[key]
        words_file = settings.config.languagetool.settings.words_file
        try:
            conflict = workspace.claims.claim(key, session.review)
        except ReviewerError as error:  # the store failed (a server gone): review on, the saves will say
            self.notify(f"{one_line(str(error))}\nOpened without a claim.", title="Could not claim", markup=False)
            conflict = None
        if conflict is None:
            self.push_screen(ReviewScreen(session, workspace.checkers, settings.recheck_delay, words_file))
        else:
            held = held_by(conflict.held)
            self.notify(f"Opened read-only: {held}.", title=one_line(session.article.label), timeout=8, markup=False)
            self.push_screen(
                ReadOnlyReviewScreen(session, workspace.checkers, held, settings.recheck_delay, words_file)
            )
        self.read_claims()

    def on_article_list_screen_shown(self, message: ArticleListScreen.Shown) -> None:
        """Back on the list: its rows show what the review changed; the articles left
        are given up for others to claim."""
        workspace = self.workspace
        open_now = {session_key(s.session) for s in self.screen_stack if isinstance(s, ReviewScreen)}
        for key in set(workspace.claims.held) - open_now:
            try:
                workspace.claims.release(key)
            except ReviewerError as error:  # the claim lapses by itself
                self.notify(one_line(str(error)), title="Could not release the claim", markup=False)
        self.read_claims()
        for key, session in workspace.sessions.items():
            message.screen.show(key, session.summary(), checked=key in workspace.checked)
        if workspace.sessions:
            message.screen.totals(workspace.summaries())

    def action_help(self) -> None:
        screen = self.screen
        title = "Review keys" if isinstance(screen, ReviewScreen) else "Article list keys"
        self.push_screen(HelpScreen(title, [binding for _, binding in described_bindings(screen)]))

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

    # safety nets

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

    def on_unmount(self) -> None:
        self.workspace.close()


def make_app(settings: Settings, store: ReviewStore) -> ReviewerApp:
    """The one way to build the app: the CLI, the tests and the benchmark all call it."""
    return ReviewerApp(settings, store)
