"""Spreading a batch over several interchangeable checkers (e.g. LanguageTool servers)."""

from __future__ import annotations

from reviewer.batch import check_batch
from reviewer.checkers import Signature
from reviewer.checkers.spread import SpreadChecker
from reviewer.language import ANY_PAIR
from reviewer.model import Article, CheckOutcome, Finding, Segment, Severity


class Server:
    id = "languagetool"

    def __init__(self, url: str) -> None:
        self.url = url
        self.seen: list[str] = []

    pairs = ANY_PAIR

    def signature(self) -> Signature:
        return Signature(label="6.8", about={"version": "6.8"}, where={"url": self.url})

    def check(self, article: Article) -> CheckOutcome:
        self.seen.append(article.id)
        return CheckOutcome(findings=[Finding("X", "Other", Severity.MINOR, "x", 0, 1)])


def test_articles_are_shared_out_and_every_article_is_checked_once() -> None:
    servers = [Server("http://a:1"), Server("http://b:2")]
    articles = [
        Article(path=f"{n}.txt", id=str(n), text="Text.", segments=(Segment(0, 0, 5, "Text."),)) for n in range(6)
    ]
    report = check_batch(articles, [SpreadChecker(servers)], jobs=3)
    assert sorted(servers[0].seen + servers[1].seen) == [str(n) for n in range(6)]
    assert len(servers[0].seen) == len(servers[1].seen) == 3
    assert all(len(a.result.issues) == 1 for a in report.articles)
    assert report.checker_blocks()["languagetool"]["instances"] == ["http://a:1", "http://b:2"]
