"""Looking into a review database on either backend, to check what was really stored."""

from __future__ import annotations

from pathlib import Path

from reviewer.store.backends import open_database
from reviewer.store.location import parse_location


def stored_rows(db: Path | str, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of a query (SQL as the store writes it) on the database `db` names."""
    connection = open_database(parse_location(db), readonly=True)
    try:
        return [tuple(row) for row in connection.execute(sql, params).fetchall()]
    finally:
        connection.close()


def schema_version_of(db: Path | str) -> int:
    connection = open_database(parse_location(db), readonly=True)
    try:
        return connection.schema_version()
    finally:
        connection.close()
