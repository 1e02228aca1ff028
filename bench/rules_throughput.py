"""Rules-only throughput on a generated batch, against bare regex scanning in the same run.

    .venv/bin/python bench/rules_throughput.py [--articles 300] [--repeat 3]

Prints words/s for: (1) the baseline, every rule's compiled pattern run with
`finditer` over every article, nothing else; (2) our rules checker through the
pipeline (findings placed, merged, scored); (3) the whole `reviewer check` path from
files on disk (read, segment, check, report). Ratios are against (1), since absolute
figures on a shared 2-core machine are noise.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.batch import check_batch  # noqa: E402
from reviewer.checkers.rules import RulesChecker  # noqa: E402
from reviewer.loaders import load_paths  # noqa: E402
from reviewer.report.json_format import render  # noqa: E402
from reviewer.rules import load_packs  # noqa: E402

SENTENCES = [
    "The union said on Monday that the strike would continue until the end of the week.",
    "According to own data, the company sold 2,5 million tickets last year.",
    "The mayor was „deeply disappointed“ by the decision, it said from the city hall.",
    "Around 10.000 people took part in the demonstration in the city centre.",
    "The talks will resume on 23.04.2026 at 14.30 Uhr in the town hall.",
    "He did not comment on it in more detail.",
    "Experts expect the Negotiations to take several more weeks.",
    "The ferry operator cancelled all crossings because of the storm.",
    "Eventually, after three votes, the council approved the budget.",
    "It is the first time that the two sides personally\nmeet since the crisis began.",
    "Prices rose by 2.5 percent in March, the statistics office said.",
    "The minister's spokeswoman declined to comment on the report.",
]


def generate(directory: Path, articles: int, seed: int = 7) -> int:
    """Write `articles` plain-text articles of ~250-600 words; return the total word count."""
    rng = random.Random(seed)
    words = 0
    for n in range(articles):
        paragraphs = [f"Story number {n} about the harbour"]
        for _ in range(rng.randint(6, 14)):
            paragraphs.append(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))))
        text = "\n\n".join(paragraphs) + "\n"
        words += len(text.split())
        (directory / f"article-{n:04d}.txt").write_text(text, encoding="utf-8")
    return words


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    loaded = load_packs([ROOT / "rules"])
    if loaded.errors:
        raise SystemExit(f"rule packs are broken: {loaded.errors[0]}")
    checker = RulesChecker(loaded.packs)
    patterns = [rule.matcher.pattern for pack in checker.packs for rule in pack.rules]

    with tempfile.TemporaryDirectory() as tmp:
        words = generate(Path(tmp), args.articles)
        articles = load_paths([tmp]).articles
        texts = [article.text for article in articles]

        def bare_regex() -> None:
            for text in texts:
                for pattern in patterns:
                    for _ in pattern.finditer(text):
                        pass

        baseline = best_of(args.repeat, bare_regex)
        ours = best_of(args.repeat, lambda: check_batch(articles, [checker]))
        end_to_end = best_of(args.repeat, lambda: render(check_batch(load_paths([tmp]).articles, [checker])))

    print(f"batch: {len(articles)} articles, {words} words, {len(patterns)} rules")
    for label, seconds in [
        ("bare regex finditer (baseline)", baseline),
        ("rules checker via pipeline", ours),
        ("load + segment + check + JSON", end_to_end),
    ]:
        print(f"{label:34s} {words / seconds:>10,.0f} words/s   {seconds / baseline:5.2f}x baseline time")


if __name__ == "__main__":
    main()
