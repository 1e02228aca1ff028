"""Small modal questions: one line of text (go to, search), or one of a few choices."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

T = TypeVar("T")

_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 72; height: auto; max-height: 80%; padding: 1 2; border: thick $accent; background: $surface; }}
{name} #title {{ text-style: bold; margin: 0 0 1 0; }}
{name} #hint {{ color: $text-muted; margin: 1 0 0 0; }}
{name} OptionList {{ height: auto; max-height: 16; }}
"""


class AskDialog(ModalScreen[str | None]):
    """A line of text (the value typed, on enter); None when cancelled."""

    DEFAULT_CSS = _CSS.format(name="AskDialog")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="ask.cancel", tooltip="Close without doing anything")
    ]

    def __init__(self, title: str, placeholder: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text, self.placeholder, self.value, self.hint = title, placeholder, value, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, id="title", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            if self.hint:
                yield Label(self.hint, id="hint", markup=False)

    @on(Input.Submitted)
    def answered(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChooseDialog(ModalScreen[T | None], Generic[T]):
    """One of a few choices (enter, a click, or its number key); None when cancelled."""

    DEFAULT_CSS = _CSS.format(name="ChooseDialog")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="choose.cancel", tooltip="Close without choosing"),
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, title: str, choices: Sequence[tuple[str, T]], hint: str = "") -> None:
        super().__init__()
        self.title_text, self.choices, self.hint = title, list(choices), hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, id="title", markup=False)
            numbered = [Option(f"{n}  {label}" if n < 10 else label) for n, (label, _) in enumerate(self.choices, 1)]
            yield OptionList(*numbered, id="choices")
            if self.hint:
                yield Label(self.hint, id="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(event.option_index)

    def action_pick(self, position: int) -> None:
        if 0 <= position < len(self.choices):
            self.dismiss(self.choices[position][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
