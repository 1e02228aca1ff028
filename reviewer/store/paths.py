"""Where the review database lives: one per working directory unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

from reviewer.store.location import ServerUrl, parse_location

ENV_VAR = "REVIEWER_DB"
DEFAULT_RELATIVE = Path(".reviewer") / "reviews.db"


def default_db_path() -> Path | ServerUrl:
    """`$REVIEWER_DB` when set (a path or a `postgresql://` URL), else
    `.reviewer/reviews.db` under the working directory."""
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return parse_location(from_env)
    return Path.cwd() / DEFAULT_RELATIVE


def resolve_db_path(given: str | Path | ServerUrl | None) -> Path | ServerUrl:
    """A `--db PATH` (or URL) option wins over the environment and the default."""
    if isinstance(given, ServerUrl):
        return given
    return parse_location(given) if given else default_db_path()
