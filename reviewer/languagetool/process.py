"""Our LanguageTool servers among the machine's processes, and stopping them for good.

A server is ours when its command line shows our server class, a port and a settings
file from our run directory; so a pid in a state file that an unrelated process has
since reused is never signalled. Every server carries its owner, the pid of the reviewer
command that started it, on its command line (`-Dreviewer.owner=PID`): it is recorded in
the same instant it exists, so no kill of that command, however early, leaves a server
nobody can attribute. While the owner lives it is the server's parent; a server whose
parent is no longer its owner has outlived the command that started it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

SERVER_CLASS = "org.languagetool.server.HTTPServer"
OWNER_PROPERTY = "-Dreviewer.owner="
GRACE = 10.0  # seconds a server gets to shut down after SIGTERM before SIGKILL


@dataclass(frozen=True)
class ServerProcess:
    """A server of ours, as the process table shows it."""

    pid: int
    port: int
    parent: int
    owner: int | None
    """The command that started it; None for a server started by an older reviewer."""

    @property
    def owner_running(self) -> bool:
        """Whether the command that started the server still runs (and is still its parent)."""
        return self.owner is not None and self.parent == self.owner  # an exited owner's children get a new parent


def owner_option(pid: int) -> str:
    """The java option that names the command starting a server."""
    return f"{OWNER_PROPERTY}{pid}"


def our_servers(run_dir: Path) -> list[ServerProcess]:
    """Every living server started with settings from `run_dir`, by pid."""
    found = []
    for pid, parent, args in _processes():
        port = _our_port(args, run_dir)
        if port is not None and alive(pid):
            owners = [arg.removeprefix(OWNER_PROPERTY) for arg in args if arg.startswith(OWNER_PROPERTY)]
            owner = int(owners[0]) if owners and owners[0].isdigit() else None
            found.append(ServerProcess(pid, port, parent, owner))
    return sorted(found, key=lambda server: server.pid)


def _processes() -> Iterator[tuple[int, int, list[str]]]:
    """(pid, parent pid, arguments) of every process: from /proc, else from `ps`."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        yield from _ps_processes()
        return
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes()
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if SERVER_CLASS.encode() in args:
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            yield int(entry.name), parent, [part.decode("utf-8", "replace") for part in args.split(b"\0") if part]


def _ps_processes() -> Iterator[tuple[int, int, list[str]]]:
    try:
        shown = subprocess.run(["ps", "-axww", "-o", "pid=,ppid=,args="], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return
    for line in shown.stdout.splitlines():
        pid, parent, *args = line.split()
        if SERVER_CLASS in args:
            yield int(pid), int(parent), args


def _our_port(args: list[str], run_dir: Path) -> int | None:
    """The port of a server started with settings from `run_dir`; None for any other process."""
    if SERVER_CLASS not in args:
        return None
    configs = [b for a, b in pairwise(args) if a == "--config"]
    ports = [b for a, b in pairwise(args) if a == "--port"]
    if not any(Path(c).parent == run_dir for c in configs) or len(ports) != 1 or not ports[0].isdigit():
        return None
    return int(ports[0])


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
    return bool(args) and _our_port(args or [], run_dir) == port and alive(pid)


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
