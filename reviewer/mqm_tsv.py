"""MQM annotations in the tab-separated layout of the public WMT MQM data
(google/wmt-mqm-human-evaluation), so a team's annotations can be scored with the
usual tooling, and existing annotations can be brought in to be reviewed.

One row per error: `system doc doc_id seg_id rater source target category severity`,
the error span marked `<v>…</v>` inside `target`; a segment a rater found clean has
one `No-error` row; a span marked `<v></v>` (empty) is an error of the whole segment.
Every row of a segment carries the same target. `seg_id` here counts a document's segments from 1 (on import any
increasing numbering will do, the WMT files' global ids included). Tabs and line
breaks inside a text are written as spaces: the layout has no way to quote them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reviewer.errors import InputError
from reviewer.model import Severity
from reviewer.store import Annotation, ReviewedSegment

COLUMNS = ("system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category", "severity")
NO_ERROR = "No-error"
NOT_RECORDED = "Neutral"
"""The one WMT severity the store has no place for: such rows are counted, not recorded."""
OPEN, CLOSE = "<v>", "</v>"


def _flat(text: str | None) -> str:
    """A text as one TSV cell: tabs and line breaks become spaces."""
    return " ".join((text or "").replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _marked(mt: str, annotation: Annotation) -> str:
    """The MT with the annotation's span marked: where it was made, if the annotation was
    made on the MT, else where its words are in the MT; the MT unmarked when they are not
    there (or the annotation has no span, such as an omission)."""
    if not annotation.text:
        return mt
    at = annotation.start
    if at is None or mt[at : at + len(annotation.text)] != annotation.text:
        at = mt.find(annotation.text)
    if at < 0:
        return mt
    return mt[:at] + OPEN + annotation.text + CLOSE + mt[at + len(annotation.text) :]


def export_rows(reviewed: Iterable[ReviewedSegment]) -> list[dict[str, str]]:
    """One row per annotation of each reviewed segment, one `No-error` row for a
    reviewed segment without any; documents numbered from 1 in export order."""
    rows = []
    documents: dict[tuple[str, str, str | None], int] = {}
    for segment in reviewed:
        doc_id = documents.setdefault((segment.path, segment.article_id, segment.system), len(documents) + 1)
        base = {
            "system": segment.system or "",
            "doc": segment.article_id,
            "doc_id": str(doc_id),
            "seg_id": str(segment.segment + 1),
            "source": _flat(segment.source),
        }
        for annotation in segment.annotations:
            rows.append(
                {
                    **base,
                    "rater": annotation.reviewer,
                    "target": _flat(_marked(segment.mt, annotation)),
                    "category": annotation.category,
                    "severity": annotation.severity.label.capitalize(),
                }
            )
        if not segment.annotations:
            rows.append(
                {
                    **base,
                    "rater": segment.reviewer,
                    "target": _flat(segment.mt),
                    "category": NO_ERROR,
                    "severity": NO_ERROR,
                }
            )
    return rows


def render(rows: Sequence[dict[str, str]]) -> str:
    """The header and the rows, tab-separated, unquoted (as the WMT files are)."""
    return "".join("\t".join(row[column] for column in COLUMNS) + "\n" for row in [dict(zip(COLUMNS, COLUMNS)), *rows])


@dataclass(frozen=True)
class MqmError:
    rater: str
    category: str
    severity: Severity
    span: tuple[int, int] | None
    """Offsets into the segment's target, None for an error without a target span."""
    line: int
    """Where the row is in the file, for errors found after parsing."""


@dataclass
class MqmSegment:
    seg_id: str
    target: str
    source: str | None
    errors: list[MqmError] = field(default_factory=list)
    clean_raters: list[str] = field(default_factory=list)


@dataclass
class MqmDocument:
    system: str | None
    doc: str
    segments: dict[str, MqmSegment] = field(default_factory=dict)


@dataclass
class MqmFile:
    documents: list[MqmDocument]
    skipped: dict[str, int]
    """Rows not recorded, by severity (Neutral: the store knows minor, major, critical)."""


def _unmark(text: str, path: str, line: int) -> tuple[str, tuple[int, int] | None]:
    """The text without its `<v>…</v>` marks, and the span they marked: None when there
    is none, or when it is empty (`<v></v>`, which WMT raters use for an omission), so
    the annotation is on the whole segment."""
    if OPEN not in text and CLOSE not in text:
        return text, None
    start, end = text.find(OPEN), text.find(CLOSE)
    if text.count(OPEN) == 1 and end < 0:
        raise InputError(path, f"the {OPEN} span is not closed (no {CLOSE} after it)", line)
    if text.count(OPEN) != 1 or text.count(CLOSE) != 1 or end < start:
        raise InputError(path, f"target needs one {OPEN}…{CLOSE} span at most", line)
    plain = text.replace(OPEN, "", 1).replace(CLOSE, "", 1)
    span = (start, end - len(OPEN))
    return plain, span if span[0] < span[1] else None


def parse(text: str, path: str) -> MqmFile:
    """Read an MQM TSV; a malformed row is an InputError naming the file and line."""
    lines = text.splitlines()
    if not lines or [c.strip() for c in lines[0].split("\t")] != list(COLUMNS):
        raise InputError(path, f"not an MQM TSV: the header must be {' '.join(COLUMNS)} (tab-separated)", 1)
    documents: dict[tuple[str | None, str], MqmDocument] = {}
    skipped: dict[str, int] = {}
    first_lines: dict[tuple[tuple[str | None, str], str], int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise InputError(path, f"expected {len(COLUMNS)} tab-separated fields, found {len(cells)}", number)
        row = dict(zip(COLUMNS, cells))
        if not row["seg_id"].strip().isdigit():
            raise InputError(path, f"seg_id {row['seg_id']!r} is not a number", number)
        target, span = _unmark(row["target"], path, number)
        source = _unmark(row["source"], path, number)[0] or None
        key = (row["system"] or None, row["doc"])
        document = documents.setdefault(key, MqmDocument(*key))
        seg_id = str(int(row["seg_id"]))
        segment = document.segments.setdefault(seg_id, MqmSegment(seg_id, target, source))
        first = first_lines.setdefault((key, seg_id), number)
        if target != segment.target:
            where = "/".join(filter(None, key))
            raise InputError(path, f"segment {seg_id} of {where} has another target on line {first}", number)
        if row["category"] == NO_ERROR or row["severity"] == NO_ERROR:
            segment.clean_raters.append(row["rater"])
            continue
        if row["severity"].strip().lower() == NOT_RECORDED.lower():
            skipped[NOT_RECORDED] = skipped.get(NOT_RECORDED, 0) + 1
            continue
        try:
            severity = Severity.parse(row["severity"])
        except ValueError:
            known = ", ".join(["Minor", "Major", "Critical", NOT_RECORDED, NO_ERROR])
            raise InputError(path, f"unknown severity {row['severity']!r} (expected {known})", number) from None
        segment.errors.append(MqmError(row["rater"], row["category"], severity, span, number))
    for document in documents.values():
        document.segments = dict(sorted(document.segments.items(), key=lambda item: int(item[0])))
    return MqmFile(list(documents.values()), skipped)
