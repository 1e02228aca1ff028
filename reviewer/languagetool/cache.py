"""LanguageTool's answers remembered per piece of text, in memory and in the one cache.

A key covers everything that changes the answer: the piece's text, the LanguageTool
version, and the request's parameters (language, mother tongue, disabled rules and
categories). Accepted words and the MQM mapping are applied after the cache, so changing
them needs no new request. What the shared cache hands back is checked to be records of
the shape `split_matches` makes, with spans inside their piece; anything else is a miss,
asked of the server again (see `reviewer.cache` for how a failing file is dealt with).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Mapping
from typing import Any

from reviewer.cache import Cache
from reviewer.languagetool.matches import Record

Matches = list[Record]
NAMESPACE = "languagetool"
_TEXT_FIELDS = ("rule", "category", "type", "message")
_FIELDS = frozenset({*_TEXT_FIELDS, "start", "end", "suggestions"})


def cache_key(text: str, version: str, params: Mapping[str, str]) -> str:
    blob = json.dumps([text, version, sorted(params.items())], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class MatchCache:
    """Key -> matches of one piece (code-point offsets within the piece). Thread-safe.

    Without a `cache` it remembers for this process only."""

    def __init__(self, cache: Cache | None = None) -> None:
        self.cache = cache or Cache(None)
        self._memory: dict[str, Matches] = {}
        self._lock = threading.Lock()

    @property
    def warning(self) -> str | None:
        return self.cache.warning

    def get_many(self, lengths: Mapping[str, int]) -> dict[str, Matches]:
        """The matches known for each key; `lengths` maps a key to its piece's length, so
        that an entry whose spans do not fit its piece is a miss."""
        with self._lock:
            found = {key: self._memory[key] for key in lengths if key in self._memory}
        missing = [key for key in lengths if key not in found]
        stored = self.cache.get_many(NAMESPACE, missing, lambda key, data: records_from_json(data, lengths[key]))
        with self._lock:
            self._memory.update(stored)
        return {**found, **stored}

    def put_many(self, entries: Mapping[str, Matches]) -> None:
        with self._lock:
            self._memory.update(entries)
        self.cache.put_many(NAMESPACE, entries)

    def close(self) -> None:
        self.cache.close()


def records_from_json(data: Any, length: int) -> Matches:
    """The records of a piece of `length` code points; ValueError for anything else."""
    if not isinstance(data, list):
        raise ValueError("not a list of matches")
    for record in data:
        if not isinstance(record, dict) or record.keys() != _FIELDS:
            raise ValueError("a match without the fields of one")
        if not all(isinstance(record[name], str) for name in _TEXT_FIELDS):
            raise ValueError("a match with a text field that is not text")
        start, end, suggestions = record["start"], record["end"], record["suggestions"]
        if type(start) is not int or type(end) is not int or not 0 <= start <= end <= length:
            raise ValueError(f"a match at {start!r}-{end!r} in a piece of {length} characters")
        if not isinstance(suggestions, list) or not all(isinstance(s, str) for s in suggestions):
            raise ValueError("a match whose suggestions are not a list of text")
    return data
