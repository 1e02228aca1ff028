"""The closed set of ways a rule matches text, each compiled to one `regex` pattern.

A matcher yields `(start, end, suggestions)` for every span it flags in a text. All of
them run through the `regex` module with a time budget, so one pathological pattern
stops with `TimeoutError` instead of hanging a batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import regex

Span = tuple[int, int, tuple[str, ...]]

# A space in a phrase: one run of white space that crosses at most one line break, so a
# phrase can be broken across lines inside a paragraph but never spans a blank line.
_PHRASE_SPACE = r"(?=\s)[^\S\r\n]*(?:\r\n|\r|\n)?[^\S\r\n]*"

# A template escape: a group by name or number, or any other escaped character (skipped).
_TEMPLATE_ESCAPE = regex.compile(r"\\(?:g<([^>]*)>|(\d+)|.)", regex.DOTALL)


class Matcher(Protocol):
    def spans(self, text: str, timeout: float | None) -> Iterator[Span]:
        """Every non-empty span flagged in `text`; raises `TimeoutError` past `timeout` seconds."""
        ...


@dataclass(frozen=True)
class PatternMatcher:
    """A regular expression; each replacement template expands into a suggestion."""

    pattern: regex.Pattern
    replacements: tuple[str, ...] = ()

    def spans(self, text: str, timeout: float | None) -> Iterator[Span]:
        for match in self.pattern.finditer(text, timeout=timeout):
            if match.end() > match.start():
                yield match.start(), match.end(), tuple(match.expand(r) for r in self.replacements)


@dataclass(frozen=True)
class PhraseMatcher:
    """Literal phrases in one alternation; each phrase has its own suggestions."""

    pattern: regex.Pattern
    suggestions: tuple[tuple[str, ...], ...]

    def spans(self, text: str, timeout: float | None) -> Iterator[Span]:
        for match in self.pattern.finditer(text, timeout=timeout):
            group = match.lastindex
            assert group is not None, "every phrase is a group of the alternation"
            yield match.start(), match.end(), self.suggestions[group - 1]


def compile_pattern(pattern: str, ignore_case: bool) -> regex.Pattern:
    """Compile a `pattern` rule's regex; raises `ValueError` saying why it does not compile."""
    flags = regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)
    try:
        return regex.compile(pattern, flags)
    except regex.error as error:
        raise ValueError(f"pattern does not compile: {error}") from None


def check_template(compiled: regex.Pattern, template: str) -> None:
    """Raise `ValueError` unless `template` expands on every match of `compiled`: checked
    here, at load time, so that expanding it in an article cannot fail."""
    for name, number in _TEMPLATE_ESCAPE.findall(template):
        ref = number or name
        if not ref:
            continue
        # No pattern has a billion groups, and int() refuses a number past 4300 digits.
        known = (len(ref) < 10 and int(ref) <= compiled.groups) if ref.isdigit() else ref in compiled.groupindex
        if not known:
            raise ValueError(f"replacement '{template}' refers to group {ref}, which the pattern does not have")
    try:
        compiled.sub(template, "")
    except regex.error as error:
        raise ValueError(f"replacement '{template}' is not a valid template: {error}") from None


def compile_phrases(phrases: Mapping[str, Sequence[str]], ignore_case: bool) -> PhraseMatcher:
    """One alternation over `phrases` (phrase -> its suggestions), longest first so that
    "in the meantime" wins over "in the"; raises `ValueError` for empty or repeated phrases."""
    seen: dict[str, str] = {}
    for phrase in phrases:
        words = phrase.split()
        if not words:
            raise ValueError("a phrase is empty")
        key = " ".join(words).casefold() if ignore_case else " ".join(words)
        if key in seen:
            raise ValueError(f"phrase {phrase!r} repeats {seen[key]!r}")
        seen[key] = phrase
    ordered = sorted(phrases, key=lambda p: len(" ".join(p.split())), reverse=True)
    alternation = "|".join(f"({_phrase_regex(p)})" for p in ordered)
    flags = regex.IGNORECASE if ignore_case else 0
    return PhraseMatcher(regex.compile(alternation, flags), tuple(tuple(phrases[p]) for p in ordered))


def _phrase_regex(phrase: str) -> str:
    words = phrase.split()
    body = _PHRASE_SPACE.join(regex.escape(word) for word in words)
    before = r"(?<!\w)" if regex.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if regex.search(r"\w$", words[-1]) else ""
    return before + body + after
