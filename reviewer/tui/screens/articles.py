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

from reviewer.article_order import FILTERS, SORTS, Row, arrange
from reviewer.model import Severity
from reviewer.review_session import ArticleSummary
from reviewer.tui.dialogs.ask import AskDialog, ChooseDialog
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
        Binding("s", "sort", "Sort", id="articles.sort", tooltip="Sort by MQM penalty, issues or progress"),
        Binding("f", "filter", "Filter", id="articles.filter", tooltip="Show only flagged, unfinished or finished"),
        Binding("o", "open_path", "Open file", id="articles.open_path", tooltip="Add a file or directory to the list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, Row] = {}  # every article, shown or filtered out
        self.who: dict[str, str] = {}
        self.sort = next(iter(SORTS))
        self.keep = next(iter(FILTERS))
        self._totals = ""

    @dataclass
    class Open(Message):
        """The reviewer picked an article (by its key in the app's sessions)."""

        key: str

    @dataclass
    class OpenPath(Message):
        """The reviewer asked to add a file or directory to the list."""

        path: str

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

    @property
    def arranged(self) -> bool:
        """Sorted or filtered: rows are redrawn in order, not updated in place."""
        return (self.sort, self.keep) != (next(iter(SORTS)), next(iter(FILTERS)))

    def show(self, key: str, summary: ArticleSummary, checked: bool) -> None:
        """Add the article's row, or bring it up to date."""
        self.rows[key] = Row(summary, checked)
        if self.arranged:
            self._arrange()
            return
        table = self.query_one(DataTable)
        cells = _cells(summary, checked)
        if key in table.rows:
            for column, cell in zip(COLUMNS, cells):
                table.update_cell(key, column, cell, update_width=True)
        else:
            table.add_row(*cells, self._who(key), key=key)

    def _who(self, key: str) -> Text:
        return Text(one_line(self.who.get(key, "")), style="bold")

    def working(self, who: dict[str, str]) -> None:
        """Who is working on each article, by key: "you", other reviewers' names."""
        self.who.update(who)
        tables = self.query(DataTable)
        if not tables:  # the app is closing: the answer came in after the table went
            return
        table = tables.first()
        for key in who:
            if key in table.rows:
                table.update_cell(key, WHO, self._who(key), update_width=True)

    def _arrange(self) -> None:
        """Redraw the rows sorted and filtered, the cursor kept on its article."""
        table = self.query_one(DataTable)
        current = self._cursor_key()
        table.clear()
        for key in arrange(self.rows, self.sort, self.keep):
            row = self.rows[key]
            table.add_row(*_cells(row.summary, row.checked), self._who(key), key=key)
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))
        self._note()

    def _cursor_key(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def totals(self, summaries: list[ArticleSummary]) -> None:
        """The line above the table: the batch in numbers."""
        words = sum(s.words for s in summaries)
        reviewed = sum(s.reviewed for s in summaries)
        segments = sum(len(s.article.segments) for s in summaries)
        counts = ", ".join(f"{sum(s.by_severity[v] for s in summaries)} {v.label}" for v in reversed(Severity))
        self._totals = f"{len(summaries)} article(s), {words} words · {reviewed} of {segments} segments confirmed · flags: {counts}"
        self._note()

    def _note(self) -> None:
        """The totals, then how the list is sorted and filtered when it is."""
        shown = self.query_one(DataTable).row_count
        arranged = f"\nsorted by {self.sort} · showing {self.keep} ({shown} of {len(self.rows)})"
        self.note(self._totals + (arranged if self.arranged else ""))

    def note(self, text: str) -> None:
        self.query_one("#articles-note", Static).update(text)

    def action_sort(self) -> None:
        self._choose("Sort the articles by", list(SORTS), "sort")

    def action_filter(self) -> None:
        self._choose("Show", list(FILTERS), "keep")

    def _choose(self, title: str, names: list[str], setting: str) -> None:
        """Ask for one of `names` and arrange the list by it (`setting`: sort or keep)."""

        def chosen(name: str | None) -> None:
            if name is not None:
                setattr(self, setting, name)
                self._arrange()

        self.app.push_screen(ChooseDialog(title, [(name, name) for name in names]), chosen)

    def action_open_path(self) -> None:
        def chosen(path: str | None) -> None:
            if path is not None:
                self.post_message(self.OpenPath(path.strip()))

        hint = "Article files of any known format; a directory is walked."
        self.app.push_screen(AskDialog("Open a file or directory", "path/to/article.txt", hint=hint), chosen)

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_open(self) -> None:
        key = self._cursor_key()
        if key is not None:
            self.post_message(self.Open(key))

    @on(DataTable.RowSelected)
    def selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(self.Open(event.row_key.value))
