"""Start a LanguageTool HTTP server on 127.0.0.1 and wait until it really checks text.

The server is started without `--public`, so it binds the loopback interface only. It
gets its own process group (so stopping it stops everything it runs), a free port
(retried if another process takes the port first), a bounded heap, a settings file
with pipeline and sentence caching, and the pid of the command starting it on its
command line (see `process`: that is how an orphan is known). "Ready" means a first check has been answered:
the health check answers within a second or two, but the English rules load on the
first check, which is most of a cold start.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.languagetool.client import Client
from reviewer.languagetool.errors import LanguageToolError, unusable_directory
from reviewer.languagetool.install import HOW_TO_GET_TOOLS, Installation, java_executable
from reviewer.languagetool.process import SERVER_CLASS, owner_option, terminate

HOST = "127.0.0.1"
START_TIMEOUT = 60.0
"""Seconds from launch to the first answered check. Measured here (2 cores): see the README."""
PORT_ATTEMPTS = 3
JAVA_OPTIONS = (
    "-Xmx1g",  # resident size stays near 400 MB checking news; the heap bound keeps a runaway in check
    "-XX:+UseSerialGC",  # less memory and fewer threads than G1 on a small machine
    "-XX:TieredStopAtLevel=1",  # C1 only: starts in half the time, checks as fast over hundreds of articles
    "-Dfile.encoding=UTF-8",
    "-Djava.awt.headless=true",
)
LOGGING = Path(__file__).with_name("logback.xml")
WARM_UP = {"language": "en-US", "text": "This sentence loads the English rules."}


def server_properties() -> dict[str, str]:
    """The server's `--config` settings (see `HTTPServer --help`); no request limit is set,
    which is what a loopback-only server for one user wants."""
    return {
        "pipelineCaching": "true",  # keep rule pipelines between requests instead of rebuilding them
        "pipelineExpireTimeInSeconds": str(7 * 24 * 3600),
        "maxPipelinePoolSize": "64",
        "cacheSize": "20000",  # sentences whose matches the server remembers
        "cacheTTLSeconds": str(7 * 24 * 3600),
        "maxCheckThreads": str(max(1, min(4, os.cpu_count() or 1))),
    }


@dataclass
class Server:
    """A LanguageTool server we started. `process` is set only in the process that started
    it (which must reap it); a server found through a state file has none."""

    pid: int
    port: int
    version: str
    started: float
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False, compare=False)
    log: Path | None = field(default=None, repr=False, compare=False)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def stop(self) -> None:
        """Stop the server; its log goes with it (a log is kept only when a start fails)."""
        terminate(self.pid, self.process)
        if self.log is not None:
            self.log.unlink(missing_ok=True)


def find_java() -> str:
    """The java to start servers with (not run here: that is for `start_server`)."""
    java = java_executable()
    if java is None:
        raise LanguageToolError(f"LanguageTool needs Java 17+ and none was found: {HOW_TO_GET_TOOLS}")
    return java


def start_server(
    installation: Installation,
    run_dir: Path,
    log_name: str | None = None,
    timeout: float = START_TIMEOUT,
    cancelled: threading.Event | None = None,
) -> Server:
    """Launch a server and return it once it has answered a check; stopped again on failure,
    or as soon as `cancelled` is set (the command is ending)."""
    java = find_java()
    try:
        run_dir.mkdir(parents=True, exist_ok=True)
        config = _write_properties(run_dir)
    except OSError as error:
        raise unusable_directory(run_dir, error) from None
    for _ in range(PORT_ATTEMPTS):
        port = free_port()
        log = run_dir / (log_name or f"server-{port}.log")
        command = [
            java,
            *JAVA_OPTIONS,
            owner_option(os.getpid()),
            f"-Dlogback.configurationFile={LOGGING}",
            "-cp",
            installation.classpath,
            SERVER_CLASS,
            "--config",
            str(config),
            "--port",
            str(port),
        ]
        with open(log, "wb") as output:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                cwd=run_dir,
                start_new_session=True,
            )
        started = time.time()
        try:
            version = _wait_ready(process, port, log, timeout, cancelled or threading.Event())
        except _PortTaken:
            terminate(process.pid, process)
            continue
        except BaseException:
            terminate(process.pid, process)
            raise
        return Server(process.pid, port, version, started, process, log)
    raise LanguageToolError(f"LanguageTool could not get a free port on {HOST} in {PORT_ATTEMPTS} tries")


def free_port() -> int:
    """A port nothing listens on right now (the server may still lose it to a race)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class _PortTaken(Exception):
    """The server exited because another process bound its port first."""


def _write_properties(run_dir: Path) -> Path:
    path = run_dir / "server.properties"
    text = "".join(f"{key}={value}\n" for key, value in server_properties().items())
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    return path


def _wait_ready(
    process: subprocess.Popen[bytes], port: int, log: Path, timeout: float, cancelled: threading.Event
) -> str:
    client = Client(f"http://{HOST}:{port}", timeout=timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cancelled.is_set():
            raise LanguageToolError("LanguageTool's start was cancelled: the command is ending")
        if process.poll() is not None:
            tail = _log_tail(log)
            if "Address already in use" in tail or "BindException" in tail:
                raise _PortTaken()
            raise LanguageToolError(
                f"LanguageTool server exited with status {process.returncode}: {_last_error(tail)} (log: {log})"
            )
        client.timeout = max(0.1, min(2.0, deadline - time.monotonic()))
        if client.healthy():
            break
        cancelled.wait(0.1)
    else:
        raise LanguageToolError(f"LanguageTool server did not answer within {timeout:.0f} s (log: {log})")
    client.timeout = max(1.0, deadline - time.monotonic())
    try:
        answer = client.check(WARM_UP)
    except LanguageToolError as error:
        raise LanguageToolError(f"LanguageTool server started but could not check text: {error} (log: {log})") from None
    return str(answer.get("software", {}).get("version", "unknown"))


def _log_tail(log: Path, size: int = 8192) -> str:
    try:
        with open(log, "rb") as handle:
            handle.seek(max(0, log.stat().st_size - size))
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _last_error(tail: str) -> str:
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    telling = [line for line in lines if "Exception" in line or "Error" in line]
    return (telling or lines or ["no output"])[-1][:300]
