"""The side of the review screen: source and reference, the focused segment's flags, scores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from reviewer.model import Issue, Segment
from reviewer.mqm import Penalty
from reviewer.scoring.metrics import MetricScore
from reviewer.tui.printable import in_place
from reviewer.tui.widgets.flags import severity_badge


class PairPanel(VerticalScroll, can_focus=False):
    """The source and the reference of the focused segment, beside its MT; a long pair
    scrolls (mouse wheel) instead of being cut off."""

    DEFAULT_CSS = """
    PairPanel { height: auto; max-height: 14; border: round $primary; border-title-color: $text-accent; padding: 0 1; }
    PairPanel > Static { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)

    def compose(self) -> ComposeResult:
        yield Static()

    def show(self, segment: Segment, source_lang: str | None) -> None:
        parts: list[Text] = []
        if segment.source is not None:
            parts += [
                Text(f"Source{f' ({source_lang})' if source_lang else ''}", style="bold"),
                Text(in_place(segment.source)),
            ]
        if segment.reference is not None:
            parts += [Text("Reference", style="bold"), Text(in_place(segment.reference), style="italic")]
        sides = [
            name for name, text in (("Source", segment.source), ("Reference", segment.reference)) if text is not None
        ]
        self.border_title = " · ".join(sides)
        self.query_one(Static).update(Text("\n").join(parts))
        self.scroll_home(animate=False)


NAMED_UP_TO = 40  # a card names the flagged words (up to this many characters) unless its message does


class IssueItem(Static):
    """One flag: severity, category and rule, the message, the suggestions."""

    DEFAULT_CSS = """
    IssueItem { padding: 0 1 0 2; margin: 0 0 1 0; }
    IssueItem.-focused { background: $boost; border-left: outer $accent; padding-left: 1; }
    """

    @dataclass
    class Clicked(Message):
        issue_id: str

    def __init__(self, issue: Issue, focused: bool) -> None:
        super().__init__(self._render_issue(issue), classes="-focused" if focused else "")
        self.issue = issue

    @staticmethod
    def _render_issue(issue: Issue) -> Text:
        head = Text.assemble(
            severity_badge(issue.severity), (issue.category, "bold"), "  ", (f"{issue.checker}/{issue.rule_id}", "dim")
        )
        named = (
            f"“{in_place(issue.text)}”: "
            if 0 < len(issue.text) <= NAMED_UP_TO and issue.text not in issue.message
            else ""
        )
        body = Text.assemble("\n", (named, "bold"), in_place(issue.message))
        for ref in issue.also:
            body.append(f"\n  also {ref.checker}/{ref.rule_id}: {in_place(ref.message)}", style="dim")
        if issue.suggestions:
            body.append("\n→ ", style="bold green")
            body.append(" | ".join(in_place(s) if s else "(delete)" for s in issue.suggestions[:4]), style="green")
        return head + body

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Clicked(self.issue.id))


class IssuePanel(VerticalScroll, can_focus=False):
    """The focused segment's flags and annotations; the focused flag is marked."""

    DEFAULT_CSS = """
    IssuePanel { border: round $primary; border-title-color: $text-accent; height: 1fr; }
    IssuePanel > .empty { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Flags"
        self._shown: tuple[tuple[str, ...], str | None, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Static("Checking…", classes="empty")

    def show(self, issues: Sequence[Issue], focused: str | None, checking: bool = False) -> None:
        """Show the flags; when only the focus moved among the same flags, move the mark
        (remounting dozens of cards on every key press is what makes a long segment slow)."""
        key = (tuple(i.id + i.message for i in issues), focused, checking)
        if key == self._shown:
            return
        if self._shown is not None and key[0] == self._shown[0] and key[2] == self._shown[2] and issues:
            self._shown = key
            for item in self.query(IssueItem):
                item.set_class(item.issue.id == focused, "-focused")
                if item.issue.id == focused:
                    self.scroll_to_widget(item, animate=False)
            return
        self._shown = key
        self.border_title = f"Flags ({len(issues)})"
        self.remove_children()
        if not issues:
            self.mount(Static("Checking…" if checking else "No flags in this segment.", classes="empty"))
            return
        items = [IssueItem(issue, issue.id == focused) for issue in issues]
        self.mount_all(items)
        for item in items:
            if item.issue.id == focused:
                self.call_after_refresh(self.scroll_to_widget, item, animate=False)


def _number(score: MetricScore | None) -> str:
    return "–" if score is None else f"{score.score:.1f}"


class ScorePanel(Static):
    """Live scores of the focused segment's text and of the article."""

    DEFAULT_CSS = """
    ScorePanel { height: auto; border: round $primary; border-title-color: $text-accent; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Scores"

    def show(
        self,
        index: int,
        scores: Mapping[str, MetricScore],
        has_reference: bool,
        edited_share: float,
        reviewed: int,
        total: int,
        automatic: Penalty,
        confirmed: Penalty,
    ) -> None:
        grid = Table.grid(padding=(0, 2))
        grid.add_column()
        for _ in ("TER", "chrF", "BLEU"):
            grid.add_column(justify="right", min_width=5)
        grid.add_row(
            Text(f"Segment {index + 1}", style="bold"), *(Text(h, style="dim") for h in ("TER", "chrF", "BLEU"))
        )
        grid.add_row(Text("  MT → edit (HTER)", style=""), *(_number(scores.get(k)) for k in ("hter", "chrf", "bleu")))
        if has_reference:
            grid.add_row(
                Text("  MT vs reference", style=""),
                *(_number(scores.get(f"mt_ref_{k}")) for k in ("ter", "chrf", "bleu")),
            )
            grid.add_row(
                Text("  edit vs reference", style=""),
                *(_number(scores.get(f"pe_ref_{k}")) for k in ("ter", "chrf", "bleu")),
            )
        article = Text.assemble(
            ("Article", "bold"),
            f"  edited {edited_share:.0%} · reviewed {reviewed}/{total}\n",
            "  MQM per 100 words (total)\n",
            "    from flags  ",
            (f"{automatic.per_100_words:5.1f}", "bold"),
            f" ({automatic.total:g})\n",
            "    confirmed   ",
            (f"{confirmed.per_100_words:5.1f}", "bold"),
            f" ({confirmed.total:g})",
        )
        text = Group(grid, article)
        self.update(text)
