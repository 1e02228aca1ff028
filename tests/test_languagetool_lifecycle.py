"""When LanguageTool's server starts and what becomes of it, with real processes: `java` is
a stand-in (fixtures/languagetool/fake_java.py) with the real server's command line, so
reviewer starts, finds, reaps and stops it as it would the real one."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_cli_check import PACK

from reviewer.cli import main
from reviewer.errors import ExitCode
from reviewer.languagetool.process import alive

FAKE_JAVA = Path(__file__).parent / "fixtures" / "languagetool" / "fake_java.py"
WAIT = 60.0  # seconds to wait for a process to appear or go; never reached when all is well


@dataclass
class FakeJava:
    """The stand-in `java` and a LanguageTool home that looks installed."""

    root: Path
    env: dict[str, str]

    def launches(self) -> list[int]:
        """The pid of every server launched so far."""
        log = Path(self.env["FAKE_JAVA_LAUNCHES"])
        return [int(line) for line in log.read_text().split()] if log.exists() else []

    def wait_for_launch(self) -> int:
        deadline = time.monotonic() + WAIT
        while not self.launches():
            assert time.monotonic() < deadline, "no server was launched"
            time.sleep(0.05)
        return self.launches()[-1]

    def reviewer(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reviewer", *args],
            env={**self.env, **env},
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.fixture
def fake_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeJava]:
    jdk = tmp_path / "jdk" / "bin"
    jdk.mkdir(parents=True)
    (jdk / "java").write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FAKE_JAVA}" "$@"\n')
    (jdk / "java").chmod(0o755)
    home = tmp_path / "lt"
    (home / "6.8" / "jars").mkdir(parents=True)
    (home / "6.8" / "installed").write_text("{}")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "pack.yaml").write_text(PACK, encoding="utf-8")
    for n in range(4):
        (tmp_path / f"a{n}.txt").write_text(f"Title {n}\n\nWe saw teh harbour {n}.\n", encoding="utf-8")
    settings = {
        "JAVA_HOME": str(tmp_path / "jdk"),
        "REVIEWER_LT_HOME": str(home),
        "FAKE_JAVA_LAUNCHES": str(tmp_path / "launches"),
    }
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    fake = FakeJava(tmp_path, dict(os.environ))
    yield fake
    for pid in fake.launches():
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def wait_gone(pid: int) -> bool:
    deadline = time.monotonic() + WAIT
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, list[str]]:
    code = main(["check", "--rules", "rules", "--format", "json", *args])
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.startswith("reviewer:")]
    return code, json.loads(captured.out) if captured.out else {}, lines


# --- LanguageTool starts only when an article misses the cache --------------------------------


def test_a_fully_cached_check_starts_no_java(fake_java: FakeJava, capsys: pytest.CaptureFixture[str]) -> None:
    articles = [f"a{n}.txt" for n in range(4)]
    code, first, errors = check_json(capsys, *articles)
    assert (code, errors) == (0, [])
    assert len(fake_java.launches()) == 1
    assert sum(i["rule_id"] == "FAKE_TEH" for a in first["articles"] for i in a["issues"]) == 4
    code, again, errors = check_json(capsys, *articles)
    assert (code, errors) == (0, [])
    assert len(fake_java.launches()) == 1, "the cached re-run started no server"
    assert again["articles"] == first["articles"]
    assert again["checkers"]["languagetool"] == {**first["checkers"]["languagetool"], "url": None}
    assert again["signature"] == first["signature"]


def test_articles_that_miss_start_one_server_between_them(
    fake_java: FakeJava, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = [f"a{n}.txt" for n in range(4)]
    check_json(capsys, *articles[:2])
    code, report, _ = check_json(capsys, "--jobs", "4", *articles)
    assert code == 0
    assert len(fake_java.launches()) == 2, "one server for the first run, one for the two new articles"
    assert all(any(i["rule_id"] == "FAKE_TEH" for i in a["issues"]) for a in report["articles"])


def test_a_server_that_fails_to_start_late_says_so_once_and_the_batch_goes_on(
    fake_java: FakeJava, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_JAVA_FAIL", "no room for the heap")
    code, report, lines = check_json(capsys, "--jobs", "2", "a0.txt", "a1.txt", "a2.txt")
    assert code == ExitCode.INCOMPLETE, "the articles LanguageTool did not check are not passed"
    assert report["summary"]["incomplete"] == 3
    assert len(lines) == 1 and lines[0].startswith(
        "reviewer: incomplete: 3 article(s) not fully checked: languagetool: "
        "LanguageTool server exited with status 1: "
        "Exception in thread main: no room for the heap"
    ), lines
    assert report["checkers"]["languagetool"]["enabled"] is False
    assert len(fake_java.launches()) == 1, "a server that failed to start is not tried again for every article"


def test_require_languagetool_makes_a_failed_late_start_an_error(
    fake_java: FakeJava, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_JAVA_FAIL", "no room for the heap")
    code, report, lines = check_json(capsys, "--require-languagetool", "a0.txt")
    assert (code, report) == (2, {})
    assert len(lines) == 1 and lines[0].startswith("reviewer: error: LanguageTool server exited with status 1: ")


# --- servers whose command was killed ----------------------------------------------------------


def slow_check(fake_java: FakeJava) -> subprocess.Popen[bytes]:
    """`reviewer check` of an article the cache does not know, with a server slow to start."""
    return subprocess.Popen(
        [sys.executable, "-m", "reviewer", "check", "--rules", "rules", "a0.txt"],
        env={**fake_java.env, "FAKE_JAVA_DELAY": "600"},
        cwd=fake_java.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def killed_check(fake_java: FakeJava) -> int:
    """Start `reviewer check`, SIGKILL it while its server is starting; the server's pid."""
    command = slow_check(fake_java)
    try:
        server = fake_java.wait_for_launch()
    finally:
        command.kill()
        command.wait()
    return server


def killed_review(fake_java: FakeJava) -> int:
    """Start `reviewer review` in a terminal, SIGKILL it while its server is starting."""
    primary, secondary = pty.openpty()
    command = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "review", "--rules", "rules", "a0.txt"],
        env={**fake_java.env, "FAKE_JAVA_DELAY": "600", "TERM": "xterm-256color"},
        cwd=fake_java.root,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        start_new_session=True,
    )
    os.close(secondary)

    def drain() -> None:  # the app blocks once the terminal's buffer is full
        try:
            while os.read(primary, 65536):
                pass
        except OSError:
            pass

    threading.Thread(target=drain, daemon=True).start()
    try:
        server = fake_java.wait_for_launch()
    finally:
        command.kill()
        command.wait()
        os.close(primary)
    return server


@pytest.mark.parametrize(
    ("kill", "next_command"),
    [
        (killed_check, ["languagetool", "status"]),
        (killed_check, ["languagetool", "stop"]),
        (killed_check, ["languagetool", "start"]),
        (killed_check, ["check", "--rules", "rules", "a1.txt"]),
        (killed_review, ["check", "--rules", "rules", "a1.txt"]),
    ],
    ids=["status", "stop", "start", "check", "review-then-check"],
)
def test_a_server_orphaned_while_starting_is_stopped_by_the_next_command(
    fake_java: FakeJava, kill: object, next_command: list[str]
) -> None:
    orphan = kill(fake_java)  # type: ignore[operator]
    assert alive(orphan), "the server outlived its command"
    done = fake_java.reviewer(*next_command)
    assert done.returncode == 0, done.stderr
    assert wait_gone(orphan), f"{next_command} left the orphan running"
    if next_command[-1] == "status":
        assert f"pid {orphan}" in done.stdout and "stopped" in done.stdout, done.stdout
    fake_java.reviewer("languagetool", "stop")


def test_status_lists_servers_in_use_with_their_owner_and_leaves_them(fake_java: FakeJava) -> None:
    command = slow_check(fake_java)
    try:
        server = fake_java.wait_for_launch()
        status = fake_java.reviewer("languagetool", "status").stdout
        stop = fake_java.reviewer("languagetool", "stop").stdout
        assert alive(server), "a server whose command is running is left alone"
    finally:
        command.send_signal(signal.SIGTERM)
        command.wait(timeout=WAIT)
    assert f"pid {server}" in status and f"owner pid {command.pid} (running)" in status, status
    assert f"pid {server}" in stop and "in use" in stop, stop
    assert wait_gone(server), "SIGTERM during the start stopped the server"
    assert command.returncode == 128 + signal.SIGTERM
