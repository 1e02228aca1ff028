"""Argument types the subcommands share, so every option says the same thing when misused."""

from __future__ import annotations

import argparse


def positive_int(value: str) -> int:
    """A whole number of 1 or more (`--jobs`, `--limit`, ...)."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return int(value)


def database_option(parser: argparse.ArgumentParser, purpose: str = "review database") -> None:
    """`--db`, said the same way by every command that reads or writes the review record."""
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=f"{purpose}: a file, or postgresql://USER@HOST/DBNAME (default: $REVIEWER_DB or .reviewer/reviews.db)",
    )
