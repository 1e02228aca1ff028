"""Checking the articles: the fast checkers' flags come in first (from the load worker),
then LanguageTool starts, and once it is up every article is checked with it, the one
on screen first."""

from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from reviewer.checkers import Checker
from reviewer.errors import ReviewerError
from reviewer.segment_checks import check_texts
from reviewer.tui.app_navigation import NavigationMixin
from reviewer.tui.messages import ArticleChecked, LanguageToolChanged
from reviewer.tui.printable import one_line
from reviewer.tui.screens.review import ReviewScreen


class CheckingMixin(NavigationMixin):
    """The checkers in use, LanguageTool's state, and the flags they give."""

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
