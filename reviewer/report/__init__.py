"""Reports: one batch result, several renderings (a plain dict registry of formats)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reviewer.errors import InputError, ReviewerError, RuleError
from reviewer.model import Severity
from reviewer.mqm import Penalty
from reviewer.pipeline import ArticleResult
from reviewer.scoring import MetricScore


@dataclass(frozen=True)
class ArticleReport:
    """A checked article with the scores the report shows for it; `metrics` (BLEU, chrF,
    TER against the reference, with signatures) is empty when the article has no reference."""

    result: ArticleResult
    penalty: Penalty
    metrics: dict[str, MetricScore] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchReport:
    """Everything one `reviewer check` run found; every format renders this one object."""

    articles: list[ArticleReport]
    checkers: dict[str, dict[str, Any]]
    penalty: Penalty
    failures: list[ReviewerError] = field(default_factory=list)
    failed_gates: list[str] = field(default_factory=list)
    fail_on: Severity | None = None  # the --fail-on threshold, for formats that mark failures

    @property
    def passed(self) -> bool:
        return not self.failed_gates and not self.failures


def failure_location(failure: ReviewerError) -> tuple[str | None, int | None]:
    """The file and line a failure is about, for formats that point at files."""
    if isinstance(failure, (InputError, RuleError)):
        return failure.path, failure.line
    return None, None


Renderer = Callable[[BatchReport], str]


def renderers() -> dict[str, Renderer]:
    """Format name -> renderer; imported lazily so a run pays only for its own format."""
    from reviewer.report import github_format, json_format, junit_format, sarif_format, text_format

    return {
        "text": text_format.render,
        "json": json_format.render,
        "junit": junit_format.render,
        "sarif": sarif_format.render,
        "github": github_format.render,
    }
