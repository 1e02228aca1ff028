"""What rule mining reads: MT output and human text for the same sources, segment by segment.

A `Unit` is one source segment: its source (when known), each system's MT of it, and the
human versions (references or post-edits). Readers:

- our own formats through the loaders (JSONL bundles, WMT XML with every system, XLIFF):
  MT from the segments, human text from their references;
- the JSONL of the public WMT release as shared for study: a record per article unit with
  `src`, `ref`, `ref_alt` and `mt` (one list, with `system`, or a map system -> lines);
- plain line files (one segment a line, as WMT's `txt/` release): MT files, and human
  files given with `--human`, aligned line by line when their line counts agree;
- the review store: each reviewed segment's MT and its latest post-edit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.errors import InputError
from reviewer.loaders import load_paths
from reviewer.loaders.reading import read_text

LOADER_SUFFIXES = (".xml", ".xlf", ".xliff")


@dataclass
class Unit:
    source: str | None = None
    mt: list[tuple[str, str]] = field(default_factory=list)
    """(system, text) for each MT of the segment."""
    human: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    units: list[Unit] = field(default_factory=list)

    @property
    def mt_segments(self) -> int:
        return sum(len(unit.mt) for unit in self.units)

    @property
    def human_segments(self) -> int:
        return sum(len(unit.human) for unit in self.units)


def read_corpus(mt_paths: Sequence[str], human_paths: Sequence[str] = ()) -> Corpus:
    """MT (and human text found with it) from `mt_paths`; line files in `human_paths` are
    aligned with line-file MT of the same length, else kept as unaligned human text."""
    corpus = Corpus()
    line_mt: list[tuple[str, list[str]]] = []
    for path in mt_paths:
        if Path(path).suffix == ".jsonl":
            corpus.units += _jsonl(path)
        elif Path(path).suffix in LOADER_SUFFIXES:
            corpus.units += _loaded(path)
        else:
            line_mt.append((Path(path).stem, _lines(path)))
    human = [_lines(path) for path in human_paths]
    lengths = {len(lines) for _, lines in line_mt} | {len(lines) for lines in human}
    if line_mt and len(lengths) == 1:
        for index in range(lengths.pop()):
            corpus.units.append(
                Unit(mt=[(system, lines[index]) for system, lines in line_mt], human=[lines[index] for lines in human])
            )
        return corpus
    corpus.units += [Unit(mt=[(system, line)]) for system, lines in line_mt for line in lines]
    corpus.units += [Unit(human=[line]) for lines in human for line in lines]
    return corpus


def post_edits(db: str) -> list[Unit]:
    """Each post-edited segment of the review store: its MT and its latest post-edit. A
    segment only decided on or annotated is left out: its MT is not human text."""
    from reviewer.store import ReviewStore

    with ReviewStore.open(db, readonly=True) as store:
        return [
            Unit(source=seg.source, mt=[("review", seg.mt)], human=[seg.latest.after])
            for seg in store.reviewed_segments()
            if seg.latest is not None
        ]


def _lines(path: str) -> list[str]:
    return [line.strip() for line in read_text(path).splitlines() if line.strip()]


def _loaded(path: str) -> list[Unit]:
    loaded = load_paths([path])
    if loaded.failures:
        raise loaded.failures[0]
    return [
        Unit(
            source=segment.source,
            mt=[(article.system or article.id, segment.text)],
            human=[segment.reference] if segment.reference else [],
        )
        for article in loaded.articles
        for segment in article.segments
    ]


def _jsonl(path: str) -> list[Unit]:
    records = []
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise InputError(path, f"not JSON ({error.msg})", number) from None
    if records and all(isinstance(r, dict) and "segments" in r for r in records):
        return _loaded(path)
    units: list[Unit] = []
    for number, record in enumerate(records, 1):
        units += _release_record(path, number, record)
    return units


def _release_record(path: str, number: int, record: Any) -> list[Unit]:
    """A record of the WMT release as shared for study: `src`, `ref`/`ref_alt`, and `mt` as
    one system's lines (with `system`) or a map from system to lines."""
    if not isinstance(record, dict) or not isinstance(record.get("mt"), (list, dict)):
        raise InputError(path, "expected a bundle (segments) or a WMT record with src, ref and mt", number)
    mt = record["mt"] if isinstance(record["mt"], dict) else {str(record.get("system", "mt")): record["mt"]}
    humans = [record[key] for key in ("ref", "ref_alt") if isinstance(record.get(key), list)]
    source = record.get("src") if isinstance(record.get("src"), list) else None
    size = len(next(iter(mt.values()), []))
    if any(
        not isinstance(lines, list) or len(lines) != size
        for lines in [*mt.values(), *humans, *([source] if source else [])]
    ):
        raise InputError(path, "src, ref and every system's mt must be lists of the same length", number)
    return [
        Unit(
            source=source[i] if source else None,
            mt=[(system, lines[i]) for system, lines in mt.items() if isinstance(lines[i], str)],
            human=[lines[i] for lines in humans if isinstance(lines[i], str)],
        )
        for i in range(size)
    ]
