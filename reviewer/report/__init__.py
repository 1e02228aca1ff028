"""Reports: one batch result, several renderings (a plain dict registry of formats)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewer import __version__
from reviewer.errors import ExitCode, InputError, ReviewerError, RuleError
from reviewer.model import ArticleResult, Gap, Severity
from reviewer.mqm import Penalty
from reviewer.pipeline import gap_text
from reviewer.scoring import MetricScore
from reviewer.signature import Signature


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
    checkers: dict[str, Signature]
    penalty: Penalty
    failures: list[ReviewerError] = field(default_factory=list)
    failed_gates: list[str] = field(default_factory=list)
    fail_on: Severity | None = None  # the --fail-on threshold, for formats that mark failures
    allow_incomplete: bool = False  # --allow-incomplete: incomplete articles do not decide the verdict

    @property
    def incomplete(self) -> list[ArticleReport]:
        """The articles a checker that was asked for could not (fully) check."""
        return [a for a in self.articles if not a.result.complete]

    @property
    def exit_code(self) -> ExitCode:
        """An input that could not be read outranks a failed gate, which outranks an
        incompletely checked article (unless the user allowed those)."""
        if self.failures:
            return ExitCode.USAGE
        if self.failed_gates:
            return ExitCode.GATE_FAILED
        if self.incomplete and not self.allow_incomplete:
            return ExitCode.INCOMPLETE
        return ExitCode.OK

    @property
    def passed(self) -> bool:
        return self.exit_code == ExitCode.OK

    def checker_blocks(self) -> dict[str, dict[str, Any]]:
        """The report's `checkers` map (DESIGN.md), made from each checker's signature."""
        return {checker_id: signature.report() for checker_id, signature in self.checkers.items()}

    @property
    def signature(self) -> str:
        """One string that pins down how this report was made, so two reports with the same
        signature are comparable: tool version, each checker's version or rule-pack hash,
        and the sacrebleu signatures of the scores."""
        parts = [f"reviewer {__version__}"]
        parts += [f"{checker_id} {signature.label}" for checker_id, signature in sorted(self.checkers.items())]
        metrics = {name: m.signature for a in self.articles for name, m in sorted(a.metrics.items())}
        parts += [f"{name} {signature}" for name, signature in metrics.items()]
        return "; ".join(parts)


MAX_GAP_KINDS_NAMED = 3  # in a one-line summary; stderr and the per-article lines name them all


def gap_kinds(report: BatchReport) -> list[tuple[Gap, int]]:
    """Each kind of gap (checker and reason) with the number of articles it left
    incomplete, in order of first appearance: what stderr says once per kind."""
    return list(Counter(gap for a in report.incomplete for gap in dict.fromkeys(a.result.gaps)).items())


def incomplete_line(report: ArticleReport) -> str:
    """One line naming an incompletely checked article and every check it missed."""
    gaps = "; ".join(gap_text(gap) for gap in dict.fromkeys(report.result.gaps))
    return f"{report.result.article.label} not fully checked: {gaps}"


def verdict(report: BatchReport, reasons: Sequence[str] = ()) -> str:
    """The run's verdict as the exit code has it: `passed`, `FAILED` (with `reasons` when
    given) or `INCOMPLETE: N article(s) not fully checked (...)`. Incompleteness that a
    failure outranks, or that the user allowed, is still said after a `;`."""
    head = "FAILED" if report.failures or report.failed_gates else "passed"
    if head == "FAILED" and reasons:
        head += " (" + "; ".join(reasons) + ")"
    if not report.incomplete:
        return head
    kinds = [gap_text(gap) for gap, _ in gap_kinds(report)]
    named = "; ".join(kinds[:MAX_GAP_KINDS_NAMED])
    if len(kinds) > MAX_GAP_KINDS_NAMED:
        named += f"; {len(kinds) - MAX_GAP_KINDS_NAMED} more"
    incomplete = f"INCOMPLETE: {len(report.incomplete)} article(s) not fully checked ({named})"
    if report.allow_incomplete:
        return f"{head}; {incomplete}, allowed by --allow-incomplete"
    return incomplete if head == "passed" else f"{head}; {incomplete}"


def failure_location(failure: ReviewerError) -> tuple[str | None, int | None]:
    """The file and line a failure is about, for formats that point at files."""
    if isinstance(failure, (InputError, RuleError)):
        return failure.path, failure.line
    return None, None


Renderer = Callable[[BatchReport], str]


def renderers() -> dict[str, Renderer]:
    """Format name -> renderer; imported lazily so a run pays only for its own format."""
    from reviewer.report import github_format, html_format, json_format, junit_format, sarif_format, text_format

    return {
        "text": text_format.render,
        "json": json_format.render,
        "junit": junit_format.render,
        "sarif": sarif_format.render,
        "github": github_format.render,
        "html": html_format.render,
    }
