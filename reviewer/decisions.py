"""What the reviewer decides on an article, each step undoable, without a user interface.

Every change of text is saved as an edit, every verdict on a flag recorded as a decision;
undoing records new history (an earlier text saved again, a flag set back to open) and
never deletes any. Methods that change text return the saves to record; the caller
records them in order (the terminal UI through its save queue, a script with `record`).
Flag actions are small methods here, so a new one ("fix all safe", say) is one more.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.dictionary import add_accepted_word
from reviewer.model import Issue
from reviewer.review_session import PendingSave, ReviewSession
from reviewer.search import Match, replaced


@dataclass(frozen=True)
class Step:
    """One decision: `texts` are the saved texts of the segments it changed, as they were
    before; `reopen` the flags it accepted or dismissed."""

    what: str
    texts: dict[int, str] = field(default_factory=dict)
    reopen: tuple[str, ...] = ()


class Decisions:
    """The reviewer's decisions on one article in this visit, latest last, for undo."""

    def __init__(self, session: ReviewSession) -> None:
        self.session = session
        self.steps: list[Step] = []

    def _push(self, step: Step) -> None:
        if step.texts or step.reopen:
            self.steps.append(step)

    # text

    def save(self, index: int) -> PendingSave:
        """Save (or confirm) the segment as it stands."""
        session = self.session
        changed = session.text(index) != session.saved[index]
        self._push(Step("save", {index: session.saved[index]} if changed else {}))
        return session.take_save(index)

    def put(self, texts: dict[int, str], what: str, reopen: Iterable[str] = ()) -> list[PendingSave]:
        """Put new texts in segments and save each; one step to undo."""
        session = self.session
        before = {index: session.saved[index] for index in texts}
        saves = []
        for index, text in texts.items():
            session.type(index, text)
            saves.append(session.take_save(index))
        self._push(Step(what, before, tuple(reopen)))
        return saves

    def revert(self, index: int) -> list[PendingSave]:
        """The MT back in the segment, saved as an edit."""
        mt = self.session.article.segments[index].text
        return [] if self.session.text(index) == mt else self.put({index: mt}, "revert to MT")

    def replace(self, matches: Collection[Match], new: str) -> list[PendingSave]:
        return self.put(replaced(self.session.texts(), matches, new), "replace")

    # flags

    def apply(self, issue: Issue, suggestion: str) -> list[PendingSave]:
        """Put `suggestion` in place of the flagged words, record the flag accepted, save.
        Raises ValueError when the words have moved, ReviewerError when not recorded."""
        assert issue.segment is not None, "only a segment's flags have suggestions to apply"
        before = self.session.saved[issue.segment]
        self.session.apply(issue, suggestion)
        self._push(Step(f"apply {issue.rule_id}", {issue.segment: before}, (issue.id,)))
        return [self.session.take_save(issue.segment)]

    def fix_all(self, issues: Iterable[Issue], suggestion: str) -> tuple[list[PendingSave], int]:
        """`suggestion` in place of each flag (those whose words moved are left); the saves
        and how many flags were fixed."""
        session = self.session
        before = dict(session.drafts)
        fixed: list[str] = []
        for issue in sorted(issues, key=lambda i: i.start, reverse=True):
            try:
                session.apply(issue, suggestion)
            except ValueError:
                continue
            fixed.append(issue.id)
        changed = {i: session.text(i) for i in session.drafts if session.drafts.get(i) != before.get(i)}
        return self.put(changed, f"fix all {', '.join(sorted({i.rule_id for i in issues}))}", fixed), len(fixed)

    def dismiss(self, issues: Iterable[Issue]) -> list[Issue]:
        """Dismiss the flags as false alarms; one step to undo. Raises ReviewerError when
        the store refuses (the flags dismissed before that stay dismissed and undoable)."""
        done: list[Issue] = []
        try:
            for issue in issues:
                self.session.dismiss(issue)
                done.append(issue)
        finally:
            self._push(Step("dismiss", reopen=tuple(issue.id for issue in done)))
        return done

    def add_word(self, issue: Issue, words_file: Path | None) -> tuple[Path, list[Issue]]:
        """Add the flagged word to the project's accepted words; its flags of the same kind
        in this article are dismissed (the next check will not raise them)."""
        path = add_accepted_word(issue.text, words_file)
        same = [i for i in self.session.all_visible() if i.text == issue.text and i.category == issue.category]
        return path, self.dismiss(same)

    def undismiss(self, issue_id: str) -> None:
        self.session.reopen([issue_id])

    # undo

    def undo(self) -> tuple[Step | None, list[PendingSave]]:
        """Undo the latest step: its flags open again, its segments' earlier texts saved
        again (as new edits); an undo is not itself a step."""
        if not self.steps:
            return None, []
        step = self.steps.pop()
        self.session.reopen(step.reopen)
        changed = {index: text for index, text in step.texts.items() if text != self.session.text(index)}
        saves = self.put(changed, "undo")
        if changed:
            self.steps.pop()
        return step, saves
