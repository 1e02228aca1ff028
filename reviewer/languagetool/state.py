"""Records of the servers we started, so that other reviewer processes can find them.

`run/server.json` names the background server (`reviewer languagetool start`) that later
commands reuse. `run/owned/PID.json` names a server one command started for itself; it is
removed when that command stops its server, so one that outlives its owner (the command
was killed with SIGKILL) is an orphan that the next command stops.
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
from reviewer.languagetool.process import alive, is_our_server, terminate
from reviewer.languagetool.server import HOST, Server


@dataclass(frozen=True)
class Record:
    pid: int
    port: int
    version: str
    started: float
    owner: int | None = None
    """The pid of the command that must stop this server; None for the background server."""

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @classmethod
    def of(cls, server: Server, owner: int | None = None) -> Record:
        return cls(server.pid, server.port, server.version, server.started, owner)

    def server(self) -> Server:
        return Server(self.pid, self.port, self.version, self.started)


def read(path: Path) -> Record | None:
    """The record at `path`; None when there is none or it is unreadable (it is only a hint)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Record(**data)
    except (OSError, ValueError, TypeError):
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


def owned_path(home: Home, pid: int) -> Path:
    return home.owned_dir / f"{pid}.json"


def reap_orphans(home: Home) -> list[Record]:
    """Stop servers whose owning command died without stopping them; returns those stopped."""
    stopped = []
    for path in sorted(home.owned_dir.glob("*.json")) if home.owned_dir.is_dir() else []:
        record = read(path)
        if record is not None and record.owner is not None and alive(record.owner):
            continue
        if record is not None and is_our_server(record.pid, record.port, home.run):
            terminate(record.pid)
            stopped.append(record)
        remove(path)
    return stopped
