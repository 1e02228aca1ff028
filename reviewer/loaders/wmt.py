"""WMT test sets (the WMT21+ XML format): one article per <doc>, MT from one system.

    <dataset><collection><doc id=".." origlang="de">
      <src lang="de"><p><seg id="1">..</seg></p></src>
      <ref lang="en" translator="A">..</ref>
      <hyp lang="en" system="mt-a">..</hyp>

A test set usually carries several systems: `--system` picks one; without it every
system's output is loaded, one article per document and system (`Article.system` says
which), so a batch check or a comparison covers them all. A `<hyp>` without a `system`
attribute (common when a test set holds a single system) is the unnamed system: its
articles have no `Article.system`, and messages call it "(unnamed)".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reviewer.errors import InputError
from reviewer.loaders.base import LoadOptions, LoadResult, Unit, article_from_units, declared_langs
from reviewer.loaders.reading import parse_xml
from reviewer.model import Article


def _segments(block: ET.Element) -> list[tuple[str | None, str]]:
    """`(seg id, text)` in document order, across all of the block's paragraphs."""
    return [(seg.get("id"), "".join(seg.itertext())) for seg in block.iter("seg")]


def _system_of(hyp: ET.Element) -> str | None:
    """The hypothesis's system name; a missing or blank attribute is the unnamed system."""
    return hyp.get("system") or None


def _shown(system: str | None) -> str:
    return "(unnamed)" if system is None else system


def _hyp_tag(system: str | None) -> str:
    return "<hyp> without a system" if system is None else f"<hyp system={system!r}>"


def _pick_systems(path: str, systems: list[str | None], wanted: str | None) -> list[str | None]:
    if wanted is None:
        return systems
    if wanted not in systems:
        available = ", ".join(map(_shown, systems))
        raise InputError(path, f"no system {wanted!r} in this test set (available: {available})")
    return [wanted]


def _aligned(path: str, doc_id: str, hyp: list[tuple[str | None, str]], other: ET.Element | None) -> list[str | None]:
    """Texts of `other` (src or ref) in the order of the hypothesis segments."""
    if other is None:
        return [None] * len(hyp)
    segments = _segments(other)
    if len(segments) != len(hyp):
        raise InputError(path, f"doc {doc_id!r}: <{other.tag}> has {len(segments)} segments but <hyp> has {len(hyp)}")
    for (hyp_id, _), (seg_id, _) in zip(hyp, segments):
        if hyp_id != seg_id:
            raise InputError(path, f"doc {doc_id!r}: <{other.tag}> seg id {seg_id!r} where <hyp> has {hyp_id!r}")
    return [text for _, text in segments]


def _article(path: str, doc: ET.Element, system: str | None, options: LoadOptions) -> Article:
    doc_id = doc.get("id")
    if not doc_id:
        raise InputError(path, "a <doc> has no id")
    hyp = next((h for h in doc.findall("hyp") if _system_of(h) == system), None)
    if hyp is None:
        raise InputError(path, f"doc {doc_id!r} has no {_hyp_tag(system)}")
    hyp_segments = _segments(hyp)
    if not hyp_segments:
        raise InputError(path, f"doc {doc_id!r}: {_hyp_tag(system)} has no <seg>")
    src, ref = doc.find("src"), doc.find("ref")
    sources = _aligned(path, doc_id, hyp_segments, src)
    references = _aligned(path, doc_id, hyp_segments, ref)
    units = [Unit(text, s, r) for (_, text), s, r in zip(hyp_segments, sources, references)]
    declared = hyp.get("lang") or (ref.get("lang") if ref is not None else None)
    lang, source_lang = declared_langs(
        path, options, declared, src.get("lang") if src is not None else doc.get("origlang")
    )
    return article_from_units(path, doc_id, units, lang, source_lang, system)


def load(path: str, text: str, options: LoadOptions) -> LoadResult:
    """One article per <doc>; a broken doc is reported and the others still load."""
    root = parse_xml(path, text)
    if root.tag != "dataset":
        raise InputError(path, f"expected a WMT test set (<dataset> root), found <{root.tag}>")
    docs = list(root.iter("doc"))
    if not docs:
        raise InputError(path, "no <doc> in this test set")
    found = {_system_of(hyp) for doc in docs for hyp in doc.findall("hyp")}
    # The unnamed system, if any, first; named ones in alphabetical order.
    systems = sorted(found, key=lambda name: (name is not None, name or ""))
    if not systems:
        raise InputError(path, "no <hyp> in this test set: there is no MT output to review")
    result = LoadResult()
    for system in _pick_systems(path, systems, options.system):
        seen: set[str] = set()
        for doc in docs:
            try:
                article = _article(path, doc, system, options)
                if article.id in seen:
                    raise InputError(path, f"duplicate doc id {article.id!r}")
            except InputError as error:
                result.failures.append(error)
                continue
            seen.add(article.id)
            result.articles.append(article)
    return result
