"""Argument types the subcommands share, so every option says the same thing when misused."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from reviewer.checkers.rules import default_rule_dirs
from reviewer.config import RunConfig, db_path
from reviewer.store import ServerUrl


def positive_int(value: str) -> int:
    """A whole number of 1 or more (`--jobs`, `--limit`, ...)."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return int(value)


def run_config(args: argparse.Namespace, **options: Any) -> RunConfig:
    """The run configuration of `check` or `review`: the checking options both share
    (`--lang`, `--system`, `--rules`, `--no-languagetool`, `--languagetool-level`) and
    `options` of the command's own, with the environment and the working directory's
    reviewer.yaml; the one place a command reads them."""
    return RunConfig.build(
        os.environ,
        Path.cwd(),
        lang=args.lang,
        system=args.system,
        rule_paths=args.rules or default_rule_dirs(),
        languagetool_level=args.languagetool_level,
        languagetool_off="--no-languagetool" if args.no_languagetool else None,
        **options,
    )


def database(args: argparse.Namespace) -> Path | ServerUrl:
    """The review database `--db` names, else `$REVIEWER_DB`, else the working directory's."""
    return db_path(args.db, os.environ, Path.cwd())


def rules_option(parser: argparse.ArgumentParser) -> None:
    """`--rules`, said the same way by every command that loads rule packs."""
    parser.add_argument(
        "--rules",
        action="append",
        metavar="PATH",
        help="rule pack file or directory (repeatable; default: ./rules, else the packs shipped with reviewer)",
    )


def database_option(parser: argparse.ArgumentParser, purpose: str = "review database", *, default: bool = True) -> None:
    """`--db`, said the same way by every command that reads or writes the review record;
    `default` False for a command that uses a database only when one is given."""
    fallback = "default: $REVIEWER_DB or .reviewer/reviews.db" if default else "only when given"
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=f"{purpose}: a file, or postgresql://USER@HOST/DBNAME ({fallback})",
    )
