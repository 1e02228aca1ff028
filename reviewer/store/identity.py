"""How the store recognises an article it has seen before, whatever path it was given by.

An article is the same review when its file's real path (symlinks and `./` resolved,
made absolute), its id in the file, its MT system and its text (content hash) are the
same. The path as the reviewer typed it is kept for showing and exporting only.

Databases from before the real path was recorded (schema 1) hold only the typed path;
`resolve_recorded` works out which file it meant, trying it from the working directory
and from the project the database belongs to.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.model import Article
from reviewer.store.location import ServerUrl

if TYPE_CHECKING:
    from reviewer.store.database import Database

DEFAULT_DIR = ".reviewer"  # the default database lives in PROJECT/.reviewer/


def content_hash(article: Article) -> str:
    """Identifies the text a review applies to: a changed file is a new review."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def real_path(path: str) -> str:
    """The file `path` names, absolute, with symlinks, `.` and `..` resolved."""
    return os.path.realpath(path)


def recorded_roots(db_path: Path | ServerUrl) -> list[Path]:
    """Where a relative path recorded in the database may have been typed: the working
    directory, and the project directory of a database at its default place."""
    roots = [Path.cwd()]
    if isinstance(db_path, ServerUrl):
        return roots
    absolute = db_path.absolute()
    if absolute.parent.name == DEFAULT_DIR:
        roots.append(absolute.parent.parent)
    return roots


def resolve_recorded(path: str, roots: list[Path]) -> str | None:
    """The real path of a typed path recorded without one, if an existing file answers
    to it (tried from each root in turn); None when it cannot be worked out."""
    candidates = [Path(path)] if os.path.isabs(path) else [root / path for root in roots]
    for candidate in candidates:
        if candidate.is_file():
            return real_path(str(candidate))
    return None


def backfill_real_paths(connection: Database) -> None:
    """Migration step: give each article recorded without a real path the one its typed
    path resolves to. When two rows resolve to one identity (the same file reviewed
    under two typed paths), the older row keeps it and the other stays unresolved: it
    is still exported, and no review is merged or lost."""
    roots = recorded_roots(connection.location)
    taken = {
        tuple(row)
        for row in connection.execute(
            "SELECT real_path, article_id, coalesce(system, ''), content_hash FROM articles WHERE real_path IS NOT NULL"
        )
    }
    rows = connection.execute(
        "SELECT id, path, article_id, coalesce(system, ''), content_hash FROM articles WHERE real_path IS NULL ORDER BY id"
    ).fetchall()
    for key, path, article_id, system, digest in rows:
        resolved = resolve_recorded(path, roots)
        if resolved is None or (resolved, article_id, system, digest) in taken:
            continue
        taken.add((resolved, article_id, system, digest))
        connection.execute("UPDATE articles SET real_path = ? WHERE id = ?", (resolved, key))


def find_article(connection: Database, article: Article, digest: str) -> int | None:
    """The store's key of this article's review, if there is one; a row recorded without a
    real path whose typed path resolves to this file is claimed for it on the way."""
    resolved = real_path(article.path)
    row = connection.execute(
        "SELECT id FROM articles WHERE real_path = ? AND article_id = ? AND system IS NOT DISTINCT FROM ? AND content_hash = ?",
        (resolved, article.id, article.system, digest),
    ).fetchone()
    if row is not None:
        return int(row[0])
    roots = recorded_roots(connection.location)
    for key, path in connection.execute(
        """SELECT id, path FROM articles
           WHERE real_path IS NULL AND article_id = ? AND system IS NOT DISTINCT FROM ? AND content_hash = ? ORDER BY id""",
        (article.id, article.system, digest),
    ).fetchall():
        if resolve_recorded(path, roots) == resolved:
            connection.execute("UPDATE articles SET real_path = ? WHERE id = ?", (resolved, key))
            return int(key)
    return None
