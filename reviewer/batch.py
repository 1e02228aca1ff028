"""Check a batch of loaded articles and score it: the headless core of `reviewer check`."""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.checkers import Checker
from reviewer.errors import ReviewerError
from reviewer.gates import ArticleScore, Gates, verdicts
from reviewer.model import Article
from reviewer.mqm import DEFAULT_WEIGHTS, Penalty, Weights, penalty
from reviewer.pipeline import check_article
from reviewer.report import ArticleReport, BatchReport


def check_batch(
    articles: Sequence[Article],
    checkers: Sequence[Checker],
    gates: Gates = Gates(),
    failures: Sequence[ReviewerError] = (),
    weights: Weights = DEFAULT_WEIGHTS,
) -> BatchReport:
    """Check every article with every checker, score the issues and apply the gates.

    `failures` are inputs or rule packs that could not be loaded; they are carried into
    the report so that a batch with a broken file still reports everything else.
    """
    reports = []
    for article in articles:
        result = check_article(article, checkers)
        reports.append(ArticleReport(result=result, penalty=penalty(result.issues, article.words, weights)))
    batch_penalty = Penalty.of(
        sum(r.penalty.total for r in reports), sum(r.result.article.words for r in reports)
    )
    scores = [
        ArticleScore(
            name=r.result.article.label,
            worst=max((issue.severity for issue in r.result.issues), default=None),
            penalty=r.penalty,
        )
        for r in reports
    ]
    return BatchReport(
        articles=reports,
        checkers={checker.id: checker.describe() for checker in checkers},
        penalty=batch_penalty,
        failures=list(failures),
        failed_gates=verdicts(gates, scores, batch_penalty),
        fail_on=gates.fail_on,
    )

