"""The plain data every part of reviewer passes around.

Offsets are code-point offsets into `Article.text`, the text exactly as read (newlines
untouched), so a finding located once is located for every front end and report.
"""

from __future__ import annotations

import bisect
import enum
import hashlib
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Severity(enum.IntEnum):
    """MQM severities, ordered so that gates can compare them (`>= MAJOR`)."""

    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {choices})") from None


@dataclass(frozen=True)
class Span:
    """A half-open `[start, end)` range of code points in an article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """The unit a translator post-edits and that source and reference align to.

    For a plain-text article a segment is a paragraph (or the title); bundles give their
    own segments. `reviewer.segmenter.segment_sentences` splits one further, in its language.
    """

    index: int
    start: int
    end: int
    text: str
    source: str | None = None
    reference: str | None = None
    lang: str = "en-US"


@dataclass(frozen=True)
class Article:
    """One machine-translated document, as read from `path`.

    `id` tells articles of one bundle apart; `lang` is the target language checks run in
    (e.g. `en-US`), `source_lang` the language it was translated from, when known.
    """

    path: str
    id: str
    text: str
    segments: tuple[Segment, ...]
    lang: str = "en-US"
    source_lang: str | None = None
    system: str | None = None

    @cached_property
    def _line_starts(self) -> list[int]:
        """Where lines start: after "\n", "\r\n", or a lone "\r" (old Mac files), as editors count."""
        return [0, *(match.end() for match in _LINE_BREAK.finditer(self.text))]

    @cached_property
    def _segment_starts(self) -> list[int]:
        return [segment.start for segment in self.segments]

    @property
    def label(self) -> str:
        """How messages name this article: its file, or `file[id]` for one article of a
        bundle (`file[id@system]` for one system's output in a multi-system test set)."""
        name = self.id if self.system is None else f"{self.id}@{self.system}"
        return self.path if PurePath(self.path).stem == name else f"{self.path}[{name}]"

    @cached_property
    def words(self) -> int:
        """Asked for by the penalty, the gates and every report format: counted once."""
        return sum(len(segment.text.split()) for segment in self.segments)

    @property
    def has_source(self) -> bool:
        return any(segment.source is not None for segment in self.segments)

    @property
    def has_reference(self) -> bool:
        return any(segment.reference is not None for segment in self.segments)

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of `offset`, as editors and SARIF count them."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def segment_at(self, offset: int) -> Segment | None:
        """The segment holding `offset` (an empty segment holds its own position), or None
        when it falls between segments."""
        i = bisect.bisect_right(self._segment_starts, offset) - 1
        if i >= 0:
            segment = self.segments[i]
            if offset < segment.end or segment.start == segment.end == offset:
                return segment
        return None


@dataclass(frozen=True)
class Finding:
    """What a checker reports: a rule that matched a span, before it is placed in context."""

    rule_id: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleRef:
    """Another checker's rule that flagged the same span as the issue it is attached to."""

    checker: str
    rule_id: str
    message: str


@dataclass(frozen=True)
class Issue:
    """A finding placed in its article: the flagged text, its segment, line and column."""

    checker: str
    rule_id: str
    category: str
    severity: Severity
    message: str
    text: str
    start: int
    end: int
    line: int
    column: int
    segment: int | None
    suggestions: tuple[str, ...] = ()
    also: tuple[RuleRef, ...] = ()

    @property
    def id(self) -> str:
        """Stable across runs, so reports can be diffed and decisions remembered."""
        key = "\x1f".join([self.checker, self.rule_id, str(self.start), str(self.end), self.text])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Gap:
    """A check that was asked for and did not happen on an article (LanguageTool lost,
    a rule out of time): the article's result is incomplete, so it cannot pass as clean."""

    checker: str
    reason: str


@dataclass(frozen=True)
class CheckOutcome:
    """A checker's answer for one article: findings, the checks it could not do (`gaps`),
    and other problems worth telling the user (`warnings`)."""

    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleResult:
    """An article with its issues (sorted by position), checkers' warnings, and the checks
    that were asked for and did not happen (`gaps`: the result is then incomplete)."""

    article: Article
    issues: list[Issue]
    warnings: list[str] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps


@dataclass(frozen=True)
class IssueKey:
    """What makes an issue the same issue across runs of an edited article: the article
    (path, id, and the MT system of a test set), the rule that flagged it, the flagged
    text, and which occurrence of that text it is among the rule's hits in the article.
    An edit elsewhere shifts every offset (and so `Issue.id`) but none of these."""

    path: str
    article: str
    system: str | None
    checker: str
    rule_id: str
    text: str
    occurrence: int

    @property
    def fingerprint(self) -> str:
        """A short stable hash of the key, for formats that track issues across runs (SARIF)."""
        fields = [self.path, self.article, self.system or "", self.checker, self.rule_id, self.text]
        fields.append(str(self.occurrence))
        return hashlib.sha1("\x1f".join(fields).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Flag:
    """An issue reduced to what its identity needs, whether read from a report or just found."""

    rules: tuple[tuple[str, str], ...]  # (checker, rule_id): the lead rule first, then `also`
    text: str
    start: int
    end: int

    @classmethod
    def of(cls, issue: Issue) -> Flag:
        rules = ((issue.checker, issue.rule_id), *((r.checker, r.rule_id) for r in issue.also))
        return cls(rules=rules, text=issue.text, start=issue.start, end=issue.end)


def normal_path(path: str) -> str:
    """`./corpora/a.txt` and `corpora\\a.txt` name the same file as `corpora/a.txt`."""
    return posixpath.normpath(path.replace("\\", "/"))


def flag_keys(path: str, article_id: str, system: str | None, flags: Sequence[Flag]) -> list[tuple[IssueKey, ...]]:
    """Every flag's keys, one per rule that flagged it; occurrences count in text order."""
    seen: dict[tuple[str, str, str], int] = {}
    keys: list[tuple[IssueKey, ...]] = [()] * len(flags)
    order = sorted(range(len(flags)), key=lambda i: (flags[i].start, flags[i].end))
    path = normal_path(path)
    for i in order:
        flag = flags[i]
        own = []
        for checker, rule_id in flag.rules:
            occurrence = seen.get((checker, rule_id, flag.text), 0)
            seen[(checker, rule_id, flag.text)] = occurrence + 1
            own.append(IssueKey(path, article_id, system, checker, rule_id, flag.text, occurrence))
        keys[i] = tuple(own)
    return keys


def issue_keys(article: Article, issues: Sequence[Issue]) -> list[tuple[IssueKey, ...]]:
    """The keys of each of `article`'s issues, in issue order, the leading rule's first."""
    return flag_keys(article.path, article.id, article.system, [Flag.of(issue) for issue in issues])
