"""Checking the fields of a YAML mapping, with the line of every problem.

Problems are collected, not raised, so that an author sees everything wrong at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from reviewer.rules.source import LineDict, line_of

Problem = tuple[int, str]


class Fields:
    """A YAML mapping with the line of each key, collecting problems about its fields."""

    def __init__(self, raw: LineDict, problems: list[Problem]) -> None:
        self.raw = raw
        self.problems = problems
        self.key_lines = {key: line_of(key, raw.line) for key in raw}

    def line(self, name: str) -> int:
        return line_of(self.raw.get(name), self.key_lines.get(name, self.raw.line))

    def problem(self, name: str, message: str) -> None:
        self.problems.append((self.line(name), message))

    def check_keys(self, allowed: Iterable[str], required: Iterable[str], misplaced: dict[str, str]) -> None:
        allowed = tuple(allowed)
        for key in self.raw:
            if not isinstance(key, str):
                self.problems.append((self.raw.line, f"field name {key!r} must be text"))
            elif key in misplaced:
                self.problem(key, f"field {key!r} {misplaced[key]}")
            elif key not in allowed:
                self.problem(key, f"unknown field {key!r}{did_you_mean(key, allowed)}")
        for name in required:
            if name not in self.raw:
                self.problems.append((self.raw.line, f"missing field {name!r}"))

    def text(self, name: str, required: bool = True) -> str | None:
        """The field's text; None when it is absent (reported by `check_keys` if required) or wrong."""
        value = self.raw.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            if name in self.raw:
                self.problem(name, f"{name} must be {'non-empty ' if required else ''}text, not {shown(value)}")
            return None
        return value

    def texts(self, name: str) -> tuple[str, ...] | None:
        """A field that takes one string or a list of them."""
        value = self.raw.get(name)
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.problem(name, f"{name} must be text or a non-empty list of text, not {shown(value)}")
        return None


def duplicate_keys(raw: Any, problems: list[Problem], recurse: bool) -> None:
    """Report keys given twice: YAML silently keeps the last, hiding the author's first value."""
    if isinstance(raw, LineDict):
        problems.extend((line, f"key {key!r} is given twice; YAML keeps only the last") for key, line in raw.duplicates)
    if recurse:
        children = raw.values() if isinstance(raw, dict) else raw if isinstance(raw, list) else ()
        for child in children:
            duplicate_keys(child, problems, recurse=True)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def shown(value: Any) -> str:
    """A value as the author wrote it in YAML, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(str(value)) if isinstance(value, str) else repr(value)
