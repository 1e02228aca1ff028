"""Sentence spans from LanguageTool's own SRX segmentation rules (via choppa).

Using LanguageTool's rules rather than a home-made splitter means abbreviations,
initials, decimals and quotes are handled the way the LanguageTool checker itself sees
sentences, so a finding and the sentence it sits in agree across checkers.
"""

from __future__ import annotations

import functools

from choppa import DEFAULT_SRX_RULESET, SrxDocument, SrxTextIterator

from reviewer.language import primary
from reviewer.model import Segment, Span

# Rule sets every language key matches; a language with nothing beyond these has no
# rules of its own in the SRX file and falls back to English.
_SHARED_RULES = frozenset({"GeneralImportant", "ByLineBreak", "ByTwoLineBreaks", "Default"})
_FALLBACK_KEY = "en_two"


@functools.cache
def _document() -> SrxDocument:
    """Parsing the SRX file takes a few hundred milliseconds: do it once per process."""
    return SrxDocument(ruleset=DEFAULT_SRX_RULESET)


@functools.cache
def srx_key(lang: str) -> str:
    """The SRX language key for a BCP 47 tag such as `en-US` or `de`.

    `_two` keys break only at blank lines, never at a single newline, so a hard line
    break inside a sentence (common in scraped MT output) does not end the sentence.
    """
    language = primary(lang)
    if not language.isalpha():
        return _FALLBACK_KEY
    key = f"{language}_two"
    rules = _document().get_language_rule_list(key)
    if any(rule.name not in _SHARED_RULES for rule in rules):
        return key
    return _FALLBACK_KEY


def sentence_spans(text: str, offset: int = 0, lang: str = "en") -> tuple[Span, ...]:
    """Sentences of `text` as spans shifted by `offset`, whitespace trimmed off both ends.

    The SRX iterator yields pieces that concatenate to `text` exactly, so each span is
    found by accumulating piece lengths; nothing is searched for again in the text.
    """
    spans: list[Span] = []
    position = 0
    for piece in SrxTextIterator(_document(), srx_key(lang), text):
        start, end = position, position + len(piece)
        position = end
        if not piece.strip():
            continue
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        spans.append(Span(offset + start, offset + end))
    return tuple(spans)


def segment_sentences(segment: Segment) -> tuple[Span, ...]:
    """A segment's sentence spans, absolute offsets, in the segment's language."""
    return sentence_spans(segment.text, segment.start, segment.lang)
