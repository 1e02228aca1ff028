"""Check a batch of loaded articles and score it: the headless core of `reviewer check`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from reviewer.baseline import Baseline
from reviewer.checkers import Checker
from reviewer.errors import ReviewerError
from reviewer.gates import ArticleScore, Gates, verdicts
from reviewer.model import Article, ArticleResult
from reviewer.mqm import DEFAULT_WEIGHTS, Penalty, Weights, penalty
from reviewer.pipeline import check_article
from reviewer.report import ArticleReport, BatchReport
from reviewer.result_cache import ResultCache, article_key, checkers_fingerprint
from reviewer.rule_tuning import Tuning
from reviewer.scoring import article_scores

Progress = Callable[[ArticleResult], None]


def check_batch(
    articles: Sequence[Article],
    checkers: Sequence[Checker],
    gates: Gates = Gates(),
    failures: Sequence[ReviewerError] = (),
    weights: Weights = DEFAULT_WEIGHTS,
    jobs: int = 1,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
    baseline: Baseline | None = None,
    tuning: Tuning = Tuning(),
) -> BatchReport:
    """Check every article with every checker, score the issues and apply the gates.

    `failures` are inputs or rule packs that could not be loaded; they are carried into
    the report so that a batch with a broken file still reports everything else.
    Articles are checked `jobs` at a time (checkers wait on LanguageTool, and the regex
    engine releases the GIL); the report keeps the input order. With a `baseline`, only
    issues it does not have are reported, scored and gated; `tuning` mutes and demotes
    rules the same way, before anything is scored.
    """
    results = list(_results(articles, checkers, jobs, cache, progress))
    if baseline is not None:
        results = [baseline.new_issues(result) for result in results]
    if tuning.active:
        results = [tuning.tune(result) for result in results]
    reports = [
        ArticleReport(
            result=result,
            penalty=penalty(result.issues, result.article.words, weights),
            metrics=article_scores(result.article) or {},
        )
        for result in results
    ]
    batch_penalty = Penalty.of(sum(r.penalty.total for r in reports), sum(r.result.article.words for r in reports))
    report = BatchReport(
        articles=reports,
        checkers={
            **{checker.id: checker.signature() for checker in checkers},
            **({"rule_tuning": tuning.signature()} if tuning.active else {}),
        },
        penalty=batch_penalty,
        failures=list(failures),
    )
    return apply_gates(report, gates)


def apply_gates(report: BatchReport, gates: Gates) -> BatchReport:
    """The report with its verdict: which gates its articles and the batch failed."""
    scores = [
        ArticleScore(
            name=r.result.article.label,
            worst=max((issue.severity for issue in r.result.issues), default=None),
            penalty=r.penalty,
            chrf=r.metrics["chrf"].score if "chrf" in r.metrics else None,
            ter=r.metrics["ter"].score if "ter" in r.metrics else None,
        )
        for r in report.articles
    ]
    return replace(
        report,
        failed_gates=verdicts(gates, scores, report.penalty),
        fail_on=gates.fail_on,
        allow_incomplete=gates.allow_incomplete,
    )


def _results(
    articles: Sequence[Article],
    checkers: Sequence[Checker],
    jobs: int,
    cache: ResultCache | None,
    progress: Progress | None,
) -> Iterator[ArticleResult]:
    """Each article's result in input order: from the cache where it can, else checked."""
    if cache:
        fingerprint = checkers_fingerprint(checkers)
        keys = [article_key(article, fingerprint) for article in articles]
        cached = [cache.get(key) for key in keys]
    else:
        keys, cached = [], [None] * len(articles)
    todo = [article for article, hit in zip(articles, cached) if hit is None]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        checked = pool.map(lambda article: check_article(article, checkers), todo)
        for i, article in enumerate(articles):
            hit = cached[i]
            if hit is not None:
                result = ArticleResult(article=article, issues=hit)
            else:
                result = next(checked)
                if cache and result.complete:  # an incomplete result is never the answer to reuse
                    cache.put(keys[i], result.issues)
            if progress:
                progress(result)
            yield result
