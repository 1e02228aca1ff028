"""Where the review database lives: one per working directory unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "REVIEWER_DB"
DEFAULT_RELATIVE = Path(".reviewer") / "reviews.db"


def default_db_path() -> Path:
    """`$REVIEWER_DB` when set, else `.reviewer/reviews.db` under the working directory."""
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    return Path.cwd() / DEFAULT_RELATIVE


def resolve_db_path(given: str | Path | None) -> Path:
    """A `--db PATH` option wins over the environment and the default."""
    return Path(given) if given else default_db_path()
