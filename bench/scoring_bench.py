"""Time `reviewer.scoring.score_corpus` against sacrebleu called directly, same data, same run.

Usage:  .venv/bin/python bench/scoring_bench.py [--segments 3000] [--repeat 3] [DATA.jsonl]

Both sides compute what `reviewer score` reports: segment-level BLEU (effective order),
chrF and TER for every segment, and corpus-level BLEU, chrF and TER. sacrebleu's public
calls do that with `sentence_score` per segment plus `corpus_score`; we extract the
statistics once and aggregate them both ways. Without DATA, synthetic news-like
segments are generated (seeded); with DATA (JSONL whose objects carry `mt` and `ref`,
`reference` or `pe`, as strings or lists, e.g. ../shared/data/wmt-de-en/dev.jsonl) its
segments are cycled up to --segments. Prints the best of --repeat runs and the ratio.
A second pair times one-segment-at-a-time scoring, as the review store does per save.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF, TER

from reviewer.scoring import ScoringOptions, score_corpus, score_edit

WORDS = [
    "the",
    "minister",
    "said",
    "on",
    "Monday",
    "that",
    "talks",
    "with",
    "the",
    "unions",
    "would",
    "resume",
    "next",
    "week",
    "after",
    "strike",
    "harbour",
    "workers",
    "government",
    "police",
    "city",
    "council",
    "election",
    "vote",
    "percent",
    "million",
    "euros",
    "inflation",
    "prices",
    "energy",
    "Berlin",
    "Paris",
    "president",
    "chancellor",
    "agreement",
    "report",
]


def synthetic(count: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """Reference sentences and MT-like variants of them (dropped, swapped, recased words)."""
    rng = random.Random(seed)
    hypotheses, references = [], []
    for _ in range(count):
        ref = [rng.choice(WORDS) for _ in range(rng.randint(8, 35))]
        hyp = list(ref)
        for _ in range(rng.randint(0, 6)):
            i = rng.randrange(len(hyp))
            action = rng.choice(("drop", "swap", "case", "insert"))
            if action == "drop" and len(hyp) > 3:
                del hyp[i]
            elif action == "swap" and i + 1 < len(hyp):
                hyp[i], hyp[i + 1] = hyp[i + 1], hyp[i]
            elif action == "case":
                hyp[i] = hyp[i].capitalize()
            else:
                hyp.insert(i, rng.choice(WORDS))
        references.append(" ".join(ref).capitalize() + ".")
        hypotheses.append(" ".join(hyp).capitalize() + ".")
    return hypotheses, references


def from_file(path: Path, count: int) -> tuple[list[str], list[str]]:
    pairs: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        mt = row["mt"]
        ref = next(row[key] for key in ("ref", "reference", "pe") if key in row)
        pairs += zip(mt, ref) if isinstance(mt, list) else [(mt, ref)]
    chosen = list(islice(cycle(pairs), count))
    return [h for h, _ in chosen], [r for _, r in chosen]


def sacrebleu_directly(hypotheses: list[str], references: list[str]) -> dict[str, float]:
    sentence = {"bleu": BLEU(effective_order=True), "chrf": CHRF(), "ter": TER(case_sensitive=True)}
    corpus = {"bleu": BLEU(), "chrf": CHRF(), "ter": TER(case_sensitive=True)}
    for hypothesis, reference in zip(hypotheses, references):
        for metric in sentence.values():
            metric.sentence_score(hypothesis, [reference])
    return {key: metric.corpus_score(hypotheses, [references]).score for key, metric in corpus.items()}


def ours(hypotheses: list[str], references: list[str]) -> dict[str, float]:
    result = score_corpus(hypotheses, references, ScoringOptions())
    return {key: score.score for key, score in result.corpus.items()}


def sacrebleu_sentences(hypotheses: list[str], references: list[str]) -> dict[str, float]:
    metrics = {"hter": TER(case_sensitive=True), "chrf": CHRF(), "bleu": BLEU(effective_order=True)}
    last: dict[str, float] = {}
    for hypothesis, reference in zip(hypotheses, references):
        last = {key: metric.sentence_score(hypothesis, [reference]).score for key, metric in metrics.items()}
    return last


def edits(hypotheses: list[str], references: list[str]) -> dict[str, float]:
    last: dict[str, float] = {}
    for hypothesis, reference in zip(hypotheses, references):
        last = {key: score.score for key, score in score_edit(hypothesis, reference).items()}
    return last


def best_time(run: Callable[[], dict[str, float]], repeat: int) -> tuple[float, dict[str, float]]:
    times, scores = [], {}
    for _ in range(repeat):
        start = time.perf_counter()
        scores = run()
        times.append(time.perf_counter() - start)
    return min(times), scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path)
    parser.add_argument("--segments", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    hypotheses, references = from_file(args.data, args.segments) if args.data else synthetic(args.segments)
    words = sum(len(h.split()) for h in hypotheses)
    print(f"{len(hypotheses)} segments, {words} words ({args.data or 'synthetic'})")
    same = compare(
        (
            "sacrebleu directly (sentence_score x3 per segment + corpus_score x3)",
            lambda: sacrebleu_directly(hypotheses, references),
        ),
        ("reviewer.scoring.score_corpus (same scores)", lambda: ours(hypotheses, references)),
        args.repeat,
    ) and compare(  # what the review store does on every save: one segment at a time
        (
            "sacrebleu sentence_score x3 per segment (objects reused)",
            lambda: sacrebleu_sentences(hypotheses, references),
        ),
        ("reviewer.scoring.score_edit per segment (as each saved edit)", lambda: edits(hypotheses, references)),
        args.repeat,
    )
    return 0 if same else 1


def compare(
    baseline: tuple[str, Callable[[], object]], candidate: tuple[str, Callable[[], object]], repeat: int
) -> bool:
    """Time both, check they computed the same scores, print the seconds and the ratio."""
    (baseline_label, baseline_run), (label, run) = baseline, candidate
    baseline_seconds, expected = best_time(baseline_run, repeat)
    seconds, got = best_time(run, repeat)
    if got != expected:
        print(f"MISMATCH: ours {got} vs sacrebleu {expected}")
        return False
    print(f"{baseline_label + ':':72s}{baseline_seconds:7.2f} s")
    print(f"{label + ':':72s}{seconds:7.2f} s")
    print(f"ratio ours/sacrebleu: {seconds / baseline_seconds:.2f}")
    return True
    return 0


if __name__ == "__main__":
    sys.exit(main())
