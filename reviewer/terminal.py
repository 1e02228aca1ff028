"""Text for people: what reaches a terminal, a CI log or a report viewer.

File names and article text come from outside. Raw, an ESC can restyle or clear the
reader's terminal, a right-to-left override can make a line read other than it is, and
a newline in a file name can forge a line of its own (`reviewer: gate failed: ...`).
Every human-facing output goes through `printable`; machine formats (JSON) keep the
text as it is.
"""

from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    """`text` as one line a terminal shows as it is: every character that is not
    printable (controls, line breaks, tabs, format characters such as bidi overrides,
    unassigned code points) is written as Python escapes it (`\\n`, `\\x1b`, `\\u202e`);
    spaces of any width and all printable text stay as they are."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or unicodedata.category(ch) == "Zs" else repr(ch)[1:-1] for ch in text)


def printable_lines(text: str) -> str:
    """Several lines (split at `\\n` only, which is kept), each made `printable`."""
    return "\n".join(printable(line) for line in text.split("\n"))
