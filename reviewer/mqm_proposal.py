"""A flag as the MQM annotation it proposes: what the review screen's one-key
confirmation records (UI-free, so the TUI and scripts call the same function)."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.model import Issue, Segment, Severity
from reviewer.mqm import Penalty, penalty
from reviewer.review_session import ReviewSession


@dataclass(frozen=True)
class ProposedAnnotation:
    """An annotation ready for `Review.annotate`: span offsets into the segment's text."""

    segment: int
    start: int
    end: int
    category: str
    severity: Severity
    note: str


def proposed_annotation(issue: Issue, segment: Segment, severity: Severity | None = None) -> ProposedAnnotation:
    """The flag's category, severity (or the reviewer's, when they change it) and span,
    relative to `segment`; the note names the rule so the annotation's origin is kept."""
    if issue.segment != segment.index or not segment.start <= issue.start <= issue.end <= segment.end:
        raise ValueError(f"{issue.rule_id} at {issue.start}-{issue.end} is not in segment {segment.index}")
    return ProposedAnnotation(
        segment=segment.index,
        start=issue.start - segment.start,
        end=issue.end - segment.start,
        category=issue.category,
        severity=severity or issue.severity,
        note=f"{issue.checker}:{issue.rule_id}: {issue.message}",
    )


def automatic_penalty(session: ReviewSession) -> Penalty:
    """The article's MQM penalty from every flag the checkers raised, whatever the
    reviewer decided on them."""
    return penalty([issue for issues in session.issues.values() for issue in issues], session.words())


def confirmed_penalty(session: ReviewSession) -> Penalty:
    """The article's MQM penalty from the reviewer's annotations only (confirmed flags
    and manual annotations)."""
    return penalty(session.annotations, session.words())
