"""Plain-text articles: a title line and blank-line separated paragraphs, as scraped.

Each blank-line separated block is a segment (the title, page furniture such as a
breadcrumb or an image credit, and every paragraph); hard line breaks inside a block are
kept as they are. Source and reference come from sidecar files beside `NAME.txt`:
`NAME.src.txt` and `NAME.ref.txt`, aligned block by block.
"""

from __future__ import annotations

import os
import re

from reviewer.errors import InputError
from reviewer.loaders.base import LoadOptions, LoadResult, make_segment, target_lang
from reviewer.loaders.reading import read_text
from reviewer.model import Article

SIDECAR_SUFFIXES = {"source": ".src.txt", "reference": ".ref.txt"}

# A line break followed by one or more lines holding nothing but whitespace. `\r` alone
# must not be followed by `\n`, or one CRLF would count as a blank line.
_BREAK = r"(?:\r\n|\r(?!\n)|\n)"
_BLANK_LINES = re.compile(rf"{_BREAK}(?:[^\S\r\n]*{_BREAK})+")


def is_sidecar(name: str) -> bool:
    """Whether a file name marks a source or reference sidecar rather than an article."""
    return name.endswith(tuple(SIDECAR_SUFFIXES.values()))


def sidecar_path(path: str, kind: str) -> str:
    """`corpora/x.txt` -> `corpora/x.src.txt` (kind `source`) or `corpora/x.ref.txt`."""
    return os.path.splitext(path)[0] + SIDECAR_SUFFIXES[kind]


def main_path(sidecar: str) -> str:
    """`corpora/x.src.txt` -> `corpora/x.txt`: the article a sidecar belongs to."""
    for suffix in SIDECAR_SUFFIXES.values():
        if sidecar.endswith(suffix):
            return sidecar.removesuffix(suffix) + ".txt"
    return sidecar


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each blank-line separated block, surrounding whitespace excluded."""
    spans = []
    start = 0
    for gap in [*_BLANK_LINES.finditer(text), None]:
        end = gap.start() if gap else len(text)
        block = text[start:end]
        if block.strip():
            spans.append((start + len(block) - len(block.lstrip()), end - (len(block) - len(block.rstrip()))))
        if gap:
            start = gap.end()
    return spans


def _sidecar_paragraphs(path: str, kind: str, expected: int, result: LoadResult) -> list[str] | None:
    """The sidecar's paragraphs if it exists and aligns; a misfit is recorded, not raised,
    so the article is still checked on its own."""
    side = sidecar_path(path, kind)
    if not os.path.exists(side):
        return None
    try:
        text = read_text(side)
    except InputError as error:
        result.failures.append(error)
        return None
    paragraphs = [text[start:end] for start, end in paragraph_spans(text)]
    if len(paragraphs) != expected:
        result.failures.append(
            InputError(
                side,
                f"{kind} sidecar has {len(paragraphs)} paragraphs but {path} has {expected}; "
                "they must align paragraph by paragraph",
            )
        )
        return None
    return paragraphs


def load(path: str, text: str, options: LoadOptions) -> LoadResult:
    """One article from one plain-text file, with its sidecars when they are there."""
    result = LoadResult()
    spans = paragraph_spans(text)
    sources = _sidecar_paragraphs(path, "source", len(spans), result)
    references = _sidecar_paragraphs(path, "reference", len(spans), result)
    lang = target_lang(options, None)
    segments = tuple(
        make_segment(
            index,
            text,
            start,
            end,
            lang,
            source=sources[index] if sources else None,
            reference=references[index] if references else None,
        )
        for index, (start, end) in enumerate(spans)
    )
    article_id = os.path.splitext(os.path.basename(path))[0]
    result.articles.append(Article(path=path, id=article_id, text=text, segments=segments, lang=lang))
    return result
