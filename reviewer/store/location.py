"""What `--db` and `$REVIEWER_DB` name: a SQLite file, or a PostgreSQL server's database.

`parse_location` is the one place that tells them apart, so that whatever reads the
setting (the option, the environment, a configuration file) hands the store the same
thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class ServerUrl:
    """A PostgreSQL database, as a libpq connection URL
    (`postgresql://user@host:port/dbname?option=value`). It prints without its password,
    so that messages naming the database never show one."""

    url: str

    def __str__(self) -> str:
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return urlunsplit(parts._replace(netloc=netloc))


def parse_location(value: str | Path | ServerUrl) -> Path | ServerUrl:
    """A `postgresql://` (or `postgres://`) URL is a server; anything else is a file path."""
    if isinstance(value, ServerUrl):
        return value
    if isinstance(value, str) and value.split("://", 1)[0].lower() in SCHEMES and "://" in value:
        return ServerUrl(value)
    return Path(value)
