"""A review of one article: the handle the terminal UI holds while a reviewer works."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from reviewer.model import Issue, Severity
from reviewer.scoring import score_edit
from reviewer.store import claims as claiming
from reviewer.store import queries
from reviewer.store.claims import CLAIM_TTL
from reviewer.store.database import ARTICLE_LOCK_KIND
from reviewer.store.records import (
    Annotation,
    Claim,
    DecisionRecord,
    DecisionState,
    EditConflict,
    EditRecord,
    SegmentRecord,
    from_timestamp,
    to_timestamp,
    utc_now,
)

if TYPE_CHECKING:
    from reviewer.store.database import Database
    from reviewer.store.store import ReviewStore


class Review:
    """Saves and reads one article's review. Every `record_*`, `decide` and `annotate`
    call is committed before it returns. Get one from `ReviewStore.open_review`."""

    def __init__(
        self,
        store: ReviewStore,
        key: int,
        path: str,
        article_id: str,
        content_hash: str,
        resumed: bool,
        segments: Sequence[tuple[int, str, str | None, str | None]],
    ) -> None:
        self._store = store
        self.article_key = key
        """The article's key in the store: two handles with the same key are one review."""
        self.path = path
        self.article_id = article_id
        self.content_hash = content_hash
        self.resumed = resumed
        """True when this text was reviewed before and its edits and decisions were found."""
        self._segments = {index: (mt, source, reference) for index, mt, source, reference in segments}

    @contextmanager
    def _writing(self) -> Iterator[Database]:
        """A write transaction that writers of the same article wait for (so a save
        checks for conflicts and claims against what is really there)."""
        with self._store.writing((ARTICLE_LOCK_KIND, self.article_key)) as db:
            yield db

    def _segment(self, index: int) -> tuple[str, str | None, str | None]:
        try:
            return self._segments[index]
        except KeyError:
            raise ValueError(f"{self.path}: article {self.article_id!r} has no segment {index}") from None

    def segments(self) -> list[SegmentRecord]:
        """Each segment's MT, source, reference, its text after the latest edit, and how
        many edits it has had."""
        with self._store.reading() as db:
            latest = {
                segment: (after, count)
                for segment, after, count in db.execute(
                    """SELECT segment, after, edit_count FROM edits JOIN (
                           SELECT max(id) AS latest_id, count(*) AS edit_count FROM edits WHERE article = ?
                           GROUP BY segment
                       ) AS latest ON id = latest_id""",
                    (self.article_key,),
                )
            }
        return [
            SegmentRecord(index, mt, source, reference, *latest.get(index, (mt, 0)))
            for index, (mt, source, reference) in sorted(self._segments.items())
        ]

    def record_issues(self, issues: Iterable[Issue]) -> None:
        """Add issues found in the MT as loaded (already recorded ones are kept)."""
        with self._writing() as db:
            queries.insert_issues(db, self.article_key, issues, None, to_timestamp(utc_now()))

    def record_edit(
        self,
        segment: int,
        after: str,
        *,
        reviewer: str,
        started_at: datetime,
        saved_at: datetime | None = None,
        seconds: float | None = None,
        issues_after: Iterable[Issue] | None = None,
        based_on: str | None = None,
    ) -> EditRecord:
        """Save a post-edit of `segment` and its scores against the original MT (HTER,
        chrF, BLEU) and, when the segment has one, against the reference.

        `seconds` is the time spent (default: `saved_at - started_at`); `issues_after`
        are the issues found when the edited text was re-checked, if it was.
        `based_on` is the segment's text as the caller last knew it saved: when the store
        holds another text by then (someone else saved meanwhile), nothing is recorded
        and `EditConflict` is raised. Without it the edit is recorded over whatever is
        there (its `before` says what that was). A save into a segment another reviewer
        has claimed (a claim in force at `saved_at`) is refused with `ClaimConflict`.
        """
        mt, _, reference = self._segment(segment)
        saved = saved_at or utc_now()
        started_text, saved_text = to_timestamp(started_at), to_timestamp(saved)
        spent = round((saved - started_at).total_seconds() if seconds is None else seconds, 3)
        if spent < 0:
            raise ValueError(f"edit of segment {segment}: saved {spent:.1f} s before it was started")
        scores = score_edit(mt, after, reference, self._store.scoring)
        rechecked = issues_after is not None
        with self._writing() as db:
            claiming.check_free(db, self.article_key, segment, segment, reviewer, saved_text)
            latest = self._latest_edit(db, segment)
            before = latest[0] if latest else mt
            if based_on is not None and before != based_on:
                raise EditConflict(
                    self.path,
                    segment,
                    after,
                    based_on,
                    before,
                    latest[1] if latest else None,
                    from_timestamp(latest[2]) if latest else None,
                )
            edit = db.insert(
                """INSERT INTO edits (article, segment, before, after, reviewer, started_at, saved_at, seconds,
                                      rechecked)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                (self.article_key, segment, before, after, reviewer, started_text, saved_text, spent, int(rechecked)),
            )
            db.executemany(
                "INSERT INTO edit_scores (edit, metric, score, signature) VALUES (?, ?, ?, ?)",
                [(edit, name, score.score, score.signature) for name, score in scores.items()],
            )
            if issues_after is not None:
                queries.insert_issues(db, self.article_key, issues_after, edit, saved_text)
            return queries.edit_records(db, "id = ?", (edit,))[0]

    def decide(
        self, issue: Issue | str, state: DecisionState | str, *, reviewer: str, at: datetime | None = None
    ) -> DecisionRecord:
        """Record a verdict on an issue, keyed by its stable id so that it still applies
        when the article is reopened. The latest decision on an issue is the one in force."""
        issue_id = issue if isinstance(issue, str) else issue.id
        verdict = DecisionState(state)
        decided = to_timestamp(at or utc_now())
        with self._writing() as db:
            if isinstance(issue, Issue):
                segment = issue.segment
            else:
                row = db.execute(
                    "SELECT segment FROM issues WHERE article = ? AND issue_id = ? ORDER BY id LIMIT 1",
                    (self.article_key, issue_id),
                ).fetchone()
                segment = row[0] if row else None
            db.execute(
                """INSERT INTO decisions (article, issue_id, segment, state, reviewer, decided_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (self.article_key, issue_id, segment, verdict.value, reviewer, decided),
            )
            return queries.decisions(db, self.article_key)[issue_id]

    def decisions(self) -> dict[str, DecisionRecord]:
        """The decision in force on each issue that has one, by issue id."""
        with self._store.reading() as db:
            return queries.decisions(db, self.article_key)

    def annotate(
        self,
        segment: int,
        category: str,
        severity: Severity,
        *,
        reviewer: str,
        start: int | None = None,
        end: int | None = None,
        note: str = "",
        at: datetime | None = None,
        in_text: str | None = None,
    ) -> Annotation:
        """Add a manual MQM annotation to `segment`: a span `[start, end)` of its text, or
        the whole segment when no span is given (an omission, say). The span is in
        `in_text` when given (the text the reviewer sees, an unsaved draft perhaps), else
        in the segment's latest saved text."""
        self._segment(segment)
        text = None
        if (start is None) != (end is None):
            raise ValueError("an annotation span needs both start and end")
        created = to_timestamp(at or utc_now())
        with self._writing() as db:
            if start is not None and end is not None:
                current = self._current_text(db, segment) if in_text is None else in_text
                if not 0 <= start < end <= len(current):
                    raise ValueError(f"span {start}-{end} is outside segment {segment} ({len(current)} characters)")
                text = current[start:end]
            annotation_id = db.insert(
                """INSERT INTO annotations (article, segment, start_offset, end_offset, text, category, severity,
                                            note, reviewer, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                (self.article_key, segment, start, end, text, category, severity.label, note, reviewer, created),
            )
            return next(a for a in queries.annotations_of(db, self.article_key, segment) if a.id == annotation_id)

    def annotations(self, segment: int | None = None) -> list[Annotation]:
        with self._store.reading() as db:
            return queries.annotations_of(db, self.article_key, segment)

    def history(self, segment: int | None = None) -> list[EditRecord]:
        """Saved edits, oldest first: all of the article's, or one segment's."""
        where, params = "article = ?", (self.article_key,)  # type: tuple[str, tuple[int, ...]]
        if segment is not None:
            where, params = "article = ? AND segment = ?", (self.article_key, segment)
        with self._store.reading() as db:
            return queries.edit_records(db, where, params)

    def claim(
        self, reviewer: str, segments: range | None = None, *, ttl: timedelta = CLAIM_TTL, at: datetime | None = None
    ) -> Claim:
        """Claim the article (or a range of its segments) for `reviewer` until `ttl`
        from now (`at`): others' saves there are refused meanwhile. Claiming again
        renews; `renew_claims` is the heartbeat. Raises `ClaimConflict` naming who holds
        an overlapping claim in force."""
        first, last = (0, max(self._segments)) if segments is None else (segments.start, segments.stop - 1)
        if segments is not None and (segments.step != 1 or not 0 <= first <= last):
            raise ValueError(f"{self.path}: cannot claim segments {segments}")
        for index in (first, last):
            self._segment(index)
        now = at or utc_now()
        with self._writing() as db:
            return claiming.take(
                db, self.article_key, first, last, reviewer, to_timestamp(now), to_timestamp(now + ttl)
            )

    def renew_claims(self, reviewer: str, *, ttl: timedelta = CLAIM_TTL, at: datetime | None = None) -> list[Claim]:
        """Extend the reviewer's claims still in force on this article to `ttl` from now;
        the claims renewed (none: they lapsed, claim again)."""
        now = at or utc_now()
        with self._writing() as db:
            return claiming.renew(db, self.article_key, reviewer, to_timestamp(now), to_timestamp(now + ttl))

    def release_claims(self, reviewer: str) -> None:
        """Give up the reviewer's claims on this article (on closing it)."""
        with self._writing() as db:
            claiming.release(db, self.article_key, reviewer)

    def claims(self, at: datetime | None = None) -> list[Claim]:
        """The claims in force on this article."""
        with self._store.reading() as db:
            return claiming.live_claims(db, to_timestamp(at or utc_now()), self.article_key)

    def _latest_edit(self, db: Database, segment: int) -> tuple[str, str, str] | None:
        """The segment's latest saved text, who saved it and when; None before any save."""
        row = db.execute(
            "SELECT after, reviewer, saved_at FROM edits WHERE article = ? AND segment = ? ORDER BY id DESC LIMIT 1",
            (self.article_key, segment),
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def _current_text(self, db: Database, segment: int) -> str:
        latest = self._latest_edit(db, segment)
        return latest[0] if latest else self._segments[segment][0]
