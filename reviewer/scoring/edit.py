"""Scores of one post-edited segment: how far the reviewer moved the MT, and how both
compare with a human reference when the segment has one."""

from __future__ import annotations

from reviewer.scoring.metrics import MetricScore, ScoringOptions, sentence_score

#: Score names stored per edit. `hter`, `chrf` and `bleu` compare the MT with the
#: post-edit; the `mt_ref_*` and `pe_ref_*` ones compare the MT and the post-edit with
#: the reference.
EDIT_SCORE_NAMES: tuple[str, ...] = (
    "hter",
    "chrf",
    "bleu",
    "mt_ref_bleu",
    "mt_ref_chrf",
    "mt_ref_ter",
    "pe_ref_bleu",
    "pe_ref_chrf",
    "pe_ref_ter",
)


def hter(mt: str, post_edit: str, options: ScoringOptions = ScoringOptions()) -> MetricScore:
    """TER of the MT against its post-edit: the share of words the reviewer changed."""
    return sentence_score(options.sentence_metrics()["ter"], mt, post_edit)


def score_edit(
    mt: str,
    post_edit: str,
    reference: str | None = None,
    options: ScoringOptions = ScoringOptions(),
) -> dict[str, MetricScore]:
    """Every score of `EDIT_SCORE_NAMES` that applies: the `*_ref_*` ones only with a reference."""
    metrics = options.sentence_metrics()
    scores = {
        "hter": sentence_score(metrics["ter"], mt, post_edit),
        "chrf": sentence_score(metrics["chrf"], mt, post_edit),
        "bleu": sentence_score(metrics["bleu"], mt, post_edit),
    }
    if reference is not None:
        for prefix, hypothesis in (("mt_ref", mt), ("pe_ref", post_edit)):
            for key in ("bleu", "chrf", "ter"):
                scores[f"{prefix}_{key}"] = sentence_score(metrics[key], hypothesis, reference)
    return scores
