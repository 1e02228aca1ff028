"""What the store hands back: plain, frozen records; times are aware datetimes in UTC."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime

from reviewer.model import Severity
from reviewer.scoring import MetricScore


class DecisionState(enum.StrEnum):
    """A reviewer's verdict on a flagged issue: still open, accepted (a real error,
    usually fixed by an edit), or dismissed (a false alarm)."""

    OPEN = "open"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class SegmentRecord:
    """A segment as loaded (its MT, source and reference) and its text now."""

    index: int
    mt: str
    source: str | None
    reference: str | None
    text: str
    edits: int


@dataclass(frozen=True)
class EditRecord:
    """One saved edit of a segment, with the scores computed for it when it was saved.

    `issues_after` are the ids of issues found in the edited text, or None when the
    edit was not re-checked.
    """

    id: int
    segment: int
    before: str
    after: str
    reviewer: str
    started_at: datetime
    saved_at: datetime
    seconds: float
    scores: dict[str, MetricScore]
    issues_after: tuple[str, ...] | None


@dataclass(frozen=True)
class DecisionRecord:
    issue_id: str
    segment: int | None
    state: DecisionState
    reviewer: str
    decided_at: datetime


@dataclass(frozen=True)
class Annotation:
    """A manual MQM annotation; `start`/`end` are code-point offsets into the segment's
    text as it was when annotated (`text` is the span), or None for the whole segment
    (e.g. an omission)."""

    id: int
    segment: int
    start: int | None
    end: int | None
    text: str | None
    category: str
    severity: Severity
    note: str
    reviewer: str
    created_at: datetime


@dataclass(frozen=True)
class ReviewedSegment:
    """A segment's review as `reviewer export` writes it: the latest edit and context."""

    path: str
    article_id: str
    content_hash: str
    segment: int
    mt: str
    source: str | None
    reference: str | None
    latest: EditRecord
    edits: int
    issues_before: tuple[str, ...]
    decisions: dict[str, DecisionState]
    annotations: tuple[Annotation, ...]


def to_timestamp(moment: datetime) -> str:
    """ISO-8601 in UTC, to the millisecond; naive datetimes are refused rather than guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"timestamp {moment.isoformat()} has no timezone; use datetime.now(timezone.utc)")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def from_timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def utc_now() -> datetime:
    return datetime.now(UTC)
