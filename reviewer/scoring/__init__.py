"""Scores with sacrebleu: BLEU, chrF(++), TER and HTER, per segment, article and corpus,
each with its signature; paired bootstrap comparison of systems."""

from reviewer.scoring.bundle import TestSet, article_scores, build_test_set
from reviewer.scoring.compare import ComparedScore, SystemComparison, compare_systems
from reviewer.scoring.corpus import CorpusScores, SegmentScores, score_corpus
from reviewer.scoring.edit import EDIT_SCORE_NAMES, hter, score_edit
from reviewer.scoring.metrics import METRIC_KEYS, MetricScore, ScoringOptions
from reviewer.scoring.run import POST_EDIT_MODE, REFERENCE_MODE, ScoreRun, score_test_set

__all__ = [
    "EDIT_SCORE_NAMES",
    "METRIC_KEYS",
    "POST_EDIT_MODE",
    "REFERENCE_MODE",
    "ComparedScore",
    "CorpusScores",
    "MetricScore",
    "ScoreRun",
    "ScoringOptions",
    "SegmentScores",
    "SystemComparison",
    "TestSet",
    "article_scores",
    "build_test_set",
    "compare_systems",
    "hter",
    "score_corpus",
    "score_edit",
    "score_test_set",
]
