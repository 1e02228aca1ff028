"""The flags raised on reviewed text and what the record says became of them: the query
behind `reviewer rules stats` (kept apart from the export's queries it does not share)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewer.store.records import DecisionState

if TYPE_CHECKING:
    from reviewer.store.store import ReviewStore


@dataclass(frozen=True)
class RecordedFlag:
    """An issue found in the MT of a segment, with offsets into the segment's MT, the
    segment's latest saved text (None if never saved or confirmed) and the decision in
    force on the issue (None if none)."""

    path: str
    article_id: str
    system: str | None
    segment: int
    checker: str
    rule_id: str
    text: str
    start: int
    end: int
    mt: str
    saved: str | None
    decision: DecisionState | None


def recorded_flags(store: ReviewStore) -> list[RecordedFlag]:
    """Every MT issue recorded in a segment, in article and text order."""
    with store.reading() as db:
        rows = db.execute(
            """SELECT a.path, a.article_id, a.system, i.segment, i.checker, i.rule_id, i.text,
                      i.start_offset - s.start_offset, i.end_offset - s.start_offset, s.mt,
                      (SELECT e.after FROM edits e WHERE e.article = i.article AND e.segment = i.segment
                       ORDER BY e.id DESC LIMIT 1),
                      (SELECT d.state FROM decisions d WHERE d.article = i.article AND d.issue_id = i.issue_id
                       ORDER BY d.id DESC LIMIT 1)
               FROM issues i
               JOIN articles a ON a.id = i.article
               JOIN segments s ON s.article = i.article AND s.idx = i.segment
               WHERE i.edit IS NULL
               ORDER BY a.path, a.article_id, a.id, i.start_offset, i.rule_id"""
        ).fetchall()
    return [
        RecordedFlag(
            path,
            article_id,
            system,
            segment,
            checker,
            rule_id,
            text,
            start,
            end,
            mt,
            saved,
            None if state is None else DecisionState(state),
        )
        for path, article_id, system, segment, checker, rule_id, text, start, end, mt, saved, state in rows
    ]
