"""The review screen's keys that move and find: segments, flags, unconfirmed segments,
search and replace, go to, filters. Where to go is the `Navigator`'s answer."""

from __future__ import annotations

from reviewer.navigation import Filters
from reviewer.search import Match, preview
from reviewer.tui.dialogs.ask import AskDialog
from reviewer.tui.dialogs.filters import FilterDialog
from reviewer.tui.dialogs.replace import ReplaceDialog
from reviewer.tui.screens.review_view import ReviewView


class MoveActions(ReviewView):
    """Moving through the article and finding in it."""

    def action_segment(self, step: int) -> None:
        index = self.nav.segment(step)
        if index is not None:
            self._focus(index)

    def action_flag(self, step: int) -> None:
        target = self.nav.step_flag(step)
        if isinstance(target, str):
            self._say(target)
        else:
            self._focus(target.segment or 0, target.id)

    def action_unconfirmed(self, step: int, wrap: bool = False) -> None:
        index = self.nav.unconfirmed(step, wrap)
        if index is None:
            self._say("Every segment is confirmed." if wrap else "No unconfirmed segment that way.")
        else:
            self._focus(index)

    def action_go_to(self) -> None:
        def chosen(typed: str | None) -> None:
            if typed is None:
                return
            try:
                self._focus(self.nav.segment_number(typed))
            except ValueError as error:
                self._say(str(error), warning=True)

        count = len(self.session.article.segments)
        self.app.push_screen(AskDialog("Go to segment", f"a number from 1 to {count}"), chosen)

    def action_filter(self) -> None:
        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self.nav.filter(filters)
                self.refresh_all()

        self.app.push_screen(FilterDialog(self.nav.filters, self.nav.categories()), chosen)

    def action_search(self) -> None:
        def chosen(query: str | None) -> None:
            if query is not None:
                matches = self.nav.search(query)
                self._say(f"{len(matches)} match(es) for {query!r}." + (" . and , go through them." if matches else ""))
                self.action_match(1)

        hint = "enter searches; then . and , go to the next and previous match"
        self.app.push_screen(AskDialog("Search the article", "words (case is ignored)", self.nav.query, hint), chosen)

    def action_match(self, step: int) -> None:
        before = self.nav.match
        previous = self.index
        match = self.nav.step_match(step)
        if match is None:
            self._say(
                "Nothing to find: / searches." if not self.nav.query else f"{self.nav.query!r} is not in the article."
            )
            return
        if before is not None and before.segment != match.segment:
            self.refresh_segment(before.segment)
        self.nav.index = previous  # `_focus` moves from where the reviewer was
        self._focus(match.segment, self.flag if match.segment == previous else None)

    def action_replace(self) -> None:
        def chosen(answer: tuple[str, list[Match]] | None) -> None:
            if answer is not None:
                new, matches = answer
                saves = self.decisions.replace(matches, new)
                self._take(saves)
                self._say(f"Replaced {len(matches)} time(s) in {len(saves)} segment(s).")

        texts = self.session.texts
        self.app.push_screen(ReplaceDialog(lambda find, new: preview(texts(), find, new), self.nav.query), chosen)

    def action_beside(self) -> None:
        """Show (or hide) each segment's source beside its MT."""
        if not self.session.article.has_source:
            self._say("This article has no source to show beside the MT.", warning=True)
            return
        self.nav.beside = not self.nav.beside
        self.refresh_all()
