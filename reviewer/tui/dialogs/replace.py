"""Find and replace across the article: every replacement previewed, each one can be left out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList
from textual.widgets.selection_list import Selection

from reviewer.search import Match, Replacement
from reviewer.tui.printable import in_place

Previewer = Callable[[str, str], Sequence[Replacement]]


class ReplaceDialog(ModalScreen[tuple[str, list[Match]] | None]):
    """Asks what to find and what to put instead, previews each replacement (all chosen,
    space leaves one out) and returns the replacement and the matches chosen."""

    DEFAULT_CSS = """
    ReplaceDialog { align: center middle; }
    ReplaceDialog > Vertical { width: 90%; max-width: 110; height: auto; max-height: 90%; padding: 1 2;
                               border: thick $accent; background: $surface; }
    ReplaceDialog #title { text-style: bold; margin: 0 0 1 0; }
    ReplaceDialog #count { color: $text-muted; }
    ReplaceDialog SelectionList { height: auto; max-height: 14; }
    ReplaceDialog Horizontal { height: auto; align-horizontal: right; margin: 1 0 0 0; }
    ReplaceDialog Button { margin: 0 0 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="replace.cancel", tooltip="Close without replacing")
    ]

    def __init__(self, previewer: Previewer, find: str = "") -> None:
        super().__init__()
        self.previewer = previewer
        self.find = find

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Find and replace in the article (each replacement is saved as an edit)", id="title")
            yield Input(self.find, placeholder="find (ignores case)", id="find")
            yield Input(placeholder="replace with", id="replacement")
            yield Label("", id="count", markup=False)
            yield SelectionList[int](id="preview")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Replace chosen", variant="primary", id="replace")

    def on_mount(self) -> None:
        self.query_one("#find", Input).focus()
        self._preview()

    @on(Input.Changed)
    def _preview(self) -> None:
        find, replacement = self.query_one("#find", Input).value, self.query_one("#replacement", Input).value
        self.replacements = list(self.previewer(find, replacement))
        listing = self.query_one("#preview", SelectionList)
        listing.clear_options()
        listing.add_options([Selection(self._line(r, replacement), n, True) for n, r in enumerate(self.replacements)])
        self.query_one("#count", Label).update(f"{len(self.replacements)} replacement(s)" if find else "")

    @staticmethod
    def _line(replacement: Replacement, new: str) -> Text:
        return Text.assemble(
            (f"{replacement.match.segment + 1:>4}  ", "dim"),
            (in_place(replacement.before), "strike red"),
            "  →  ",
            (in_place(replacement.after), "green"),
        )

    @on(Button.Pressed, "#replace")
    @on(Input.Submitted)
    def replace(self) -> None:
        chosen = [self.replacements[n].match for n in self.query_one("#preview", SelectionList).selected]
        if chosen:
            self.dismiss((self.query_one("#replacement", Input).value, chosen))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
