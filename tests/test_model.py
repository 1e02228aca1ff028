"""Where an offset is: line and column as editors count them, and which segment holds it."""

from __future__ import annotations

import pytest

from reviewer.model import Article, Segment


def article(text: str, spans: list[tuple[int, int]]) -> Article:
    segments = tuple(Segment(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans))
    return Article(path="a.txt", id="a", text=text, segments=segments)


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("ab\ncd", 4, (2, 2)),
        ("ab\r\ncd", 5, (2, 2)),
        ("ab\rcd\ref", 7, (3, 2)),
        ("ab\n\ncd", 4, (3, 1)),
        ("„x“\nyz", 5, (2, 2)),
    ],
)
def test_line_and_column_count_every_kind_of_line_break(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert article(text, [(0, len(text))]).line_column(offset) == expected


def test_an_empty_segment_holds_its_own_position() -> None:
    text = "First.\n\nThird."
    doc = article(text, [(0, 6), (7, 7), (8, 14)])
    assert [doc.segment_at(o).index if doc.segment_at(o) else None for o in (0, 5, 6, 7, 8, 13)] == [
        0,
        0,
        None,
        1,
        2,
        2,
    ]
