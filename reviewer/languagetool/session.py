"""One command's use of LanguageTool: find a server (or start one), keep it answering, stop
what was started.

Where the server comes from, in order: the URL given (`--languagetool-url`, else
`REVIEWER_LANGUAGETOOL_URL`); the background server `reviewer languagetool start` left
running; else a server started for this command alone and stopped when it ends (also on
SIGTERM/SIGHUP/SIGINT and at interpreter exit). A server of our own is started only when
the first request needs it (once, whichever thread asks first), so a command whose
answers all come from the cache starts no Java: until then its version is the
installation's. When the server stops answering mid-batch, a server we can start is
(re)started once and the request retried; a server at a given URL is not ours to
restart, so that is an error. Every session first stops the orphans earlier commands left.
"""

from __future__ import annotations

import atexit
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import FrameType
from typing import Any

from reviewer.languagetool import state
from reviewer.languagetool.client import REQUEST_TIMEOUT, Client
from reviewer.languagetool.errors import LanguageToolError, ServerUnavailable
from reviewer.languagetool.home import Home
from reviewer.languagetool.install import find_installation
from reviewer.languagetool.server import START_TIMEOUT, Server, find_java, start_server

MAX_RESTARTS = 2  # per session (a TUI session lasts hours); a server that keeps dying is not worth a third
PROBE = {"language": "en-US", "text": "Hello."}
"""Asked of a server found by URL, for its version (which the cache key needs)."""
NOT_INSTALLED = "LanguageTool is not installed: run `reviewer languagetool install` (or set LTP_JAR_DIR_PATH, or pass --languagetool-url)"


class LanguageToolSession:
    """A LanguageTool server this command can use, or the reason there is none.

    `origin` says where the server came from: "url", "background" or "own". Safe to use
    from several threads: requests run in parallel, recovery happens once.
    """

    def __init__(self, home: Home, timeout: float = REQUEST_TIMEOUT, start_timeout: float = START_TIMEOUT) -> None:
        self.home = home
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.client: Client | None = None
        self.version: str | None = None
        self.origin: str | None = None
        self.reason: str | None = None
        self.lost = False
        """True once a server this session used stopped answering for good."""
        self._pending = False
        """True while our own server is to be started at the first request."""
        self._cancelled = threading.Event()
        self._own: Server | None = None
        self._restarts = 0
        self._generation = 0
        self._languages: frozenset[str] | None = None
        self._languages_lock = threading.Lock()
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """A server answers, or ours is to start at the first request."""
        return self.client is not None or self._pending

    @property
    def url(self) -> str | None:
        """The server's URL; None while no server was needed."""
        return self.client.url if self.client else None

    def start(self) -> bool:
        """Start our own server now if it is still to start (once; other threads asking
        meanwhile wait for it); whether a server is there to ask. A failed start is final:
        `reason` says why."""
        if self._pending:
            with self._lock:
                if self._pending:
                    try:
                        self._start_own()
                    except LanguageToolError as error:
                        self.client, self.reason = None, str(error)
                    finally:
                        self._pending = False
        return self.client is not None

    def check(self, form: Mapping[str, str]) -> dict[str, Any]:
        """POST /v2/check; when the server stops answering, recover and ask again."""
        while True:
            client, generation = self._current()
            try:
                return client.check(form)
            except ServerUnavailable as error:
                self._recover(generation, error)  # raises once recovery is impossible or used up

    def languages(self) -> frozenset[str]:
        """Language codes the server knows (`en`, `en-US`, `de`, ...), asked once: threads
        that want them meanwhile wait for that answer (a lock of its own, so that checks
        already under way are not held up)."""
        with self._languages_lock:
            if self._languages is None:
                client, _ = self._current()
                found = client.languages()
                self._languages = frozenset(
                    code for entry in found for code in (entry.get("code"), entry.get("longCode")) if code
                )
            return self._languages

    def cancel(self) -> None:
        """The command is ending: a start under way gives up, and no other begins."""
        self._cancelled.set()

    def close(self) -> None:
        """Stop the server this session started, if any (idempotent)."""
        self.cancel()
        with self._lock:
            if self._pending:
                self._pending, self.reason = False, "not started: the command is ending"
            own, self._own = self._own, None
        if own is not None:
            own.stop()

    # --- finding a server -------------------------------------------------------------

    def connect(self, url: str | None) -> None:
        """Find a server, or get ready to start one at the first request; on failure leave
        `reason` set and `available` False. Nothing here starts Java, except for an
        installation whose version only its running server can tell.

        A malformed `url` raises: the user typed it, so it is a usage error to fix, not a
        reason to carry on without LanguageTool."""
        client = Client(url, self.timeout) if url else None
        state.reap_orphans(self.home)
        try:
            if client is not None:
                self._use(client, "url")
                return
            background = state.running_background(self.home)
            if background is not None:
                client = Client(background.url, self.timeout)
                if client.healthy():
                    self._use(client, "background", background.version)
                    return
            installation = find_installation(self.home)
            if installation is None:
                raise LanguageToolError(NOT_INSTALLED)
            find_java()
            self.origin, self.version, self._pending = "own", installation.version, True
            if self.version is None:
                self.start()
        except LanguageToolError as error:
            self.client, self.reason = None, str(error)

    def _use(self, client: Client, origin: str, version: str | None = None) -> None:
        if version is None:
            answer = client.check(PROBE)
            version = str(answer.get("software", {}).get("version", "unknown"))
        self.client, self.version, self.origin, self.reason = client, version, origin, None

    def _start_own(self) -> None:
        """Start a server for this session; the caller holds the lock."""
        installation = find_installation(self.home)
        if installation is None:
            raise LanguageToolError(NOT_INSTALLED)
        server = start_server(installation, self.home.run, timeout=self.start_timeout, cancelled=self._cancelled)
        self._own = server
        self.client = Client(server.url, self.timeout)
        self.version, self.origin = server.version, "own"
        self._generation += 1

    # --- keeping it answering -----------------------------------------------------------

    def _current(self) -> tuple[Client, int]:
        self.start()
        with self._lock:
            client, generation = self.client, self._generation
        if client is None:
            raise LanguageToolError(self.reason or "LanguageTool is not available")
        return client, generation

    def _recover(self, generation: int, error: ServerUnavailable) -> None:
        """Restart our server, or start one in place of a background server that stopped
        answering. Giving up is final for the session: later requests fail at once
        instead of each waiting out a timeout."""
        with self._lock:
            if generation != self._generation:
                return  # another thread has recovered already
            if self.origin == "url":
                self._give_up(f"{error}; it is not ours to restart")
            if self._restarts >= MAX_RESTARTS:
                self._give_up(f"{error}; gave up after {self._restarts} restarts")
            self._restarts += 1
            own, self._own = self._own, None
            if own is not None:  # hung or dead: make sure it is gone before starting another
                own.stop()
            try:
                self._start_own()
            except LanguageToolError as failed:
                self._give_up(f"{error}; starting another failed: {failed}")

    def _give_up(self, reason: str) -> None:
        self.client, self.reason, self.lost = None, reason, True
        self._generation += 1
        raise LanguageToolError(reason)


@contextmanager
def languagetool_session(
    url: str | None = None,
    *,
    require: bool = False,
    home: Home,
    timeout: float = REQUEST_TIMEOUT,
    start_timeout: float = START_TIMEOUT,
) -> Iterator[LanguageToolSession]:
    """A LanguageTool server for the length of a command.

    Yields a session that is `available`, or (when LanguageTool cannot run and `require`
    is false) one whose `reason` is a one-line explanation for stderr. With `require`,
    that reason is raised as a LanguageToolError (exit 2) instead.
    """
    session = LanguageToolSession(home, timeout=timeout, start_timeout=start_timeout)
    atexit.register(session.close)  # a backstop: `finally` below is the usual way out
    try:
        with _stop_on_termination(session):
            session.connect(url)
            if not session.available and require:
                raise LanguageToolError(session.reason or "LanguageTool is not available")
            yield session
    finally:
        session.close()
        atexit.unregister(session.close)


@contextmanager
def _stop_on_termination(session: LanguageToolSession) -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into SystemExit (SIGINT into KeyboardInterrupt) while the
    session is open, so that `finally` stops our server; a start under way in another
    thread is cancelled first, so that nothing waits for it. Signals can only be handled
    in the main thread (the TUI's workers rely on the app closing its resources instead,
    and on the next command to reap what a killed app left)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def leave(signum: int, frame: FrameType | None) -> None:
        session.cancel()
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, leave) for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
