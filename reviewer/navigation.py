"""Where the reviewer is in an article and what they choose to see, without a user interface.

The review screen keeps one `Navigator` per article: the focused segment and flag, the
filters (segments by status, flags by severity and category) and the search. Every key
that moves the focus asks it where to go, so that moving is plain Python, tested
without a terminal, and the screen only draws the answer.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from reviewer.model import Issue, Severity
from reviewer.review_session import ReviewSession
from reviewer.search import Match, find


class SegmentStatus(enum.StrEnum):
    """Where a segment stands: no save recorded yet, saved with changes, or confirmed
    as the MT left it."""

    UNCONFIRMED = "unconfirmed"
    EDITED = "edited"
    CONFIRMED = "confirmed"


def segment_status(session: ReviewSession, index: int) -> SegmentStatus:
    if index not in session.reviewed:
        return SegmentStatus.UNCONFIRMED
    if session.saved[index] != session.article.segments[index].text:
        return SegmentStatus.EDITED
    return SegmentStatus.CONFIRMED


@dataclass(frozen=True)
class SegmentState:
    """Everything a segment's view shows, worked out from the session and the focus."""

    text: str
    offset: int
    issues: tuple[Issue, ...]
    focused_flag: str | None
    saved: bool  # a save is recorded for it
    edited: bool  # the saved text differs from the MT
    unsaved: bool  # a draft differs from the saved text
    match: tuple[int, int] | None = None  # the search's current match, in the text
    source: str | None = None  # the source beside the MT, when the reviewer asked for it


def top_category(issue: Issue) -> str:
    """`Fluency` for `Fluency/Spelling`: the MQM dimension flags are filtered by."""
    return issue.category.split("/", 1)[0]


@dataclass(frozen=True)
class Filters:
    """What the reviewer chose to see; None shows everything."""

    status: SegmentStatus | None = None
    """Only segments in this state (the focused one always shows)."""

    severity: Severity | None = None
    """Only flags at least this severe."""

    category: str | None = None
    """Only flags of this MQM dimension (`Accuracy`, `Fluency`, ...)."""

    def admits(self, issue: Issue) -> bool:
        if self.severity is not None and issue.severity < self.severity:
            return False
        return self.category is None or top_category(issue) == self.category

    def describe(self) -> str:
        """`unconfirmed segments · major+ flags · Fluency`, or "" when nothing is filtered."""
        parts = []
        if self.status is not None:
            parts.append(f"{self.status} segments")
        if self.severity is not None:
            parts.append(f"{self.severity.label}{'+' if self.severity < Severity.CRITICAL else ''} flags")
        if self.category is not None:
            parts.append(f"{self.category} flags")
        return " · ".join(parts)


class Navigator:
    """The focus (segment and flag), the filters and the search over one article's review."""

    def __init__(self, session: ReviewSession, proposed: Mapping[str, Severity] | None = None) -> None:
        self.session = session
        self.proposed: Mapping[str, Severity] = proposed if proposed is not None else {}
        """The severity the reviewer proposes for a flag (before confirming it), by id."""
        self.beside = False
        """Whether each segment shows its source beside the MT."""
        self.filters = Filters()
        self.index = session.focus
        self.flag: str | None = self.first_flag(self.index)
        self.query = ""
        self.match: Match | None = None

    @property
    def count(self) -> int:
        return len(self.session.article.segments)

    # what is shown

    def flags(self, index: int) -> list[Issue]:
        """The segment's open flags and annotations that the filters let through."""
        proposed = self.proposed
        return [
            replace(issue, severity=proposed[issue.id]) if issue.id in proposed else issue
            for issue in self.session.visible(index)
            if self.filters.admits(issue)
        ]

    def all_flags(self) -> list[Issue]:
        return [issue for index in range(self.count) for issue in self.flags(index)]

    def status(self, index: int) -> SegmentStatus:
        return segment_status(self.session, index)

    def shown(self, index: int) -> bool:
        """Whether segment `index` is listed: it passes the status filter, or has the focus."""
        wanted = self.filters.status
        return wanted is None or index == self.index or self.status(index) == wanted

    def state(self, index: int) -> SegmentState:
        """What segment `index`'s view shows now."""
        session, match = self.session, self.match
        segment = session.article.segments[index]
        saved = session.saved[index]
        return SegmentState(
            text=session.text(index),
            offset=segment.start,
            issues=tuple(self.flags(index)),
            focused_flag=self.flag if index == self.index else None,
            saved=index in session.reviewed,
            edited=saved != segment.text,
            unsaved=session.drafts.get(index, saved) != saved,
            match=(match.start, match.end) if match is not None and match.segment == index else None,
            source=segment.source if self.beside else None,
        )

    def note(self) -> str:
        """The status line: unsaved segments and what the filters hide."""
        unsaved = self.session.unsaved()
        notes = [f"● unsaved: {', '.join(str(i + 1) for i in unsaved)}" if unsaved else ""]
        notes.append(f"showing {filtered}" if (filtered := self.filters.describe()) else "")
        return "   ".join(note for note in notes if note)

    def categories(self) -> list[str]:
        """The MQM dimensions of the article's flags, for the category filter."""
        return sorted({top_category(issue) for issue in self.session.all_visible()})

    def first_flag(self, index: int) -> str | None:
        flags = self.flags(index)
        return flags[0].id if flags else None

    def focused_issue(self) -> Issue | None:
        return next((issue for issue in self.flags(self.index) if issue.id == self.flag), None)

    # moving

    def go(self, index: int, flag: str | None = None) -> None:
        """Focus segment `index` and its flag `flag` (default: its first)."""
        if not 0 <= index < self.count:
            raise ValueError(f"no segment {index + 1}: the article has {self.count}")
        self.index = index
        self.flag = flag if flag is not None else self.first_flag(index)

    def segment(self, step: int) -> int | None:
        """The next (step 1) or previous (-1) listed segment, None at the end."""
        return next(self._listed(self.index + step, step), None)

    def unconfirmed(self, step: int, wrap: bool = False) -> int | None:
        """The next (or previous) segment with no save yet; with `wrap`, from the other
        end of the article once this end is reached."""
        order = list(self._around(step)) if wrap else list(self._listed(self.index + step, step))
        return next((i for i in order if self.status(i) == SegmentStatus.UNCONFIRMED), None)

    def step_flag(self, step: int) -> Issue | str:
        """The next (or previous) flag in the article that the filters let through, or
        why there is none."""
        flags = self.all_flags()
        if not flags:
            return "No flags in this article." if not self.filters.describe() else "No flags pass the filter."
        ids = [flag.id for flag in flags]
        if self.flag in ids:
            position = ids.index(self.flag) + step
        else:  # from the focused segment: the first flag after it, or the last before it
            after = [n for n, f in enumerate(flags) if (f.segment or 0) >= self.index]
            before = [n for n, f in enumerate(flags) if (f.segment or 0) < self.index]
            position = (after[0] if after else len(flags)) if step > 0 else (before[-1] if before else -1)
        if not 0 <= position < len(flags):
            return "No more flags that way." if self.flag in ids else "No flags that way."
        return flags[position]

    def keep_flag(self) -> None:
        """After the segment's flags changed: keep the focused flag if it is still there."""
        if self.flag not in {issue.id for issue in self.flags(self.index)}:
            self.flag = self.first_flag(self.index)

    def flag_after(self, gone: Issue) -> str | None:
        """The flag to focus once `gone` is applied or dismissed: the next one in the segment."""
        flags = self.flags(self.index)
        after = [issue for issue in flags if (issue.start, issue.end) >= (gone.start, gone.end)]
        candidates = after or flags
        return candidates[0].id if candidates else None

    def filter(self, filters: Filters) -> None:
        self.filters = filters
        self.keep_flag()

    def like(self, issue: Issue) -> list[Issue]:
        """Every open flag in the article "like" `issue`: the same rule on the same words."""
        return [
            other
            for other in self.session.all_visible()
            if other.rule_id == issue.rule_id and other.checker == issue.checker and other.text == issue.text
        ]

    # search

    def search(self, query: str) -> list[Match]:
        """Start a search; the matches in the article's current text, in order."""
        self.query, self.match = query, None
        return find(self.session.texts(), query)

    def step_match(self, step: int, cursor: int = 0) -> Match | None:
        """The next (or previous) match of the search from the current one (or from the
        focused segment's `cursor`), wrapping around the article; None without matches."""
        matches = find(self.session.texts(), self.query)
        if not matches:
            self.match = None
            return None
        here = (self.match.segment, self.match.start) if self.match else (self.index, cursor - (step > 0))
        if step > 0:
            ahead = [m for m in matches if (m.segment, m.start) > here]
            self.match = ahead[0] if ahead else matches[0]
        else:
            behind = [m for m in matches if (m.segment, m.start) < here]
            self.match = behind[-1] if behind else matches[-1]
        self.go(self.match.segment, self.flag if self.match.segment == self.index else None)
        return self.match

    def segment_number(self, typed: str) -> int:
        """The index of the segment numbered `typed` (from 1, as on screen)."""
        try:
            number = int(typed.strip())
        except ValueError:
            raise ValueError(f"{typed.strip()!r} is not a segment number") from None
        if not 1 <= number <= self.count:
            raise ValueError(f"no segment {number}: the article has segments 1 to {self.count}")
        return number - 1

    # helpers

    def _listed(self, start: int, step: int) -> Iterator[int]:
        index = start
        while 0 <= index < self.count:
            if self.shown(index):
                yield index
            index += step

    def _around(self, step: int) -> Iterator[int]:
        """Every other segment, from the focused one onwards in `step`'s direction, wrapping."""
        for offset in range(1, self.count):
            yield (self.index + step * offset) % self.count
