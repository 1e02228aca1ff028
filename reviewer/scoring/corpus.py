"""Corpus and segment scores from one pass over the data.

sacrebleu's public calls would tokenise and match every segment twice (once for
`sentence_score`, once for `corpus_score`). Its metrics are built from per-segment
sufficient statistics, so we extract those once with the hooks sacrebleu's own
significance tests use (`_extract_corpus_statistics`, `_aggregate_and_compute`) and
aggregate them both ways. The numbers are the ones the public calls give; the tests
compare them, table-driven, against sacrebleu called directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sacrebleu.metrics.base import Metric
from sacrebleu.metrics.bleu import BLEU

from reviewer.scoring.metrics import METRIC_KEYS, MetricScore, ScoringOptions, check_aligned


@dataclass(frozen=True)
class SegmentScores:
    """BLEU (effective order), chrF and TER of one segment, on the 0-100 scale."""

    index: int
    bleu: float
    chrf: float
    ter: float


@dataclass(frozen=True)
class CorpusScores:
    """Corpus scores with their signatures, and the segment scores they summarise.

    `segment_signatures` differ from the corpus ones where the metric is configured
    differently per segment (sentence BLEU uses effective order: `eff:yes`).
    """

    corpus: dict[str, MetricScore]
    segments: list[SegmentScores]
    segment_signatures: dict[str, str]
    _metrics: dict[str, Metric] = field(repr=False, compare=False)
    _stats: dict[str, list[Any]] = field(repr=False, compare=False)

    def span(self, start: int, stop: int) -> dict[str, float]:
        """Scores of segments `start` to `stop - 1` taken as a corpus of their own (an
        article of a bundle), with the signatures of `corpus`."""
        if not 0 <= start < stop <= len(self.segments):
            raise ValueError(f"segments {start}-{stop} are outside 0-{len(self.segments)}")
        return {
            key: metric._aggregate_and_compute(self._stats[key][start:stop]).score
            for key, metric in self._metrics.items()
        }


def score_corpus(
    hypotheses: Sequence[str],
    references: Sequence[str],
    options: ScoringOptions = ScoringOptions(),
) -> CorpusScores:
    """Score `hypotheses` against line-aligned `references` (one reference each).

    In post-edit mode the hypotheses are the MT and the references the post-edits, so
    the TER is HTER.
    """
    check_aligned(hypotheses, references)
    hyps, refs = list(hypotheses), [list(references)]
    corpus_metrics = options.corpus_metrics()
    sentence_metrics = options.sentence_metrics()
    corpus: dict[str, MetricScore] = {}
    all_stats: dict[str, list[Any]] = {}
    per_segment: dict[str, list[float]] = {}
    segment_signatures: dict[str, str] = {}
    for key in METRIC_KEYS:
        metric, sentence_metric = corpus_metrics[key], sentence_metrics[key]
        stats = all_stats[key] = metric._extract_corpus_statistics(hyps, refs)
        corpus[key] = MetricScore(metric._aggregate_and_compute(stats).score, str(metric.get_signature()))
        per_segment[key] = [sentence_metric._aggregate_and_compute([s]).score for s in stats]
        signature = metric.get_signature()
        if isinstance(sentence_metric, BLEU):
            # The sentence object never saw the references, so it cannot count them;
            # its signature is the corpus one with effective order switched on.
            signature.update("eff", sentence_metric.effective_order)
        segment_signatures[key] = str(signature)
    segments = [
        SegmentScores(i, per_segment["bleu"][i], per_segment["chrf"][i], per_segment["ter"][i])
        for i in range(len(hyps))
    ]
    return CorpusScores(corpus, segments, segment_signatures, corpus_metrics, all_stats)
