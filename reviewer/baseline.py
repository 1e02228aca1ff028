"""`--baseline`: report only issues that are new since an earlier report.

A team adopting the tool on a backlog records one report and gates only what changes
after it. An issue is matched to the baseline by where it is in meaning, not in offsets:
the article (path, id, and the MT system of a test set), the rule that flagged it
(checker and rule id), the flagged text, and which occurrence of that text it is among
the rule's hits in the article.
An edit elsewhere in the article shifts every offset (and so `Issue.id`) but none of
these, so the old issues stay old. When several rules flag one span, the issue is old
if any of them flagged that text there before: a rule that changes severity and takes
the lead does not make a known issue new.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from reviewer.errors import InputError
from reviewer.loaders.reading import JSONProblem, parse_json
from reviewer.model import Issue
from reviewer.mqm import DEFAULT_WEIGHTS, Penalty, Weights, penalty
from reviewer.report import ArticleReport, BatchReport
from reviewer.report.json_format import SCHEMA as REPORT_SCHEMA


@dataclass(frozen=True)
class IssueKey:
    """What makes an issue the same issue across runs of an edited article."""

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
class _Flag:
    """An issue reduced to what matching needs, whether read from a report or just found."""

    rules: tuple[tuple[str, str], ...]  # (checker, rule_id): the lead rule first, then `also`
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Baseline:
    """The issues of an earlier report, as keys."""

    path: str
    keys: frozenset[IssueKey]

    def __len__(self) -> int:
        return len(self.keys)


def _normal_path(path: str) -> str:
    """`./corpora/a.txt` and `corpora\\a.txt` name the same file as `corpora/a.txt`."""
    return posixpath.normpath(path.replace("\\", "/"))


def _keys(path: str, article_id: str, system: str | None, flags: Sequence[_Flag]) -> list[tuple[IssueKey, ...]]:
    """Every flag's keys, one per rule that flagged it; occurrences count in text order."""
    seen: dict[tuple[str, str, str], int] = {}
    keys: list[tuple[IssueKey, ...]] = [()] * len(flags)
    order = sorted(range(len(flags)), key=lambda i: (flags[i].start, flags[i].end))
    path = _normal_path(path)
    for i in order:
        flag = flags[i]
        own = []
        for checker, rule_id in flag.rules:
            occurrence = seen.get((checker, rule_id, flag.text), 0)
            seen[(checker, rule_id, flag.text)] = occurrence + 1
            own.append(IssueKey(path, article_id, system, checker, rule_id, flag.text, occurrence))
        keys[i] = tuple(own)
    return keys


def _flag(issue: Issue) -> _Flag:
    rules = ((issue.checker, issue.rule_id), *((r.checker, r.rule_id) for r in issue.also))
    return _Flag(rules=rules, text=issue.text, start=issue.start, end=issue.end)


def issue_keys(report: ArticleReport) -> list[IssueKey]:
    """The key of each issue of `report`, in issue order (by its leading rule)."""
    article = report.result.article
    flags = [_flag(issue) for issue in report.result.issues]
    return [keys[0] for keys in _keys(article.path, article.id, article.system, flags)]


def load_baseline(path: str) -> Baseline:
    """Read an earlier `--format json` report; any problem is one InputError naming the file."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = parse_json(handle.read())
    except FileNotFoundError:
        raise InputError(path, "baseline report not found") from None
    except IsADirectoryError:
        raise InputError(path, "baseline report is a directory, not a JSON file") from None
    except OSError as error:
        raise InputError(path, f"cannot read baseline report: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(path, "baseline report is not UTF-8 text") from None
    except JSONProblem as error:
        raise InputError(path, f"baseline report is {error.problem}", line=error.line) from None
    if not isinstance(data, dict) or data.get("schema") != REPORT_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise InputError(path, f"not a {REPORT_SCHEMA} report (schema: {found!r}); write one with --format json")
    keys: set[IssueKey] = set()
    for where, article in _enumerate(data, "articles", path, "report"):
        article_path = _field(article, "path", str, path, where)
        article_id = _field(article, "id", str, path, where)
        system = article.get("system")
        if system is not None and not isinstance(system, str):
            raise InputError(path, f"baseline report: {where}: 'system' is not a string")
        flags = [
            _flag_from_json(issue, path, f"{where} issue {n}")
            for n, issue in _enumerate(article, "issues", path, where)
        ]
        keys.update(key for own in _keys(article_path, article_id, system, flags) for key in own)
    return Baseline(path=path, keys=frozenset(keys))


def _enumerate(data: dict[str, Any], key: str, path: str, where: str) -> Iterable[tuple[str, dict[str, Any]]]:
    items = data.get(key)
    if not isinstance(items, list):
        raise InputError(path, f"baseline report: {where}: '{key}' is missing or not a list")
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise InputError(path, f"baseline report: {where}: {key} entry {n} is not an object")
        yield (f"article {n}" if key == "articles" else str(n)), item


def _field(data: dict[str, Any], key: str, kind: type, path: str, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise InputError(path, f"baseline report: {where}: '{key}' is missing or not a {kind.__name__}")
    return value


def _flag_from_json(issue: dict[str, Any], path: str, where: str) -> _Flag:
    also = issue.get("also", [])
    if not isinstance(also, list) or not all(isinstance(r, dict) for r in also):
        raise InputError(path, f"baseline report: {where}: 'also' must be a list of objects")
    rules = [(_field(issue, "checker", str, path, where), _field(issue, "rule_id", str, path, where))]
    rules += [(_field(r, "checker", str, path, where), _field(r, "rule_id", str, path, where)) for r in also]
    return _Flag(
        rules=tuple(rules),
        text=_field(issue, "text", str, path, where),
        start=_field(issue, "start", int, path, where),
        end=_field(issue, "end", int, path, where),
    )


def new_issues_only(report: BatchReport, baseline: Baseline, weights: Weights = DEFAULT_WEIGHTS) -> BatchReport:
    """`report` without the issues `baseline` already had, with penalties recomputed.

    The gates are NOT re-applied: `failed_gates` is carried over unchanged, and since
    those verdicts were reached on a superset of the issues, it can only be too strict.
    Re-apply the gates to the returned report before using its verdict.
    """
    articles = []
    for article in report.articles:
        checked = article.result.article
        keys = _keys(checked.path, checked.id, checked.system, [_flag(issue) for issue in article.result.issues])
        issues = [issue for issue, own in zip(article.result.issues, keys) if baseline.keys.isdisjoint(own)]
        articles.append(
            replace(
                article,
                result=replace(article.result, issues=issues),
                penalty=penalty(issues, checked.words, weights),
            )
        )
    batch_penalty = Penalty.of(sum(a.penalty.total for a in articles), sum(a.result.article.words for a in articles))
    return replace(report, articles=articles, penalty=batch_penalty)
