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

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from reviewer.errors import InputError
from reviewer.loaders.reading import JSONProblem, parse_json
from reviewer.model import ArticleResult, Flag, IssueKey, flag_keys, issue_keys
from reviewer.report.json_format import SCHEMA as REPORT_SCHEMA


@dataclass(frozen=True)
class Baseline:
    """The issues of an earlier report, as keys (`reviewer.model.IssueKey`)."""

    path: str
    keys: frozenset[IssueKey]

    def __len__(self) -> int:
        return len(self.keys)

    def new_issues(self, result: ArticleResult) -> ArticleResult:
        """`result` without the issues this baseline already had. `check_batch` asks this
        before it scores an article, so penalties and gates count the new issues only."""
        keys = issue_keys(result.article, result.issues)
        return replace(result, issues=[issue for issue, own in zip(result.issues, keys) if self.keys.isdisjoint(own)])


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
        keys.update(key for own in flag_keys(article_path, article_id, system, flags) for key in own)
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


def _flag_from_json(issue: dict[str, Any], path: str, where: str) -> Flag:
    also = issue.get("also", [])
    if not isinstance(also, list) or not all(isinstance(r, dict) for r in also):
        raise InputError(path, f"baseline report: {where}: 'also' must be a list of objects")
    rules = [(_field(issue, "checker", str, path, where), _field(issue, "rule_id", str, path, where))]
    rules += [(_field(r, "checker", str, path, where), _field(r, "rule_id", str, path, where)) for r in also]
    return Flag(
        rules=tuple(rules),
        text=_field(issue, "text", str, path, where),
        start=_field(issue, "start", int, path, where),
        end=_field(issue, "end", int, path, where),
    )
