"""The side of the review screen: source and reference, the focused segment's flags, scores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from reviewer.model import Issue, Segment
from reviewer.mqm import Penalty
from reviewer.scoring.metrics import MetricScore
from reviewer.tui.widgets.flags import flag_style, severity_badge


class PairPanel(Static):
    """The source and the reference of the focused segment, beside its MT."""

    DEFAULT_CSS = """
    PairPanel { height: auto; max-height: 14; border: round $primary-muted; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Source · Reference"

    def show(self, segment: Segment, source_lang: str | None) -> None:
        parts: list[Text] = []
        if segment.source is not None:
            parts += [Text(f"Source{f' ({source_lang})' if source_lang else ''}", style="bold"), Text(segment.source)]
        if segment.reference is not None:
            parts += [Text("Reference", style="bold"), Text(segment.reference, style="italic")]
        self.update(Text("\n").join(parts))


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
        head = Text.assemble(severity_badge(issue), " ", (issue.category, "bold"), "  ", (f"{issue.checker}/{issue.rule_id}", "dim"))
        body = Text.assemble("\n", (issue.text or "(whole segment)", flag_style(issue)), "  ", issue.message)
        for ref in issue.also:
            body.append(f"\n  also {ref.checker}/{ref.rule_id}: {ref.message}", style="dim")
        if issue.suggestions:
            body.append("\n→ ", style="bold green")
            body.append(" | ".join(s if s else "(delete)" for s in issue.suggestions[:4]), style="green")
        return head + body

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Clicked(self.issue.id))


class IssuePanel(VerticalScroll, can_focus=False):
    """The focused segment's flags and annotations; the focused flag is marked."""

    DEFAULT_CSS = """
    IssuePanel { border: round $primary-muted; height: 1fr; }
    IssuePanel > .empty { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Flags"
        self._shown: tuple[tuple[str, ...], str | None] | None = None

    def compose(self) -> ComposeResult:
        yield Static("Checking…", classes="empty")

    def show(self, issues: Sequence[Issue], focused: str | None, checking: bool = False) -> None:
        key = (tuple(i.id + i.message for i in issues), focused)
        if key == self._shown and not checking:
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
    ScorePanel { height: auto; border: round $primary-muted; padding: 0 1; }
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
        penalty: Penalty,
    ) -> None:
        rows = [
            Text.assemble((f"Segment {index + 1:<4}", "bold"), "  HTER ", (_number(scores.get("hter")), "bold"),
                          "   chrF ", (_number(scores.get("chrf")), "bold"), ("   vs MT", "dim")),
        ]
        if has_reference:
            rows.append(Text.assemble(
                ("  vs reference", "dim"), "  BLEU ", _number(scores.get("mt_ref_bleu")), " → ",
                (_number(scores.get("pe_ref_bleu")), "bold"), "   chrF ", _number(scores.get("mt_ref_chrf")), " → ",
                (_number(scores.get("pe_ref_chrf")), "bold"),
            ))
        rows.append(Text.assemble(("Article     ", "bold"), f"  edited {edited_share:.0%}   reviewed {reviewed}/{total}"))
        rows.append(Text.assemble(
            "            MQM ", (f"{penalty.per_100_words:.1f}", "bold"), f" per 100 words ({penalty.total:g})",
        ))
        text = Text("\n").join(rows)
        self.update(text)
