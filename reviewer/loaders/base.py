"""What every format loader shares: its options, its result, and how segments are built.

Bundle formats (JSONL, WMT XML, XLIFF) hand over units of MT text with optional source
and reference; `article_from_units` lays them out one per line so that line N of the
article text is segment N-1 and offsets stay simple to reason about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reviewer.errors import InputError
from reviewer.language import DEFAULT, LanguageError, LanguageTag
from reviewer.model import Article, Segment


@dataclass(frozen=True)
class LoadOptions:
    """What the user asked for on the command line.

    `system` picks the MT system from a WMT test set; `lang` is the target language of
    articles whose file declares none (plain text always; else the file says, or `en-US`).
    """

    system: str | None = None
    lang: LanguageTag | None = None


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


def target_lang(options: LoadOptions, declared: str | None) -> str:
    """What the file declares wins, then the user's `lang`, then `en-US`; in the variant
    articles are checked in. LanguageError for a declared language nobody can check."""
    tag = LanguageTag.parse_optional(declared) or options.lang or LanguageTag(DEFAULT)
    return str(tag.checked())


def source_lang_of(declared: str | None) -> str | None:
    """A declared source language, normalised; LanguageError when it is not a tag."""
    return str(LanguageTag.of(declared)) if declared and declared.strip() else None


def declared_langs(path: str, options: LoadOptions, target: str | None, source: str | None) -> tuple[str, str | None]:
    """The target and source language a bundle file declares, as `target_lang` and
    `source_lang_of` read them; an InputError naming the file for a tag they refuse."""
    try:
        return target_lang(options, target), source_lang_of(source)
    except LanguageError as error:
        raise InputError(path, str(error)) from None


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
        source_lang=source_lang,
        system=system,
    )
