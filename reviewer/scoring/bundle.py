"""Line up loaded articles (JSONL or WMT XML bundles) into one test set per system.

A WMT XML file holds several systems' translations of the same documents; each comes
out of the loaders as its own `Article` with `.system` set. Scoring needs them as
parallel lists of lines that share one list of references.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.errors import ConfigError, InputError
from reviewer.model import Article
from reviewer.scoring.corpus import score_corpus
from reviewer.scoring.metrics import MetricScore, ScoringOptions

#: The name of the system behind articles that do not name one (plain text, JSONL).
UNNAMED_SYSTEM = "MT"


@dataclass(frozen=True)
class ArticleLines:
    """Where an article's segments sit in the test set: lines `start` to `stop - 1`."""

    path: str
    id: str
    start: int
    stop: int


@dataclass(frozen=True)
class TestSet:
    """Parallel lines: one reference per line, and each system's hypothesis for it.

    `systems[0]` is the baseline other systems are compared against; `articles` and
    `labels` (article id, segment index per line) are the same for every system.
    """

    references: list[str]
    systems: list[tuple[str, list[str]]]
    articles: list[ArticleLines]
    labels: list[tuple[str, int]]


def build_test_set(articles: Sequence[Article], systems: Sequence[str] = ()) -> TestSet:
    """The test set of `articles`, limited to and ordered by `systems` when given.

    Every segment needs a reference, and every system must translate the same
    segments as the first one; otherwise the scores would compare different texts.
    """
    by_system: dict[str, list[Article]] = {}
    for article in articles:
        by_system.setdefault(article.system or UNNAMED_SYSTEM, []).append(article)
    names = list(systems) or list(by_system)
    unknown = [name for name in names if name not in by_system]
    if unknown:
        available = ", ".join(by_system) or "none"
        raise ConfigError(f"unknown system {unknown[0]!r} (the inputs have: {available})")
    baseline = by_system[names[0]]
    references, spans, labels = _baseline_lines(baseline)
    wanted = set(labels)
    hypotheses = []
    for name in names:
        lines = _lines_by_key(by_system[name])
        missing = [key for key in labels if key not in lines]
        extra = [key for key in lines if key not in wanted]
        if missing or extra:
            article_id, index = (missing or extra)[0]
            where = "lacks" if missing else "has an extra"
            path = by_system[name][0].path
            raise InputError(
                path,
                f"system {name!r} {where} segment {index} of article {article_id!r} compared with system {names[0]!r}",
            )
        hypotheses.append((name, [lines[key] for key in labels]))
    return TestSet(references=references, systems=hypotheses, articles=spans, labels=labels)


def article_scores(article: Article, options: ScoringOptions = ScoringOptions()) -> dict[str, MetricScore] | None:
    """BLEU, chrF and TER of the article against its reference, taken as a corpus: the
    `scores` of a `check` report. None unless every segment has a reference (a partial
    score would look like the article's)."""
    if not article.segments or any(segment.reference is None for segment in article.segments):
        return None
    hypotheses = [segment.text for segment in article.segments]
    references = [segment.reference or "" for segment in article.segments]
    return score_corpus(hypotheses, references, options).corpus


def _baseline_lines(articles: list[Article]) -> tuple[list[str], list[ArticleLines], list[tuple[str, int]]]:
    references: list[str] = []
    spans: list[ArticleLines] = []
    labels: list[tuple[str, int]] = []
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise InputError(article.path, f"article id {article.id!r} appears twice in one system")
        seen.add(article.id)
        start = len(references)
        for segment in article.segments:
            if segment.reference is None:
                raise InputError(
                    article.path, f"article {article.id!r} segment {segment.index} has no reference to score against"
                )
            references.append(segment.reference)
            labels.append((article.id, segment.index))
        if len(references) > start:
            spans.append(ArticleLines(article.path, article.id, start, len(references)))
    if not references:
        raise InputError(articles[0].path, "no segments to score")
    return references, spans, labels


def _lines_by_key(articles: list[Article]) -> dict[tuple[str, int], str]:
    return {(article.id, segment.index): segment.text for article in articles for segment in article.segments}
