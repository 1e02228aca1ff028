"""CI batch mode on a generated batch: what `reviewer check` costs a pipeline.

    .venv/bin/python bench/ci_batch.py [--articles 200] [--words 300] [--jobs 2]

Starts one LanguageTool server and prints, in one run on that server:
  bare     http.client POST /v2/check per article, one after another (the floor)
  batch    check_batch with LanguageTool + rule packs + pair checks, empty caches, one
           article at a time and then --jobs N at a time
  rules    check_batch with the rule packs and pair checks only
  re-run   the LanguageTool batch again, unchanged, from the on-disk result cache
as words/s and as ratios. The bare and batch runs get different generated articles of
the same shape, so no run profits from the server's sentence cache warmed by another.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from languagetool_bench import Texts, as_article, bare_check

from reviewer.batch import check_batch
from reviewer.cache import Cache
from reviewer.checkers.languagetool import LanguageToolChecker
from reviewer.checkers.pair import PairChecker
from reviewer.checkers.rules import RulesChecker
from reviewer.config import languagetool_home
from reviewer.languagetool.cache import MatchCache
from reviewer.languagetool.home import Home
from reviewer.languagetool.session import LanguageToolSession
from reviewer.languagetool.settings import load_settings
from reviewer.result_cache import ResultCache
from reviewer.rules import load_packs

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=300, help="words per generated article")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="ci-bench-"))
    session = LanguageToolSession(Home(root=languagetool_home(os.environ), run=scratch / "run"))
    session.connect(None)
    session.start()
    if not session.available:
        print(f"LanguageTool is not available: {session.reason}", file=sys.stderr)
        return 2
    try:
        texts = Texts()
        for _ in range(3):  # JIT and pipelines out of the measurement
            bare_check(str(session.url))(texts.article(200))
        floor_batch = [texts.article(args.words) for _ in range(args.articles)]
        serial_articles = [as_article(texts.article(args.words), f"s{n}.txt") for n in range(args.articles)]
        articles = [as_article(texts.article(args.words), f"a{n}.txt") for n in range(args.articles)]
        words = sum(article.words for article in articles)
        floor_words = sum(len(text.split()) for text in floor_batch)

        bare = bare_check(str(session.url))
        began = time.perf_counter()
        for text in floor_batch:
            bare(text)
        bare_rate = floor_words / (time.perf_counter() - began)

        loaded = load_packs([ROOT / "rules"])
        if loaded.errors:
            raise SystemExit(f"rule packs are broken: {loaded.errors[0]}")
        rules = RulesChecker(loaded.packs)
        languagetool = LanguageToolChecker(session, load_settings(scratch), MatchCache(Cache(scratch / "cache.db")))
        cache = ResultCache(Cache(scratch / "cache.db"))
        checkers = [languagetool, rules, PairChecker()]

        def rate(batch: list, **options: object) -> float:
            began = time.perf_counter()
            check_batch(batch, **options)  # type: ignore[arg-type]
            return sum(article.words for article in batch) / (time.perf_counter() - began)

        serial_rate = rate(serial_articles, checkers=checkers, jobs=1)
        batch_rate = rate(articles, checkers=checkers, jobs=args.jobs, cache=cache)
        rerun_rate = rate(articles, checkers=checkers, jobs=args.jobs, cache=cache)
        rules_rate = rate(articles, checkers=[rules, PairChecker()], jobs=1)
    finally:
        session.close()

    print(f"LanguageTool {session.version}; {args.articles} articles, {words} words; --jobs {args.jobs}")
    rows = [
        ("bare http.client /v2/check", bare_rate, "1.00x"),
        ("check with LanguageTool (-j 1)", serial_rate, f"{serial_rate / bare_rate:.2f}x bare"),
        (f"check with LanguageTool (-j {args.jobs})", batch_rate, f"{batch_rate / bare_rate:.2f}x bare"),
        ("rules + pair checks only", rules_rate, f"{rules_rate / bare_rate:.1f}x bare"),
        ("unchanged re-run from cache", rerun_rate, f"{rerun_rate / batch_rate:.0f}x first run"),
    ]
    for label, words_per_second, ratio in rows:
        print(f"{label:38s}{words_per_second:>12,.0f} words/s   {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
