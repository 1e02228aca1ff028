"""XLIFF 1.2 and 2.0, what CAT tools exchange: one article per <file>.

Segments are the translated units (1.2 `<trans-unit>`, 2.0 `<segment>`) that have a
target; untranslated units have nothing to review, and neither have units marked
`translate="no"`, on themselves or inherited from a `<group>` or (2.0) `<file>`.

Inline markup is flattened to the text a reader sees. Text wrapped in `<g>`, `<mrk>`,
`<pc>` is kept. A standalone placeholder (`<x/>`, `<ph>`: a line break, an image) between
two word characters becomes one space, or `2,5<x/>percent` would read "2,5percent".
Native code and the ends of paired codes (`<bpt>`, `<ept>`, `<it>`, `<bx/>`, `<ex/>`,
`<sc/>`, `<ec/>`) are formatting that can sit inside a word ("<b>E</b>xample"), so they
leave no gap. Both walks use a stack rather than recursion, so no nesting is too deep.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from reviewer.errors import InputError
from reviewer.loaders.base import LoadOptions, LoadResult, Unit, article_from_units, declared_langs
from reviewer.loaders.reading import local_name, parse_xml

# Standalone placeholders leave a gap between words; what a 1.2 <ph> holds is native code.
_PLACEHOLDERS = frozenset({"x", "ph"})
# 1.2 native code of formatting, dropped without a gap.
_NATIVE_CODE = frozenset({"bpt", "ept", "it"})
_WORD_CHAR = re.compile(r"\w")


def _pieces(element: ET.Element) -> Iterator[str | None]:
    """The element's text in document order, with None where a placeholder stands."""
    yield element.text or ""
    stack: list[tuple[Iterator[ET.Element], str]] = [(iter(element), "")]
    while stack:
        children, tail = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield tail
            continue
        name = local_name(child)
        if name in _PLACEHOLDERS or name in _NATIVE_CODE:
            if name in _PLACEHOLDERS:
                yield None
            yield child.tail or ""
        else:
            yield child.text or ""
            stack.append((iter(child), child.tail or ""))


def _plain_text(element: ET.Element) -> str:
    """The element's reader-visible text (see the module docstring)."""
    parts: list[str] = []
    gap = False
    for piece in _pieces(element):
        if piece is None:
            gap = True
        elif piece:
            if gap and parts and _WORD_CHAR.match(parts[-1][-1]) and _WORD_CHAR.match(piece[0]):
                parts.append(" ")
            gap = False
            parts.append(piece)
    return "".join(parts)


def _translatable(file: ET.Element, unit_tag: str) -> Iterator[ET.Element]:
    """The file's `unit_tag` elements in document order, less those marked (or inside
    an element marked) `translate="no"`."""
    stack = [(iter(file), file.get("translate") != "no")]
    while stack:
        children, translate = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        marked = child.get("translate")
        child_translate = translate if marked is None else marked != "no"
        if local_name(child) == unit_tag:
            if child_translate:
                yield child
        else:
            stack.append((iter(child), child_translate))


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local_name(c) == name), None)


def _units(file: ET.Element, unit_tag: str) -> list[Unit]:
    """Translated units of one <file>, in document order."""
    units = []
    for element in _translatable(file, unit_tag):
        target = _child(element, "target")
        if target is None:
            continue
        mt = _plain_text(target)
        if not mt.strip():
            continue
        source = _child(element, "source")
        units.append(Unit(mt, _plain_text(source) if source is not None else None))
    return units


def load(path: str, text: str, options: LoadOptions) -> LoadResult:
    """One article per <file> that has translated units."""
    root = parse_xml(path, text)
    if local_name(root) != "xliff":
        raise InputError(path, f"expected an XLIFF document (<xliff> root), found <{local_name(root)}>")
    version = root.get("version", "")
    if version.startswith("1."):
        unit_tag, trg, src = "trans-unit", "target-language", "source-language"
    elif version.startswith("2."):
        unit_tag, trg, src = "segment", "trgLang", "srcLang"
    else:
        raise InputError(path, f"unsupported XLIFF version {version!r} (expected 1.2 or 2.x)")
    stem = os.path.splitext(os.path.basename(path))[0]
    result = LoadResult()
    seen: set[str] = set()
    for number, file in enumerate((e for e in root if local_name(e) == "file"), 1):
        units = _units(file, unit_tag)
        if not units:
            continue
        article_id = file.get("original") or file.get("id") or f"{stem}-{number}"
        if article_id in seen:
            article_id = f"{article_id}-{number}"
        seen.add(article_id)
        # 1.2 declares languages per <file>, 2.0 once on the root.
        holder = file if unit_tag == "trans-unit" else root
        lang, source_lang = declared_langs(path, options, holder.get(trg), holder.get(src))
        result.articles.append(article_from_units(path, article_id, units, lang, source_lang))
    if not result.articles:
        raise InputError(path, "no translated units (<target>) to review")
    return result
