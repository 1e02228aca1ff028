"""The status line: whether LanguageTool is in, and what the reviewer has left unsaved."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

_LANGUAGETOOL = {
    "off": ("○ LanguageTool off", "dim"),
    "starting": ("◌ LanguageTool starting…", "yellow"),
    "checking": ("◌ LanguageTool checking…", "yellow"),
    "ready": ("● LanguageTool", "green"),
    "failed": ("✕ LanguageTool unavailable", "red"),
}


class StatusLine(Static):
    """One line under the screen's content. It follows the app's `languagetool` and
    `languagetool_detail` reactives; the screen sets `note`."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    languagetool: reactive[str] = reactive("off")
    detail: reactive[str] = reactive("")
    note: reactive[str] = reactive("")

    def on_mount(self) -> None:
        self.watch(self.app, "languagetool", self._languagetool)
        self.watch(self.app, "languagetool_detail", self._detail)

    def _languagetool(self, state: str) -> None:
        self.languagetool = state

    def _detail(self, detail: str) -> None:
        self.detail = detail

    def render(self) -> Text:
        label, style = _LANGUAGETOOL.get(self.languagetool, (self.languagetool, ""))
        text = Text(label, style=style)
        if self.detail:
            text.append(f" ({self.detail})", style="dim")
        if self.note:
            text.append("   ")
            text.append(self.note)
        return text
