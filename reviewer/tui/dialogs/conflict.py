"""Shown when a save finds that another reviewer saved the segment first."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from reviewer.store import EditConflict
from reviewer.tui.printable import in_place, one_line

ConflictChoice = Literal["mine", "theirs", "edit"]


class ConflictDialog(ModalScreen[ConflictChoice]):
    """Both texts side by side in time: theirs (saved first) and the reviewer's own.
    Keep mine saves over theirs (recorded with theirs as `before`), take theirs drops the
    draft, back to editing keeps the draft open. Nothing is lost whichever is chosen:
    their save is in the history either way."""

    DEFAULT_CSS = """
    ConflictDialog { align: center middle; }
    ConflictDialog > Vertical {
        width: 90; height: auto; max-height: 90%; padding: 1 2;
        border: thick $error; background: $surface;
    }
    ConflictDialog #title { width: 100%; text-style: bold; margin: 0 0 1 0; }
    ConflictDialog .heading { color: $text-muted; margin: 1 0 0 0; }
    ConflictDialog VerticalScroll { height: auto; max-height: 8; border-left: outer $primary; padding: 0 1; }
    ConflictDialog Horizontal { height: auto; align-horizontal: right; margin: 1 0 0 0; }
    ConflictDialog Button { margin: 0 0 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('edit')", "Back", id="conflict.edit", tooltip="Back to editing your text")
    ]

    def __init__(self, conflict: EditConflict, label: str) -> None:
        super().__init__()
        self.conflict = conflict
        self.label = label

    def compose(self) -> ComposeResult:
        conflict = self.conflict
        who = one_line(conflict.their_reviewer or "someone")
        when = f" at {conflict.their_saved_at:%H:%M:%S} UTC" if conflict.their_saved_at else ""
        with Vertical():
            yield Label(
                f"{one_line(self.label)} · segment {conflict.segment + 1} was saved by {who}{when} "
                "while you were working on it. Your edit is not saved yet.",
                id="title",
                markup=False,
            )
            yield Label(f"Their text ({who}):", classes="heading", markup=False)
            with VerticalScroll(id="theirs"):
                yield Static(Text(in_place(conflict.theirs)))
            yield Label("Your text:", classes="heading", markup=False)
            with VerticalScroll(id="mine"):
                yield Static(Text(in_place(conflict.mine)))
            with Horizontal():
                yield Button("Back to editing", id="edit")
                yield Button("Take theirs", variant="warning", id="theirs-button")
                yield Button("Keep mine", variant="primary", id="mine-button")

    def on_mount(self) -> None:
        self.query_one("#edit", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_choose((event.button.id or "edit").removesuffix("-button"))

    def action_choose(self, choice: str) -> None:
        self.dismiss("mine" if choice == "mine" else "theirs" if choice == "theirs" else "edit")
