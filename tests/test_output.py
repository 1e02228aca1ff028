"""Writing reports and exports to files: atomic for files, harmless for devices, clear errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.errors import ConfigError
from reviewer.output import write_text


def test_a_file_is_replaced_whole_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    write_text("new report\n", str(target))
    assert target.read_text(encoding="utf-8") == "new report\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"], "no temp file left behind"


def test_a_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    write_text("new report\n", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755])
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    write_text("new report\n", str(target))
    assert target.read_text(encoding="utf-8") == "new report\n"
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_a_read_only_file_is_not_replaced_even_by_root(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    with pytest.raises(ConfigError, match=f"^{target}: is read-only; not changing it$"):
        write_text("new report\n", str(target))
    assert target.read_text(encoding="utf-8") == "old"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_an_existing_export_keeps_its_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.cli import main
    from reviewer.store import ReviewStore

    monkeypatch.chdir(tmp_path)
    ReviewStore.open(tmp_path / "reviews.db").close()
    target = tmp_path / "export.jsonl"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    assert main(["export", "--db", str(tmp_path / "reviews.db"), "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") != "old"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_device_is_written_to_not_replaced() -> None:
    write_text("discarded\n", os.devnull)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode), "/dev/null must stay a device"


def test_a_fifo_is_written_to_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_text("through the pipe\n", str(fifo))
        assert os.read(reader, 100) == b"through the pipe\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize(
    ("name", "problem"), [("", "empty"), (".", "is a directory"), ("missing/dir/out.json", "cannot write here")]
)
def test_unusable_paths_are_one_line_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, problem: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=problem):
        write_text("x", name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- a stdout that cannot take the output -----------------------------------------------

FULL = "/dev/full"  # every write fails with ENOSPC, as a full disk does
ARTICLE = "Talks stall again\n\nThe minister was „furious“ on Monday.\n"


def run_into(stdout: int | object, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        timeout=120,
    )


COMMANDS = {
    "check": ["check", "--no-languagetool", "article.txt"],
    "check-json": ["check", "--no-languagetool", "--format", "json", "article.txt"],
    "score": ["score", "--mt", "article.txt", "--ref", "article.txt"],
    "rules-list": ["rules", "list"],
    "rules-test": ["rules", "test"],
}


@pytest.mark.skipif(not os.path.exists(FULL), reason="needs /dev/full")
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_stdout_is_an_output_error_in_one_line(tmp_path: Path, command: str) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    with open(FULL, "w") as full:
        result = run_into(full, *COMMANDS[command], cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr == "reviewer: error: cannot write to stdout: No space left on device\n"


def test_a_closed_pipe_still_ends_quietly(tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader (e.g. `head`) is gone before anything is written
    try:
        result = run_into(write, "rules", "list", cwd=tmp_path)
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (0, "")
