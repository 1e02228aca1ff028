"""Checking and scoring one segment as the reviewer edits it, apart from the rest of its article.

Everything here is pure (no session state) and safe in worker threads: the terminal UI
re-checks an edit after a pause in typing without touching what is on screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from reviewer.checkers import Checker
from reviewer.model import Article, Issue, Segment
from reviewer.pipeline import check_article, gap_text
from reviewer.scoring import MetricScore, ScoringOptions, score_edit


def segment_article(article: Article, index: int, text: str) -> Article:
    """A one-segment article holding `text` in place of segment `index`, for re-checking
    an edit without re-checking (or re-locating) the rest of the article."""
    segment = article.segments[index]
    alone = replace(segment, start=0, end=len(text), text=text)
    return replace(article, text=text, segments=(alone,))


def _relocate(issue: Issue, article: Article, segment: Segment) -> Issue:
    """Place an issue found in a segment checked alone as if the segment still started
    where the original did: issue ids then stay the same when text elsewhere changes."""
    line0, column0 = article.line_column(segment.start)
    return replace(
        issue,
        start=issue.start + segment.start,
        end=issue.end + segment.start,
        line=line0 + issue.line - 1,
        column=column0 + issue.column - 1 if issue.line == 1 else issue.column,
        segment=segment.index,
    )


def check_segment(article: Article, index: int, text: str, checkers: Sequence[Checker]) -> list[Issue]:
    """The issues of segment `index` holding `text` (edited or not)."""
    result = check_article(segment_article(article, index, text), checkers)
    return [_relocate(issue, article, article.segments[index]) for issue in result.issues]


@dataclass(frozen=True)
class TextsChecked:
    """Issues per segment index (of each segment's current text), the issues of the
    article as loaded (what the store records as "issues before"), and what to tell the
    reviewer: checkers' warnings, and the checks that did not happen (gaps)."""

    issues: dict[int, list[Issue]]
    mt_issues: list[Issue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_texts(article: Article, texts: Mapping[int, str], checkers: Sequence[Checker]) -> TextsChecked:
    """Issues for every segment: the article as loaded is checked whole (so ids match
    `reviewer check` reports), and each segment whose text differs is checked alone."""
    result = check_article(article, checkers)
    issues: dict[int, list[Issue]] = {segment.index: [] for segment in article.segments}
    for issue in result.issues:
        if issue.segment is not None:
            issues[issue.segment].append(issue)
    for index, text in texts.items():
        if text != article.segments[index].text:
            issues[index] = check_segment(article, index, text, checkers)
    return TextsChecked(issues, list(result.issues), [*result.warnings, *map(gap_text, result.gaps)])


def score_segment(segment: Segment, text: str, options: ScoringOptions = ScoringOptions()) -> dict[str, MetricScore]:
    """HTER, chrF and BLEU of the MT against `text`, and against the reference when there
    is one: the scores a save will record, shown while the reviewer types."""
    return score_edit(segment.text, text, segment.reference, options)
