"""`reviewer score` output: the `reviewer.scores/1` JSON document and the text table.

Scores are rounded the way sacrebleu prints them (`--width` decimals, 1 by default),
so the JSON carries the very numbers sacrebleu's own CLI gives for the same options.
"""

from __future__ import annotations

from typing import Any

from reviewer.scoring.metrics import METRIC_KEYS
from reviewer.scoring.run import POST_EDIT_MODE, ScoreRun

SCHEMA = "reviewer.scores/1"


def _round(value: float, width: int) -> float:
    return float(f"{value:.{width}f}")


def scores_document(run: ScoreRun, width: int = 1) -> dict[str, Any]:
    """The `reviewer.scores/1` document of DESIGN.md.

    Beyond the documented keys: `segment_signatures` (sentence BLEU differs from corpus
    BLEU), `articles` for bundles (each article scored as a corpus of its own), and
    `system`/`article`/`segment` on segment entries when there are several systems or
    articles to tell apart.
    """
    baseline = run.scores[0][1]
    several = len(run.scores) > 1
    labels = run.test_set.labels
    segments = []
    for name, scores in run.scores:
        for segment in scores.segments:
            entry: dict[str, Any] = {"index": segment.index}
            if several:
                entry["system"] = name
            if labels:
                entry["article"], entry["segment"] = labels[segment.index]
            entry.update({key: _round(getattr(segment, key), width) for key in METRIC_KEYS})
            segments.append(entry)
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "mode": run.mode,
        "corpus": {
            key: {"score": _round(score.score, width), "signature": score.signature}
            for key, score in baseline.corpus.items()
        },
        "segment_signatures": dict(baseline.segment_signatures),
        "segments": segments,
    }
    if run.test_set.articles:
        document["articles"] = [
            {
                "path": span.path,
                "id": span.id,
                **({"system": name} if several else {}),
                **{key: _round(value, width) for key, value in scores.span(span.start, span.stop).items()},
            }
            for name, scores in run.scores
            for span in run.test_set.articles
        ]
    document["systems"] = [
        {
            "name": system.name,
            "baseline": i == 0,
            **{
                key: {
                    "score": _round(score.score, width),
                    "signature": score.signature,
                    "mean": _round(score.mean, width),
                    "ci": _round(score.ci, width),
                    "p_value": score.p_value,
                }
                for key, score in system.scores.items()
            },
        }
        for i, system in enumerate(run.comparison)
    ]
    return document


def scores_text(run: ScoreRun, width: int = 1) -> str:
    """A table for people: corpus scores (or one row per system), then the signatures."""
    labels = {
        "bleu": "BLEU",
        "chrf": "chrF++" if run.options.chrf_word_order == 2 else "chrF",
        "ter": "HTER" if run.mode == POST_EDIT_MODE else "TER",
    }
    lines_count = len(run.test_set.references)
    what = "MT against post-edits" if run.mode == POST_EDIT_MODE else "against references"
    out = [f"{lines_count} segments, {what}"]
    if run.comparison:
        out += _comparison_rows(run, labels, width)
        signatures = {key: run.comparison[0].scores[key].signature for key in METRIC_KEYS}
    else:
        corpus = run.scores[0][1].corpus
        out += [f"  {labels[key]:<6} {corpus[key].score:>7.{width}f}" for key in METRIC_KEYS]
        signatures = {key: corpus[key].signature for key in METRIC_KEYS}
    if run.test_set.articles and not run.comparison:
        scores = run.scores[0][1]
        out.append("")
        out.append("  " + " ".join(f"{labels[key]:>7}" for key in METRIC_KEYS) + "  article")
        for span in run.test_set.articles:
            values = scores.span(span.start, span.stop)
            out.append("  " + " ".join(f"{values[key]:>7.{width}f}" for key in METRIC_KEYS) + f"  {span.id}")
    out.append("")
    out += [f"{labels[key]} signature: {signatures[key]}" for key in METRIC_KEYS]
    return "\n".join(out) + "\n"


def _comparison_rows(run: ScoreRun, labels: dict[str, str], width: int) -> list[str]:
    name_width = max(len("system"), *(len(system.name) for system in run.comparison))
    header = f"  {'system':<{name_width}}" + "".join(f"  {labels[key]:>7}{'':11}" for key in METRIC_KEYS)
    rows = [header]
    for i, system in enumerate(run.comparison):
        cells = []
        for key in METRIC_KEYS:
            score = system.scores[key]
            note = "baseline" if i == 0 else f"p={score.p_value:.4f}"
            cells.append(f"  {score.score:>7.{width}f} {note:>10}")
        rows.append(f"  {system.name:<{name_width}}" + "".join(cells))
    rows.append("")
    rows.append(
        f"  paired bootstrap resampling against {run.comparison[0].name}; "
        "p is the chance of a difference this large if the systems were alike"
    )
    return rows
