"""Which segments and flags the review screen shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

from reviewer.model import Severity
from reviewer.navigation import Filters, SegmentStatus


class FilterDialog(ModalScreen[Filters | None]):
    """Segments by status, flags by severity and MQM dimension; None when cancelled."""

    DEFAULT_CSS = """
    FilterDialog { align: center middle; }
    FilterDialog > Vertical { width: 64; height: auto; padding: 1 2; border: thick $accent; background: $surface; }
    FilterDialog #title { text-style: bold; margin: 0 0 1 0; }
    FilterDialog Grid { grid-size: 2; grid-columns: 12 1fr; grid-rows: 3; height: auto; }
    FilterDialog Grid > Label { height: 3; content-align: left middle; color: $text-muted; }
    FilterDialog Horizontal { height: auto; align-horizontal: right; }
    FilterDialog Button { margin: 0 0 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="filters.cancel", tooltip="Close, filters unchanged")
    ]

    def __init__(self, current: Filters, categories: Sequence[str]) -> None:
        super().__init__()
        self.current = current
        self.categories = list(categories)

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical():
            yield Label("Show", id="title")
            with Grid():
                yield Label("Segments")
                yield Select(
                    [(s.value, s) for s in SegmentStatus],
                    value=current.status or Select.NULL,
                    prompt="all",
                    id="status",
                )
                yield Label("Flags from")
                yield Select(
                    [(f"{s.label} and worse", s) for s in Severity],
                    value=current.severity or Select.NULL,
                    prompt="every severity",
                    id="severity",
                )
                yield Label("Flags in")
                yield Select(
                    [(c, c) for c in self.categories],
                    value=current.category or Select.NULL,
                    prompt="every category",
                    id="category",
                )
            with Horizontal():
                yield Button("Show all", id="clear")
                yield Button("Apply", variant="primary", id="apply")

    def on_mount(self) -> None:
        self.query_one("#status", Select).focus()

    @on(Button.Pressed, "#apply")
    def apply(self) -> None:
        def value(name: str) -> object:
            chosen = self.query_one(f"#{name}", Select).value
            return None if chosen is Select.NULL else chosen

        status, severity, category = value("status"), value("severity"), value("category")
        assert status is None or isinstance(status, SegmentStatus), "the status select offers statuses"
        assert severity is None or isinstance(severity, Severity), "the severity select offers severities"
        assert category is None or isinstance(category, str), "the category select offers names"
        self.dismiss(Filters(status, severity, category))

    @on(Button.Pressed, "#clear")
    def clear(self) -> None:
        self.dismiss(Filters())

    def action_cancel(self) -> None:
        self.dismiss(None)
