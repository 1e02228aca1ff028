"""Eight reviewers saving into one batch at once, each in its own process: no edit is
lost and no conflict is missed, on SQLite and on PostgreSQL.

The rounds are lock-stepped with a barrier, so what must happen is known exactly: in a
contended round all eight read the same segment and then save it at once (one save
wins, seven are conflicts); in a spread round each saves a segment of its own (all
eight win)."""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from backends import stored_rows

from reviewer.model import Article, Segment
from reviewer.store import EditConflict, ReviewStore

WORKERS = 8
ROUNDS = 6  # alternately contended and spread
ARTICLES = 2
SEGMENTS = 4  # per article: ARTICLES * SEGMENTS == WORKERS, so a spread round gives each its own
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WAIT = 120  # seconds a worker waits for the others at a barrier before the test fails


def batch() -> list[Article]:
    articles = []
    for a in range(ARTICLES):
        texts = [f"Article {a} says thing {s}." for s in range(SEGMENTS)]
        segments, offset = [], 0
        for i, text in enumerate(texts):
            segments.append(Segment(i, offset, offset + len(text), text))
            offset += len(text) + 2
        articles.append(
            Article(path=f"corpora/a{a}.txt", id=f"a{a}", text="\n\n".join(texts), segments=tuple(segments))
        )
    return articles


def target(round_: int, worker: int) -> tuple[int, int]:
    """(article, segment) a worker saves in a round."""
    slot = round_ // 2 % WORKERS if round_ % 2 == 0 else (round_ + worker) % WORKERS
    return divmod(slot, SEGMENTS)


def worker(db: str, index: int, barrier: Any, results: Any) -> None:
    name = f"r{index}"
    outcomes: list[tuple] = []
    try:
        with ReviewStore.open(db) as store:
            barrier.wait(WAIT)
            reviews = [store.open_review(article) for article in batch()]  # all open the new batch at once
            for round_ in range(ROUNDS):
                art, seg = target(round_, index)
                based_on = reviews[art].segments()[seg].text
                barrier.wait(WAIT)
                after = f"{batch()[art].segments[seg].text} [{name} round {round_}]"
                try:
                    reviews[art].record_edit(seg, after, reviewer=name, started_at=T0, based_on=based_on)
                    outcomes.append(("saved", round_, art, seg, based_on, after))
                except EditConflict as conflict:
                    outcomes.append(("conflict", round_, art, seg, based_on, conflict.theirs))
                barrier.wait(WAIT)
    except BaseException as error:
        outcomes.append(("error", repr(error)))
        barrier.abort()
    results.put(outcomes)


def run_workers(db: str) -> list[tuple]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    processes = [context.Process(target=worker, args=(db, i, barrier, results)) for i in range(WORKERS)]
    for process in processes:
        process.start()
    outcomes = [outcome for _ in processes for outcome in results.get(timeout=WAIT * (2 * ROUNDS + 2))]
    for process in processes:
        process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0] * WORKERS
    return outcomes


def test_eight_reviewers_at_once_lose_no_edit_and_miss_no_conflict(any_db: Path | str) -> None:
    db = str(any_db)
    ReviewStore.open(db).close()
    outcomes = run_workers(db)
    assert [o for o in outcomes if o[0] == "error"] == []

    by_round: dict[int, list[str]] = defaultdict(list)
    for kind, round_, *_ in outcomes:
        by_round[round_].append(kind)
    for round_, kinds in sorted(by_round.items()):
        expected = ["saved"] + ["conflict"] * 7 if round_ % 2 == 0 else ["saved"] * 8
        assert sorted(kinds, reverse=True) == expected, f"round {round_}"

    assert stored_rows(db, "SELECT count(*) FROM articles") == [(ARTICLES,)], "the batch was opened once"
    edits = stored_rows(
        db,
        "SELECT a.article_id, e.segment, e.before, e.after FROM edits e JOIN articles a ON a.id = e.article ORDER BY e.id",
    )
    saved = [o for o in outcomes if o[0] == "saved"]
    assert sorted((f"a{art}", seg, based_on, after) for _, _, art, seg, based_on, after in saved) == sorted(edits), (
        "every save that returned is stored, as based on what its reviewer saw, and nothing else is"
    )
    chains: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    for article_id, segment, before, after in edits:
        chains[(article_id, segment)].append((before, after))
    for (article_id, segment), chain in chains.items():
        mt = batch()[int(article_id[1:])].segments[segment].text
        befores = [before for before, _ in chain]
        assert befores == [mt] + [after for _, after in chain[:-1]], "each save builds on the one before it"
    saved_texts = {after for *_, after in edits}
    for _, _, _, _, based_on, theirs in (o for o in outcomes if o[0] == "conflict"):
        assert theirs != based_on and theirs in saved_texts, "a conflict shows the text really saved"
