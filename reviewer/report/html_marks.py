"""An article's text as HTML with each flagged span in a `<mark>`, however the spans overlap.

HTML elements nest; flagged spans need not (one rule flags "on Monday.", another
"Monday.\\nDockers"). Every issue gets exactly one `<mark>`, where its span starts, so
counting marks counts issues; where a span must be cut to keep the elements nested
(an enclosing element closes inside it), the rest of it goes on in a `<span
class="mark">` with the same colour, title and `data-issue`. A span of no characters
(something missing) is an empty mark the stylesheet makes visible.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reviewer.model import Issue
from reviewer.terminal import printable

_KEPT = frozenset("\n\r\t")


def visible_text(text: str) -> str:
    """Article text as the report shows it: escaped for HTML, with control and format
    characters (bidi overrides, ESC) written out as `\\u202e`, `\\x1b` so they cannot
    reorder or hide what is around them; line breaks and tabs stay as they are."""
    shown = text if text.isprintable() else "".join(ch if ch in _KEPT else printable(ch) for ch in text)
    return html.escape(shown, quote=False)


@dataclass(frozen=True)
class Flag:
    """An issue to mark: its key (`data-issue`, the mark's id), number in the article's
    issue list, severity class and hover title."""

    key: str
    number: int
    issue: Issue
    title: str


def _open(flag: Flag, first: bool) -> str:
    attributes = (
        f'class="mark sev-{flag.issue.severity.label}{"" if flag.issue.end > flag.issue.start else " point"}" '
        f'data-issue="{flag.key}" title="{html.escape(flag.title)}"'
    )
    if first:
        return f'<mark id="{flag.key}" {attributes}>'
    return f"<span {attributes}>"


def _close(flag: Flag, first: bool, position: int) -> str:
    """Close one piece; where the issue itself ends, its number (from the issue list)
    follows as an empty element the stylesheet labels, adding nothing to the text."""
    number = f'<span class="n" data-n="{flag.number}"></span>' if flag.issue.end == position else ""
    return number + ("</mark>" if first else "</span>")


def marked_text(text: str, flags: Sequence[Flag], escape: Callable[[str], str] = visible_text) -> str:
    """`text` with every flag's span marked, elements properly nested (see the module)."""
    starts: dict[int, list[Flag]] = {}
    for flag in flags:
        starts.setdefault(flag.issue.start, []).append(flag)
    ends: dict[int, set[str]] = {}
    for flag in flags:
        ends.setdefault(flag.issue.end, set()).add(flag.key)
    positions = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    stack: list[tuple[Flag, bool]] = []  # open elements, outermost first; bool: it is the <mark>
    for at, position in enumerate(positions):
        ending = ends.get(position, set())
        cut = next((i for i, (flag, _) in enumerate(stack) if flag.issue.end == position), len(stack))
        out += [_close(flag, first, position) for flag, first in reversed(stack[cut:])]
        survivors = [flag for flag, _ in stack[cut:] if flag.key not in ending]
        del stack[cut:]
        empty = [flag for flag in starts.get(position, []) if flag.issue.end == position]
        out += [_open(flag, True) + _close(flag, True, position) for flag in empty]
        opening = [(flag, False) for flag in survivors]
        opening += [(flag, True) for flag in starts.get(position, []) if flag.issue.end > position]
        opening.sort(key=lambda pair: -pair[0].issue.end)  # stable: survivors before new marks
        for flag, first in opening:
            out.append(_open(flag, first))
            stack.append((flag, first))
        if at + 1 < len(positions):
            out.append(escape(text[position : positions[at + 1]]))
    return "".join(out)
