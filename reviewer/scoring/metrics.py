"""sacrebleu's metric objects, configured in one place, so every number has its signature.

We never re-implement a metric: scores come from sacrebleu's `BLEU`, `CHRF` and `TER`
objects, and the signature string each one gives is kept next to every score, in
reports, in the review store and in exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric

#: The metrics every scoring call computes, in the order reports list them.
METRIC_KEYS: tuple[str, ...] = ("bleu", "chrf", "ter")


@dataclass(frozen=True)
class ScoringOptions:
    """How the metrics are configured; every choice shows up in the signatures."""

    chrf_word_order: int = 0
    """0 is chrF; 2 adds word unigrams and bigrams, which is chrF++."""

    ter_case_sensitive: bool = True
    """Capitalisation fixes are real edits when post-editing into English, so TER (and so
    HTER) counts them by default; False gives tercom's (and sacrebleu's) lowercasing."""

    ter_normalized: bool = False
    """tercom's `-N`: normalise and tokenise punctuation before counting edits."""

    ter_no_punct: bool = False
    """Drop punctuation before counting edits."""

    ter_asian_support: bool = False
    """Split CJK characters (only with `ter_normalized` or `ter_no_punct`)."""

    def corpus_metrics(self) -> dict[str, Metric]:
        """Fresh metric objects, as sacrebleu's own CLI builds them for corpus scores."""
        return {
            "bleu": BLEU(),
            "chrf": CHRF(word_order=self.chrf_word_order),
            "ter": TER(
                case_sensitive=self.ter_case_sensitive,
                normalized=self.ter_normalized,
                no_punct=self.ter_no_punct,
                asian_support=self.ter_asian_support,
            ),
        }

    def sentence_metrics(self) -> dict[str, Metric]:
        """Metric objects for single segments: BLEU with effective order, since a short
        sentence without a 4-gram match would otherwise score 0."""
        metrics = self.corpus_metrics()
        metrics["bleu"] = BLEU(effective_order=True)
        return metrics


@dataclass(frozen=True)
class MetricScore:
    """One number on sacrebleu's 0-100 scale, and the signature that reproduces it."""

    score: float
    signature: str


def sentence_score(metric: Metric, hypothesis: str, reference: str) -> MetricScore:
    """Score one segment with a sentence-level metric object from `ScoringOptions`."""
    result = metric.sentence_score(hypothesis, [reference])
    return MetricScore(result.score, str(metric.get_signature()))


def check_aligned(hypotheses: Sequence[str], references: Sequence[str]) -> None:
    """sacrebleu would silently zip a short side away; callers must say which file is short."""
    if not hypotheses:
        raise ValueError("nothing to score: no segments")
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses but {len(references)} references")
