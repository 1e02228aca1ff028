"""Words and their dictionary forms, so one table entry matches every inflection.

A source-term entry names "bekommen"; the source says "bekam", "bekommt" or "bekommen".
`simplemma` (a dictionary lookup, no model) gives the lemma in both languages; it is
imported when first needed, since loading a language's dictionary takes about a second
and only articles with a source need it. A language simplemma does not know falls back to
the word itself, so matching still works on the forms an entry spells out.
"""

from __future__ import annotations

import functools
import threading

import regex

from reviewer.language import primary

WORD = regex.compile(r"[\p{L}\p{N}]+")
"""A word, as the term tables count them: letters and digits; hyphens and apostrophes split."""

_LOCK = threading.Lock()


@functools.lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The casefolded dictionary form of `word` in language `lang` ("de", "en", ...)."""
    return _lemmatize(word, primary(lang)).casefold()


def _lemmatize(word: str, lang: str) -> str:
    import simplemma  # optional weight: imported with the first source-aware check

    with _LOCK:  # simplemma loads each language's dictionary lazily, once
        try:
            return str(simplemma.lemmatize(word, lang=lang))
        except ValueError:  # a language simplemma has no dictionary for
            return word
