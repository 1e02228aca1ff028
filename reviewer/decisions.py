"""What the reviewer decides on an article, each step undoable, without a user interface.

Every change of text is saved as an edit, every verdict on a flag recorded as a decision;
undoing records new history (an earlier text saved again, a flag set back to open) and
never deletes any. Methods that change text return the saves to record; the caller
records them in order (the terminal UI through its save queue, a script with `record`).
Flag actions are small methods here, so a new one is one more. Every flag is also a
proposed MQM annotation: the reviewer confirms it (with the severity they chose) or
rejects it (a dismissal), and the article's confirmed MQM score comes from those.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reviewer.autofix import safe_rules
from reviewer.dictionary import add_accepted_word
from reviewer.model import Issue, Severity
from reviewer.mqm_proposal import proposed_annotation
from reviewer.review_session import NewAnnotation, PendingSave, ReviewSession
from reviewer.rules import Pack
from reviewer.rules.fixing import apply_safe_fixes, removes_line
from reviewer.search import Match, replaced
from reviewer.store import DecisionState


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
        self.proposed: dict[str, Severity] = {}
        """The severity the reviewer chose for a flag not confirmed yet, by flag id."""

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

    def fix_safe(self, packs: Sequence[Pack]) -> tuple[list[PendingSave], int]:
        """Every `fix: safe` rule's fix in every segment's current text, saved as one step
        (undo puts each segment back); the saves and how many fixes were made. An article
        with a source or reference keeps every line, as `reviewer fix` does."""
        session = self.session
        rules = safe_rules(packs, session.article)
        aligned = session.article.has_source or session.article.has_reference
        keep = (lambda text, edit: not removes_line(text, edit)) if aligned else None
        texts, count = {}, 0
        for index, text in session.texts().items():
            result = apply_safe_fixes(text, rules, keep)
            if result.text != text:
                texts[index], count = result.text, count + len(result.fixes)
        return self.put(texts, "fix all safe"), count

    # flags as proposed MQM annotations

    def next_severity(self, issue: Issue) -> Severity:
        """Propose the next severity for the flag (minor → major → critical → minor)."""
        current = self.proposed.get(issue.id, issue.severity)
        chosen = Severity(current % len(Severity) + 1)
        self.proposed[issue.id] = chosen
        return chosen

    def confirm(self, issue: Issue) -> Issue:
        """Record the flag as the reviewer's MQM annotation (its category and span, the
        severity they chose) and as accepted; the annotation stands in for the flag.
        Raises ValueError when the flag is not in its segment's text, ReviewerError when
        the store refuses."""
        assert issue.segment is not None, "only a segment's flags are annotations of it"
        current = self.session.text(issue.segment)
        segment = self.session.article.segments[issue.segment]
        as_edited = replace(segment, text=current, end=segment.start + len(current))
        proposal = proposed_annotation(issue, as_edited, self.proposed.get(issue.id, issue.severity))
        annotation = self.session.annotate(
            NewAnnotation(
                proposal.segment,
                proposal.category,
                proposal.severity,
                proposal.note,
                current[proposal.start : proposal.end],
                proposal.start,
            )
        )
        self.session.review.decide(issue, DecisionState.ACCEPTED, reviewer=self.session.reviewer)
        self.proposed.pop(issue.id, None)
        return annotation

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
