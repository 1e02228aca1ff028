"""The app's side of claims: the heartbeat that renews them, and the list's "Who"
column, read off the UI thread."""

from __future__ import annotations

from textual import work

from reviewer.claim_keeper import held_by
from reviewer.tui.app_base import AppBase
from reviewer.tui.messages import ClaimsRead
from reviewer.tui.printable import one_line
from reviewer.tui.screens.articles import ArticleListScreen


class ClaimsMixin(AppBase):
    """Who works on what, kept fresh while the app runs."""

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
