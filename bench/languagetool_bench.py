"""How much reviewer's LanguageTool checker costs over bare HTTP calls to the same server.

    .venv/bin/python bench/languagetool_bench.py [--rounds 5] [--articles 20] [ARTICLE.txt ...]

Starts one LanguageTool server (reporting how long until it answered its first check),
then checks, on that server in one run: one sentence, one ~600-word article, and a batch
of articles, three ways:
  bare   http.client POST /v2/check, a new connection per request (the fastest way to ask)
  ours   LanguageToolChecker.check(article) with an empty cache: pieces, request, offsets
         back to code points, MQM mapping, accepted words
  ltp    language-tool-python's LanguageTool(remote_server=url).check(text)
and prints seconds, words/s and the ratios to bare. Every text is new to the server each
time (a counter is woven into every sentence), so LanguageTool's own sentence cache helps
nobody. A last line shows ours again with a warm cache: the cost of an unchanged re-run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from reviewer.checkers.languagetool import LanguageToolChecker
from reviewer.config import languagetool_home
from reviewer.languagetool.cache import MatchCache
from reviewer.languagetool.home import Home
from reviewer.languagetool.install import find_installation
from reviewer.languagetool.session import LanguageToolSession
from reviewer.languagetool.settings import load_settings
from reviewer.languagetool.text import pieces
from reviewer.model import Article, Segment

SUBJECTS = [
    "The ministry",
    "Officials in district {n}",
    "Analyst Pjotr Zhuravlyov",
    "Police",
    "The mayor of town {n}",
    "Kim Jong Un",
    "Envoy Stephen Biegun",
    "The agency KCNA",
    "Protesters",
    "The company",
]
VERBS = ["said", "announced", "confirmed", "denied", "reported", "warned", "argued"]
CLAUSES = [
    "that {n} people had attended the meeting on Monday",
    "the talks would continue in April",
    "teh negotiations had stalled for {n} weeks",
    "the the budget was cut by {n} percent",
    "he was „rash and immature“ in round {n}",
    "the summit could take place near the border",
    "a new weapon type had been tested {n} times",
    "prices rose faster then wages in {n} regions",
    "the regime seeks proximity to one of it's few allies",
    "the decision was postponed until week {n}",
]


class Texts:
    """Fresh sentences: each carries a number never used before in this run."""

    def __init__(self) -> None:
        self.counter = 1000
        self.random = random.Random(7)

    def sentence(self) -> str:
        self.counter += 1
        clause = self.random.choice(CLAUSES).format(n=self.counter)
        return f"{self.random.choice(SUBJECTS).format(n=self.counter)} {self.random.choice(VERBS)} {clause}."

    def article(self, words: int = 600) -> str:
        paragraphs = [f"Report {self.counter}: talks on the peninsula"]
        while sum(len(p.split()) for p in paragraphs) < words:
            paragraphs.append(" ".join(self.sentence() for _ in range(self.random.randint(3, 5))))
        return "\n\n".join(paragraphs)


def as_article(text: str, name: str = "bench") -> Article:
    segments = tuple(Segment(i, p.start, p.start + len(p.text), p.text) for i, p in enumerate(pieces(text)))
    return Article(path=name, id=name, text=text, segments=segments)


def bare_check(url: str) -> Callable[[str], object]:
    parsed = urllib.parse.urlsplit(url)

    def check(text: str) -> object:
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        body = urllib.parse.urlencode({"language": "en-US", "text": text}).encode("utf-8")
        connection.request("POST", "/v2/check", body, {"Content-Type": "application/x-www-form-urlencoded"})
        answer = json.loads(connection.getresponse().read())
        connection.close()
        return answer

    return check


def ours_check(session: LanguageToolSession, cache: MatchCache | None = None) -> Callable[[str], object]:
    settings = load_settings(Path(tempfile.gettempdir()))

    def check(text: str) -> object:
        return LanguageToolChecker(session, settings, cache or MatchCache()).check(as_article(text))

    return check


def ltp_check(url: str) -> Callable[[str], object] | None:
    try:
        import language_tool_python
    except ImportError:
        return None
    tool = language_tool_python.LanguageTool("en-US", remote_server=url)
    return tool.check


def timed(check: Callable[[str], object], texts: list[str]) -> float:
    began = time.perf_counter()
    for text in texts:
        check(text)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("extra", nargs="*", type=Path, help="articles to add to the batch (plain text)")
    parser.add_argument("--rounds", type=int, default=5, help="repetitions; medians are printed (default 5)")
    parser.add_argument("--articles", type=int, default=20, help="generated articles in the batch (default 20)")
    args = parser.parse_args()

    home = Home(root=languagetool_home(os.environ), run=Path(tempfile.mkdtemp(prefix="lt-bench-")))
    installation = find_installation(home)
    if installation is None:
        print("LanguageTool is not installed: run `reviewer languagetool install`", file=sys.stderr)
        return 2
    session = LanguageToolSession(home)
    began = time.perf_counter()
    session.connect(None)
    session.start()  # ours starts at the first request otherwise; the start is what is timed here
    start_seconds = time.perf_counter() - began
    if not session.available:
        print(f"LanguageTool did not start: {session.reason}", file=sys.stderr)
        return 2
    try:
        print(
            f"LanguageTool {session.version} at {session.url}: ready (first check answered) {start_seconds:.1f} s after launch"
        )
        texts = Texts()
        extra = [path.read_text(encoding="utf-8") for path in args.extra]
        methods: dict[str, Callable[[str], object]] = {
            "bare": bare_check(str(session.url)),
            "ours": ours_check(session),
        }
        ltp = ltp_check(str(session.url))
        if ltp is not None:
            methods["ltp"] = ltp
        for warm in methods.values():  # pipelines, JIT, imports: out of the measurement
            for _ in range(3):
                warm(texts.article(200))
        scenarios: dict[str, Callable[[], list[str]]] = {
            "one sentence": lambda: [texts.sentence()],
            "one 600-word article": lambda: [texts.article()],
            f"batch of {args.articles + len(extra)} articles": lambda: (
                [texts.article() for _ in range(args.articles)] + extra
            ),
        }
        print(f"\n{'scenario':<26}{'method':<7}{'seconds':>10}{'words/s':>10}{'vs bare':>9}")
        for scenario, make in scenarios.items():
            seconds: dict[str, list[float]] = {name: [] for name in methods}
            words = 0
            for _ in range(args.rounds):
                for name, check in methods.items():
                    batch = make()
                    words = sum(len(t.split()) for t in batch)
                    seconds[name].append(timed(check, batch))
            bare = statistics.median(seconds["bare"])
            for name, runs in seconds.items():
                median = statistics.median(runs)
                print(f"{scenario:<26}{name:<7}{median:>10.4f}{words / median:>10.0f}{median / bare:>8.2f}x")
        cache = MatchCache()
        batch = [texts.article() for _ in range(args.articles)] + extra
        cold = timed(ours_check(session, cache), batch)
        warm = timed(ours_check(session, cache), batch)
        print(
            f"\nours, same batch again with the cache: {warm:.4f} s vs {cold:.4f} s first time ({cold / warm:.0f}x faster)"
        )
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
