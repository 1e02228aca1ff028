"""Quality gates: turn a checked batch into a verdict a CI pipeline can act on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.model import Severity
from reviewer.mqm import Penalty


@dataclass(frozen=True)
class Gates:
    """Thresholds from the command line; None means the gate is off."""

    fail_on: Severity | None = None
    max_penalty: float | None = None  # MQM penalty per 100 words, per article and for the batch


@dataclass(frozen=True)
class ArticleScore:
    """What the gates look at for one article."""

    name: str
    worst: Severity | None
    penalty: Penalty


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
    return failed
