"""What every part of the review app shares: the run's settings and workspace, the
LanguageTool state the status bar watches, and where the open screens are.

The app is this base and one mixin per concern (`app_claims`, `app_saving`,
`app_quitting`, `app_navigation`, `app_checking`, `app_loading`); a mixin that calls
another's methods inherits it, so the class chain shows what depends on what. Textual
finds `on_*` handlers and `@work` methods along the whole MRO.
"""

from __future__ import annotations

from textual.app import App
from textual.reactive import reactive

from reviewer.review_session import ReviewSession
from reviewer.store import ReviewStore
from reviewer.tui.screens.articles import ArticleListScreen
from reviewer.tui.screens.review import ReviewScreen
from reviewer.tui.settings import Settings
from reviewer.workspace import Workspace


class AppBase(App[None]):
    """The state of one `reviewer review` run, held by the app."""

    languagetool: reactive[str] = reactive("off")
    languagetool_detail: reactive[str] = reactive("")

    def __init__(self, settings: Settings, store: ReviewStore) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.workspace = Workspace(store, settings.config.reviewer, settings.clock, settings.claim_ttl)
        self._open_when_checked: str | None = None

    def _list_screen(self) -> ArticleListScreen:
        for screen in self.screen_stack:
            if isinstance(screen, ArticleListScreen):
                return screen
        raise LookupError("the article list is the first screen pushed")

    def _review_screens(self, session: ReviewSession) -> list[ReviewScreen]:
        return [s for s in self.screen_stack if isinstance(s, ReviewScreen) and s.session is session]
