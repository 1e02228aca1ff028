"""A throwaway PostgreSQL cluster on a unix socket in a temporary directory, for the
`postgres` test suite and `bench/store_latency.py`.

It uses the server binaries of the Debian `postgresql` package (`initdb`, `pg_ctl`).
PostgreSQL refuses to run as root, so as root (CI) the cluster runs as the package's
`postgres` user and its directory is handed to that user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "reviewer"


def server_binaries() -> Path | None:
    """The directory holding `initdb` and `pg_ctl`, newest server version first; None
    when no PostgreSQL server is installed."""
    found = shutil.which("initdb")
    if found and Path(found).with_name("pg_ctl").exists():
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


class Cluster:
    """Start with `Cluster.start()`, stop with `stop()`; `url(name)` is a database's
    `postgresql://` URL (create it first with `create_database`)."""

    def __init__(self, bindir: Path, directory: Path, owner: str | None) -> None:
        self.bindir = bindir
        self.directory = directory
        self.owner = owner
        self.socket_dir = directory / "socket"
        self._count = 0

    @classmethod
    def start(cls, *, durable: bool = False) -> Cluster:
        """`durable` keeps PostgreSQL's default fsync (for benchmarks); tests run without it."""
        bindir = server_binaries()
        if bindir is None:
            raise FileNotFoundError("no PostgreSQL server installed (apt-get install postgresql)")
        owner = "postgres" if os.geteuid() == 0 else None
        directory = Path(tempfile.mkdtemp(prefix="reviewer-pg-"))
        cluster = cls(bindir, directory, owner)
        cluster.socket_dir.mkdir()
        if owner is not None:
            entry = pwd.getpwnam(owner)
            for path in (directory, cluster.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        data = directory / "data"
        cluster._run("initdb", "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        options = f"-c listen_addresses='' -k {cluster.socket_dir} -c max_connections=100"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        try:
            cluster._run("pg_ctl", "-D", str(data), "-l", str(directory / "log"), "-o", options, "-w", "start")
        except subprocess.CalledProcessError:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        return cluster

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self.owner is not None:
            command = ["runuser", "-u", self.owner, "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; its URL."""
        import psycopg

        if name is None:
            self._count += 1
            name = f"test_{self._count}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.directory / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)
