"""What the store hands back: plain, frozen records; times are aware datetimes in UTC."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime

from reviewer.errors import ReviewerError
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
    """A segment's review as `reviewer export` writes it: the latest edit (None when the
    segment has decisions or annotations but was never saved) and its context.
    `reviewer` is who saved the latest edit, else who last decided or annotated."""

    path: str
    article_id: str
    system: str | None
    content_hash: str
    segment: int
    mt: str
    source: str | None
    reference: str | None
    latest: EditRecord | None
    edits: int
    reviewer: str
    issues_before: tuple[str, ...]
    decisions: dict[str, DecisionState]
    annotations: tuple[Annotation, ...]

    @property
    def text(self) -> str:
        """The segment's text now: the latest edit's, else the MT."""
        return self.latest.after if self.latest is not None else self.mt


@dataclass(frozen=True)
class Claim:
    """A reviewer's claim on segments `first_segment`..`last_segment` (inclusive) of an
    article: others' saves there are refused until it expires or is released. It
    lapses at `expires_at` unless renewed, so an abandoned claim frees itself."""

    id: int
    article_key: int
    path: str
    article_id: str
    first_segment: int
    last_segment: int
    reviewer: str
    claimed_at: datetime
    expires_at: datetime

    def covers(self, segment: int) -> bool:
        return self.first_segment <= segment <= self.last_segment

    @property
    def segments(self) -> range:
        return range(self.first_segment, self.last_segment + 1)


class ClaimConflict(ReviewerError):
    """A claim or a save refused because another reviewer holds a claim in force on
    (some of) those segments. Nothing was recorded."""

    def __init__(self, held: Claim) -> None:
        self.held = held
        first, last = held.first_segment + 1, held.last_segment + 1
        which = f"segment {first} is" if first == last else f"segments {first}-{last} are"
        super().__init__(f"{held.path}: {which} claimed by {held.reviewer} until {held.expires_at:%H:%M:%S} UTC")


class EditConflict(ReviewerError):
    """A save refused because the segment's saved text is no longer the one the saver
    based the edit on: another reviewer (or another window) saved it meanwhile. Nothing
    was recorded; the caller shows both texts and lets the reviewer choose."""

    def __init__(
        self,
        path: str,
        segment: int,
        mine: str,
        based_on: str,
        theirs: str,
        their_reviewer: str | None,
        their_saved_at: datetime | None,
    ) -> None:
        self.path = path
        self.segment = segment
        self.mine = mine
        self.based_on = based_on
        self.theirs = theirs
        self.their_reviewer = their_reviewer
        self.their_saved_at = their_saved_at
        who = their_reviewer or "someone"
        when = f" at {their_saved_at:%H:%M:%S} UTC" if their_saved_at else ""
        super().__init__(
            f"{path}: segment {segment + 1} was saved by {who}{when} after you opened it; your edit was not saved"
        )


def to_timestamp(moment: datetime) -> str:
    """ISO-8601 in UTC, to the millisecond; naive datetimes are refused rather than guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"timestamp {moment.isoformat()} has no timezone; use datetime.now(timezone.utc)")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def from_timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def utc_now() -> datetime:
    return datetime.now(UTC)
