"""The store across processes: a killed writer loses nothing it saved, and two writers
on one database do not corrupt it."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.errors import ExitCode
from reviewer.store import ReviewStore

ARTICLE = """\
from datetime import datetime, timedelta, timezone
from reviewer.model import Article, Segment
TEXTS = ["the harbour strike ended on monday.", "Workers return tomorrow."]
segments, offset = [], 0
for i, text in enumerate(TEXTS):
    segments.append(Segment(i, offset, offset + len(text), text, reference="The harbour strike ended on Monday." if i == 0 else None))
    offset += len(text) + 2
ARTICLE = Article(path="corpora/strike.txt", id="strike", text="\\n\\n".join(TEXTS), segments=tuple(segments))
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
"""


def script(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(ARTICLE + textwrap.dedent(body), encoding="utf-8")
    return path


def test_an_edit_saved_before_sigkill_survives_and_is_exported(tmp_path, any_db, capsys):
    db = any_db
    writer = script(
        tmp_path,
        "writer.py",
        """
        import sys, time
        from reviewer.store import ReviewStore
        store = ReviewStore.open(sys.argv[1])
        review = store.open_review(ARTICLE)
        review.record_edit(0, "The harbour strike ended on Monday.", reviewer="kim", started_at=T0,
                           saved_at=T0 + timedelta(seconds=42))
        print("saved", flush=True)
        time.sleep(120)
    """,
    )
    process = subprocess.Popen([sys.executable, str(writer), str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "saved\n"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    assert main(["export", "--db", str(db)]) == ExitCode.OK
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (record["article_path"], record["segment"], record["reviewer"], record["seconds"]) == (
        "corpora/strike.txt",
        0,
        "kim",
        42.0,
    )
    assert record["post_edit"] == "The harbour strike ended on Monday."
    assert record["hter"] == pytest.approx(100 * 2 / 6) and record["pe_ref_ter"] == 0.0
    assert record["ter_signature"].startswith("nrefs:1|case:mixed|tok:tercom")

    namespace: dict = {}
    exec(ARTICLE, namespace)
    with ReviewStore.open(db) as store:
        review = store.open_review(namespace["ARTICLE"])
        assert review.resumed
        assert review.segments()[0].text == "The harbour strike ended on Monday."


def test_two_processes_writing_one_database_both_keep_all_their_edits(tmp_path):
    db = tmp_path / "reviews.db"
    ReviewStore.open(db).close()
    writer = script(
        tmp_path,
        "writer.py",
        """
        import sys
        from reviewer.store import ReviewStore
        db, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
        with ReviewStore.open(db) as store:
            review = store.open_review(ARTICLE)
            for i in range(count):
                review.record_edit(i % 2, f"{ARTICLE.segments[i % 2].text} ({name} {i})", reviewer=name,
                                   started_at=T0)
                review.decide(f"issue-{i}", "dismissed", reviewer=name)
    """,
    )
    count = 40
    processes = [
        subprocess.Popen([sys.executable, str(writer), str(db), name, str(count)], stderr=subprocess.PIPE, text=True)
        for name in ("ana", "bo")
    ]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], errors

    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert dict(connection.execute("SELECT reviewer, count(*) FROM edits GROUP BY reviewer")) == {
        "ana": count,
        "bo": count,
    }
    assert connection.execute("SELECT count(*) FROM edit_scores").fetchone()[0] == 2 * count * 3 + count * 6
    assert connection.execute("SELECT count(*) FROM decisions").fetchone()[0] == 2 * count
