"""`reviewer export` records: one per reviewed segment (its latest edit, decisions and
annotations), flat enough for a spreadsheet (CSV) and complete enough for analysis (JSONL).

Segments are numbered for people from 1 (`segment_number`, as the review screen shows
them) and indexed for programs from 0 (`segment`, as the database and `reviewer check`
reports index them)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from reviewer.mqm import DEFAULT_WEIGHTS
from reviewer.store import DecisionState, ReviewedSegment

FORMATS: tuple[str, ...] = ("jsonl", "csv")

#: Score columns: HTER, chrF and BLEU of the MT against the post-edit, then MT and
#: post-edit against the reference (empty without one). One signature column per
#: metric covers every score of that metric in the record.
SCORE_COLUMNS: tuple[str, ...] = (
    "hter",
    "chrf",
    "bleu",
    "mt_ref_bleu",
    "mt_ref_chrf",
    "mt_ref_ter",
    "pe_ref_bleu",
    "pe_ref_chrf",
    "pe_ref_ter",
)
_SIGNATURE_SOURCE = {"ter_signature": "hter", "chrf_signature": "chrf", "bleu_signature": "bleu"}

COLUMNS: tuple[str, ...] = (
    "article_path",
    "article_id",
    "content_hash",
    "segment",
    "mt",
    "post_edit",
    "reference",
    "reviewer",
    "started_at",
    "saved_at",
    "seconds",
    "edits",
    *SCORE_COLUMNS,
    *_SIGNATURE_SOURCE,
    "issues_before",
    "issues_after",
    "issue_ids_before",
    "issue_ids_after",
    "accepted",
    "dismissed",
    "annotations",
    # added after the first release: new fields go at the end, so CSV readers that go by
    # position keep working
    "system",
    "segment_number",
    "mqm_confirmed",
)


def export_record(reviewed: ReviewedSegment) -> dict[str, Any]:
    """The record of one segment, keyed by `COLUMNS`. `issues_after` is None when the
    edit was not re-checked (unknown, not zero). `mqm_confirmed` is the MQM penalty of
    the reviewer's annotations of the segment (default weights; 0 without any). A segment with decisions or annotations
    but no saved edit has `edits` 0, its MT as `post_edit`, and no timestamps or scores
    (there was no save to time or score)."""
    edit = reviewed.latest
    after = edit.issues_after if edit else None
    record: dict[str, Any] = {
        "article_path": reviewed.path,
        "article_id": reviewed.article_id,
        "content_hash": reviewed.content_hash,
        "segment": reviewed.segment,
        "mt": reviewed.mt,
        "post_edit": reviewed.text,
        "reference": reviewed.reference,
        "reviewer": reviewed.reviewer,
        "started_at": edit.started_at.isoformat(timespec="milliseconds") if edit else None,
        "saved_at": edit.saved_at.isoformat(timespec="milliseconds") if edit else None,
        "seconds": edit.seconds if edit else None,
        "edits": reviewed.edits,
    }
    scores = edit.scores if edit else {}
    for name in SCORE_COLUMNS:
        score = scores.get(name)
        record[name] = score.score if score else None
    for column, name in _SIGNATURE_SOURCE.items():
        signed = scores.get(name)
        record[column] = signed.signature if signed else None
    record.update(
        {
            "issues_before": len(reviewed.issues_before),
            "issues_after": None if after is None else len(after),
            "issue_ids_before": list(reviewed.issues_before),
            "issue_ids_after": None if after is None else list(after),
            "accepted": sorted(i for i, state in reviewed.decisions.items() if state is DecisionState.ACCEPTED),
            "dismissed": sorted(i for i, state in reviewed.decisions.items() if state is DecisionState.DISMISSED),
            "annotations": [
                {
                    "category": a.category,
                    "severity": a.severity.label,
                    "start": a.start,
                    "end": a.end,
                    "text": a.text,
                    "note": a.note,
                    "reviewer": a.reviewer,
                    "created_at": a.created_at.isoformat(timespec="milliseconds"),
                }
                for a in reviewed.annotations
            ],
            "system": reviewed.system,
            "segment_number": reviewed.segment + 1,
            "mqm_confirmed": round(
                sum(DEFAULT_WEIGHTS.of_kind(a.category, a.severity) for a in reviewed.annotations), 4
            ),
        }
    )
    return record


def render(records: Iterable[dict[str, Any]], fmt: str) -> str:
    """JSONL (one object per line), or CSV with a header row, where lists and objects
    are JSON text in their cell and None is an empty cell."""
    if fmt == "jsonl":
        return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({key: _cell(value) for key, value in record.items()})
        return out.getvalue()
    raise ValueError(f"unknown export format {fmt!r} (expected one of: {', '.join(FORMATS)})")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value
