"""What every format loader shares: its options, its result, and how segments are built.

Bundle formats (JSONL, WMT XML, XLIFF) hand over units of MT text with optional source
and reference; `article_from_units` lays them out one per line so that line N of the
article text is segment N-1 and offsets stay simple to reason about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reviewer.errors import InputError
from reviewer.model import Article, Segment

DEFAULT_LANG = "en-US"

# A bare language gets the variant LanguageTool needs for spell checking.
DEFAULT_VARIANTS = {"en": "en-US", "de": "de-DE"}


@dataclass(frozen=True)
class LoadOptions:
    """What the user asked for on the command line.

    `system` picks the MT system from a WMT test set; `lang` overrides the target
    language every article is checked in (otherwise the file says, or `en-US`).
    """

    system: str | None = None
    lang: str | None = None


@dataclass
class LoadResult:
    """Articles that loaded, and one error per file (or bundle line) that did not."""

    articles: list[Article] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)

    def extend(self, other: LoadResult) -> None:
        self.articles.extend(other.articles)
        self.failures.extend(other.failures)


# A loader gets the path as the user gave it and the decoded text of the file.
Loader = Callable[[str, str, LoadOptions], LoadResult]


@dataclass(frozen=True)
class Unit:
    """One translated segment of a bundle, before it is placed in an article's text."""

    mt: str
    source: str | None = None
    reference: str | None = None


def clean_tag(tag: str | None) -> str | None:
    """`en_us` -> `en-US`; blank or missing -> None."""
    if not tag or not tag.strip():
        return None
    primary, *rest = tag.strip().replace("_", "-").split("-")
    return "-".join([primary.lower(), *(p.upper() if len(p) == 2 else p for p in rest)])


def target_lang(options: LoadOptions, declared: str | None) -> str:
    """The user's `lang` wins, then what the file declares, then `en-US`.

    A bare `en` becomes `en-US` because LanguageTool only spell-checks a variant.
    """
    tag = clean_tag(options.lang) or clean_tag(declared) or DEFAULT_LANG
    return DEFAULT_VARIANTS.get(tag, tag)


def make_segment(
    index: int, text: str, start: int, end: int, lang: str, source: str | None = None, reference: str | None = None
) -> Segment:
    """A segment of `text[start:end]` in language `lang`, offsets absolute."""
    return Segment(
        index=index, start=start, end=end, text=text[start:end], source=source, reference=reference, lang=lang
    )


def article_from_units(
    path: str,
    article_id: str,
    units: Sequence[Unit],
    lang: str,
    source_lang: str | None = None,
    system: str | None = None,
) -> Article:
    """An article whose text is the units' MT joined with newlines, one segment per unit."""
    text = "\n".join(unit.mt for unit in units)
    segments = []
    start = 0
    for index, unit in enumerate(units):
        end = start + len(unit.mt)
        segments.append(make_segment(index, text, start, end, lang, unit.source, unit.reference))
        start = end + 1
    return Article(
        path=path,
        id=article_id,
        text=text,
        segments=tuple(segments),
        lang=lang,
        source_lang=clean_tag(source_lang),
        system=system,
    )
