"""Score a whole test set: every system's corpus and segment scores, and the paired
bootstrap comparison when there are several systems."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.scoring.bundle import TestSet
from reviewer.scoring.compare import DEFAULT_RESAMPLES, SystemComparison, compare_systems
from reviewer.scoring.corpus import CorpusScores, score_corpus
from reviewer.scoring.metrics import ScoringOptions

REFERENCE_MODE = "reference"
POST_EDIT_MODE = "post-edit"


@dataclass(frozen=True)
class ScoreRun:
    """What `reviewer score` reports. In post-edit mode the references are the
    post-edits, so TER is HTER. `comparison` is empty for a single system."""

    mode: str
    test_set: TestSet
    scores: list[tuple[str, CorpusScores]]
    comparison: list[SystemComparison]
    options: ScoringOptions


def score_test_set(
    test_set: TestSet,
    mode: str = REFERENCE_MODE,
    options: ScoringOptions = ScoringOptions(),
    resamples: int = DEFAULT_RESAMPLES,
) -> ScoreRun:
    scores = [(name, score_corpus(lines, test_set.references, options)) for name, lines in test_set.systems]
    comparison = (
        compare_systems(test_set.systems, test_set.references, options, resamples) if len(test_set.systems) > 1 else []
    )
    return ScoreRun(mode=mode, test_set=test_set, scores=scores, comparison=comparison, options=options)
