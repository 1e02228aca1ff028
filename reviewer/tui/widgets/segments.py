"""The article as a column of segments, each with its flags highlighted in place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from reviewer.navigation import SegmentState
from reviewer.tui.printable import in_place
from reviewer.tui.widgets.flags import flagged_text

__all__ = ["SegmentList", "SegmentState", "SegmentView"]


class SegmentView(Horizontal):
    """One segment: a gutter with its number and state, then its text with flags."""

    DEFAULT_CSS = """
    SegmentView {
        height: auto;
        padding: 0 1 0 1;
        margin: 0 0 1 0;
    }
    SegmentView .gutter {
        width: 6;
        color: $text-muted;
        text-align: right;
        padding: 0 1 0 0;
    }
    SegmentView .body { width: 1fr; }
    SegmentView .source { width: 1fr; color: $text-muted; padding: 0 0 0 2; }
    SegmentView.-focused { background: $boost; border-left: outer $accent; padding-left: 0; }
    SegmentView.-focused .gutter { color: $accent; text-style: bold; }
    SegmentView.-editing .body { display: none; }
    SegmentView TextArea { width: 1fr; height: auto; max-height: 16; }
    """

    @dataclass
    class Clicked(Message):
        index: int
        chain: int

    def __init__(self, index: int, state: SegmentState) -> None:
        super().__init__(id=f"segment-{index}")
        self.index = index
        self.state = state

    def compose(self) -> ComposeResult:
        yield Static(self._gutter(), classes="gutter")
        yield Static(self._body(), classes="body")
        yield Static(self._source(), classes="source")

    def show(self, state: SegmentState) -> None:
        if state == self.state:
            return
        self.state = state
        self.query_one(".gutter", Static).update(self._gutter())
        self.query_one(".body", Static).update(self._body())
        source = self.query_one(".source", Static)
        source.update(self._source())
        source.display = state.source is not None

    def _gutter(self) -> Text:
        state = self.state
        if state.unsaved:
            mark = ("●", "yellow")  # a draft not saved yet
        elif state.edited:
            mark = ("✎", "green")  # saved, with changes
        elif state.saved:
            mark = ("✓", "green")  # confirmed as it is
        else:
            mark = (" ", "")
        return Text.assemble(f"{self.index + 1}", " ", mark)

    def _body(self) -> Text:
        state = self.state
        return flagged_text(state.text, state.offset, state.issues, state.focused_flag, state.match)

    def _source(self) -> str:
        return "" if self.state.source is None else in_place(self.state.source)

    def on_mount(self) -> None:
        self.query_one(".source", Static).display = self.state.source is not None

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Clicked(self.index, event.chain))


class SegmentList(VerticalScroll, can_focus=False):
    """The segments, top to bottom; the screen moves the focus, this only shows it."""

    DEFAULT_CSS = """
    SegmentList { padding: 1 0 0 0; scrollbar-size-vertical: 1; }
    """

    def __init__(self, states: Sequence[SegmentState], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = list(states)
        self._focused: int | None = None

    def compose(self) -> ComposeResult:
        for index, state in enumerate(self._initial):
            yield SegmentView(index, state)

    def view(self, index: int) -> SegmentView:
        return self.query_one(f"#segment-{index}", SegmentView)

    def focus_segment(self, index: int, previous: int | None) -> None:
        if previous is not None and previous != index:
            self.view(previous).remove_class("-focused")
        view = self.view(index)
        view.add_class("-focused")
        self._focused = index
        self.scroll_to_center(view, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        """The segments were laid out (first paint, a resumed article, a new terminal
        size): a scroll asked for before then found no heights, so the focused segment
        is brought into view again when it is off screen."""
        if self._focused is None:
            return
        view = self.view(self._focused)
        shown = Region(0, self.scroll_offset.y, 1, self.size.height)
        if not shown.overlaps(Region(0, view.virtual_region.y, 1, max(view.virtual_region.height, 1))):
            self.scroll_to_center(view, animate=False)
