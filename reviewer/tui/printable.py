"""Text from files (names, article text, messages quoting them) made safe to show.

A control character sent to the terminal as it is can move the cursor, clear the
screen or restyle what follows (Rich keeps ESC and NUL, and drops CR and BEL, which
shifts every offset after them); a newline in a file name breaks a one-line row or
title. What is stored is never changed: only what is drawn.
"""

from __future__ import annotations

import unicodedata

# Direction overrides and isolates: they can reorder what a one-line label shows.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _breaks_lines(char: str) -> bool:
    """Control characters and line or paragraph separators."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def _unsafe_in_line(char: str) -> bool:
    return _breaks_lines(char) or char in _BIDI_CONTROLS


def one_line(text: str) -> str:
    """`text` for a row, a title or a notification: every control character, line
    break and direction override is written as its escape (`\\n`, `\\x1b`, `\\u202e`)."""
    if not any(_unsafe_in_line(char) for char in text):
        return text
    return "".join(repr(char)[1:-1] if _unsafe_in_line(char) else char for char in text)


def _unsafe_in_body(char: str) -> bool:
    return char != "\n" and _breaks_lines(char)


def _picture(char: str, following: str) -> str:
    code = ord(char)
    if char == "\r" and following == "\n":
        return " "  # a CRLF line break shows as a line break
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls, line and paragraph separators


def in_place(text: str) -> str:
    """`text` for a segment's body or the source beside it: line breaks stay, and each
    other control character becomes one visible character (ESC shows as ␛), so offsets
    into the text still point at the same characters and flags stay on their words."""
    if not any(_unsafe_in_body(char) for char in text):
        return text
    return "".join(
        _picture(char, text[i + 1 : i + 2]) if _unsafe_in_body(char) else char for i, char in enumerate(text)
    )
