"""Language tags, read one way everywhere: `en_us`, `EN-us` and `en-US` are one language.

Articles, rule packs, glossaries and LanguageTool all name languages by BCP 47 tags, from
options, reviewer.yaml and the files themselves. `LanguageTag.parse` is the one place a
tag is read and normalised; `primary` is the one way to ask which language a tag is in.
A tag whose language no checker knows (`eng`, `english`) is refused with the tag named,
so a typo cannot switch every rule pack off in silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT = "en-US"

# A bare language gets the variant LanguageTool needs for spell checking.
CHECKED_VARIANTS = {"en": "en-US", "de": "de-DE"}

# The languages LanguageTool checks (its 6.x release); rule packs and pair checks are
# written for a subset of these. A tag in any other language is a mistake to report.
KNOWN_LANGUAGES = frozenset(
    [
        "ar",
        "ast",
        "be",
        "br",
        "ca",
        "crh",
        "da",
        "de",
        "el",
        "en",
        "eo",
        "es",
        "fa",
        "fr",
        "ga",
        "gl",
        "it",
        "ja",
        "km",
        "nl",
        "pl",
        "pt",
        "ro",
        "ru",
        "sk",
        "sl",
        "sv",
        "ta",
        "tl",
        "uk",
        "zh",
    ]
)

_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")


class LanguageError(ValueError):
    """A tag that is not a language reviewer can check; the message names the tag."""


def primary(tag: str | None) -> str:
    """The language of a tag: "de" for "de-DE" or "de_AT"; "" for none."""
    return (tag or "").strip().replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class LanguageTag:
    """A normalised BCP 47 tag (`en-US`, `de`, `sr-Latn`), in a language reviewer knows."""

    tag: str

    @classmethod
    def parse(cls, text: str) -> LanguageTag:
        """`en_us` -> `en-US`; LanguageError for a tag in a language no checker knows.
        Tags of what is checked (an article's language) are read this way."""
        tag = cls.of(text)
        if tag.language not in KNOWN_LANGUAGES:
            known = ", ".join(sorted(KNOWN_LANGUAGES))
            raise LanguageError(f"unknown language {text!r} (a tag such as en-US or de; languages: {known})")
        return tag

    @classmethod
    def of(cls, text: str) -> LanguageTag:
        """`en_us` -> `en-US`, for a tag in any language (a source language, which only
        needs to be told apart); LanguageError when it is not a tag at all."""
        parts = text.strip().replace("_", "-").split("-")
        if not all(_SUBTAG.match(part) for part in parts) or not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
            raise LanguageError(f"not a language tag: {text!r} (a tag such as en-US or de)")
        rest = [part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part for part in parts[1:]]
        return cls("-".join([parts[0].lower(), *rest]))

    @classmethod
    def parse_optional(cls, text: str | None) -> LanguageTag | None:
        """None for a missing or blank tag, else `parse`."""
        return cls.parse(text) if text and text.strip() else None

    @property
    def language(self) -> str:
        return primary(self.tag)

    def checked(self) -> LanguageTag:
        """The tag articles are checked in: a bare `en` becomes `en-US`, since
        LanguageTool only spell-checks a variant."""
        return LanguageTag(CHECKED_VARIANTS.get(self.tag, self.tag))

    def __str__(self) -> str:
        return self.tag


def covers(tag: str, languages: tuple[str, ...]) -> bool:
    """True when `tag` is one of `languages` or a variant of one ("en" covers "en-US")."""
    tag = tag.lower().replace("_", "-")
    wanted = (language.lower().replace("_", "-") for language in languages)
    return any(tag == lang or tag.startswith(lang + "-") for lang in wanted)


@dataclass(frozen=True)
class LanguagePair:
    """Target languages, and the source languages (None: any, or unrecorded) they pair with."""

    targets: tuple[str, ...] | None = None
    """None: any target language."""
    sources: tuple[str, ...] | None = None

    def covers(self, lang: str, source_lang: str | None) -> bool:
        """True for an article in `lang` translated from `source_lang`; an article whose
        source language nobody recorded is covered by any source side."""
        if self.targets is not None and not covers(lang, self.targets):
            return False
        return self.sources is None or source_lang is None or covers(source_lang, self.sources)


@dataclass(frozen=True)
class LanguagePairs:
    """The language pairs a checker can check: it runs on an article one of them covers."""

    pairs: tuple[LanguagePair, ...] = (LanguagePair(),)

    def covers(self, lang: str, source_lang: str | None) -> bool:
        return any(pair.covers(lang, source_lang) for pair in self.pairs)


ANY_PAIR = LanguagePairs()
"""Every language pair: checks that read any language (numbers, glossaries)."""
LANGUAGETOOL_PAIRS = LanguagePairs((LanguagePair(tuple(sorted(KNOWN_LANGUAGES))),))
"""Any source into a language LanguageTool checks."""
