"""Review store on PostgreSQL against SQLite, on the same machine: save latency with one
and with eight reviewers saving at once, and the time to export 10,000 records.

    .venv/bin/python bench/store_latency.py [--saves 60] [--records 10000]

A save is `Review.record_edit` as the terminal UI calls it (scores computed, the edit
committed, a conflict check against what the reviewer saw), timed from the call to its
return. Eight reviewers are eight processes, each saving into its own article of one
batch at the same moments (a barrier starts each round). PostgreSQL is a throwaway
cluster on a unix socket with its default durability (fsync on); SQLite is a WAL file
with `synchronous = FULL`, as the store opens it. Prints p50/p95 per backend and the
ratio PostgreSQL / SQLite.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pgcluster import Cluster  # noqa: E402

from reviewer.cli import main as reviewer  # noqa: E402
from reviewer.model import Article, Segment  # noqa: E402
from reviewer.store import ReviewStore  # noqa: E402

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REVIEWERS = 8


def article(name: str, segments: int) -> Article:
    texts = [f"The harbour strike in {name} ended on monday after {i} days of talks." for i in range(segments)]
    parts, offset = [], 0
    for i, text in enumerate(texts):
        parts.append(Segment(i, offset, offset + len(text), text))
        offset += len(text) + 2
    return Article(path=f"batch/{name}.txt", id=name, text="\n\n".join(texts), segments=tuple(parts))


def timed_saves(db: str, name: str, saves: int, barrier: Any = None) -> list[float]:
    """Seconds each save took, for one reviewer post-editing article `name`."""
    art = article(name, saves)
    with ReviewStore.open(db) as store:
        review = store.open_review(art)
        took = []
        for i, segment in enumerate(art.segments):
            if barrier is not None:
                barrier.wait(120)
            edited = segment.text.replace("monday", "Monday")
            start = time.perf_counter()
            review.record_edit(i, edited, reviewer=name, started_at=T0, based_on=segment.text)
            took.append(time.perf_counter() - start)
    return took


def _reviewer_process(db: str, name: str, saves: int, barrier: Any, results: Any) -> None:
    results.put(timed_saves(db, name, saves, barrier))


def concurrent_saves(db: str, saves: int) -> list[float]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(REVIEWERS), context.Queue()
    processes = [
        context.Process(target=_reviewer_process, args=(db, f"eight-{i}", saves, barrier, results))
        for i in range(REVIEWERS)
    ]
    for process in processes:
        process.start()
    took = [t for _ in processes for t in results.get(timeout=600)]
    for process in processes:
        process.join()
    return took


def fill(db: str, records: int, per_article: int = 100) -> None:
    """`records` reviewed segments (one saved edit each), through the store's own API."""
    with ReviewStore.open(db) as store:
        for a in range(records // per_article):
            art = article(f"export-{a}", per_article)
            review = store.open_review(art)
            for i, segment in enumerate(art.segments):
                review.record_edit(i, segment.text.replace("monday", "Monday"), reviewer="fill", started_at=T0)


def export_seconds(db: str, output: Path) -> float:
    """Best of three `reviewer export` runs (in this process, so no interpreter start-up)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        assert reviewer(["export", "--db", db, "--format", "jsonl", "--output", str(output)]) == 0
        best = min(best, time.perf_counter() - start)
    return best


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=60, help="saves per reviewer (default 60)")
    parser.add_argument("--records", type=int, default=10000, help="records to export (default 10000)")
    args = parser.parse_args()

    cluster = Cluster.start(durable=True)
    figures: dict[str, dict[str, float]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="store-bench-") as scratch:
            backends = {
                "SQLite": (str(Path(scratch) / "saves.db"), str(Path(scratch) / "export.db")),
                "PostgreSQL": (cluster.create_database("saves"), cluster.create_database("export")),
            }
            for backend, (saves_db, export_db) in backends.items():
                one = timed_saves(saves_db, "alone", args.saves)
                eight = concurrent_saves(saves_db, args.saves)
                start = time.perf_counter()
                fill(export_db, args.records)
                filled = time.perf_counter() - start
                records = Path(scratch) / f"{backend}.jsonl"
                figures[backend] = {
                    "save p50, 1 reviewer (ms)": 1000 * percentile(one, 50),
                    "save p95, 1 reviewer (ms)": 1000 * percentile(one, 95),
                    f"save p50, {REVIEWERS} reviewers (ms)": 1000 * percentile(eight, 50),
                    f"save p95, {REVIEWERS} reviewers (ms)": 1000 * percentile(eight, 95),
                    f"export {args.records} records (s)": export_seconds(export_db, records),
                    f"{args.records} saves, one after another (s)": filled,
                }
                exported = sum(1 for _ in records.open(encoding="utf-8"))
                assert exported == args.records, f"{backend}: exported {exported} records, not {args.records}"
    finally:
        cluster.stop()

    print(f"{'':36} {'SQLite':>10} {'PostgreSQL':>11} {'PG/SQLite':>10}")
    for figure in figures["SQLite"]:
        lite, pg = figures["SQLite"][figure], figures["PostgreSQL"][figure]
        print(f"{figure:36} {lite:10.2f} {pg:11.2f} {pg / lite:9.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
