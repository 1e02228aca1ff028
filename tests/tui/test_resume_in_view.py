"""Resuming a long article: the segment the reviewer last worked on is focused and on
screen, on relaunch and when the article is opened again in the same run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from tui_helpers import review_screen, run, settle

from reviewer.loaders import load_paths
from reviewer.store import ReviewStore
from reviewer.tui.widgets.segments import SegmentList

RESUMED = 24  # segment 25


def long_article(directory: Path) -> None:
    paragraphs = [f"Paragraph {n} tells the harbour story once more, at some length." for n in range(1, 35)]
    (directory / "long.txt").write_text("Long title\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def in_view(pilot: Pilot[None]) -> tuple[int, bool]:
    """The focused segment, and whether the segment list shows it (scrolled to it)."""
    screen = review_screen(pilot)
    segments = screen.query_one(SegmentList)
    view = segments.view(screen.index)
    shown = segments.scroll_offset.y <= view.virtual_region.y < segments.scroll_offset.y + segments.size.height
    return screen.index, shown and segments.scroll_offset.y > 0


def test_relaunch_and_reopen_show_the_resumed_segment(build_app, store: ReviewStore, tmp_path: Path) -> None:
    long_article(tmp_path)
    [article] = load_paths([str(tmp_path / "long.txt")]).articles
    review = store.open_review(article)
    review.record_edit(RESUMED, article.segments[RESUMED].text, reviewer="anna", started_at=datetime.now(UTC))
    seen: list[tuple[int, bool]] = []

    async def relaunch_leave_reopen(pilot: Pilot[None]) -> None:
        seen.append(in_view(pilot))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        seen.append(in_view(pilot))

    run(build_app(paths=("long.txt",)), relaunch_leave_reopen)
    assert seen == [(RESUMED, True), (RESUMED, True)]
