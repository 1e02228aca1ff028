"""Merging issues: time per issue from 1k to 50k issues in one article, which must stay flat.

    .venv/bin/python bench/merge_issues.py [--sizes 1000,5000,10000,20000,50000] [--repeat 3]

Each size is an article of that many flags from three checkers, the way a long scraped
article is flagged: mostly short disjoint spans, a share of LanguageTool flags inside a
rule's wider span of the same category (which fold), and some same-span pairs (which
merge). Printed per size: microseconds per issue for `merge_duplicates`, for sorting the
same issues (the n log n baseline of the same run), their ratio, and the per-issue time
against the smallest size. Flat ratios mean the merge grows like a sort, not like n².
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.model import Article, Finding, Issue, Segment, Severity  # noqa: E402
from reviewer.pipeline import merge_duplicates, place  # noqa: E402

CATEGORIES = ("Fluency/Punctuation", "Fluency/Grammar", "Fluency/Spelling", "Style/Awkward")
STRIDE = 20  # characters of text per flag: about one flag every three words


def flagged_article(count: int, seed: int = 7) -> list[Issue]:
    chance = random.Random(seed)
    text = "word " * ((count + 1) * STRIDE // 5)
    article = Article(path="big.txt", id="big", text=text, segments=(Segment(0, 0, len(text), text),))
    issues = []
    for n in range(count):
        start = n * STRIDE + chance.randrange(4)
        category = chance.choice(CATEGORIES)
        severity = chance.choice((Severity.MINOR, Severity.MINOR, Severity.MAJOR))
        shape = chance.random()
        if shape < 0.2 and issues and issues[-1].end - issues[-1].start >= 5:  # inside the previous flag: folds
            wider = issues[-1]
            start, end, category, severity = wider.start + 1, wider.end - 1, wider.category, Severity.MINOR
            checker = "languagetool" if wider.checker != "languagetool" else "rules"
        elif shape < 0.3 and issues:  # the same span as the previous flag: merges with it
            wider = issues[-1]
            start, end = wider.start, wider.end
            checker = "pair" if wider.checker != "pair" else "rules"
        else:
            end = start + chance.choice((3, 5, 8, 12))
            checker = chance.choice(("languagetool", "rules", "pair"))
        finding = Finding(f"R{n % 97}", category, severity, "message", start, end)
        issues.append(place(article, checker, finding))
    chance.shuffle(issues)
    return issues


def best_of(repeat: int, step) -> float:
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        step()
        timings.append(time.perf_counter() - began)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,10000,20000,50000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(
        f"{'issues':>8} {'merged':>8} {'merge µs/issue':>15} {'sort µs/issue':>14} {'merge/sort':>11} {'vs first':>9}"
    )
    first = None
    for size in sizes:
        issues = flagged_article(size)
        merged = len(merge_duplicates(issues))
        merge = best_of(args.repeat, lambda issues=issues: merge_duplicates(issues)) / size * 1e6
        sort = best_of(args.repeat, lambda issues=issues: sorted(issues, key=lambda i: (i.start, -i.end))) / size * 1e6
        first = first or merge
        print(f"{size:>8} {merged:>8} {merge:>15.2f} {sort:>14.2f} {merge / sort:>10.1f}x {merge / first:>8.2f}x")


if __name__ == "__main__":
    main()
