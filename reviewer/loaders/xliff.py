"""XLIFF 1.2 and 2.0, what CAT tools exchange: one article per <file>.

Segments are the translated units (1.2 `<trans-unit>`, 2.0 `<segment>`) that have a
target; untranslated units have nothing to review. Inline markup is flattened to the
text a reader sees: native code (1.2 `<bpt>`, `<ept>`, `<ph>`, `<it>`) is dropped, text
wrapped in `<g>`, `<mrk>`, `<pc>` is kept.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

from reviewer.errors import InputError
from reviewer.loaders.base import LoadOptions, LoadResult, Unit, article_from_units, target_lang
from reviewer.loaders.reading import local_name, parse_xml

_NATIVE_CODE = frozenset({"bpt", "ept", "ph", "it"})


def _plain_text(element: ET.Element) -> str:
    """The element's reader-visible text: native code skipped, the text after it kept."""
    parts = [element.text or ""]
    for child in element:
        if local_name(child) not in _NATIVE_CODE:
            parts.append(_plain_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local_name(c) == name), None)


def _units(file: ET.Element, unit_tag: str) -> list[Unit]:
    """Translated units of one <file>, in document order."""
    units = []
    for element in file.iter():
        if local_name(element) != unit_tag or element.get("translate") == "no":
            continue
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
        lang = target_lang(options, holder.get(trg))
        result.articles.append(article_from_units(path, article_id, units, lang, holder.get(src)))
    if not result.articles:
        raise InputError(path, "no translated units (<target>) to review")
    return result
