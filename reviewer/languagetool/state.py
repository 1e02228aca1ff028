"""The servers we started: the background server that later commands reuse, and orphans.

`run/server.json` names the background server (`reviewer languagetool start`). Every
other server of ours belongs to the command that started it and is named by its own
command line (see `process`), so there is no file to write before it can be orphaned:
one that outlives its command (killed with SIGKILL, its terminal closed, killed while
the server was still starting) is found by the next command of any kind and stopped.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from reviewer.languagetool.errors import unusable_directory
from reviewer.languagetool.home import Home
from reviewer.languagetool.process import ServerProcess, is_our_server, our_servers, terminate
from reviewer.languagetool.server import HOST, Server


@dataclass(frozen=True)
class Record:
    """The background server, as `run/server.json` names it."""

    pid: int
    port: int
    version: str
    started: float

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @classmethod
    def of(cls, server: Server) -> Record:
        return cls(server.pid, server.port, server.version, server.started)


def read(path: Path) -> Record | None:
    """The record at `path`; None when there is none or it is unreadable (it is only a hint)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Record(**{name: data[name] for name in ("pid", "port", "version", "started")})
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write(path: Path, record: Record) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(json.dumps(asdict(record)) + "\n", encoding="utf-8")
        os.replace(partial, path)
    except OSError as error:
        raise unusable_directory(path.parent, error) from None


def remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def running_background(home: Home) -> Record | None:
    """The background server when it is still our server; a stale record is removed."""
    record = read(home.state_file)
    if record is None:
        return None
    if is_our_server(record.pid, record.port, home.run):
        return record
    remove(home.state_file)
    return None


@contextmanager
def lifecycle_lock(home: Home) -> Iterator[None]:
    """Serialises starting and stopping the background server across processes."""
    try:
        home.run.mkdir(parents=True, exist_ok=True)
        lock = open(home.run / ".lock", "w")  # noqa: SIM115 (closed by `with lock` below; opening has its own error message)
    except OSError as error:
        raise unusable_directory(home.run, error) from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@dataclass(frozen=True)
class Found:
    """A server of ours found running, and what it is to us."""

    process: ServerProcess
    background: bool
    """The background server named in `run/server.json`."""

    @property
    def orphan(self) -> bool:
        """A command's server that outlived the command: nothing will use or stop it."""
        return not self.background and self.process.owner is not None and not self.process.owner_running

    @property
    def in_use(self) -> bool:
        return self.process.owner_running

    def describe(self) -> str:
        """One line for `reviewer languagetool status` and `stop`."""
        process = self.process
        where = f"pid {process.pid}, port {process.port}"
        if process.owner is None:
            return f"{where}, started by an older reviewer (owner unknown)"
        owner = "running" if process.owner_running else "gone"
        return f"{where}, owner pid {process.owner} ({owner})"


def servers(home: Home) -> list[Found]:
    """Every server of ours running from `home`'s run directory."""
    running = our_servers(home.run)  # before reading the record: a server whose starter has
    background = read(home.state_file)  # exited was recorded before the starter exited
    return [Found(process, background is not None and process.pid == background.pid) for process in running]


def reap_orphans(home: Home) -> list[Found]:
    """Stop every server of ours that outlived the command that started it; those stopped."""
    return [found for found in servers(home) if found.orphan and stop(found, home)]


def stop(found: Found, home: Home) -> bool:
    """Stop a server found earlier, unless its pid has since gone to another process."""
    process = found.process
    if not is_our_server(process.pid, process.port, home.run):
        return False
    terminate(process.pid)
    return True
