"""Reading the review record where nothing can be written: `reviewer export` only reads.

Tests run as root in CI, and root writes into a directory whatever its permissions say,
so a `chmod a-w` directory proves nothing there. Two things do make the directory
read-only for root too: a read-only bind mount in a private mount namespace
(`unshare -m`, where the container allows it), and, everywhere, a directory standing
where SQLite must create the database's `-wal` file, which fails SQLite's open exactly
as a read-only directory does ("unable to open database file").
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.errors import ExitCode
from reviewer.model import Article, Segment
from reviewer.store import ReviewStore, StoreError, schema

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TEXT = "The talks was long."


def article() -> Article:
    return Article("corpora/talks.txt", "talks", TEXT, (Segment(0, 0, len(TEXT), TEXT),))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A review database with one saved edit, closed cleanly (no -wal or -shm left)."""
    path = tmp_path / "team" / "reviews.db"
    with ReviewStore.open(path) as store:
        store.open_review(article()).record_edit(0, "The talks were long.", reviewer="ana", started_at=T0)
    assert sorted(p.name for p in path.parent.iterdir()) == ["reviews.db"]
    return path


def exported(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict]:
    assert main(["export", "--db", str(db)]) == ExitCode.OK, capsys.readouterr().err
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_export_works_when_the_wal_file_cannot_be_created(db: Path, capsys) -> None:
    (db.parent / "reviews.db-wal").mkdir()  # as in a read-only directory: SQLite cannot make its -wal file
    [record] = exported(capsys, db)
    assert record["post_edit"] == "The talks were long."


def test_export_from_a_directory_without_write_permission(db: Path, capsys) -> None:
    """Meaningful when the tests do not run as root (root ignores the permissions)."""
    db.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        [record] = exported(capsys, db)
    finally:
        db.parent.chmod(stat.S_IRWXU)
    assert record["post_edit"] == "The talks were long."


def test_export_never_writes_an_older_database(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database from before the latest migration is read through a migrated copy in
    memory: export works and the file is left exactly as it was."""
    db = tmp_path / "old.db"
    connection = sqlite3.connect(db)
    for statement in schema.MIGRATIONS[0]:
        assert isinstance(statement, str)
        connection.execute(statement)
    connection.executescript(
        """PRAGMA user_version = 1;
           INSERT INTO articles VALUES (1, 'corpora/talks.txt', 'talks', 'abc', 'en-US', NULL, NULL, '2026-03-01');
           INSERT INTO segments VALUES (1, 0, 0, 19, 'The talks was long.', NULL, NULL);
           INSERT INTO decisions VALUES (1, 1, 'issue-1', 0, 'dismissed', 'ana', '2026-03-01T09:00:00.000+00:00');"""
    )
    connection.commit()
    connection.close()
    before = db.read_bytes()
    [record] = exported(capsys, db)
    assert (record["post_edit"], record["dismissed"], record["edits"]) == ("The talks was long.", ["issue-1"], 0)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]
    with ReviewStore.open(db, readonly=True) as store, pytest.raises(StoreError, match="read-only"):
        store.open_review(article())


def _can_mount_privately() -> bool:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


read_only_mount = pytest.mark.skipif(
    not _can_mount_privately(), reason="needs `unshare -m` (a private mount namespace) to mount read-only"
)


def in_read_only_mount(directory: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """Run `command` with `directory` bind-mounted read-only over itself, in a mount
    namespace of its own: read-only for root too, and invisible outside the command."""
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"'
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(directory), *command],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


@read_only_mount
def test_export_from_a_read_only_mount(db: Path) -> None:
    done = in_read_only_mount(db.parent, sys.executable, "-m", "reviewer", "export", "--db", str(db))
    assert done.returncode == ExitCode.OK, done.stderr
    assert json.loads(done.stdout)["post_edit"] == "The talks were long."


@read_only_mount
def test_saves_still_in_the_wal_file_are_not_silently_left_out(db: Path) -> None:
    """A -wal file with saves not merged into the database (its writer was killed) cannot be
    read without a -shm file, which cannot be made on a read-only mount: reading the
    database file alone would miss those saves, so export says so instead."""
    writer = (
        "import sqlite3, sys, os\n"
        "c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute(\"UPDATE edits SET after = 'The talks were lengthy.'\"); c.commit(); os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", writer, str(db)], check=True)
    (db.parent / "reviews.db-shm").unlink()
    assert (db.parent / "reviews.db-wal").stat().st_size > 0
    done = in_read_only_mount(db.parent, sys.executable, "-m", "reviewer", "export", "--db", str(db))
    assert done.returncode == ExitCode.USAGE
    assert "holds saves not yet merged" in done.stderr
    assert done.stderr.count("\n") == 1
