"""The keys, listed from the bindings themselves so the help cannot drift from them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def key_label(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = {"question_mark": "?", "ctrl+s": "ctrl+s", "escape": "esc", "enter": "enter", "down": "↓", "up": "↑"}
    return " / ".join(names.get(key, key) for key in binding.key.split(","))


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened from, with what it does."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; height: auto; max-height: 90%; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    HelpScreen .hint { color: $text-muted; margin: 1 0 0 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close", tooltip="Close the help")
    ]

    def __init__(self, title: str, bindings: Iterable[Binding]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = [b for b in bindings if b.description]

    def compose(self) -> ComposeResult:
        table = Table(title=self.title_text, show_header=False, box=None, padding=(0, 2), expand=True)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(style="")
        for binding in self.keys:
            table.add_row(key_label(binding), binding.description, binding.tooltip)
        with VerticalScroll():
            yield Static(table)
            yield Static(
                "Every key is also in the command palette (ctrl+p) and the footer (click it).\n"
                "Segments are numbered from 1, as shown here; `reviewer export` writes this number as "
                "segment_number (its segment field is the index from 0).",
                classes="hint",
                markup=False,
            )
