"""Reading the store back into records; every function runs inside a caller's transaction."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reviewer.model import Issue, Severity
from reviewer.scoring import MetricScore
from reviewer.store.records import (
    Annotation,
    DecisionRecord,
    DecisionState,
    EditRecord,
    ReviewedSegment,
    from_timestamp,
)

if TYPE_CHECKING:
    from reviewer.store.database import Database


def insert_issues(
    connection: Database, article: int, issues: Iterable[Issue], edit: int | None, recorded_at: str
) -> None:
    """Record issues found in the MT (`edit` None) or in an edit's text; an issue already
    recorded for the same text is kept as it is (ids are stable across runs)."""
    connection.executemany(
        """INSERT INTO issues (article, edit, issue_id, checker, rule_id, category, severity,
               message, text, start_offset, end_offset, line, col, segment, suggestions, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING""",
        [
            (
                article,
                edit,
                issue.id,
                issue.checker,
                issue.rule_id,
                issue.category,
                issue.severity.label,
                issue.message,
                issue.text,
                issue.start,
                issue.end,
                issue.line,
                issue.column,
                issue.segment,
                json.dumps(list(issue.suggestions), ensure_ascii=False),
                recorded_at,
            )
            for issue in issues
        ],
    )


def edit_records(connection: Database, where: str, params: tuple) -> list[EditRecord]:
    """Edits matching `where` (over the `edits` table), oldest first, with their scores."""
    rows = connection.execute(
        f"""SELECT id, segment, before, after, reviewer, started_at, saved_at, seconds, rechecked
            FROM edits WHERE {where} ORDER BY id""",
        params,
    ).fetchall()
    if not rows:
        return []
    # The edits again as a subquery, not as a list of ids: an export of many thousand
    # edits would pass the databases' limits on parameters.
    scores: dict[int, dict[str, MetricScore]] = defaultdict(dict)
    for edit, metric, score, signature in connection.execute(
        f"SELECT edit, metric, score, signature FROM edit_scores WHERE edit IN (SELECT id FROM edits WHERE {where})",
        params,
    ):
        scores[edit][metric] = MetricScore(score, signature)
    found: dict[int, list[str]] = defaultdict(list)
    for edit, issue_id in connection.execute(
        f"""SELECT edit, issue_id FROM issues WHERE edit IN (SELECT id FROM edits WHERE {where})
            ORDER BY start_offset, issue_id""",
        params,
    ):
        found[edit].append(issue_id)
    return [
        EditRecord(
            id=id_,
            segment=segment,
            before=before,
            after=after,
            reviewer=reviewer,
            started_at=from_timestamp(started),
            saved_at=from_timestamp(saved),
            seconds=seconds,
            scores=scores[id_],
            issues_after=tuple(found[id_]) if rechecked else None,
        )
        for id_, segment, before, after, reviewer, started, saved, seconds, rechecked in rows
    ]


def decisions(connection: Database, article: int) -> dict[str, DecisionRecord]:
    """The latest decision on each issue of the article."""
    latest: dict[str, DecisionRecord] = {}
    for issue_id, segment, state, reviewer, decided_at in connection.execute(
        "SELECT issue_id, segment, state, reviewer, decided_at FROM decisions WHERE article = ? ORDER BY id",
        (article,),
    ):
        latest[issue_id] = DecisionRecord(issue_id, segment, DecisionState(state), reviewer, from_timestamp(decided_at))
    return latest


def annotations_of(connection: Database, article: int, segment: int | None = None) -> list[Annotation]:
    query = """SELECT id, segment, start_offset, end_offset, text, category, severity, note, reviewer, created_at
               FROM annotations WHERE article = ?"""
    params: tuple = (article,)
    if segment is not None:
        query += " AND segment = ?"
        params += (segment,)
    return [
        Annotation(
            id_, seg, start, end, text, category, Severity.parse(severity), note, reviewer, from_timestamp(created)
        )
        for id_, seg, start, end, text, category, severity, note, reviewer, created in connection.execute(
            query + " ORDER BY id", params
        )
    ]


def reviewed_segments(connection: Database) -> list[ReviewedSegment]:
    """Every segment with a saved edit, a decision or an annotation, in article and
    segment order: a dismissal or an annotation is part of the review even when the
    segment was never edited."""
    rows = connection.execute(
        """WITH touched (article, segment) AS (
               SELECT article, segment FROM edits
               UNION SELECT article, segment FROM decisions WHERE segment IS NOT NULL
               UNION SELECT article, segment FROM annotations)
           SELECT a.id, a.path, a.article_id, a.system, a.content_hash, s.idx, s.mt, s.source, s.reference,
                  (SELECT max(e.id) FROM edits e WHERE e.article = t.article AND e.segment = t.segment),
                  (SELECT count(*) FROM edits e WHERE e.article = t.article AND e.segment = t.segment)
           FROM touched t
           JOIN articles a ON a.id = t.article
           JOIN segments s ON s.article = t.article AND s.idx = t.segment"""
    ).fetchall()
    # Sorted here, not in SQL: databases order text by their collation and put NULLs
    # first or last as they please; Python orders by code point, as SQLite does.
    rows.sort(key=lambda row: (row[1], row[2], row[3] is not None, row[3] or "", row[0], row[5]))
    latest = {
        record.id: record
        for record in edit_records(connection, "id IN (SELECT max(id) FROM edits GROUP BY article, segment)", ())
    }
    before: dict[tuple[int, int], list[str]] = defaultdict(list)
    for article, segment, issue_id in connection.execute(
        "SELECT article, segment, issue_id FROM issues WHERE edit IS NULL ORDER BY start_offset, issue_id"
    ):
        before[(article, segment)].append(issue_id)
    by_article_decisions: dict[int, dict[str, DecisionRecord]] = {}
    by_article_annotations: dict[int, list[Annotation]] = {}
    result = []
    for article, path, article_id, system, content_hash, index, mt, source, reference, edit_id, count in rows:
        if article not in by_article_decisions:
            by_article_decisions[article] = decisions(connection, article)
            by_article_annotations[article] = annotations_of(connection, article)
        segment_decisions = [d for d in by_article_decisions[article].values() if d.segment == index]
        segment_annotations = tuple(a for a in by_article_annotations[article] if a.segment == index)
        edit = latest.get(edit_id) if edit_id is not None else None
        result.append(
            ReviewedSegment(
                path=path,
                article_id=article_id,
                system=system,
                content_hash=content_hash,
                segment=index,
                mt=mt,
                source=source,
                reference=reference,
                latest=edit,
                edits=count,
                reviewer=edit.reviewer if edit else _last_to_decide(segment_decisions, segment_annotations),
                issues_before=tuple(before[(article, index)]),
                decisions={record.issue_id: record.state for record in segment_decisions},
                annotations=segment_annotations,
            )
        )
    return result


def _last_to_decide(decided: Sequence[DecisionRecord], annotated: Sequence[Annotation]) -> str:
    """Who last decided on a flag or annotated the segment ("" if a later decision moved
    the segment's only flag elsewhere)."""
    moments = [(d.decided_at, d.reviewer) for d in decided] + [(a.created_at, a.reviewer) for a in annotated]
    return max(moments)[1] if moments else ""
