"""Finding words in an article under review, and replacing them, without a user interface.

Search is literal and ignores case (a reviewer looking for "hamburg" wants "Hamburg");
a replacement replaces exactly the words found. Offsets are into each segment's text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

CONTEXT = 24  # characters shown either side of a replacement in its preview


@dataclass(frozen=True, order=True)
class Match:
    segment: int
    start: int
    end: int


def find(texts: Mapping[int, str], query: str) -> list[Match]:
    """Every occurrence of `query` in the segments' texts, in article order."""
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    return [
        Match(index, found.start(), found.end()) for index in sorted(texts) for found in pattern.finditer(texts[index])
    ]


@dataclass(frozen=True)
class Replacement:
    """One occurrence to replace, and how it reads before and after, for the preview."""

    match: Match
    before: str
    after: str


def preview(texts: Mapping[int, str], query: str, replacement: str) -> list[Replacement]:
    """Each replacement `query` → `replacement` would make, with a little context."""
    previews = []
    for match in find(texts, query):
        text = texts[match.segment]
        left = text[max(0, match.start - CONTEXT) : match.start]
        right = text[match.end : match.end + CONTEXT]
        previews.append(
            Replacement(match, f"{left}{text[match.start : match.end]}{right}", f"{left}{replacement}{right}")
        )
    return previews


def replaced(texts: Mapping[int, str], chosen: Collection[Match], replacement: str) -> dict[int, str]:
    """The new text of every segment with a chosen match, the matches replaced."""
    changed: dict[int, str] = {}
    for index in sorted({match.segment for match in chosen}):
        text = texts[index]
        for match in sorted((m for m in chosen if m.segment == index), reverse=True):
            text = text[: match.start] + replacement + text[match.end :]
        changed[index] = text
    return changed
