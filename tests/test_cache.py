"""The on-disk cache is never trusted: a file or an entry that cannot be read is a miss,
with one warning, and the run goes on and rewrites it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cli_check import PACK
from test_languagetool import FakeLanguageTool

from reviewer import cache as cache_module
from reviewer.cache import Cache
from reviewer.cli import main
from reviewer.config import cache_config

ARTICLE = "Talks stall\n\nThe minister was „furious“ and teh talks stalled.\n"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def cache_dir() -> Path:
    return Path(os.environ["REVIEWER_CACHE_DIR"])  # a directory of the test's own (conftest)


@pytest.fixture
def fake() -> Iterator[FakeLanguageTool]:
    server = FakeLanguageTool()
    yield server
    server.close()


def run_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, list[str]]:
    """Exit code, JSON report and warning lines of `reviewer check`."""
    code = main(["check", "--rules", "rules", "--format", "json", *args, "article.txt"])
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if line.startswith("reviewer: warning:")]
    return code, json.loads(captured.out) if captured.out else {}, warnings


def issues_of(report: dict) -> list[tuple[str, str, int]]:
    return [(i["rule_id"], i["text"], i["start"]) for a in report["articles"] for i in a["issues"]]


def tamper(cache_dir: Path, value: str | bytes) -> int:
    """Overwrite every stored entry of every cache file with `value`; how many were changed."""
    changed = 0
    for path in cache_dir.glob("*.db"):
        db = sqlite3.connect(path)
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'totals'")
        for (table,) in tables.fetchall():
            columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            for column in {"issues", "matches", "value"} & columns:
                changed += db.execute(f"UPDATE {table} SET {column} = ?", (value,)).rowcount
        db.commit()
        db.close()
    return changed


def test_a_cache_file_of_garbage_is_a_miss_with_one_warning(
    workdir: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name in ("cache.db", "results.db", "languagetool.db"):  # today's file and the older ones
        (cache_dir / name).write_bytes(os.urandom(4096))
    code, report, warnings = run_check(capsys, "--no-languagetool")
    assert code == 0, warnings
    assert issues_of(report) == [("GERMAN_QUOTES", "„furious“", 30)]
    assert len(warnings) == 1 and str(cache_dir) in warnings[0], warnings
    again = run_check(capsys, "--no-languagetool")
    assert again == (0, report, []), "the cache was made anew and serves the next run"


BAD_RESULTS = {
    "not JSON": "[{",
    "not a list": '{"issues": []}',
    "a missing field": '[{"checker": "rules", "rule_id": "X"}]',
    "a severity of 7": json.dumps(
        [
            {
                "checker": "rules",
                "rule_id": "X",
                "category": "Other",
                "severity": 7,
                "message": "m",
                "text": "t",
                "start": 0,
                "end": 1,
                "line": 1,
                "column": 1,
                "segment": 0,
                "suggestions": [],
                "also": [],
            }
        ]
    ),
    "nested too deep": "[" * 100_000,
    "bytes": b"\x80\x81",
}


@pytest.mark.parametrize("bad", BAD_RESULTS.values(), ids=BAD_RESULTS.keys())
def test_a_tampered_result_is_checked_again_with_one_warning(
    workdir: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str], bad: str | bytes
) -> None:
    first = run_check(capsys, "--no-languagetool")
    assert first[0] == 0 and first[2] == []
    assert tamper(cache_dir, bad) == 1
    code, report, warnings = run_check(capsys, "--no-languagetool")
    assert (code, report) == first[:2]
    assert len(warnings) == 1 and str(cache_dir) in warnings[0], warnings
    assert run_check(capsys, "--no-languagetool") == first, "the entry was rewritten"


BAD_MATCHES = {
    "not JSON": "{{",
    "not a list": '{"matches": []}',
    "a missing field": '[{"rule": "X"}]',
    "a field of the wrong type": json.dumps(
        [{"rule": 7, "category": "", "type": "", "message": "", "start": 0, "end": 1, "suggestions": []}]
    ),
    "a span past its paragraph": json.dumps(
        [{"rule": "X", "category": "", "type": "", "message": "", "start": 0, "end": 10_000, "suggestions": []}]
    ),
}


@pytest.mark.parametrize("bad", BAD_MATCHES.values(), ids=BAD_MATCHES.keys())
def test_a_tampered_languagetool_entry_is_asked_again_with_one_warning(
    workdir: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool, bad: str
) -> None:
    options = ("--no-cache", "--languagetool-url", fake.url)  # LanguageTool's paragraph cache only
    first = run_check(capsys, *options)
    assert first[0] == 0 and first[2] == []
    assert ("FAKE_TEH", "teh", 44) in issues_of(first[1])
    asked = len(fake.checks)
    assert tamper(cache_dir, bad) >= 1
    code, report, warnings = run_check(capsys, *options)
    assert (code, issues_of(report)) == (0, issues_of(first[1]))
    assert len(warnings) == 1 and str(cache_dir) in warnings[0], warnings
    assert len(fake.checks) > asked, "the paragraphs were asked of the server again"
    asked = len(fake.checks)
    assert run_check(capsys, *options) == first, "the entries were rewritten"
    assert len(fake.checks) == asked


# --- the store itself ---------------------------------------------------------------------


def as_is(key: str, data: object) -> object:
    return data


def test_past_its_bound_the_least_recently_used_entries_go_first(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.db", max_bytes=20_000)
    entry = "x" * 900  # about 1 kB with its key
    cache.put_many("results", {"kept": entry})
    for n in range(60):
        cache.put_many("languagetool", {f"p{n}": entry})
        cache.get_many("results", ["kept"], as_is)  # in use all along
        with sqlite3.connect(tmp_path / "cache.db") as db:  # as if every other entry were long unused
            db.execute("UPDATE entries SET used = used - 1000 WHERE key != 'kept'")
    stored = sqlite3.connect(tmp_path / "cache.db")
    size = stored.execute("SELECT total(size) FROM entries").fetchone()[0]
    keys = [key for (key,) in stored.execute("SELECT key FROM entries ORDER BY used")]
    assert size <= 20_000
    assert "kept" in keys and "p59" in keys and "p0" not in keys
    assert stored.execute("SELECT value FROM totals").fetchone()[0] == size, "the running total is exact"


def test_the_bound_comes_from_the_environment(cache_dir: Path) -> None:
    assert cache_config({"REVIEWER_CACHE_MAX_MB": "0.5"}).max_bytes == 500_000
    assert cache_config({}).max_bytes == cache_module.DEFAULT_MAX_MB * 1_000_000
    assert cache_config({"REVIEWER_CACHE_DIR": str(cache_dir)}).directory == cache_dir


@pytest.mark.parametrize("value", ["lots", "0", "-3", "inf"])
def test_a_bound_that_is_not_a_size_is_a_usage_error(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    monkeypatch.setenv("REVIEWER_CACHE_MAX_MB", value)
    assert main(["check", "--no-languagetool", "--rules", "rules", "article.txt"]) == 2
    assert capsys.readouterr().err == (
        f"reviewer: error: REVIEWER_CACHE_MAX_MB={value!r}: expected a size in megabytes greater than 0\n"
    )


def test_the_old_cache_files_are_removed(cache_dir: Path) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    old = [cache_dir / name for name in ("results.db", "results.db-wal", "languagetool.db", "languagetool.db-shm")]
    for path in old:
        path.write_bytes(b"old")
    Cache.in_directory(cache_dir).close()
    assert [path.exists() for path in old] == [False] * 4
    assert (cache_dir / "cache.db").is_file()


def test_a_cache_of_another_layout_is_started_afresh(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    other = sqlite3.connect(path)
    other.executescript("CREATE TABLE entries (key TEXT); INSERT INTO entries VALUES ('k'); PRAGMA user_version = 99;")
    other.close()
    cache = Cache(path)
    cache.put_many("results", {"k": [1]})
    assert cache.get_many("results", ["k"], as_is) == {"k": [1]}
    assert cache.warning is None


WRITER = """
import sys
from pathlib import Path
from reviewer.config import cache_config
from reviewer.cache import Cache
cache = Cache(Path(sys.argv[1]))
me = sys.argv[2]
for n in range(200):
    cache.put_many("results", {f"{me}-{n}": [me, n]})
    assert cache.get_many("results", [f"{me}-{n}"], lambda key, data: data) == {f"{me}-{n}": [me, n]}, cache.warning
assert cache.warning is None, cache.warning
"""


def test_several_processes_share_the_file(tmp_path: Path) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "cache.db"), f"w{n}"], stderr=subprocess.PIPE)
        for n in range(4)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    cache = Cache(tmp_path / "cache.db")
    keys = [f"w{w}-{n}" for w in range(4) for n in range(200)]
    assert len(cache.get_many("results", keys, as_is)) == 800


def test_a_lost_running_total_is_counted_again(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.db", max_bytes=5_000)
    cache.put_many("results", {"a": "x" * 2_000})
    with sqlite3.connect(tmp_path / "cache.db") as db:
        db.execute("DELETE FROM totals")
    cache.put_many("results", {"b": "x" * 2_000, "c": "x" * 2_000})
    assert cache.warning is None
    assert list(cache.get_many("results", ["a", "b", "c"], as_is)) == ["b", "c"], "the oldest went"


def test_a_cache_directory_that_cannot_be_made_is_one_warning(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "in-the-way").write_text("")
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(workdir / "in-the-way"))
    code, report, warnings = run_check(capsys, "--no-languagetool")
    assert code == 0 and issues_of(report) == [("GERMAN_QUOTES", "„furious“", 30)]
    assert warnings == [
        f"reviewer: warning: {workdir / 'in-the-way' / 'cache.db'}: cache unusable "
        f"([Errno 17] File exists: '{workdir / 'in-the-way'}'); going on without it"
    ]
