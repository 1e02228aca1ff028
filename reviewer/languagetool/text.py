"""Cut an article into the pieces LanguageTool is asked about, and map its offsets back.

A piece is a segment (a paragraph, the title), or part of one longer than the request
limit, cut after a sentence. Pieces are what the cache remembers, so editing one
paragraph re-checks that paragraph only; pieces still to check go to the server together,
joined by blank lines, in requests of bounded size.

LanguageTool counts offsets in UTF-16 code units (Java string indices); reviewer counts
code points. They differ after every character outside the Basic Multilingual Plane
(emoji, some CJK), which takes two units.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

MAX_CHARS = 20_000
"""Characters per request: a warm server answers that in about a second, and a piece
that size is cut into several only in unusual texts."""
SEPARATOR = "\n\n"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_BLANK_LINES = re.compile(r"\r?\n[ \t]*(?:\r?\n[ \t]*)+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(\s+)")


@dataclass(frozen=True)
class Piece:
    """Text checked as a unit, at `start` (code points) in the article."""

    start: int
    text: str


def pieces(text: str, spans: Sequence[tuple[int, int]] = (), limit: int = MAX_CHARS) -> list[Piece]:
    """The pieces of `text`: one per span (segment) with words in it, or per paragraph when
    no spans are given; spans longer than `limit` are cut after a sentence."""
    if not spans:
        spans = _paragraphs(text)
    found = []
    for start, end in spans:
        for cut_start, cut_end in _cut(text, start, end, limit):
            if text[cut_start:cut_end].strip():
                found.append(Piece(cut_start, text[cut_start:cut_end]))
    return found


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for blank in _BLANK_LINES.finditer(text):
        spans.append((start, blank.start()))
        start = blank.end()
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Spans of at most `limit`: cut after the last sentence end in reach, else at the last
    whitespace, else hard; the whitespace at a cut belongs to neither side."""
    while end - start > limit:
        window = text[start : start + limit]
        gaps = [m.span(1) for m in _SENTENCE_END.finditer(window)] or [m.span() for m in re.finditer(r"\s+", window)]
        gaps = [gap for gap in gaps if gap[0] > 0]
        stop, resume = gaps[-1] if gaps else (limit, limit)
        yield start, start + stop
        start += resume
    yield start, end


def batches(todo: Iterable[Piece], limit: int = MAX_CHARS) -> Iterator[list[Piece]]:
    """Group pieces, in order, into requests of at most `limit` characters (one piece at least)."""
    batch: list[Piece] = []
    size = 0
    for piece in todo:
        if batch and size + len(SEPARATOR) + len(piece.text) > limit:
            yield batch
            batch, size = [], 0
        size += (len(SEPARATOR) if batch else 0) + len(piece.text)
        batch.append(piece)
    if batch:
        yield batch


class Utf16Offsets:
    """Converts LanguageTool's UTF-16 offsets in `text` to code-point offsets."""

    def __init__(self, text: str) -> None:
        # UTF-16 offset of each astral character: its code-point index plus the astral ones before it
        self._astral_units = [m.start() + i for i, m in enumerate(_ASTRAL.finditer(text))]

    def code_point(self, unit: int) -> int:
        return unit - bisect.bisect_left(self._astral_units, unit)


@dataclass(frozen=True)
class Joined:
    """Pieces joined into one request text, and where each piece starts in it (code points)."""

    text: str
    starts: tuple[int, ...]
    lengths: tuple[int, ...]

    @classmethod
    def of(cls, batch: Sequence[Piece]) -> Joined:
        starts, position = [], 0
        for piece in batch:
            starts.append(position)
            position += len(piece.text) + len(SEPARATOR)
        return cls(SEPARATOR.join(p.text for p in batch), tuple(starts), tuple(len(p.text) for p in batch))

    def locate(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(piece index, start, end) in that piece for a span of the joined text; the span is
        clipped to its piece, and None when it starts in a separator."""
        index = bisect.bisect_right(self.starts, start) - 1
        local = start - self.starts[index]
        if local >= self.lengths[index]:
            return None
        return index, local, min(end - self.starts[index], self.lengths[index])
