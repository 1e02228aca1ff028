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


_TAUGHT: dict[str, str] = {}  # lemmas remembered from an earlier run, by "lang<TAB>word"
_LOOKED_UP: dict[str, str] = {}  # lemmas this process asked simplemma for


def key(word: str, lang: str) -> str:
    return f"{primary(lang)}\t{word}"


@functools.lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The casefolded dictionary form of `word` in language `lang` ("de", "en", ...)."""
    entry = key(word, lang)
    found = _TAUGHT.get(entry)
    if found is None:
        found = _LOOKED_UP[entry] = _lemmatize(word, primary(lang)).casefold()
    return found


def teach(table: dict[str, str]) -> None:
    """Lemmas remembered from earlier runs (see `reviewer.lemma_cache`): with every word
    of the rule packs' terms among them, the packs compile without loading simplemma's
    dictionaries, which takes most of a second per language."""
    _TAUGHT.update(table)
    lemma.cache_clear()


def learnt() -> dict[str, str]:
    """Every lemma known to this process, remembered or looked up, to remember next time."""
    return {**_TAUGHT, **_LOOKED_UP}


def _lemmatize(word: str, lang: str) -> str:
    import simplemma  # optional weight: imported with the first source-aware check

    with _LOCK:  # simplemma loads each language's dictionary lazily, once
        try:
            return str(simplemma.lemmatize(word, lang=lang))
        except ValueError:  # a language simplemma has no dictionary for
            return word
