"""The article list: what is in the batch, how flagged, how far reviewed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from reviewer.model import Severity
from reviewer.review_session import ArticleSummary
from reviewer.tui.printable import one_line
from reviewer.tui.screens.review_keys import HELP_AND_QUIT
from reviewer.tui.widgets.flags import STYLES
from reviewer.tui.widgets.status import StatusLine

COLUMNS = ("Article", "Words", "Critical", "Major", "Minor", "Reviewed", "MQM/100w")
WHO = "Who"  # who is working on the article: filled in from the claims, apart from the rest


def _progress(summary: ArticleSummary, width: int = 10) -> Text:
    filled = round(summary.progress * width)
    total = len(summary.article.segments)
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"), f" {summary.reviewed}/{total}")


def _count(summary: ArticleSummary, severity: Severity, checked: bool) -> Text:
    n = summary.by_severity[severity]
    if not checked:
        return Text("…", style="dim", justify="right")
    if n == 0:
        return Text("·", style="dim", justify="right")
    return Text.assemble((f" {n} ", STYLES[severity.label]), justify="right")


def _cells(summary: ArticleSummary, checked: bool) -> list[Text]:
    return [
        Text(one_line(summary.article.label)),
        Text(str(summary.words), justify="right"),
        *(_count(summary, severity, checked) for severity in reversed(Severity)),
        _progress(summary),
        Text(f"{summary.penalty.per_100_words:.1f}" if checked else "…", justify="right"),
    ]


class ArticleListScreen(Screen[None]):
    """Pick an article to review; rows fill in as articles are loaded and checked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *HELP_AND_QUIT,
        Binding("j", "cursor(1)", "Down", show=False, id="articles.down", tooltip="Next article"),
        Binding("k", "cursor(-1)", "Up", show=False, id="articles.up", tooltip="Previous article"),
        Binding(
            "e", "open", "Review", id="articles.open", key_display="e/enter", tooltip="Review the highlighted article"
        ),
    ]

    @dataclass
    class Open(Message):
        """The reviewer picked an article (by its key in the app's sessions)."""

        key: str

    @dataclass
    class Shown(Message):
        """The list is on screen again (after a review): time to bring rows up to date."""

        screen: ArticleListScreen

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading articles…", id="articles-note", markup=False)
        table: DataTable[Text] = DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        for label in (*COLUMNS, WHO):  # now, not on mount: rows may arrive before the screen is mounted
            table.add_column(label, key=label)
        yield table
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Articles"
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.post_message(self.Shown(self))

    def show(self, key: str, summary: ArticleSummary, checked: bool) -> None:
        """Add the article's row, or bring it up to date."""
        table = self.query_one(DataTable)
        cells = _cells(summary, checked)
        if key in table.rows:
            for column, cell in zip(COLUMNS, cells):
                table.update_cell(key, column, cell, update_width=True)
        else:
            table.add_row(*cells, Text(""), key=key)

    def working(self, who: dict[str, str]) -> None:
        """Who is working on each article, by key: "you", other reviewers' names."""
        table = self.query_one(DataTable)
        for key, names in who.items():
            if key in table.rows:
                table.update_cell(key, WHO, Text(one_line(names), style="bold"), update_width=True)

    def totals(self, summaries: list[ArticleSummary]) -> None:
        """The line above the table: the batch in numbers."""
        words = sum(s.words for s in summaries)
        reviewed = sum(s.reviewed for s in summaries)
        segments = sum(len(s.article.segments) for s in summaries)
        counts = ", ".join(f"{sum(s.by_severity[v] for s in summaries)} {v.label}" for v in reversed(Severity))
        self.note(
            f"{len(summaries)} article(s), {words} words · {reviewed} of {segments} segments confirmed · flags: {counts}"
        )

    def note(self, text: str) -> None:
        self.query_one("#articles-note", Static).update(text)

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            assert key is not None, "every row is added with its article's key"
            self.post_message(self.Open(key))

    @on(DataTable.RowSelected)
    def selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(self.Open(event.row_key.value))
