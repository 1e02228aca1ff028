"""A small HTTP client for LanguageTool's `/v2` API, with a timeout on every request.

Why not language-tool-python's `LanguageTool(remote_server=...)`: it is as fast
(bench/languagetool_bench.py measures both against bare http.client on the same server:
all three within a few percent, the server's time dominates), but it cannot bound a wait
without touching a private attribute: its request timeout is a 300 s class constant and a
failed request is tried twice, so a hung server holds a command for ten minutes. Its
`Match` also converts a match's offset from UTF-16 units to code points but not its
length, through class-level state that threads share (`check` runs articles in parallel
threads, the TUI in workers). A hundred lines of http.client give bounded waits and exact
code-point spans.

Each request opens its own connection: on a reused (keep-alive) connection every answer
came ~40 ms late (measured: 48 ms against 2-6 ms for a short sentence), the pattern of
Nagle's algorithm meeting a delayed ACK; a loopback connect costs far less.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import urllib.parse
from collections.abc import Mapping
from typing import Any

from reviewer.languagetool.errors import LanguageToolError, ServerUnavailable

REQUEST_TIMEOUT = 60.0
"""Seconds without an answer before a server counts as hung. A warm server checks a
20,000-character chunk in about a second; a new language's rules take a few to load."""

_UNSENDABLE = re.compile(r"[\x00-\x20\x7f]")
"""Characters http.client refuses in a host or path (it raises ValueError mid-request)."""


class Client:
    """Talks to one LanguageTool server, e.g. `http://127.0.0.1:8081` (a `/v2` suffix is optional)."""

    def __init__(self, url: str, timeout: float = REQUEST_TIMEOUT) -> None:
        """A malformed `url` (a port out of range, a broken IPv6 address, a space) raises here,
        as a LanguageToolError, rather than as a ValueError from deep inside a request."""
        bad = LanguageToolError(f"{url}: not a LanguageTool server URL (expected http://HOST:PORT)")
        if _UNSENDABLE.search(url):
            raise bad
        try:
            parsed = urllib.parse.urlsplit(url if "://" in url else f"http://{url}")
            port = parsed.port
        except ValueError:
            raise bad from None
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise bad
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._https = parsed.scheme == "https"
        self._host = parsed.hostname
        self._port = port
        path = parsed.path.rstrip("/")
        self._prefix = path if path.endswith("/v2") else f"{path}/v2"

    def check(self, form: Mapping[str, str]) -> dict[str, Any]:
        """POST /v2/check; the parsed answer, whose offsets are UTF-16 code units."""
        body = urllib.parse.urlencode(form).encode("utf-8")
        answer = self._request("POST", "/check", body)
        if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
            raise LanguageToolError(f"{self.url}: answered /v2/check without a list of matches")
        return answer

    def languages(self) -> list[dict[str, str]]:
        answer = self._request("GET", "/languages")
        if not isinstance(answer, list):
            raise LanguageToolError(f"{self.url}: answered /v2/languages with something other than a list")
        return answer

    def healthy(self) -> bool:
        """Whether /v2/healthcheck answers OK right now (a server still starting does not)."""
        try:
            self._request("GET", "/healthcheck", parse=False)
        except LanguageToolError:
            return False
        return True

    def _request(self, method: str, path: str, body: bytes | None = None, parse: bool = True) -> Any:
        connection_class = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        connection = connection_class(self._host, self._port, timeout=self.timeout)
        headers = {"Accept": "application/json", "Connection": "close"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        try:
            connection.request(method, self._prefix + path, body, headers)
            response = connection.getresponse()
            payload = response.read()
        except (TimeoutError, OSError) as error:  # hanging up without a word is one of these
            raise ServerUnavailable(f"LanguageTool at {self.url} did not answer {path}: {_describe(error)}") from None
        except http.client.HTTPException as error:
            raise ServerUnavailable(
                f"{self.url} answered {path} with something other than HTTP ({_describe(error)})"
            ) from None
        finally:
            connection.close()
        if response.status != 200:
            reason = _printable(payload.decode("utf-8", "replace").strip().splitlines()[:1])
            raise LanguageToolError(f"LanguageTool at {self.url} refused {path} (HTTP {response.status}): {reason}")
        if not parse:
            return None
        try:
            return json.loads(payload)
        except ValueError:
            raise LanguageToolError(
                f"LanguageTool at {self.url} answered {path} with something other than JSON"
            ) from None


def _printable(lines: list[str], limit: int = 200) -> str:
    """A server's words as one line, control characters escaped: they go to a terminal."""
    text = " ".join(lines)[:limit]
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _describe(error: BaseException) -> str:
    """What went wrong, as one line: a reply that is not HTTP is quoted (escaped, cut
    short), never passed on as it came, with its line breaks and control characters."""
    if isinstance(error, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(error, http.client.BadStatusLine) and not isinstance(error, ConnectionError):
        line = str(error.args[0] if error.args else "").strip()
        return f"{line[:60]!r}{'...' if len(line) > 60 else ''}"
    return " ".join(str(error).split()) or type(error).__name__
