"""Glossaries a translation must follow: CSV (`source,target`) or TBX.

CSV: one `source,target` pair a row (UTF-8; a header row `source,target` and rows starting
with `#` are skipped). A source term on several rows has several acceptable renderings:
any one satisfies the glossary, and the consistency check asks that an article (and a
batch) stick to one. TBX (2.0 `termEntry`/`langSet`/`tig`, or 3.0
`conceptEntry`/`langSec`/`termSec`): the terms of each entry by language; the article's
language pair picks which are source and which are target.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from reviewer.errors import InputError
from reviewer.language import primary
from reviewer.loaders.reading import decode, local_name, parse_xml, read_bytes

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Concept:
    """One glossary entry: its terms by language (None: the CSV's unnamed pair), and the
    line it starts on."""

    terms: dict[str | None, tuple[str, ...]]
    line: int

    def sides(self, source_lang: str | None, target_lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(source terms, acceptable target terms) for an article in this language pair."""
        if None in self.terms:  # CSV: the pair is whatever the article's is
            return self.terms[None], self.terms.get("", ())
        target = self.terms.get(primary(target_lang), ())
        if source_lang is not None:
            return self.terms.get(primary(source_lang), ()), target
        others = tuple(term for lang, terms in self.terms.items() if lang != primary(target_lang) for term in terms)
        return others, target


@dataclass(frozen=True)
class Glossary:
    path: str
    concepts: tuple[Concept, ...]
    sha256: str


def read_glossary(path: str) -> Glossary:
    """A glossary file; raises InputError naming the file (and line) when it cannot be used."""
    data = read_bytes(path)
    text = decode(path, data)
    suffix = Path(path).suffix.lower()
    concepts = _tbx(path, text) if suffix in (".tbx", ".xml") else _csv(path, text)
    if not concepts:
        raise InputError(path, "no glossary entries (expected source,target rows or TBX term entries)")
    return Glossary(path, tuple(concepts), hashlib.sha256(data).hexdigest())


def _csv(path: str, text: str) -> list[Concept]:
    by_source: dict[str, tuple[list[str], int]] = {}
    delimiter = "\t" if Path(path).suffix.lower() == ".tsv" else ","
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) != 2 or not all(cells):
            raise InputError(path, f"expected two columns, source and target, got {len(cells)}: {row!r}", number)
        if number == 1 and [c.lower() for c in cells] == ["source", "target"]:
            continue
        targets, _ = by_source.setdefault(cells[0], ([], number))
        if cells[1] not in targets:
            targets.append(cells[1])
    return [Concept({None: (source,), "": tuple(targets)}, line) for source, (targets, line) in by_source.items()]


def _tbx(path: str, text: str) -> list[Concept]:
    root = parse_xml(path, text)
    concepts = []
    for entry in root.iter():
        if local_name(entry) not in ("termEntry", "conceptEntry"):
            continue
        terms: dict[str | None, tuple[str, ...]] = {}
        for lang_set in entry:
            if local_name(lang_set) not in ("langSet", "langSec"):
                continue
            lang = lang_set.get(XML_LANG) or lang_set.get("lang")
            if not lang:
                raise InputError(path, f"a {local_name(lang_set)} without xml:lang in entry {entry.get('id', '?')}")
            found = [t.text.strip() for t in lang_set.iter() if local_name(t) == "term" and t.text and t.text.strip()]
            terms[primary(lang)] = tuple(dict.fromkeys([*terms.get(primary(lang), ()), *found]))
        if len(terms) >= 2:
            concepts.append(Concept(terms, 0))
    return concepts
