"""The manual MQM annotation dialog: for what the checkers missed."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from reviewer.model import Severity
from reviewer.mqm import CATEGORIES
from reviewer.review_session import NewAnnotation


class AnnotationDialog(ModalScreen[NewAnnotation | None]):
    """Asks for category, severity, the words concerned and a note; None when cancelled."""

    DEFAULT_CSS = """
    AnnotationDialog { align: center middle; }
    AnnotationDialog > Vertical {
        width: 76; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    AnnotationDialog #title { text-style: bold; margin: 0 0 1 0; }
    AnnotationDialog Grid { grid-size: 2; grid-columns: 10 1fr; grid-rows: 3; height: auto; }
    AnnotationDialog Grid > Label { height: 3; content-align: left middle; color: $text-muted; }
    AnnotationDialog #error { color: $error; height: auto; }
    AnnotationDialog Horizontal { height: auto; align-horizontal: right; }
    AnnotationDialog Button { margin: 0 0 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="annotate.cancel", tooltip="Close without annotating")
    ]

    def __init__(self, segment: int, text: str) -> None:
        super().__init__()
        self.segment = segment
        self.segment_text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Manual MQM annotation · segment {self.segment + 1}", id="title")
            with Grid():
                yield Label("Category")
                yield Select([(c, c) for c in sorted(CATEGORIES)], prompt="MQM category", id="category")
                yield Label("Severity")
                yield Select([(s.label, s) for s in Severity], value=Severity.MINOR, allow_blank=False, id="severity")
                yield Label("Words")
                yield Input(placeholder="as they appear in the segment; empty: the whole segment", id="text")
                yield Label("Note")
                yield Input(placeholder="what is wrong (optional)", id="note")
            yield Label("", id="error", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Annotate", variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one("#category", Select).focus()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def save(self) -> None:
        category = self.query_one("#category", Select).value
        if not isinstance(category, str):
            self.query_one("#error", Label).update("Pick an MQM category.")
            return
        words = self.query_one("#text", Input).value.strip()
        if words not in self.segment_text:
            self.query_one("#error", Label).update(f"{words!r} is not in segment {self.segment + 1}.")
            return
        severity = self.query_one("#severity", Select).value
        assert isinstance(severity, Severity), "the severity select has no blank"
        note = self.query_one("#note", Input).value.strip()
        self.dismiss(NewAnnotation(segment=self.segment, category=category, severity=severity, note=note, text=words))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
