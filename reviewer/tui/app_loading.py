"""Loading articles: the run's paths at start-up and any opened from inside the app are
read, shown and flagged with the fast checkers in a worker, so the list paints at once."""

from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from reviewer import lemma_cache
from reviewer.checkers import Checker
from reviewer.errors import ReviewerError
from reviewer.registry import fast_checkers
from reviewer.review_session import ReviewSession
from reviewer.segment_checks import check_texts
from reviewer.tui.app_checking import CheckingMixin
from reviewer.tui.messages import ArticleChecked, ArticlesLoaded, CheckersBuilt, LoadedNothing
from reviewer.tui.printable import one_line
from reviewer.tui.screens.articles import ArticleListScreen
from reviewer.workspace import session_key


class LoadingMixin(CheckingMixin):
    """The articles of the run, and the fast checkers built for them."""

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
        sessions = self.workspace.unlisted(opened.sessions)
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
