"""The in-place editor of a segment, showing the segment's flags while the reviewer types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme

from reviewer.model import Issue, Severity
from reviewer.review_session import MANUAL
from reviewer.tui.widgets.flags import MANUAL_STYLE, SEVERITY_STYLES

_FLAG_STYLES = {f"flag.{severity.label}": style for severity, style in SEVERITY_STYLES.items()}
_FLAG_STYLES["flag.manual"] = MANUAL_STYLE


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
        for flag in self.flags:
            start, end = flag.start - self.text_offset, flag.end - self.text_offset
            if end <= start or text[start:end] != flag.text:
                continue
            name = "flag.manual" if flag.checker == MANUAL else f"flag.{Severity(flag.severity).label}"
            for row, line_start in enumerate(line_starts):
                line_end = line_start + len(lines[row])
                lo, hi = max(start, line_start), min(end, line_end)
                if lo < hi:
                    line = lines[row]
                    byte_lo = len(line[: lo - line_start].encode("utf-8"))
                    byte_hi = len(line[: hi - line_start].encode("utf-8"))
                    self._highlights[row].append((byte_lo, byte_hi, name))
