"""Moving between the article list and the reviews: an article is claimed on opening
(read-only when someone else holds it) and released when the reviewer is back on the list."""

from __future__ import annotations

from reviewer.claim_keeper import held_by
from reviewer.errors import ReviewerError
from reviewer.tui.app_claims import ClaimsMixin
from reviewer.tui.commands import described_bindings
from reviewer.tui.printable import one_line
from reviewer.tui.screens.articles import ArticleListScreen
from reviewer.tui.screens.help import HelpScreen
from reviewer.tui.screens.read_only import ReadOnlyReviewScreen
from reviewer.tui.screens.review import ReviewScreen
from reviewer.workspace import session_key


class NavigationMixin(ClaimsMixin):
    """Which screen shows what, and the claims that go with it."""

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
        for error in workspace.claims.keep_only(open_now):  # such a claim lapses by itself
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
