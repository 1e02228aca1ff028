"""Loaded rules and packs: what a rule flags, what it says, and where it applies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import regex

from reviewer.language import LanguagePair
from reviewer.model import Article, Finding, Severity
from reviewer.rules.matchers import Matcher

if TYPE_CHECKING:
    from reviewer.rules.terms import Term

KINDS = ("pattern", "substitution", "existence")

PLACEHOLDERS = ("match", "suggestion")
_PLACEHOLDER = regex.compile(r"\{(match|suggestion)\}")
_MATCH_SHOWN = 80  # a message stays one readable line even when a rule flags a long span


@dataclass(frozen=True)
class Example:
    """One `bad` or `ok` example, markers removed; `span` is the marked part of a bad one."""

    kind: str
    number: int
    text: str
    line: int
    span: tuple[int, int] | None = None
    correction: str | None = None
    source: str | None = None
    """The source segment, for the examples of source-aware terms."""

    @property
    def label(self) -> str:
        return f"{self.kind} example {self.number}"


class Tested(Protocol):
    """A rule or a source term: what `check_example` runs an example through."""

    @property
    def id(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def examples(self) -> tuple[Example, ...]: ...

    def find_example(self, example: Example, timeout: float | None = None) -> list[Finding]: ...


@dataclass(frozen=True)
class Rule:
    """A compiled rule: it finds spans in a text and says why each one is wrong."""

    id: str
    kind: str
    message: str
    category: str
    severity: Severity
    matcher: Matcher
    path: str
    line: int
    suggestions: tuple[str, ...] = ()
    keep_capital: bool = False
    examples: tuple[Example, ...] = ()
    fix: str | None = None
    """`safe` when the first suggestion is the one right fix, applied by `reviewer fix`."""

    def find_example(self, example: Example, timeout: float | None = None) -> list[Finding]:
        return self.find(example.text, timeout=timeout)

    def find(self, text: str, timeout: float | None = None) -> list[Finding]:
        """Every span of `text` the rule flags; raises `TimeoutError` past `timeout` seconds."""
        findings = []
        for start, end, computed in self.matcher.spans(text, timeout):
            matched = text[start:end]
            suggestions = tuple(dict.fromkeys((*computed, *self.suggestions)))
            if self.keep_capital and matched[:1].isupper():
                suggestions = tuple(dict.fromkeys(s[:1].upper() + s[1:] for s in suggestions))
            findings.append(
                Finding(
                    rule_id=self.id,
                    category=self.category,
                    severity=self.severity,
                    message=render_message(self.message, matched, suggestions),
                    start=start,
                    end=end,
                    suggestions=suggestions,
                )
            )
        return findings


def render_message(template: str, matched: str, suggestions: tuple[str, ...]) -> str:
    """Fill `{match}` and `{suggestion}` in one pass, so braces in the text stay literal."""
    shown = " ".join(matched.split())
    if len(shown) > _MATCH_SHOWN:
        shown = shown[: _MATCH_SHOWN - 1] + "…"
    values = {"match": shown, "suggestion": suggestions[0] if suggestions else ""}
    return _PLACEHOLDER.sub(lambda m: values[m[1]], template)


@dataclass(frozen=True)
class Pack:
    """The rules of one file and the articles they apply to; `sha256` is the file's content
    hash, so results cached for one version of a pack are not reused for another."""

    name: str
    description: str
    path: str
    languages: tuple[str, ...]
    source_languages: tuple[str, ...] | None
    rules: tuple[Rule, ...]
    sha256: str = ""
    terms: tuple[Term, ...] = ()
    """Source-aware entries (see `reviewer.rules.terms`), run by the `source_terms` checker."""

    def applies_to(self, article: Article) -> bool:
        """True when the article is in one of the pack's languages ("en" covers "en-US")
        and, if the pack names source languages, was translated from one of them or from
        a language nobody recorded."""
        return self.pair.covers(article.lang, article.source_lang)

    @property
    def pair(self) -> LanguagePair:
        return LanguagePair(self.languages, self.source_languages)
