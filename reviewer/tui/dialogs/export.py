"""Asks where to write the post-edited article."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class ExportDialog(ModalScreen[str | None]):
    """The path to export to (proposed, editable); None when cancelled."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 72; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    ExportDialog #title { text-style: bold; margin: 0 0 1 0; }
    ExportDialog #hint { color: $text-muted; margin: 1 0 0 0; }
    ExportDialog Horizontal { height: auto; align-horizontal: right; margin: 1 0 0 0; }
    ExportDialog Button { margin: 0 0 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close without exporting")
    ]

    def __init__(self, proposed: str, unsaved: int) -> None:
        super().__init__()
        self.proposed = proposed
        self.unsaved = unsaved

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export the post-edited article", id="title")
            yield Input(self.proposed, id="path")
            hint = "Saved segments are written; the rest stay as the MT has them."
            if self.unsaved:
                hint += f" {self.unsaved} unsaved edit(s) are not included: save them first (ctrl+s)."
            yield Label(hint, id="hint")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Export", variant="primary", id="export")

    @on(Button.Pressed, "#export")
    @on(Input.Submitted)
    def export(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if path:
            self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
