"""How a flag looks: one colour per severity, shared by the segment text, the editor and
the issue list so that a colour means the same thing everywhere."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from reviewer.model import Issue, Severity
from reviewer.review_session import MANUAL
from reviewer.tui.printable import in_place

COLOURS: dict[str, str] = {"minor": "#d7c26a", "major": "#e8893a", "critical": "#e04848", MANUAL: "#b48ee0"}


def _styles() -> dict[str, Style]:
    """Named styles: `minor` paints the flagged words' background; `minor.whole`, for a
    flag on a whole segment, colours its text instead so flags inside it still show."""
    styles = {}
    for name, colour in COLOURS.items():
        ink = "white" if name == "critical" else "black"
        styles[name] = Style(color=ink, bgcolor=colour, bold=name in ("major", "critical"))
        styles[f"{name}.whole"] = Style(color=colour, underline=True)
    return styles


STYLES = _styles()
FOCUSED_STYLE = Style(reverse=True)
MATCH_STYLE = Style(color="black", bgcolor="#5fd7ff", underline=True)


def style_name(issue: Issue, whole: bool) -> str:
    name = MANUAL if issue.checker == MANUAL else issue.severity.label
    return f"{name}.whole" if whole else name


def severity_badge(severity: Severity) -> Text:
    """` MAJOR ` in its severity's colours, then padding so a column of badges lines up."""
    label = severity.label.upper()
    return Text.assemble((f" {label} ", STYLES[severity.label]), " " * (8 - len(label)))


def flagged_text(
    text: str, offset: int, issues: Sequence[Issue], focused: str | None = None, match: tuple[int, int] | None = None
) -> Text:
    """`text` with each issue's span styled by severity; `offset` is where `text` starts
    in the article (issues carry article offsets). Longer spans are painted first so a
    flag inside a longer one still shows; the focused flag is shown reversed. Control
    characters show as visible stand-ins, one for one, so spans stay on their words. The
    search's current `match` (offsets in `text`) is marked on top."""
    rendered = Text(in_place(text))
    for issue in sorted(issues, key=lambda i: (i.start - i.end, i.severity)):
        start, end = max(0, issue.start - offset), min(len(text), issue.end - offset)
        if end <= start:
            end = start + 1  # an empty span (an omission) still gets a visible mark
        whole = start == 0 and end >= len(text)
        rendered.stylize(STYLES[style_name(issue, whole)], start, end)
        if issue.id == focused:
            rendered.stylize(FOCUSED_STYLE, start, end)
    if match is not None:
        rendered.stylize(MATCH_STYLE, *match)
    return rendered
