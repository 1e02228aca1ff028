"""MQM annotations in the tab-separated layout of the public WMT MQM data
(google/wmt-mqm-human-evaluation), so a team's annotations can be scored with the
usual tooling, and existing annotations can be brought in to be reviewed.

One row per error: `system doc doc_id seg_id rater source target category severity`,
the error span marked `<v>…</v>` inside `target`; a segment a rater found clean has
one `No-error` row. `seg_id` here counts a document's segments from 1 (on import any
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
    """Rows not recorded, by severity (e.g. Neutral: the store knows minor, major, critical)."""


def _unmark(text: str, path: str, line: int) -> tuple[str, tuple[int, int] | None]:
    if OPEN not in text and CLOSE not in text:
        return text, None
    start, end = text.find(OPEN), text.find(CLOSE)
    if text.count(OPEN) != 1 or text.count(CLOSE) != 1 or end < start:
        raise InputError(path, f"target needs one {OPEN}…{CLOSE} span at most", line)
    plain = text.replace(OPEN, "", 1).replace(CLOSE, "", 1)
    return plain, (start, end - len(OPEN))


def parse(text: str, path: str) -> MqmFile:
    """Read an MQM TSV; a malformed row is an InputError naming the file and line."""
    lines = text.splitlines()
    if not lines or [c.strip() for c in lines[0].split("\t")] != list(COLUMNS):
        raise InputError(path, f"not an MQM TSV: the header must be {' '.join(COLUMNS)} (tab-separated)", 1)
    documents: dict[tuple[str | None, str], MqmDocument] = {}
    skipped: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise InputError(path, f"expected {len(COLUMNS)} tab-separated fields, found {len(cells)}", number)
        row = dict(zip(COLUMNS, cells))
        target, span = _unmark(row["target"], path, number)
        source = _unmark(row["source"], path, number)[0] or None
        document = documents.setdefault(
            (row["system"] or None, row["doc"]), MqmDocument(row["system"] or None, row["doc"])
        )
        segment = document.segments.setdefault(row["seg_id"], MqmSegment(row["seg_id"], target, source))
        if target != segment.target:
            found = segment.target.find(target[span[0] : span[1]]) if span else -1
            span = (found, found + span[1] - span[0]) if span and found >= 0 else None
        if row["category"] == NO_ERROR or row["severity"] == NO_ERROR:
            segment.clean_raters.append(row["rater"])
            continue
        try:
            severity = Severity.parse(row["severity"])
        except ValueError:
            skipped[row["severity"]] = skipped.get(row["severity"], 0) + 1
            continue
        segment.errors.append(MqmError(row["rater"], row["category"], severity, span))
    for document in documents.values():
        document.segments = dict(sorted(document.segments.items(), key=lambda item: _order(item[0])))
    return MqmFile(list(documents.values()), skipped)


def _order(seg_id: str) -> tuple[int, int | str]:
    return (0, int(seg_id)) if seg_id.strip().isdigit() else (1, seg_id)
