"""Reports: one batch result, several renderings (a plain dict registry of formats)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reviewer import __version__
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

    @property
    def signature(self) -> str:
        """One string that pins down how this report was made, so two reports with the same
        signature are comparable: tool version, each checker's version or rule-pack hash,
        and the sacrebleu signatures of the scores."""
        parts = [f"reviewer {__version__}"]
        for checker_id, described in sorted(self.checkers.items()):
            if not described.get("enabled", False):
                parts.append(f"{checker_id} off")
            elif "sha256" in described:
                parts.append(f"{checker_id} {described['sha256'][:12]}")
            else:
                parts.append(f"{checker_id} {described.get('version', 'on')}")
        metrics = {name: m.signature for a in self.articles for name, m in sorted(a.metrics.items())}
        parts += [f"{name} {signature}" for name, signature in metrics.items()]
        return "; ".join(parts)


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
