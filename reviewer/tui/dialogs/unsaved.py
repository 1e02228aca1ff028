"""Asked before quitting or leaving an article with edits that are not saved yet."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

Choice = Literal["save", "discard", "cancel"]


class UnsavedDialog(ModalScreen[Choice]):
    """Save the drafts, throw them away, or go back to them."""

    DEFAULT_CSS = """
    UnsavedDialog { align: center middle; }
    UnsavedDialog > Vertical {
        width: 64; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    UnsavedDialog Horizontal { height: auto; align-horizontal: right; margin: 1 0 0 0; }
    UnsavedDialog Button { margin: 0 0 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('cancel')", "Back", id="unsaved.cancel", tooltip="Go back to the article")
    ]

    def __init__(self, where: list[str]) -> None:
        super().__init__()
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Unsaved edits:\n" + "\n".join(f"  {w}" for w in self.where), markup=False)
            with Horizontal():
                yield Button("Back", id="cancel")
                yield Button("Discard", variant="error", id="discard")
                yield Button("Save all", variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss("save" if choice == "save" else "discard" if choice == "discard" else "cancel")
