"""One article under review, without a user interface: what the terminal UI shows and records.

The TUI draws what this module computes and calls it for everything the reviewer does;
checking goes through `check_article`, scoring through `reviewer.scoring`, recording
through `reviewer.store`. Keeping the review here (and Textual out of it, which a test
enforces) means a script or a test can drive a whole review without a terminal.

Threads: `ReviewSession.open`, `.score`, `.record` and `.record_mt_issues` may run in
worker threads (they are pure, or talk only to the thread-safe store), as may the
checking and scoring in `reviewer.segment_checks`. Everything else changes a session's
state and is called from one thread, the UI's.

Time on a segment is counted as PET counts it: from when the reviewer lands on the
segment to when it is saved or confirmed, the editor's time included and time spent on
other segments (or away from the article) left out; several visits add up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reviewer.checkers import Checker
from reviewer.errors import ReviewerError
from reviewer.model import Article, Issue, Severity
from reviewer.mqm import CATEGORIES, Penalty, penalty
from reviewer.output import write_text
from reviewer.scoring import MetricScore, ScoringOptions
from reviewer.segment_checks import TextsChecked, check_segment, score_segment
from reviewer.store import (
    Annotation,
    DecisionRecord,
    DecisionState,
    EditConflict,
    EditRecord,
    Review,
    ReviewStore,
)

Clock = Callable[[], datetime]
MANUAL = "manual"  # the checker id of the reviewer's own MQM annotations


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class SegmentClock:
    """The time worked on a segment towards its next save: when work began (the first
    landing on it since its last save), the seconds counted so far, and since when the
    clock has been running (while the segment has the reviewer's focus)."""

    started: datetime | None = None
    seconds: float = 0.0
    running_since: datetime | None = None


@dataclass(frozen=True)
class PendingSave:
    """A save taken from the session, to be recorded (possibly in a worker thread)."""

    index: int
    text: str
    started: datetime
    saved: datetime
    seconds: float
    issues_after: tuple[Issue, ...] | None


@dataclass(frozen=True)
class NewAnnotation:
    """A manual MQM annotation as the reviewer entered it."""

    segment: int
    category: str
    severity: Severity
    note: str = ""
    text: str = ""  # the annotated words; empty means the whole segment
    start: int | None = None  # where `text` is in the segment (default: its first occurrence)

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown MQM category {self.category!r}")


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the article list."""

    article: Article
    words: int
    by_severity: dict[Severity, int]
    reviewed: int
    penalty: Penalty

    @property
    def progress(self) -> float:
        return self.reviewed / len(self.article.segments) if self.article.segments else 1.0


class ReviewSession:
    """One article's review: what the reviewer sees, and every change they record.

    Build it with `ReviewSession.open`, which resumes an earlier review of the same text:
    the latest saved text of each segment, dismissed flags, annotations, and the segment
    the reviewer last worked on.
    """

    def __init__(
        self,
        article: Article,
        reviewer: str,
        review: Review,
        clock: Clock = utc_now,
        scoring: ScoringOptions = ScoringOptions(),
    ) -> None:
        self.article = article
        self.reviewer = reviewer
        self.review = review
        self.clock = clock
        self.scoring = scoring
        records = review.segments()
        self.saved: dict[int, str] = {record.index: record.text for record in records}
        self.reviewed: set[int] = {record.index for record in records if record.edits}
        self.drafts: dict[int, str] = {}  # text typed and not saved yet, by segment
        self.clocks: dict[int, SegmentClock] = {s.index: SegmentClock() for s in article.segments}
        self.landed: int | None = None  # the segment whose clock runs
        self.issues: dict[int, list[Issue]] = {s.index: [] for s in article.segments}
        self.checked: dict[int, str] = {}  # the text each segment's issues were found in
        decisions = review.decisions()
        self.dismissed: set[str] = {i for i, d in decisions.items() if d.state == DecisionState.DISMISSED}
        annotations = review.annotations()
        self.annotations: list[Issue] = [self._annotation_issue(a) for a in annotations]
        self.focus = _last_worked_on(review.history(), decisions.values(), annotations)

    @classmethod
    def open(cls, store: ReviewStore, article: Article, reviewer: str, clock: Clock = utc_now) -> ReviewSession:
        """Start or resume the review of `article` in `store` (safe in a worker thread);
        live scores use the options the store scores saved edits with."""
        return cls(article, reviewer, store.open_review(article), clock, store.scoring)

    # reading

    def text(self, index: int) -> str:
        """What the reviewer sees in segment `index`: the draft, else the last saved text."""
        return self.drafts.get(index, self.saved[index])

    def texts(self) -> dict[int, str]:
        return {index: self.text(index) for index in self.saved}

    def visible(self, index: int) -> list[Issue]:
        """The segment's open flags and manual annotations, in text order; a flag
        confirmed as an annotation (same span and category) shows as the annotation."""
        annotations = [a for a in self.annotations if a.segment == index]
        annotated = {(a.start, a.end, a.category) for a in annotations}
        shown = [
            i
            for i in self.issues.get(index, [])
            if i.id not in self.dismissed and (i.start, i.end, i.category) not in annotated
        ]
        shown += annotations
        return sorted(shown, key=lambda i: (i.start, i.end, i.rule_id))

    def all_visible(self) -> list[Issue]:
        return [issue for segment in self.article.segments for issue in self.visible(segment.index)]

    def words(self) -> int:
        return sum(len(self.text(index).split()) for index in self.saved)

    def penalty(self) -> Penalty:
        return penalty(self.all_visible(), self.words())

    def edited_share(self) -> float:
        """The share of segments whose saved text differs from the MT."""
        segments = self.article.segments
        edited = sum(1 for s in segments if self.saved[s.index] != s.text)
        return edited / len(segments) if segments else 0.0

    def unsaved(self) -> list[int]:
        return sorted(i for i, text in self.drafts.items() if text != self.saved[i])

    def summary(self) -> ArticleSummary:
        by_severity = {severity: 0 for severity in Severity}
        for issue in self.all_visible():
            by_severity[issue.severity] += 1
        return ArticleSummary(self.article, self.words(), by_severity, len(self.reviewed), self.penalty())

    def post_edited_text(self) -> str:
        """The article's text with every saved segment in place of the MT, the text
        between segments (blank lines, bundle newlines) kept as it was."""
        article, parts, position = self.article, [], 0
        for segment in article.segments:
            parts.append(article.text[position : segment.start])
            parts.append(self.saved[segment.index])
            position = segment.end
        parts.append(article.text[position:])
        return "".join(parts)

    # checking results

    def set_issues(self, index: int, text: str, issues: Sequence[Issue]) -> bool:
        """Take a check's result for segment `index` unless the text changed meanwhile."""
        if text != self.text(index):
            return False
        self.issues[index] = list(issues)
        self.checked[index] = text
        return True

    def set_all_issues(self, texts: Mapping[int, str], checked: TextsChecked) -> list[int]:
        """Take a whole-article check; segments edited since it started keep their issues."""
        return [index for index, issues in checked.issues.items() if self.set_issues(index, texts[index], issues)]

    def score(self, index: int, text: str) -> dict[str, MetricScore]:
        """The scores a save of `text` in segment `index` would record (thread-safe)."""
        return score_segment(self.article.segments[index], text, self.scoring)

    def record_mt_issues(self, checked: TextsChecked) -> None:
        """Keep the issues found in the MT with the review (thread-safe)."""
        self.review.record_issues(checked.mt_issues)

    # time: the clock of the segment the reviewer is on runs

    def land(self, index: int) -> None:
        """The reviewer is now on segment `index`: its clock runs, the previous one stops."""
        if self.landed == index:
            return
        self.step_away()
        now = self.clock()
        clock = self.clocks[index]
        clock.running_since = now
        if clock.started is None:
            clock.started = now
        self.landed = index

    def step_away(self) -> None:
        """The reviewer left the article (or the app): no segment's clock runs."""
        if self.landed is not None:
            self._stop(self.clocks[self.landed])
        self.landed = None

    def _stop(self, clock: SegmentClock) -> None:
        if clock.running_since is not None:
            clock.seconds += max(0.0, (self.clock() - clock.running_since).total_seconds())
            clock.running_since = None

    # editing

    def type(self, index: int, text: str) -> None:
        """The segment's text is now `text` (typed, or a suggestion applied); typing it
        back to the saved text leaves nothing unsaved."""
        if text == self.saved[index]:
            self.drafts.pop(index, None)
        else:
            self.drafts[index] = text

    # saving: take (UI thread) -> record (any thread) -> finish (UI thread)

    def take_save(self, index: int) -> PendingSave:
        """The save of segment `index` as it stands (unchanged text confirms it), with the
        time worked on it since its last save. Its clock starts again from now, so time
        spent after this counts for the next save."""
        now = self.clock()
        clock = self.clocks[index]
        running = clock.running_since is not None
        self._stop(clock)
        text = self.text(index)
        rechecked = self.checked.get(index) == text
        pending = PendingSave(
            index,
            text,
            clock.started or now,
            now,
            round(clock.seconds, 3),
            tuple(self.issues[index]) if rechecked else None,
        )
        clock.started, clock.seconds = (now if running else None), 0.0
        clock.running_since = now if running else None
        return pending

    def record(self, pending: PendingSave, checkers: Sequence[Checker] = ()) -> EditRecord:
        """Write the save to the store (committed when this returns); thread-safe.

        With `checkers`, the saved text is checked with them first and its issues are
        recorded as the edit's issues after (a suggestion applied a moment ago has not
        been re-checked yet). The store refuses the save with `EditConflict` when the
        segment's saved text is no longer the one this session last knew (saves are
        recorded one at a time, each finished before the next, so that is the text
        loaded, or this session's own last save)."""
        issues = pending.issues_after
        if checkers:
            issues = tuple(check_segment(self.article, pending.index, pending.text, checkers))
        return self.review.record_edit(
            pending.index,
            pending.text,
            reviewer=self.reviewer,
            started_at=pending.started,
            saved_at=pending.saved,
            seconds=pending.seconds,
            issues_after=issues,
            based_on=self.saved[pending.index],
        )

    def finish_save(self, pending: PendingSave) -> None:
        """The save is recorded: it is now the segment's text."""
        self.saved[pending.index] = pending.text
        self.reviewed.add(pending.index)
        if self.drafts.get(pending.index) == pending.text:
            del self.drafts[pending.index]

    def failed_save(self, pending: PendingSave) -> None:
        """The save was not recorded: its text stays a draft (unless typed further) and
        its time goes back to the segment's clock."""
        self.type(pending.index, self.drafts.get(pending.index, pending.text))
        clock = self.clocks[pending.index]
        clock.seconds += pending.seconds
        clock.started = min(pending.started, clock.started or pending.started)

    def save(self, index: int) -> EditRecord:
        """Take, record and finish a save in one go, for a script driving a review."""
        pending = self.take_save(index)
        try:
            record = self.record(pending)
        except ReviewerError:
            self.failed_save(pending)
            raise
        self.finish_save(pending)
        return record

    # another reviewer saved the segment first: the reviewer chooses (after `failed_save`)

    def keep_mine(self, conflict: EditConflict) -> None:
        """Their text becomes the one this session's next save replaces (and records as
        its `before`); the reviewer's own text stays a draft, to be saved over it."""
        self.saved[conflict.segment] = conflict.theirs
        self.reviewed.add(conflict.segment)
        self.type(conflict.segment, self.text(conflict.segment))

    def take_theirs(self, conflict: EditConflict) -> None:
        """Drop the reviewer's draft: the segment shows the text the other reviewer saved."""
        self.saved[conflict.segment] = conflict.theirs
        self.reviewed.add(conflict.segment)
        self.drafts.pop(conflict.segment, None)

    # decisions and annotations

    def apply(self, issue: Issue, suggestion: str | None = None) -> str:
        """Replace the flagged text by `suggestion` (default: the issue's first) in the
        segment's current text, record the issue as accepted, and return the new text."""
        if not issue.suggestions or issue.segment is None:
            raise ValueError(f"{issue.rule_id} has no suggestion to apply")
        index = issue.segment
        start = issue.start - self.article.segments[index].start
        current = self.text(index)
        if current[start : start + len(issue.text)] != issue.text:
            raise ValueError(f"the flagged text {issue.text!r} is no longer there")
        chosen = issue.suggestions[0] if suggestion is None else suggestion
        text = current[:start] + chosen + current[start + len(issue.text) :]
        self.review.decide(issue, DecisionState.ACCEPTED, reviewer=self.reviewer)
        self.type(index, text)
        return text

    def dismiss(self, issue: Issue) -> None:
        """A false alarm: hidden now and whenever the article is reopened."""
        self.review.decide(issue, DecisionState.DISMISSED, reviewer=self.reviewer)
        self.dismissed.add(issue.id)

    def reopen(self, issue_ids: Iterable[str]) -> None:
        """Set flags back to open (a dismissal or an acceptance undone): recorded as a new
        decision, the earlier one stays in the history."""
        for issue_id in issue_ids:
            self.review.decide(issue_id, DecisionState.OPEN, reviewer=self.reviewer)
            self.dismissed.discard(issue_id)

    def dismissed_in(self, index: int) -> list[Issue]:
        """The segment's flags dismissed as false alarms (now or in an earlier visit)."""
        return [issue for issue in self.issues.get(index, []) if issue.id in self.dismissed]

    def annotate(self, new: NewAnnotation) -> Issue:
        """Record the reviewer's own MQM annotation; it counts in the penalty like a flag."""
        current = self.text(new.segment)
        start, end = None, None
        if new.text:
            placed = new.start is not None and current[new.start : new.start + len(new.text)] == new.text
            found = new.start if placed and new.start is not None else current.find(new.text)
            if found < 0:
                raise ValueError(f"{new.text!r} is not in segment {new.segment + 1}")
            start, end = found, found + len(new.text)
        annotation = self.review.annotate(
            new.segment,
            new.category,
            new.severity,
            reviewer=self.reviewer,
            start=start,
            end=end,
            note=new.note,
            in_text=current,
        )
        issue = self._annotation_issue(annotation)
        self.annotations.append(issue)
        return issue

    def _annotation_issue(self, annotation: Annotation) -> Issue:
        """An annotation as an issue of the segment's current text, so it is shown and
        counted like a flag; one whose words have moved is placed where they are now."""
        segment = self.article.segments[annotation.segment]
        current = self.text(segment.index)
        start, end = 0, len(current)
        if annotation.text:
            at = annotation.start
            if at is None or current[at : at + len(annotation.text)] != annotation.text:
                at = current.find(annotation.text)
            if at >= 0:
                start, end = at, at + len(annotation.text)
        line, column = self.article.line_column(segment.start)
        return Issue(
            checker=MANUAL,
            rule_id=f"MQM-{annotation.id}",
            category=annotation.category,
            severity=annotation.severity,
            message=annotation.note or "manual annotation",
            text=current[start:end],
            start=segment.start + start,
            end=segment.start + end,
            line=line,
            column=column,
            segment=segment.index,
        )

    def export(self, path: str | Path) -> Path:
        """Write the post-edited article (saved segments) to `path`, atomically."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(self.post_edited_text(), str(target))
        return target


def _last_worked_on(
    edits: Sequence[EditRecord], decisions: Iterable[DecisionRecord], annotations: Sequence[Annotation]
) -> int:
    """The segment of the reviewer's latest save, decision or annotation (0 if none)."""
    moments = [(e.saved_at, e.segment) for e in edits]
    moments += [(d.decided_at, d.segment) for d in decisions if d.segment is not None]
    moments += [(a.created_at, a.segment) for a in annotations]
    return max(moments)[1] if moments else 0


_UNSAFE_IN_NAME = re.compile(r"[^\w.@+-]+")


def default_export_path(article: Article) -> Path:
    """Where the export dialog proposes to write: the working directory, not beside the
    article, so that the next walk of the article's directory does not load it. One
    system's output of a test set gets a name of its own; characters a file name should
    not hold (separators, control characters) become `_`."""
    name = article.id if article.system is None else f"{article.id}@{article.system}"
    return Path(f"{_UNSAFE_IN_NAME.sub('_', name).lstrip('.') or 'article'}.post-edited.txt")
