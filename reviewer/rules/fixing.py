"""Safe fixes: the replacements of `fix: safe` rules, applied without a person looking.

A safe rule's first suggestion is the only right fix (a German quotation mark, a decimal
comma, a scraped photo credit), so it can be applied to a whole article at once. A
deletion is tidied so that the text reads as if the flagged words had never been there:
a line that is left empty goes with its line break (and, for a paragraph of its own,
the blank line after it), and a deletion inside a line takes one adjacent run of spaces
with it instead of leaving two spaces or a trailing one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from reviewer.model import Finding

SAFE = "safe"
FIX_VALUES = (SAFE,)
MAX_PASSES = 3
"""A fix can bring two halves of a pattern together (a quote mark fixed inside a date):
the fixer runs again on its own output until nothing changes, at most this often."""

_BLANK = " \t"


class Fixable(Protocol):
    """A rule as the fixer needs it: an id, and the spans it flags with suggestions."""

    @property
    def id(self) -> str: ...

    def find(self, text: str, timeout: float | None = None) -> list[Finding]: ...


@dataclass(frozen=True)
class TextEdit:
    """Replace `text[start:end]` by `replacement`."""

    start: int
    end: int
    replacement: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]


@dataclass(frozen=True)
class SafeFix:
    """One applied fix: the rule, where it was in the text it was applied to, and what
    the text there was and became (after tidying a deletion)."""

    rule_id: str
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True)
class FixResult:
    text: str
    fixes: tuple[SafeFix, ...]

    @property
    def changed(self) -> bool:
        return bool(self.fixes)


def tidy_edit(text: str, start: int, end: int, replacement: str) -> TextEdit:
    """The edit that puts `replacement` in place of `text[start:end]`; a deletion is
    widened over the line break or spaces it would otherwise leave behind."""
    if replacement:
        return TextEdit(start, end, replacement)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = _line_end(text, end)
    if not text[line_start:start].strip(_BLANK) and not text[end:line_end].strip(_BLANK):
        return _delete_line(text, line_start, line_end)
    if start > 0 and text[start - 1] in _BLANK and (end == len(text) or text[end] in _BLANK + "\r\n"):
        while start > line_start and text[start - 1] in _BLANK:
            start -= 1
    elif start == line_start:
        while end < line_end and text[end] in _BLANK:
            end += 1
    return TextEdit(start, end, "")


def _line_end(text: str, at: int) -> int:
    """Where the line holding `at` ends (before its `\\r\\n` or `\\n`)."""
    newline = text.find("\n", at)
    end = len(text) if newline < 0 else newline
    return end - 1 if end > at and text[end - 1] == "\r" else end


def _delete_line(text: str, line_start: int, line_end: int) -> TextEdit:
    """Delete a whole line: with its line break, and when it was a paragraph of its own,
    with the blank lines after it; at the end of the text, the break before it instead."""
    end = _past_break(text, line_end)
    if end == line_end:  # the last line, without a break: take the break(s) before it
        start = line_start
        while start > 0 and text[start - 1] in "\r\n" + _BLANK:
            start -= 1
        return TextEdit(start, end, "")
    own_paragraph = line_start == 0 or text[:line_start].rstrip(_BLANK).endswith(("\n\n", "\n\r\n"))
    while own_paragraph and end < len(text):
        following = _line_end(text, end)
        if text[end:following].strip(_BLANK) or following == len(text):
            break
        end = _past_break(text, following)
    if end == len(text) and line_start > 0:  # nothing follows: keep one line break, as the text had
        start = line_start
        while start > 0 and text[start - 1] in "\r\n" + _BLANK:
            start -= 1
        return TextEdit(start, end, text[line_end : _past_break(text, line_end)])
    return TextEdit(line_start, end, "")


def _past_break(text: str, at: int) -> int:
    if text.startswith("\r\n", at):
        return at + 2
    if text.startswith("\n", at):
        return at + 1
    return at


Keep = Callable[[str, TextEdit], bool]
"""Whether an edit of a text may be made (e.g. not one that deletes a line)."""


def removes_line(text: str, edit: TextEdit) -> bool:
    """True for an edit that deletes a line break: one that would take a paragraph (or a
    line of one) out of the text, which shifts paragraph-aligned sidecars."""
    return "\n" in text[edit.start : edit.end] and "\n" not in edit.replacement


def safe_edits(text: str, rules: Sequence[Fixable], keep: Keep | None = None) -> list[tuple[str, TextEdit]]:
    """Each rule's first suggestion wherever it flags `text`, tidied, as non-overlapping
    edits in text order (of two that overlap, the one that starts first, then the longer,
    is kept; the other is left for the next pass). Edits `keep` refuses are left out."""
    candidates = (
        (finding.rule_id, tidy_edit(text, finding.start, finding.end, finding.suggestions[0]))
        for rule in rules
        for finding in rule.find(text)
        if finding.suggestions
    )
    found = sorted(
        (pair for pair in candidates if keep is None or keep(text, pair[1])),
        key=lambda pair: (pair[1].start, -pair[1].end, pair[0]),
    )
    kept: list[tuple[str, TextEdit]] = []
    for rule_id, edit in found:
        if kept and edit.start < kept[-1][1].end:
            continue
        kept.append((rule_id, edit))
    return kept


def apply_safe_fixes(
    text: str, rules: Sequence[Fixable], keep: Keep | None = None, passes: int = MAX_PASSES
) -> FixResult:
    """`text` with every fix of `rules` applied (pass after pass, until nothing changes),
    and the fixes made, each located in the text of its own pass."""
    fixes: list[SafeFix] = []
    for _ in range(passes):
        edits = safe_edits(text, rules, keep)
        if not edits:
            break
        shift = 0
        for rule_id, edit in edits:
            fixes.append(
                SafeFix(rule_id, edit.start + shift, edit.end + shift, text[edit.start : edit.end], edit.replacement)
            )
            shift += len(edit.replacement) - (edit.end - edit.start)
        for _, edit in reversed(edits):
            text = edit.apply(text)
    return FixResult(text, tuple(fixes))


def moved(offset: int, fixes: Sequence[SafeFix], *, end: bool = False) -> int:
    """Where `offset` of the unfixed text is after `fixes` (in the order applied). An
    offset inside a replaced span goes to its start, or to its end with `end`, so a
    segment's start and end (`end=True`) still bracket what became of it."""
    for fix in fixes:
        if offset >= fix.end and not (offset == fix.end == fix.start and not end):
            offset += len(fix.after) - (fix.end - fix.start)
        elif offset > fix.start:
            offset = fix.start + (len(fix.after) if end else 0)
    return offset
