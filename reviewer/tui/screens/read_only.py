"""An article someone else has claimed: read, search and navigate it, change nothing.

The store refuses others' saves on a claimed article anyway; refusing the editing keys
up front tells the reviewer why before they type, not after.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewer.checkers import Checker
from reviewer.review_session import ReviewSession
from reviewer.tui.screens.review import ReviewScreen
from reviewer.tui.settings import RECHECK_DELAY

# The review screen's actions that change the article or its record.
WRITES = (
    "edit",
    "save",
    "confirm_next",
    "save_next",
    "apply",
    "dismiss_flag",
    "annotate",
    "replace",
    "fix_all",
    "ignore_all",
    "undo",
    "revert",
    "undismiss",
)


class ReadOnlyReviewScreen(ReviewScreen):
    """The review screen with every writing key answered by who holds the article."""

    def __init__(
        self,
        session: ReviewSession,
        checkers: Sequence[Checker],
        held: str,
        recheck_delay: float = RECHECK_DELAY,
        words_file: Path | None = None,
    ) -> None:
        super().__init__(session, checkers, recheck_delay, words_file)
        self.held = held
        """Why it is read-only, e.g. "claimed by bob until 09:05 UTC"."""

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = f"read-only: {self.held}"

    def refuse(self, *_: object) -> None:
        self.notify(
            f"Read-only: {self.held}. Leave and reopen it once it is free.",
            title="Not yours to edit",
            severity="warning",
            timeout=8,
            markup=False,
        )


for _action in WRITES:
    setattr(ReadOnlyReviewScreen, f"action_{_action}", ReadOnlyReviewScreen.refuse)
