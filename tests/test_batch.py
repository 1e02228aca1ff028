"""Batch checking: input order under parallel jobs, and the on-disk result cache."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reviewer import cache as cache_module
from reviewer.batch import check_batch
from reviewer.cache import Cache
from reviewer.checkers import Signature
from reviewer.errors import ExitCode, InputError
from reviewer.gates import Gates
from reviewer.language import ANY_PAIR
from reviewer.model import Article, CheckOutcome, Finding, Gap, Segment, Severity
from reviewer.result_cache import ResultCache


class CountingChecker:
    """Flags every 'Uhr' and counts the articles it was asked to check."""

    id = "counting"

    def __init__(self, warn: bool = False, version: str = "1", gap: bool = False) -> None:
        self.calls: list[str] = []
        self.warn = warn
        self.gap = gap
        self.version = version
        self._lock = threading.Lock()

    pairs = ANY_PAIR

    def signature(self) -> Signature:
        return Signature(label=self.version, about={"version": self.version})

    def check(self, article: Article) -> CheckOutcome:
        with self._lock:
            self.calls.append(article.id)
        findings = [
            Finding("UHR", "Locale convention/Time format", Severity.MAJOR, "German time", i, i + 3)
            for i in range(len(article.text))
            if article.text.startswith("Uhr", i)
        ]
        return CheckOutcome(
            findings=findings,
            warnings=["cache hiccup"] if self.warn else [],
            gaps=[Gap(self.id, "server lost")] if self.gap else [],
        )


def article(n: int) -> Article:
    text = f"Article {n} starts at 9 Uhr." + " And more." * n
    return Article(path=f"a{n}.txt", id=f"a{n}", text=text, segments=(Segment(0, 0, len(text), text),))


ARTICLES = [article(n) for n in range(12)]


def test_parallel_jobs_keep_input_order_and_results() -> None:
    serial = check_batch(ARTICLES, [CountingChecker()])
    parallel = check_batch(ARTICLES, [CountingChecker()], jobs=4)
    assert [a.result.article.id for a in parallel.articles] == [a.id for a in ARTICLES]
    assert [a.result.issues for a in parallel.articles] == [a.result.issues for a in serial.articles]


def test_unchanged_batch_comes_from_the_cache(tmp_path: Path) -> None:
    cache = ResultCache(Cache(tmp_path / "cache.db"))
    first_checker, second_checker = CountingChecker(), CountingChecker()
    first = check_batch(ARTICLES, [first_checker], cache=cache)
    second = check_batch(ARTICLES, [second_checker], cache=ResultCache(Cache(tmp_path / "cache.db")))
    assert len(first_checker.calls) == len(ARTICLES)
    assert second_checker.calls == []
    assert [a.result.issues for a in second.articles] == [a.result.issues for a in first.articles]


def test_changed_article_or_checker_is_checked_again(tmp_path: Path) -> None:
    cache = ResultCache(Cache(tmp_path / "cache.db"))
    check_batch(ARTICLES, [CountingChecker()], cache=cache)
    edited = [
        article(0),
        Article(path="a1.txt", id="a1", text="Now 10 Uhr.", segments=(Segment(0, 0, 11, "Now 10 Uhr."),)),
    ]
    checker = CountingChecker()
    check_batch(edited, [checker], cache=cache)
    assert checker.calls == ["a1"]
    upgraded = CountingChecker(version="2")
    check_batch(ARTICLES[:3], [upgraded], cache=cache)
    assert upgraded.calls == ["a0", "a1", "a2"]


def test_a_checker_moved_to_another_url_still_hits_the_cache(tmp_path: Path) -> None:
    cache = ResultCache(Cache(tmp_path / "cache.db"))
    here, there = CountingChecker(), CountingChecker()
    here.signature = lambda: Signature(about={"version": "1"}, where={"url": "http://127.0.0.1:1111"})  # type: ignore[method-assign]
    there.signature = lambda: Signature(about={"version": "1"}, where={"url": "http://127.0.0.1:2222"})  # type: ignore[method-assign]
    check_batch(ARTICLES[:2], [here], cache=cache)
    check_batch(ARTICLES[:2], [there], cache=cache)
    assert there.calls == []


def test_a_locked_cache_is_skipped_with_a_warning_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.01)
    cache = ResultCache(Cache(tmp_path / "cache.db"))
    blocker = sqlite3.connect(tmp_path / "cache.db")
    blocker.execute("BEGIN EXCLUSIVE")
    checker = CountingChecker()
    report = check_batch(ARTICLES[:3], [checker], cache=cache)
    blocker.rollback()
    assert checker.calls == ["a0", "a1", "a2"]
    assert all(a.result.issues for a in report.articles)
    assert cache.warning is not None and "cache unusable (database is locked)" in cache.warning


def test_incomplete_results_are_not_cached(tmp_path: Path) -> None:
    cache = ResultCache(Cache(tmp_path / "cache.db"))
    check_batch(ARTICLES[:2], [CountingChecker(gap=True)], cache=cache)
    again = CountingChecker()
    report = check_batch(ARTICLES[:2], [again], cache=cache)
    assert again.calls == ["a0", "a1"], "an article not fully checked is checked again"
    assert all(a.result.complete for a in report.articles)


def test_a_warning_alone_does_not_keep_a_complete_result_out_of_the_cache(tmp_path: Path) -> None:
    cache = ResultCache(Cache(tmp_path / "cache.db"))
    check_batch(ARTICLES[:2], [CountingChecker(warn=True)], cache=cache)
    again = CountingChecker()
    check_batch(ARTICLES[:2], [again], cache=cache)
    assert again.calls == []


@pytest.mark.parametrize(
    ("gap", "gate", "failure", "allow", "expected"),
    [
        (False, False, False, False, ExitCode.OK),
        (True, False, False, False, ExitCode.INCOMPLETE),
        (True, False, False, True, ExitCode.OK),
        (True, True, False, False, ExitCode.GATE_FAILED),
        (True, True, True, False, ExitCode.USAGE),
        (False, True, False, True, ExitCode.GATE_FAILED),
        (True, False, True, True, ExitCode.USAGE),
    ],
)
def test_exit_code_input_error_wins_then_gates_then_incomplete(
    gap: bool, gate: bool, failure: bool, allow: bool, expected: ExitCode
) -> None:
    gates = Gates(fail_on=Severity.MAJOR if gate else None, allow_incomplete=allow)
    failures = [InputError("bad.txt", "is empty")] if failure else []
    report = check_batch(ARTICLES[:2], [CountingChecker(gap=gap)], gates=gates, failures=failures)
    assert report.exit_code == expected
    assert report.passed is (expected == ExitCode.OK)
    assert len(report.incomplete) == (2 if gap else 0), "allowed or not, the articles stay marked"
