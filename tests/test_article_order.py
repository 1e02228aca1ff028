"""The article list's orders and filters, as plain functions over article summaries."""

from __future__ import annotations

import pytest

from reviewer.article_order import FILTERS, SORTS, Row, arrange
from reviewer.model import Article, Segment, Severity
from reviewer.mqm import Penalty
from reviewer.review_session import ArticleSummary


def row(name: str, penalty: float, issues: int, reviewed: int, checked: bool = True) -> Row:
    text = "One. Two."
    article = Article(path=name, id=name, text=text, segments=(Segment(0, 0, 4, "One."), Segment(1, 5, 9, "Two.")))
    by_severity = {severity: 0 for severity in Severity}
    by_severity[Severity.MINOR] = issues
    return Row(ArticleSummary(article, 2, by_severity, reviewed, Penalty(penalty, penalty)), checked)


ROWS = {
    "calm": row("calm", 0.0, 0, 2),
    "bad": row("bad", 90.0, 3, 0),
    "busy": row("busy", 20.0, 7, 1),
    "new": row("new", 0.0, 0, 0, checked=False),
}


@pytest.mark.parametrize(
    ("sort", "keep", "expected"),
    [
        ("file order", "all articles", ["calm", "bad", "busy", "new"]),
        ("MQM penalty, highest first", "all articles", ["bad", "busy", "calm", "new"]),
        ("issues, most first", "all articles", ["busy", "bad", "calm", "new"]),
        ("progress, least reviewed first", "all articles", ["bad", "new", "busy", "calm"]),
        ("file order", "flagged (or not checked yet)", ["bad", "busy", "new"]),
        ("file order", "not finished", ["bad", "busy", "new"]),
        ("MQM penalty, highest first", "finished", ["calm"]),
    ],
)
def test_arrange(sort: str, keep: str, expected: list[str]) -> None:
    assert arrange(ROWS, sort, keep) == expected


def test_every_order_and_filter_is_offered_first_as_the_default() -> None:
    assert next(iter(SORTS)) == "file order" and next(iter(FILTERS)) == "all articles"
