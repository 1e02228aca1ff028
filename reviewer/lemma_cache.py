"""Lemmas kept between runs in reviewer's cache, so the rule packs' source terms compile
in milliseconds instead of loading simplemma's dictionaries (about a second a language)
before the first article can be flagged. A cache only saves time: a miss or an
unreadable entry means the lemmas are looked up again."""

from __future__ import annotations

from contextlib import closing
from importlib.metadata import PackageNotFoundError, version

from reviewer.config import CacheConfig
from reviewer.registry import open_cache
from reviewer.rules import lemmas

NAMESPACE = "lemmas"
MAX_ENTRIES = 100_000
"""Beyond this many words (the packs hold a few thousand) the table is not saved again."""


def table_key() -> str:
    """Lemmas are simplemma's answers: a new simplemma starts a new table."""
    try:
        return f"simplemma {version('simplemma')}"
    except PackageNotFoundError:
        return "simplemma unknown"


def _table(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError("not a table of lemmas")
    return value


def recall(config: CacheConfig) -> int:
    """Teach the lemma lookup what earlier runs learnt; how many lemmas that was."""
    with closing(open_cache(config)) as cache:
        table = cache.get_many(NAMESPACE, [table_key()], lambda _key, value: _table(value)).get(table_key(), {})
    lemmas.teach(table)
    return len(table)


def remember(config: CacheConfig, known: int) -> None:
    """Save the lemmas known now, when there are new ones since `recall` said `known`."""
    table = lemmas.learnt()
    if len(table) == known or len(table) > MAX_ENTRIES:
        return
    with closing(open_cache(config)) as cache:
        cache.put_many(NAMESPACE, {table_key(): table})
