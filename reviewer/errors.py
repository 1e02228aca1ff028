"""One tree of user-facing errors, printed once, as one line, at the CLI or TUI edge."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """What `reviewer` tells a shell or CI pipeline; documented in the README."""

    OK = 0
    GATE_FAILED = 1
    USAGE = 2
    INTERNAL = 3  # a bug in reviewer, never the input's fault: kept apart from a failed gate
    INCOMPLETE = 4  # every input read and every gate passed, but some article was not fully checked


class ReviewerError(Exception):
    """An error the user can act on; `str()` is the whole message, naming file and line."""

    exit_code: ExitCode = ExitCode.USAGE


class InputError(ReviewerError):
    """An input file is missing, unreadable or malformed."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class RuleError(ReviewerError):
    """A rule pack, or one rule in it, is broken."""

    def __init__(self, path: str, problem: str, line: int | None = None, rule_id: str | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        self.rule_id = rule_id
        where = f"{path}:{line}" if line is not None else path
        rule = f" [{rule_id}]" if rule_id else ""
        super().__init__(f"{where}:{rule} {problem}")


class ConfigError(ReviewerError):
    """A setting or command-line option cannot be used as given."""


class OutputError(ReviewerError):
    """The output cannot be written where it goes (a full disk, an I/O error): the run's
    result never reached its reader, so it is an error (exit 2), not a bug."""
