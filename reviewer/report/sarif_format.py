"""SARIF 2.1.0, the format code-scanning UIs read (GitHub code scanning, Azure DevOps, IDE viewers).

One run. Each rule that flagged something is a `reportingDescriptor` carrying its MQM
category and severity; each issue is a `result`. Columns and character offsets count
Unicode code points (`run.columnKind`), as every offset in reviewer does.

Where a result points depends on what the article's text is:
- a plain-text article *is* its file, so the result has the file and an exact region
  (lines, columns, `charOffset`/`charLength`);
- an article of a bundle (one JSONL line, one WMT `<doc>`, one XLIFF unit) has a text
  of its own that no offset in the bundle file corresponds to, so the result names the
  file without a region, names the article in a `logicalLocation`, and gives its line
  and column inside the article in the message and in `properties`. A region in the
  bundle's lines would point at the wrong text.
Texts a viewer shows (messages, rule descriptions, article names) are made printable
(`reviewer.terminal`); the snippet and `properties` keep the text as it is.
Input files and rule packs that failed to load, and articles a checker could not fully
check (one notification per article, `descriptor.id` "incomplete", naming each check it
missed), are `toolExecutionNotifications`, and the invocation is then not
`executionSuccessful`.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from reviewer import __version__
from reviewer.errors import ReviewerError
from reviewer.model import Article, Issue, Severity, issue_keys
from reviewer.report import ArticleReport, BatchReport, failure_location, incomplete_line
from reviewer.terminal import printable

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.MINOR: "warning", Severity.MAJOR: "error", Severity.CRITICAL: "error"}


def artifact_uri(path: str) -> str:
    """A relative path as a relative URI reference (`/` separators, percent-encoded); an absolute one as file://."""
    if PurePath(path).is_absolute():
        return PurePath(path).as_uri()
    return quote(PurePath(path).as_posix(), safe="/")


def is_whole_file(article: Article) -> bool:
    """Whether the article's text is its file's text, so its offsets are offsets into the file."""
    return article.label == article.path


def _rule(issue: Issue) -> dict[str, Any]:
    return {
        "id": issue.rule_id,
        "shortDescription": {"text": printable(issue.message)},
        "help": {
            "text": printable(
                f"MQM category {issue.category}, severity {issue.severity.label}, "
                f"reported by the {issue.checker} checker. Example: {issue.message}"
            )
        },
        "defaultConfiguration": {"level": LEVELS[issue.severity]},
        "properties": {
            "category": issue.category,
            "severity": issue.severity.label,
            "checker": issue.checker,
            "tags": ["translation", issue.category],
        },
    }


def _logical(article: Article) -> list[dict[str, Any]]:
    """The article inside its bundle, as a viewer names it."""
    return [{"name": printable(article.id), "fullyQualifiedName": printable(article.label)}]


def _region(article: Article, issue: Issue) -> dict[str, Any]:
    end_line, end_column = article.line_column(issue.end)
    return {
        "startLine": issue.line,
        "startColumn": issue.column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": issue.start,
        "charLength": issue.end - issue.start,
        "snippet": {"text": issue.text},
    }


def _result(report: ArticleReport, issue: Issue, fingerprint: str, rule_index: int) -> dict[str, Any]:
    article = report.result.article
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(article.path)}}
    properties: dict[str, Any] = {
        "category": issue.category,
        "severity": issue.severity.label,
        "checker": issue.checker,
        "segment": issue.segment,
    }
    message = issue.message
    location: dict[str, Any] = {"physicalLocation": physical}
    if is_whole_file(article):
        physical["region"] = _region(article, issue)
    else:
        message = f"{article.label}, line {issue.line}, column {issue.column}: {issue.message}"
        location["logicalLocations"] = _logical(article)
        properties.update(
            article=article.id, line=issue.line, column=issue.column, start=issue.start, end=issue.end, text=issue.text
        )
    if issue.suggestions:
        properties["suggestions"] = list(issue.suggestions)
    if issue.also:
        properties["alsoFlaggedBy"] = [f"{r.checker}/{r.rule_id}" for r in issue.also]
    return {
        "ruleId": issue.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[issue.severity],
        "message": {"text": printable(message)},
        "locations": [location],
        "partialFingerprints": {"reviewerIssueId/v1": issue.id, "reviewerOccurrence/v1": fingerprint},
        "properties": properties,
    }


def _notification(failure: ReviewerError) -> dict[str, Any]:
    path, line = failure_location(failure)
    notification: dict[str, Any] = {
        "level": "error",
        "message": {"text": printable(str(failure))},
        "descriptor": {"id": type(failure).__name__},
    }
    if path is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
        if line is not None:
            physical["region"] = {"startLine": line}
        notification["locations"] = [{"physicalLocation": physical}]
    return notification


def _incomplete(report: ArticleReport, allowed: bool) -> dict[str, Any]:
    article = report.result.article
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(article.path)}}}
    if not is_whole_file(article):
        location["logicalLocations"] = _logical(article)
    return {
        "level": "warning" if allowed else "error",
        "message": {"text": printable(incomplete_line(report))},
        "descriptor": {"id": "incomplete"},
        "locations": [location],
        "properties": {"incomplete": [{"checker": gap.checker, "reason": gap.reason} for gap in report.result.gaps]},
    }


def to_dict(report: BatchReport) -> dict[str, Any]:
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    results = []
    for article in report.articles:
        for issue, keys in zip(article.result.issues, issue_keys(article.result.article, article.result.issues)):
            if issue.rule_id not in rule_index:
                rule_index[issue.rule_id] = len(rules)
                rules.append(_rule(issue))
            results.append(_result(article, issue, keys[0].fingerprint, rule_index[issue.rule_id]))
    notifications = [_notification(f) for f in report.failures]
    notifications += [_incomplete(a, report.allow_incomplete) for a in report.incomplete]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "reviewer", "version": __version__, "rules": rules}},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "passed": report.passed,
                    "failedGates": list(report.failed_gates),
                    "incomplete": len(report.incomplete),
                    "mqmPenalty": report.penalty.total,
                    "mqmPer100Words": report.penalty.per_100_words,
                    "checkers": report.checker_blocks(),
                },
            }
        ],
    }


def render(report: BatchReport) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
