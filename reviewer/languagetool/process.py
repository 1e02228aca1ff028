"""Processes by pid: is this still our LanguageTool server, and stop it for good.

A pid in a state file may have been reused by an unrelated process since it was written,
so nothing is signalled until its command line shows our server class, its port and a
settings file from our run directory.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from itertools import pairwise
from pathlib import Path

SERVER_CLASS = "org.languagetool.server.HTTPServer"
GRACE = 10.0  # seconds a server gets to shut down after SIGTERM before SIGKILL


def command_line(pid: int) -> list[str] | None:
    """The process's arguments, or None when there is no such (living) process."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return None
    except OSError:  # no /proc (macOS): ask ps
        return _ps_arguments(pid)
    return [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part] or None


def _ps_arguments(pid: int) -> list[str] | None:
    try:
        shown = subprocess.run(["ps", "-ww", "-o", "args=", "-p", str(pid)], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return shown.stdout.split() or None


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def is_our_server(pid: int, port: int, run_dir: Path) -> bool:
    """Whether `pid` is a LanguageTool server on `port` started with settings from `run_dir`."""
    args = command_line(pid)
    if not args or SERVER_CLASS not in args or not alive(pid):
        return False
    on_port = any(a == "--port" and b == str(port) for a, b in pairwise(args))
    configs = [b for a, b in pairwise(args) if a == "--config"]
    ours = any(Path(c).parent == run_dir for c in configs)
    return on_port and ours


def terminate(pid: int, process: subprocess.Popen[bytes] | None = None, grace: float = GRACE) -> None:
    """Stop the server and its process group: SIGTERM, then SIGKILL after `grace` seconds.

    Pass the Popen when we started it, so that it is reaped and leaves no zombie.
    """
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, grace)):
        _signal_group(pid, sig)
        if _wait_gone(pid, process, wait):
            return


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)  # servers lead their own group (start_new_session)
    except ProcessLookupError:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def _wait_gone(pid: int, process: subprocess.Popen[bytes] | None, timeout: float) -> bool:
    if process is not None:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return True
    deadline = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
