"""How a flag looks: one style per severity, shared by the segment text, the editor and
the issue list so that a colour means the same thing everywhere."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from reviewer.model import Issue, Severity
from reviewer.review_session import MANUAL

SEVERITY_STYLES: dict[Severity, Style] = {
    Severity.MINOR: Style(color="black", bgcolor="#d7c26a"),
    Severity.MAJOR: Style(color="black", bgcolor="#e8893a", bold=True),
    Severity.CRITICAL: Style(color="white", bgcolor="#c62f2f", bold=True),
}
MANUAL_STYLE = Style(color="black", bgcolor="#b48ee0")
FOCUSED_STYLE = Style(underline=True, reverse=True)


def flag_style(issue: Issue) -> Style:
    return MANUAL_STYLE if issue.checker == MANUAL else SEVERITY_STYLES[issue.severity]


def severity_badge(issue: Issue) -> Text:
    """`MAJOR` in its severity's colours, padded so a list of badges lines up."""
    return Text(f" {issue.severity.label.upper():<8} ", style=SEVERITY_STYLES[issue.severity])


def flagged_text(text: str, offset: int, issues: Sequence[Issue], focused: str | None = None) -> Text:
    """`text` with each issue's span styled by severity; `offset` is where `text` starts
    in the article (issues carry article offsets). The focused flag is shown reversed."""
    rendered = Text(text)
    for issue in sorted(issues, key=lambda i: i.severity):
        start, end = issue.start - offset, issue.end - offset
        if end <= start:
            end = start + 1  # an empty span (an omission) still gets a visible mark
        rendered.stylize(flag_style(issue), max(0, start), min(len(text), end))
        if issue.id == focused:
            rendered.stylize(FOCUSED_STYLE, max(0, start), min(len(text), end))
    return rendered
