"""The `reviewer` command: one subcommand per module, errors printed once, here."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from reviewer import __version__
from reviewer.errors import ExitCode, ReviewerError
from reviewer.output import guarded_stdout
from reviewer.terminal import printable

# Each module registers one subcommand; listed here so the command set is visible at a glance.
SUBCOMMANDS = ("check", "rules", "score", "export", "import", "review", "languagetool", "fix")
_MODULES = {"import": "imports"}  # a subcommand whose name is a Python keyword


class Parser(argparse.ArgumentParser):
    """Every reviewer command and subcommand keeps its examples (epilog) laid out as written."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


def tell(kind: str, message: object) -> None:
    """One line on stderr, `reviewer: KIND: MESSAGE`. The message is made printable: it
    names files and quotes articles, and a newline in a file name must not start a line
    of its own (say, a forged `reviewer: gate failed: ...`)."""
    print(f"reviewer: {kind}: {printable(str(message))}", file=sys.stderr)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every subcommand's parser, or with `only` that one's: each module imports what its
    command needs, and `reviewer review` should not wait for the batch reports' imports."""
    parser = Parser(
        prog="reviewer",
        description="Review machine-translated news: flag, post-edit, score, report.",
    )
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in SUBCOMMANDS if only is None else (only,):
        module = importlib.import_module(f"reviewer.cli.{_MODULES.get(name, name)}")
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv and argv[0] in SUBCOMMANDS else None)
    args = parser.parse_args(argv)
    try:
        with guarded_stdout():
            return int(args.run(args))
    except ReviewerError as error:
        tell("error", error)
        return int(error.exit_code)
    except KeyboardInterrupt:
        print("reviewer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return int(ExitCode.OK)
    except Exception as error:  # the one place a bug meets the user: one line, its own exit code
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        tell(
            "internal error",
            f"{type(error).__name__}: {error} "
            "(a bug in reviewer; run again with REVIEWER_DEBUG=1 for the traceback and report it)",
        )
        return int(ExitCode.INTERNAL)
