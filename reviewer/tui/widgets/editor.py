"""The in-place editor of a segment, showing the segment's flags while the reviewer types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text
from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme

from reviewer.model import Issue
from reviewer.tui.printable import in_place
from reviewer.tui.widgets.flags import STYLES, style_name

_FLAG_STYLES = {f"flag.{name}": style for name, style in STYLES.items()}


def _theme() -> TextAreaTheme:
    base = TextAreaTheme.get_builtin_theme("css")
    assert base is not None, "Textual ships the 'css' TextArea theme"
    return replace(base, name="reviewer-flags", syntax_styles={**base.syntax_styles, **_FLAG_STYLES})


class SegmentEditor(TextArea):
    """A TextArea for one segment that highlights the segment's flags.

    TextArea highlights come from a syntax tree; there is none here, so the highlight
    map is filled from the flags instead (TextArea's `_highlights`, rebuilt on every
    edit). A flag whose text has moved since the last check is left out until the
    re-check places it again, so a highlight never sits on the wrong words.
    """

    DEFAULT_CSS = """
    SegmentEditor { border: tall $accent; padding: 0 1; }
    """

    def __init__(self, text: str, offset: int, *, id: str | None = None) -> None:
        self.text_offset = offset  # set first: TextArea builds its highlight map while loading text
        self.flags: tuple[Issue, ...] = ()
        super().__init__(text, soft_wrap=True, tab_behavior="focus", id=id)
        self.register_theme(_theme())
        self.theme = "reviewer-flags"

    def get_line(self, line_index: int) -> Text:
        """A line as drawn: control characters show as visible stand-ins, one for one, so
        the cursor and the flags stay in place (the text being edited is unchanged)."""
        return Text(in_place(self.document.get_line(line_index)), end="", no_wrap=True)

    def show_flags(self, flags: Sequence[Issue]) -> None:
        self.flags = tuple(flags)
        self._build_highlight_map()
        self.refresh()

    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        self._highlights.clear()
        text = self.text
        lines = text.split("\n")
        line_starts = [0]
        for line in lines[:-1]:
            line_starts.append(line_starts[-1] + len(line) + 1)
        for flag in sorted(self.flags, key=lambda f: f.start - f.end):  # longer spans first
            start, end = flag.start - self.text_offset, flag.end - self.text_offset
            if end <= start or text[start:end] != flag.text:
                continue
            name = f"flag.{style_name(flag, whole=start == 0 and end >= len(text))}"
            for row, line_start in enumerate(line_starts):
                line_end = line_start + len(lines[row])
                lo, hi = max(start, line_start), min(end, line_end)
                if lo < hi:
                    line = lines[row]
                    byte_lo = len(line[: lo - line_start].encode("utf-8"))
                    byte_hi = len(line[: hi - line_start].encode("utf-8"))
                    self._highlights[row].append((byte_lo, byte_hi, name))
