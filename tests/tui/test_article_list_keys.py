"""The article list's own keys: sort, filter, and open another file from inside the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from tui_helpers import run, settle

from reviewer.tui.screens.help import HelpScreen, key_label

OTHER = "Other title\n\nThe Ruler spoke to 1.200 people.\n"  # fewer words, higher MQM/100w
CLEAN = "Clean title\n\nThe talks went on.\n"


def labels(pilot: Pilot[None]) -> list[str]:
    table = pilot.app.screen.query_one(DataTable)
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


def note(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#articles-note", Static).render())


@pytest.fixture
def three_articles(article_dir: Path) -> Path:
    (article_dir / "other.txt").write_text(OTHER, encoding="utf-8")
    (article_dir / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return article_dir


@pytest.mark.parametrize(
    ("keys", "expected", "said"),
    [
        (("s", "2"), ["other.txt", "harbour.txt", "clean.txt"], "sorted by MQM penalty"),
        (("s", "3"), ["harbour.txt", "other.txt", "clean.txt"], "sorted by issues"),
        (("f", "2"), ["harbour.txt", "other.txt"], "showing flagged (or not checked yet) (2 of 3)"),
    ],
)
def test_sort_and_filter(build_app, three_articles: Path, keys: tuple[str, ...], expected, said: str) -> None:
    seen: dict[str, object] = {}

    async def arrange(pilot: Pilot[None]) -> None:
        seen["before"] = labels(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        seen["after"], seen["note"] = labels(pilot), note(pilot)

    run(build_app(paths=("harbour.txt", "clean.txt", "other.txt")), arrange)
    assert seen["before"] == ["harbour.txt", "clean.txt", "other.txt"]
    assert seen["after"] == expected
    assert said in str(seen["note"])


def test_progress_order_puts_the_least_reviewed_first_and_follows_the_review(build_app, three_articles: Path) -> None:
    seen: list[list[str]] = []

    async def review_clean_then_sort(pilot: Pilot[None]) -> None:
        await pilot.press("s", "4")
        await settle(pilot)
        seen.append(labels(pilot))
        await pilot.press("down", "e")  # clean.txt, second in file order
        await settle(pilot)
        await pilot.press("c", "c")  # confirm both its segments
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        seen.append(labels(pilot))

    run(build_app(paths=("harbour.txt", "clean.txt", "other.txt")), review_clean_then_sort)
    assert seen == [
        ["harbour.txt", "clean.txt", "other.txt"],
        ["harbour.txt", "other.txt", "clean.txt"],
    ]


def test_open_another_file_from_inside_the_app(build_app, three_articles: Path) -> None:
    seen: list[list[str]] = []

    async def open_two(pilot: Pilot[None]) -> None:
        await pilot.press("o", *"other.txt", "enter")
        await settle(pilot)
        seen.append(labels(pilot))
        await pilot.press("o", *"missing.txt", "enter")
        await settle(pilot)
        await pilot.press("o", *"other.txt", "enter")  # already listed
        await settle(pilot)
        seen.append(labels(pilot))

    notes = run(build_app(paths=("harbour.txt", "clean.txt")), open_two)
    assert seen[0] == ["harbour.txt", "clean.txt", "other.txt"] and seen[1] == seen[0]
    assert any("missing.txt" in n for n in notes if n.startswith("Could not load")), notes
    assert "Open: No new article in other.txt." in notes


def test_help_lists_the_list_keys(build_app, three_articles: Path) -> None:
    shown: list[str] = []

    async def help_open(pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        shown.extend(f"{key_label(binding)} {binding.description}" for binding in help_screen.keys)

    run(build_app(paths=("harbour.txt", "clean.txt")), help_open)
    assert {"s Sort", "f Filter", "o Open file"} <= set(shown), shown
