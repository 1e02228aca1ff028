"""How the main screens look at 120x35, the size they are designed for.

Update after a deliberate change of look with `pytest tests/tui --snapshot-update`,
and check the report (snapshot_report.html) before committing the new SVGs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import SIZE, settle

from reviewer.loaders import load_paths
from reviewer.store import ReviewStore


@pytest.fixture(autouse=True)
def without_source(article_dir: Path) -> None:
    """No source sidecar: the source/target pair checks (another module's, still growing)
    stay out of the pictures; the reference still shows beside the MT."""
    (article_dir / "harbour.src.txt").unlink()


async def focus_second_segment(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)


def test_review_screen_shows_flags_reference_and_scores(build_app, snap_compare) -> None:
    assert snap_compare(build_app(), terminal_size=SIZE, run_before=focus_second_segment)


def test_editor_keeps_flags_highlighted_while_typing(build_app, snap_compare) -> None:
    async def edit_third_segment(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("j", "j", "e", "end", *" Strikes go on.")
        await pilot.pause(0.1)  # longer than the re-check delay
        await settle(pilot)

    assert snap_compare(build_app(recheck_delay=0.01), terminal_size=SIZE, run_before=edit_third_segment)


def test_article_list(build_app, snap_compare, article_dir: Path) -> None:
    (article_dir / "other.txt").write_text("Other title\n\nThe Ruler spoke to 1.200 people.\n", encoding="utf-8")
    assert snap_compare(build_app(paths=(".",)), terminal_size=SIZE, run_before=settle)


def test_help_lists_every_key(build_app, snap_compare) -> None:
    async def help_open(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=help_open)


def test_annotation_dialog(build_app, snap_compare) -> None:
    async def dialog_open(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("m")

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=dialog_open)


def test_conflict_dialog(build_app, snap_compare, store: ReviewStore) -> None:
    async def bo_saved_first(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("e", "end", "!")
        await pilot.pause(0.1)  # longer than the re-check delay: the draft's scores are in
        await settle(pilot)
        [article] = load_paths(["harbour.txt"]).articles
        moment = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
        with ReviewStore.open(store.path) as other:
            review = other.open_review(article)
            review.release_claims("anna")  # her claim lapsed: only the text check is left
            review.record_edit(0, "Dock strike in Hamburg", reviewer="bo", started_at=moment, saved_at=moment)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(build_app(recheck_delay=0.01), terminal_size=SIZE, run_before=bo_saved_first)


# 80x24: the smallest terminal a reviewer may have. The flags panel keeps its flags, the
# footer keeps ? and q, the article list keeps its key columns.
SMALL = (80, 24)


def test_review_screen_at_80x24(build_app, snap_compare) -> None:
    assert snap_compare(build_app(), terminal_size=SMALL, run_before=focus_second_segment)


def test_article_list_at_80x24(build_app, snap_compare, article_dir: Path) -> None:
    (article_dir / "other.txt").write_text("Other title\n\nThe Ruler spoke to 1.200 people.\n", encoding="utf-8")
    assert snap_compare(build_app(paths=(".",)), terminal_size=SMALL, run_before=settle)
