"""Compare several systems on one test set with sacrebleu's paired bootstrap resampling.

The test is sacrebleu's own (`sacrebleu.significance.PairedTest`, the one behind its
`--paired-bs` flag); p-values are against the first system, the baseline. The random
seed is sacrebleu's: 12345 unless `SACREBLEU_SEED` says otherwise, and it is in the
signature.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewer.scoring.metrics import METRIC_KEYS, ScoringOptions, check_aligned

if TYPE_CHECKING:
    from sacrebleu.significance import Result

DEFAULT_RESAMPLES = 1000


@dataclass(frozen=True)
class ComparedScore:
    """A system's corpus score, the bootstrap estimate of its mean with a 95% confidence
    half-width, and the p-value of its difference from the baseline (None for the baseline)."""

    score: float
    signature: str
    mean: float
    ci: float
    p_value: float | None


@dataclass(frozen=True)
class SystemComparison:
    name: str
    scores: dict[str, ComparedScore]


def compare_systems(
    systems: Sequence[tuple[str, Sequence[str]]],
    references: Sequence[str],
    options: ScoringOptions = ScoringOptions(),
    resamples: int = DEFAULT_RESAMPLES,
) -> list[SystemComparison]:
    """Paired bootstrap of every system against `systems[0]`, for BLEU, chrF and TER."""
    from sacrebleu.significance import PairedTest  # pulls in numpy; only comparisons need it

    if len(systems) < 2:
        raise ValueError("a comparison needs at least two systems")
    for _, hypotheses in systems:
        check_aligned(hypotheses, references)
    metrics = options.corpus_metrics()
    test = PairedTest(
        [(name, list(hypotheses)) for name, hypotheses in systems],
        metrics,
        references=[list(references)],
        test_type="bs",
        n_samples=resamples,
    )
    signatures, results = test()
    # PairedTest names its columns after the scores ("BLEU", "chrF2++", "TER").
    column = {key: name for name, metric in test.metrics.items() for key in METRIC_KEYS if metrics[key] is metric}
    return [
        SystemComparison(
            name=name,
            scores={key: _compared(results[column[key]][i], str(signatures[column[key]])) for key in METRIC_KEYS},
        )
        for i, (name, _) in enumerate(systems)
    ]


def _compared(result: Result | str, signature: str) -> ComparedScore:
    assert not isinstance(result, str), "PairedTest gives every system a Result"
    assert result.mean is not None and result.ci is not None, "bootstrap resampling gives every score a mean and CI"
    return ComparedScore(
        score=float(result.score),
        signature=signature,
        mean=float(result.mean),
        ci=float(result.ci),
        p_value=None if result.p_value is None else float(result.p_value),
    )
