"""Recording existing MQM annotations (read by `reviewer.mqm_tsv`) in the review store,
beside our own flags on the same text, and saying how the two sets of spans compare."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from reviewer.checkers import Checker
from reviewer.errors import InputError
from reviewer.loaders.base import Unit, article_from_units
from reviewer.model import Article
from reviewer.mqm_tsv import MqmDocument, MqmFile
from reviewer.pipeline import check_article
from reviewer.store import ReviewStore


@dataclass
class ImportSummary:
    documents: int = 0
    segments: int = 0
    annotations: int = 0
    spans: int = 0
    clean: int = 0
    already: list[str] = field(default_factory=list)
    flags: int = 0
    spans_hit: int = 0
    spans_exact: int = 0
    flags_on_spans: int = 0

    def lines(self, skipped: dict[str, int]) -> list[str]:
        left = "".join(f"; {n} row(s) with severity {name!r} not recorded" for name, n in sorted(skipped.items()))
        return [
            f"{self.annotations} annotation(s) ({self.spans} with a span) and {self.clean} No-error row(s) "
            f"on {self.segments} segment(s) of {self.documents} document(s){left}",
            f"our flags: {self.flags}; annotated spans a flag overlaps: {self.spans_hit} of {self.spans} "
            f"(same span: {self.spans_exact}); flags on an annotated span: {self.flags_on_spans} of {self.flags}",
        ]


def document_article(path: str, document: MqmDocument, lang: str) -> Article:
    units = [Unit(segment.target, segment.source) for segment in document.segments.values()]
    return article_from_units(path, document.doc, units, lang, system=document.system)


def import_mqm(
    store: ReviewStore, mqm: MqmFile, path: str, lang: str, checkers: Sequence[Checker], at: datetime | None = None
) -> ImportSummary:
    """Record every document's annotations (and No-error rows, as confirmations by their
    rater) with our flags on its text. A document already in the store is left alone.
    Every row is checked before anything is written (an InputError naming its line), so
    a bad row cannot leave a half-imported document that a second run would skip."""
    for document in mqm.documents:
        _check_spans(document, path)
    moment = at or datetime.now(UTC)
    summary = ImportSummary()
    for document in mqm.documents:
        article = document_article(path, document, lang)
        issues = check_article(article, checkers).issues
        review = store.open_review(article, issues)
        if review.resumed:
            summary.already.append(article.label)
            continue
        summary.documents += 1
        for index, segment in enumerate(document.segments.values()):
            summary.segments += 1
            offset = article.segments[index].start
            flags = [(i.start - offset, i.end - offset) for i in issues if i.segment == index]
            _compare(summary, flags, [e.span for e in segment.errors if e.span is not None])
            for error in segment.errors:
                start, end = error.span or (None, None)
                review.annotate(
                    index, error.category, error.severity, reviewer=error.rater, start=start, end=end, at=moment
                )
                summary.annotations += 1
            for rater in segment.clean_raters:
                review.record_edit(index, segment.target, reviewer=rater, started_at=moment, saved_at=moment, seconds=0)
                summary.clean += 1
    return summary


def _check_spans(document: MqmDocument, path: str) -> None:
    """What `Review.annotate` would refuse, said as a row of the file."""
    for segment in document.segments.values():
        for error in segment.errors:
            if error.span and not 0 <= error.span[0] < error.span[1] <= len(segment.target):
                start, end = error.span
                raise InputError(
                    path, f"span {start}-{end} is outside the target ({len(segment.target)} characters)", error.line
                )


def _compare(summary: ImportSummary, flags: list[tuple[int, int]], spans: list[tuple[int, int]]) -> None:
    def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    summary.flags += len(flags)
    summary.spans += len(spans)
    summary.spans_hit += sum(any(overlap(span, flag) for flag in flags) for span in spans)
    summary.spans_exact += sum(span in flags for span in spans)
    summary.flags_on_spans += sum(any(overlap(flag, span) for span in spans) for flag in flags)
