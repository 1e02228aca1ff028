"""`reviewer review` in a real terminal (tmux): it shows the flagged article, takes an
edit, saves it with ctrl+s, and the saved edit survives `kill -9` of the app; search
finds a segment and `c` confirms it and moves on."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import FIXTURES

# Skipped on a developer machine without tmux; in CI (.ci/run installs tmux) it must run.
pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"), reason="needs tmux (apt-get install tmux)"
)

WAIT = 30.0  # seconds a cold start may take on a slow CI machine; never reached when all is well


class Terminal:
    """A 120x35 tmux pane running one command, on a tmux server of its own (its socket
    in `cwd`) so that the developer's sessions are neither seen nor touched."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.tmux = ["tmux", "-S", str(cwd / "tmux.sock")]
        # COLUMNS/LINES from the environment would override the terminal's real size
        line = " ".join(["env", "-u", "COLUMNS", "-u", "LINES", *(f"{k}={v}" for k, v in env.items()), *command])
        subprocess.run([*self.tmux, "new-session", "-d", "-x", "120", "-y", "35", "-c", str(cwd), line], check=True)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout

    def wait_for(self, *texts: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(text in shown for text in texts):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"never saw {texts} on screen:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run([*self.tmux, "send-keys", *(["-l"] if literal else []), *keys], check=True)

    def app_pid(self) -> int:
        """The reviewer process: the pane's process or its descendant."""
        pane = int(
            subprocess.run(
                [*self.tmux, "list-panes", "-F", "#{pane_pid}"], capture_output=True, text=True, check=True
            ).stdout.split()[0]
        )
        found = subprocess.run(["pgrep", "-f", "reviewer review"], capture_output=True, text=True).stdout.split()
        for pid in [pane, *map(int, found)]:
            if _descends_from(pid, pane) and "review" in Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " "):
                return pid
        raise AssertionError("the reviewer process is not running")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def _descends_from(pid: int, ancestor: int) -> bool:
    while pid > 1:
        if pid == ancestor:
            return True
        stat = Path(f"/proc/{pid}/stat").read_text()
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return False


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    for name in ("harbour.txt", "harbour.src.txt", "harbour.ref.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    command = [
        sys.executable,
        "-m",
        "reviewer",
        "review",
        "harbour.txt",
        "--no-languagetool",
        "--rules",
        str(FIXTURES / "rules"),
        "--reviewer",
        "smoke",
    ]
    env = {
        "REVIEWER_DB": str(tmp_path / "reviews.db"),
        "TERM": "xterm-256color",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    term = Terminal(command, tmp_path, env)
    try:
        yield term
    finally:
        term.close()


def exported(db: Path) -> list[dict]:
    """The records `reviewer export` gives for `db`, from a process of its own."""
    out = subprocess.run(
        [sys.executable, "-m", "reviewer", "export", "--db", str(db)], capture_output=True, text=True, check=True
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_flagged_article_edit_save_and_kill(terminal: Terminal, tmp_path: Path) -> None:
    shown = terminal.wait_for("harbour.txt", "reviewer: smoke", "Flags (0)", "Ruler Kim met the strikers")
    assert "Port strike in Hamburg" in shown
    terminal.keys("j", "e")
    terminal.wait_for("▔▔▔▔")  # the editor is open (keys sent earlier would not reach it)
    terminal.keys("End")
    terminal.keys(" Really.", literal=True)
    terminal.wait_for("unsaved: 2")
    terminal.keys("C-s")
    terminal.wait_for("Saved segment 2")
    os.kill(terminal.app_pid(), signal.SIGKILL)

    [record] = exported(tmp_path / "reviews.db")
    assert record["segment"] == 1
    assert record["post_edit"] == "The union called the offer „an insult“, a spokesman said. Really."
    assert record["reviewer"] == "smoke"
    assert record["hter"] > 0
    assert record["seconds"] >= 0
    assert record["started_at"] <= record["saved_at"]


def test_search_then_confirm_and_move_on(terminal: Terminal, tmp_path: Path) -> None:
    terminal.wait_for("harbour.txt", "Ruler Kim met the strikers")
    terminal.keys("/")
    terminal.wait_for("Search the article")
    terminal.keys("strikers", literal=True)
    terminal.keys("Enter")
    terminal.wait_for("1 match(es) for 'strikers'")
    terminal.keys("c")  # the found segment is confirmed as the MT has it, and the next unconfirmed one is focused
    terminal.wait_for("Saved segment 4")
    [record] = exported(tmp_path / "reviews.db")
    assert (record["segment_number"], record["post_edit"], record["edits"]) == (
        4,
        "Ruler Kim met the strikers in the morning.",
        1,
    )
