"""On-disk cache of checked articles, so an unchanged batch re-runs in a fraction of the time.

An entry is keyed by everything that can change the issues: the article's text, its
segments' sources and language, and each checker's description (tool version, rule-pack
hash, LanguageTool version and options). Incomplete results (a timed-out rule, a
LanguageTool outage: a gap) are never cached: they are not the full answer. The entries live in
the one cache of `reviewer.cache`, which is never trusted: what comes back is checked
to be a list of issues of the shape written here, else it is a miss.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from reviewer import __version__
from reviewer.cache import Cache
from reviewer.checkers import Checker
from reviewer.model import Article, Issue, RuleRef, Severity


@functools.cache
def code_fingerprint() -> str:
    """A hash of reviewer's own source, so results of an edited checker (between releases,
    or in a developer's tree) never come from the cache under an unchanged version."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def checkers_fingerprint(checkers: Sequence[Checker]) -> str:
    """What the checkers are, as a string that changes when their results could (each
    checker's `Signature.cache_key`: where it runs is left out)."""
    described = {checker.id: checker.signature().cache_key() for checker in checkers}
    return json.dumps({"reviewer": code_fingerprint(), "checkers": described}, sort_keys=True, default=str)


def article_key(article: Article, fingerprint: str) -> str:
    content = {
        "text": article.text,
        "lang": article.lang,
        "source_lang": article.source_lang,
        "segments": [(s.start, s.end, s.source, s.reference) for s in article.segments],
    }
    blob = json.dumps([content, fingerprint], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache:
    """Checked articles' issues, by `article_key`, in the shared cache's "results" namespace.

    A hit is an issue list of exactly the shape this version writes; anything else (an
    entry from another version, a tampered row) is a miss, which the cache reports once."""

    NAMESPACE = "results"

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    @property
    def warning(self) -> str | None:
        return self.cache.warning

    def get(self, key: str) -> list[Issue] | None:
        return self.cache.get_many(self.NAMESPACE, [key], lambda _, data: issues_from_json(data)).get(key)

    def put(self, key: str, issues: Sequence[Issue]) -> None:
        self.cache.put_many(self.NAMESPACE, {key: [asdict(issue) for issue in issues]})

    def close(self) -> None:
        self.cache.close()


_TEXT_FIELDS = ("checker", "rule_id", "category", "message", "text")
_COUNT_FIELDS = ("start", "end", "line", "column")
_ISSUE_FIELDS = frozenset({f.name for f in fields(Issue)})
_RULE_REF_FIELDS = frozenset({f.name for f in fields(RuleRef)})


def issues_from_json(data: Any) -> list[Issue]:
    """Issues as `put` stored them; ValueError for anything of another shape."""
    if not isinstance(data, list):
        raise ValueError("not a list of issues")
    return [_issue(item) for item in data]


def _issue(data: Any) -> Issue:
    if not isinstance(data, dict) or data.keys() != _ISSUE_FIELDS:
        raise ValueError("an issue without the fields of one")
    if not all(isinstance(data[name], str) for name in _TEXT_FIELDS):
        raise ValueError("an issue with a text field that is not text")
    start, end, line, column = (_count(data[name]) for name in _COUNT_FIELDS)
    if start > end or line < 1 or column < 1:
        raise ValueError(f"an issue at {start}-{end}, line {line}, column {column}")
    segment = data["segment"]
    if segment is not None:
        segment = _count(segment)
    severity = data["severity"]
    if type(severity) is not int or severity not in {s.value for s in Severity}:
        raise ValueError(f"an issue of severity {severity!r}")
    suggestions = data["suggestions"]
    if not isinstance(suggestions, list) or not all(isinstance(s, str) for s in suggestions):
        raise ValueError("an issue whose suggestions are not a list of text")
    also = data["also"]
    if not isinstance(also, list) or not all(_is_rule_ref(ref) for ref in also):
        raise ValueError("an issue whose merged rules are malformed")
    return Issue(
        **{name: data[name] for name in _TEXT_FIELDS},
        severity=Severity(severity),
        start=start,
        end=end,
        line=line,
        column=column,
        segment=segment,
        suggestions=tuple(suggestions),
        also=tuple(RuleRef(**ref) for ref in also),
    )


def _count(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"{value!r} where a count belongs")
    return value


def _is_rule_ref(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and data.keys() == _RULE_REF_FIELDS
        and all(isinstance(value, str) for value in data.values())
    )
