"""JSONL bundles: one article per line, segments with MT and optional source/reference.

    {"id": "a1", "source_lang": "de", "target_lang": "en",
     "segments": [{"source": "...", "mt": "...", "reference": "..."}]}

A bad line is reported with its line number and the other lines still load, so one
broken record does not hide the rest of a batch. Past a handful of bad lines the file is
most likely in another shape altogether, and the rest are counted rather than listed.
"""

from __future__ import annotations

import os
from typing import Any

from reviewer.errors import InputError
from reviewer.language import LanguageError
from reviewer.loaders.base import LoadOptions, LoadResult, Unit, article_from_units, source_lang_of, target_lang
from reviewer.loaders.reading import JSONProblem, parse_json

MAX_LISTED_BAD_LINES = 10


class _BadRecord(ValueError):
    """What is wrong with one line; turned into an InputError carrying the line number."""


def _optional_str(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise _BadRecord(f"{where}'{key}' must be a string, got {type(value).__name__}")
    return value


def _units(record: dict[str, Any]) -> list[Unit]:
    if "segments" not in record:
        raise _BadRecord(f"no 'segments' list (keys on this line: {', '.join(map(str, record)) or 'none'})")
    segments = record["segments"]
    if not isinstance(segments, list) or not segments:
        raise _BadRecord("'segments' must be a non-empty list of objects")
    units = []
    for number, segment in enumerate(segments, 1):
        where = f"segment {number}: "
        if not isinstance(segment, dict):
            raise _BadRecord(f"{where}expected an object, got {type(segment).__name__}")
        if not isinstance(segment.get("mt"), str):
            raise _BadRecord(f"{where}'mt' is missing or not a string")
        units.append(
            Unit(
                mt=segment["mt"],
                source=_optional_str(segment, "source", where),
                reference=_optional_str(segment, "reference", where),
            )
        )
    return units


def _article_id(record: dict[str, Any], default: str) -> str:
    value = record.get("id", default)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        raise _BadRecord("'id' must be a non-empty string")
    return str(value)


def load(path: str, text: str, options: LoadOptions) -> LoadResult:
    """Every well-formed line as an article; every bad line as an InputError."""
    result = LoadResult()
    stem = os.path.splitext(os.path.basename(path))[0]
    first_seen: dict[str, int] = {}
    bad_lines = 0
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            try:
                record = parse_json(line)
            except JSONProblem as error:
                where = f" (column {error.column})" if error.column is not None else ""
                raise _BadRecord(f"{error.problem}{where}") from None
            if not isinstance(record, dict):
                raise _BadRecord(f"expected a JSON object, got {type(record).__name__}")
            article_id = _article_id(record, f"{stem}-{number}")
            if article_id in first_seen:
                raise _BadRecord(f"duplicate id {article_id!r} (first used on line {first_seen[article_id]})")
            units = _units(record)
            try:
                lang = target_lang(options, _optional_str(record, "target_lang", ""))
                source_lang = source_lang_of(_optional_str(record, "source_lang", ""))
            except LanguageError as error:
                raise _BadRecord(str(error)) from None
        except _BadRecord as problem:
            bad_lines += 1
            if bad_lines <= MAX_LISTED_BAD_LINES:
                result.failures.append(InputError(path, str(problem), number))
            continue
        first_seen[article_id] = number
        result.articles.append(article_from_units(path, article_id, units, lang, source_lang))
    if bad_lines > MAX_LISTED_BAD_LINES:
        unlisted = bad_lines - MAX_LISTED_BAD_LINES
        result.failures.append(InputError(path, f"{unlisted} more malformed lines not listed ({bad_lines} in all)"))
    return result
