"""Which word n-grams MT uses and people do not: keyness by log-likelihood (Dunning 1993).

For an n-gram seen `a` times in MT (of `c` n-grams of its length) and `b` times in the
human text (of `d`), G² = 2·(a·ln(a/E₁) + b·ln(b/E₂)) with E₁ = c(a+b)/(c+d) and
E₂ = d(a+b)/(c+d): how surprised one should be by the split if both sides wrote alike.
Only n-grams MT over-uses are kept, and only those that recur over several source
segments (one odd segment is not a habit) and several systems (one odd system is not MT).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from reviewer.mining.corpus import Corpus

TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}]")
MAX_N = 4


@dataclass(frozen=True)
class Keyness:
    ngram: str
    g2: float
    mt: int
    human: int
    segments: frozenset[int]
    """Indexes of the units whose MT has the n-gram."""
    systems: frozenset[str]


def ngrams(text: str, max_n: int = MAX_N) -> Iterator[str]:
    """Lower-cased word n-grams (punctuation breaks them) and single punctuation marks."""
    run: list[str] = []
    for token in [*TOKEN.findall(text), "."]:
        if not (token[0].isalnum()):
            if token != ".":
                yield token
            run = []
            continue
        run.append(token.lower())
        for n in range(1, min(max_n, len(run)) + 1):
            yield " ".join(run[-n:])


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return 2 * ((a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0))


def key_ngrams(
    corpus: Corpus, limit: int, min_segments: int = 3, min_systems: int = 2, max_n: int = MAX_N
) -> list[Keyness]:
    """The `limit` n-grams MT over-uses most, by G² (highest first), each seen in at least
    `min_segments` source segments and `min_systems` systems."""
    mt: Counter[str] = Counter()
    human: Counter[str] = Counter()
    segments: defaultdict[str, set[int]] = defaultdict(set)
    systems: defaultdict[str, set[str]] = defaultdict(set)
    for index, unit in enumerate(corpus.units):
        for system, text in unit.mt:
            for gram in ngrams(text, max_n):
                mt[gram] += 1
                segments[gram].add(index)
                systems[gram].add(system)
        for text in unit.human:
            human.update(ngrams(text, max_n))
    totals_mt: Counter[int] = Counter()
    totals_human: Counter[int] = Counter()
    for counts, totals in ((mt, totals_mt), (human, totals_human)):
        for gram, count in counts.items():
            totals[gram.count(" ") + 1] += count
    found = []
    for gram, a in mt.items():
        if len(segments[gram]) < min_segments or len(systems[gram]) < min_systems:
            continue
        n = gram.count(" ") + 1
        b, c, d = human[gram], totals_mt[n], totals_human[n]
        if d == 0 or a / c <= b / d:
            continue
        found.append(
            Keyness(gram, log_likelihood(a, b, c, d), a, b, frozenset(segments[gram]), frozenset(systems[gram]))
        )
    found.sort(key=lambda k: (-k.g2, k.ngram))
    return _without_echoes(found, limit)


def _without_echoes(ranked: list[Keyness], limit: int) -> list[Keyness]:
    """Keep one n-gram of each family that says the same thing: n-grams inside one another
    ("frame", "the frame", "in the frame of"), seen in the same segments. Where they also
    occur as often, the longest stands for the family, in the place of the best-ranked: it
    is the rule a person would write."""
    kept: list[Keyness] = []
    families: list[list[str]] = []
    for candidate in ranked:
        padded = f" {candidate.ngram} "
        echoed = next(
            (
                i
                for i, (best, members) in enumerate(zip(kept, families))
                if candidate.segments == best.segments
                and any(padded in f" {m} " or f" {m} " in padded for m in members)
            ),
            None,
        )
        if echoed is None:
            if len(kept) == limit:
                break
            kept.append(candidate)
            families.append([candidate.ngram])
            continue
        families[echoed].append(candidate.ngram)
        if candidate.mt == kept[echoed].mt and len(candidate.ngram) > len(kept[echoed].ngram):
            kept[echoed] = candidate
    return kept
