"""The `reviewer.report/1` JSON report (see DESIGN.md): the contract CI pipelines parse."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from reviewer import __version__
from reviewer.errors import ReviewerError
from reviewer.model import Issue, Severity
from reviewer.report import ArticleReport, BatchReport, failure_location
from reviewer.scoring import METRIC_KEYS, MetricScore

SCHEMA = "reviewer.report/1"


def issue_dict(issue: Issue) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": issue.id,
        "checker": issue.checker,
        "rule_id": issue.rule_id,
        "category": issue.category,
        "severity": issue.severity.label,
        "message": issue.message,
        "text": issue.text,
        "start": issue.start,
        "end": issue.end,
        "line": issue.line,
        "column": issue.column,
        "segment": issue.segment,
        "suggestions": list(issue.suggestions),
    }
    if issue.also:
        data["also"] = [{"checker": r.checker, "rule_id": r.rule_id, "message": r.message} for r in issue.also]
    return data


def article_dict(report: ArticleReport) -> dict[str, Any]:
    article = report.result.article
    data: dict[str, Any] = {
        "path": article.path,
        "id": article.id,
        "lang": article.lang,
        "words": article.words,
        "segments": [{"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in article.segments],
        "issues": [issue_dict(issue) for issue in report.result.issues],
        "scores": {
            "mqm_penalty": report.penalty.total,
            "mqm_per_100_words": report.penalty.per_100_words,
            **{name: _score(report.metrics.get(name)) for name in METRIC_KEYS},
        },
    }
    if report.metrics:
        data["scores"]["signatures"] = {name: m.signature for name, m in report.metrics.items()}
    if article.system is not None:
        data["system"] = article.system
    if report.result.warnings:
        data["warnings"] = list(report.result.warnings)
    if report.result.gaps:
        data["incomplete"] = [{"checker": gap.checker, "reason": gap.reason} for gap in report.result.gaps]
    return data


def _score(metric: MetricScore | None) -> float | None:
    return None if metric is None else round(metric.score, 4)


def to_dict(report: BatchReport) -> dict[str, Any]:
    issues = [issue for a in report.articles for issue in a.result.issues]
    by_severity = Counter(issue.severity.label for issue in issues)
    return {
        "schema": SCHEMA,
        "tool": {"name": "reviewer", "version": __version__},
        "signature": report.signature,
        "checkers": report.checker_blocks(),
        "articles": [article_dict(a) for a in report.articles],
        "failures": [_failure_dict(f) for f in report.failures],
        "summary": {
            "articles": len(report.articles),
            "words": sum(a.result.article.words for a in report.articles),
            "issues": len(issues),
            "by_severity": {s.label: by_severity.get(s.label, 0) for s in Severity},
            "by_category": dict(sorted(Counter(issue.category for issue in issues).items())),
            "mqm_penalty": report.penalty.total,
            "mqm_per_100_words": report.penalty.per_100_words,
            "failed_gates": list(report.failed_gates),
            "incomplete": len(report.incomplete),
            "passed": report.passed,
        },
    }


def _failure_dict(failure: ReviewerError) -> dict[str, Any]:
    path, line = failure_location(failure)
    return {"path": path, "line": line, "message": str(failure)}


def render(report: BatchReport) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
