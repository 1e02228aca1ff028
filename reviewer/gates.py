"""Quality gates: turn a checked batch into a verdict a CI pipeline can act on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.model import Severity
from reviewer.mqm import Penalty


@dataclass(frozen=True)
class Gates:
    """Thresholds from the command line; None means the gate is off.

    `allow_incomplete` (`--allow-incomplete`) is the user's explicit request to accept
    articles that a checker could not check: they are still marked in the report, but
    the verdict is then the gates' alone."""

    fail_on: Severity | None = None
    max_penalty: float | None = None  # MQM penalty per 100 words, per article and for the batch
    min_chrf: float | None = None  # chrF against the reference, per article that has one
    max_ter: float | None = None  # TER against the reference, per article that has one
    allow_incomplete: bool = False


@dataclass(frozen=True)
class ArticleScore:
    """What the gates look at for one article."""

    name: str
    worst: Severity | None
    penalty: Penalty
    chrf: float | None = None
    ter: float | None = None


def verdicts(gates: Gates, articles: Sequence[ArticleScore], batch: Penalty) -> list[str]:
    """One line per failed gate, naming the gate and the article; empty when the batch passes."""
    failed = []
    if gates.fail_on is not None:
        for article in articles:
            if article.worst is not None and article.worst >= gates.fail_on:
                failed.append(f"--fail-on {gates.fail_on.label}: {article.name} has {article.worst.label} issues")
    if gates.max_penalty is not None:
        for article in articles:
            if article.penalty.per_100_words > gates.max_penalty:
                failed.append(
                    f"--max-penalty {gates.max_penalty:g}: {article.name} scores "
                    f"{article.penalty.per_100_words:g} per 100 words"
                )
        if batch.per_100_words > gates.max_penalty:
            failed.append(
                f"--max-penalty {gates.max_penalty:g}: the batch scores {batch.per_100_words:g} per 100 words"
            )
    for article in articles:
        if gates.min_chrf is not None and article.chrf is not None and article.chrf < gates.min_chrf:
            failed.append(f"--min-chrf {gates.min_chrf:g}: {article.name} has chrF {article.chrf:.1f}")
        if gates.max_ter is not None and article.ter is not None and article.ter > gates.max_ter:
            failed.append(f"--max-ter {gates.max_ter:g}: {article.name} has TER {article.ter:.1f}")
    return failed
