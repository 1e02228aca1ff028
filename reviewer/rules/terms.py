"""Source-aware terms: a German expression and the English renderings that betray it.

"eventually" is fine English, unless the German said "eventuell" (possibly). A target-only
rule has to guess; a term entry knows, because it looks at the segment's source. Both
sides match on dictionary forms (see `lemmas`), so "bekam" is "bekommen" and "became" is
"become". The syntax of a phrase, on either side:

- words separated by spaces match consecutive words; `...` allows up to six words between
  (hyphens and apostrophes separate words, and full stops and commas are ignored, as in
  the text: "o'clock" is `o clock`, "u. a." is `u a`);
- a word matches any inflection of it (by lemma); `=word` only that exact form;
- `word*` a word starting with it, `*word` one ending with it (German compounds);
- `a|b` either; `#` any number, in digits or words.

A source expression may list parts joined by ` & `: each must occur in the same sentence,
in any order (German moves its verbs: "übte Kritik", "Kritik geübt" are `Kritik & üben`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from reviewer.model import Finding, Severity
from reviewer.rules.lemmas import WORD, lemma
from reviewer.rules.model import Example, render_message

GAP = "..."
MAX_GAP = 6
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "thousand",
        "ein",
        "eine",
        "einen",
        "zwei",
        "drei",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwölf",
        "zwanzig",
        "dreißig",
        "hundert",
        "tausend",
    ]
)
_SENTENCE_END = regex.compile(r"(?<=[.!?:;])\s+|\n")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    lemma: str


def tokens(text: str, lang: str) -> list[Token]:
    return [Token(m[0], m.start(), m.end(), lemma(m[0], lang)) for m in WORD.finditer(text)]


@dataclass(frozen=True)
class Slot:
    """One word of a phrase: its alternatives, each (how, word): "lemma", "form", "prefix",
    "suffix" or "number"."""

    alternatives: tuple[tuple[str, str], ...]

    @classmethod
    def parse(cls, spec: str, lang: str) -> Slot:
        alternatives = []
        for alternative in spec.split("|"):
            if not alternative:
                raise ValueError(f"{spec!r} has an empty alternative")
            if alternative == "#":
                alternatives.append(("number", ""))
            elif alternative.startswith("="):
                alternatives.append(("form", _one_word(alternative[1:], spec).casefold()))
            elif alternative.endswith("*"):
                alternatives.append(("prefix", _one_word(alternative[:-1], spec).casefold()))
            elif alternative.startswith("*"):
                alternatives.append(("suffix", _one_word(alternative[1:], spec).casefold()))
            else:
                word = _one_word(alternative, spec)
                alternatives.append(("form", word.casefold()))
                alternatives.append(("lemma", lemma(word, lang)))
        return cls(tuple(dict.fromkeys(alternatives)))

    def matches(self, token: Token) -> bool:
        folded = token.text.casefold()
        for how, word in self.alternatives:
            if (
                (how == "form" and folded == word)
                or (how == "lemma" and token.lemma == word)
                or (how == "prefix" and folded.startswith(word))
                or (how == "suffix" and folded.endswith(word))
                or (how == "number" and (folded.isdigit() or folded in _NUMBER_WORDS))
            ):
                return True
        return False


def _one_word(word: str, spec: str) -> str:
    if WORD.fullmatch(word) is None:
        raise ValueError(f"{spec!r}: {word!r} is not one word (letters and digits; hyphens split words)")
    return word


@dataclass(frozen=True)
class Phrase:
    """Words in order, with gaps where the author wrote `...`; `gaps[i]` says whether up to
    MAX_GAP words may come before slot i."""

    text: str
    slots: tuple[Slot, ...]
    gaps: tuple[bool, ...]

    @classmethod
    def parse(cls, text: str, lang: str) -> Phrase:
        words = [w if w == GAP else w.strip(".,") for w in regex.sub(r"[-'’]", " ", text).split()]
        words = [w for w in words if w]
        slots: list[Slot] = []
        gaps: list[bool] = []
        gap = False
        for word in words:
            if word == GAP:
                if not slots or gap:
                    raise ValueError(f"{text!r}: {GAP} must stand between two words")
                gap = True
                continue
            slots.append(Slot.parse(word, lang))
            gaps.append(gap)
            gap = False
        if not slots or gap:
            raise ValueError(f"{text!r} must start and end with a word")
        return cls(text, tuple(slots), tuple(gaps))

    @classmethod
    def literal(cls, text: str, lang: str) -> Phrase:
        """A phrase of plain words (a glossary term): no syntax, each word any inflection."""
        slots = tuple(
            Slot(tuple(dict.fromkeys((("form", w.casefold()), ("lemma", lemma(w, lang)))))) for w in WORD.findall(text)
        )
        if not slots:
            raise ValueError(f"{text!r} has no words")
        return cls(text, slots, (False,) * len(slots))

    def spans(self, found: Sequence[Token]) -> Iterator[tuple[int, int]]:
        """(first, last) token indexes of each match, left to right, not overlapping."""
        at = 0
        while at < len(found):
            end = self._match_from(found, at)
            if end is None:
                at += 1
            else:
                yield at, end
                at = end + 1

    def _match_from(self, found: Sequence[Token], start: int) -> int | None:
        if not self.slots[0].matches(found[start]):
            return None
        return self._rest(found, 1, start)

    def _rest(self, found: Sequence[Token], slot: int, last: int) -> int | None:
        if slot == len(self.slots):
            return last
        reach = MAX_GAP + 1 if self.gaps[slot] else 1
        for at in range(last + 1, min(len(found), last + 1 + reach)):
            if self.slots[slot].matches(found[at]):
                end = self._rest(found, slot + 1, at)
                if end is not None:
                    return end
        return None


@dataclass(frozen=True)
class Expression:
    """A source expression: parts that must all occur in one sentence, in any order."""

    text: str
    parts: tuple[Phrase, ...]

    @classmethod
    def parse(cls, text: str, lang: str) -> Expression:
        return cls(text, tuple(Phrase.parse(part, lang) for part in text.split(" & ")))

    def found_in(self, sentences: Sequence[Sequence[Token]]) -> bool:
        return any(all(next(part.spans(sentence), None) for part in self.parts) for sentence in sentences)


@dataclass(frozen=True)
class Term:
    """A source-term entry: flags a target rendering when the source has the expression."""

    id: str
    source: tuple[Expression, ...]
    target: tuple[Phrase, ...]
    message: str
    category: str
    severity: Severity
    path: str
    line: int
    source_lang: str
    target_lang: str
    suggestions: tuple[str, ...] = ()
    unless_source: tuple[Expression, ...] = ()
    unless_target: tuple[Phrase, ...] = ()
    examples: tuple[Example, ...] = ()
    kind = "source-term"

    def find(self, source: str, target: str) -> list[Finding]:
        """The renderings in `target` (one segment's MT) that the source `source` betrays."""
        return self.find_in(source_sentences(source, self.source_lang), tokens(target, self.target_lang), target)

    def find_in(self, sentences: Sequence[Sequence[Token]], found: Sequence[Token], target: str) -> list[Finding]:
        """As `find`, on the source's sentences and the target's words worked out once for
        every entry of a table."""
        if not any(expression.found_in(sentences) for expression in self.source):
            return []
        if any(expression.found_in(sentences) for expression in self.unless_source):
            return []
        excused = [(found[a].start, found[b].end) for phrase in self.unless_target for a, b in phrase.spans(found)]
        findings = []
        for phrase in self.target:
            for first, last in phrase.spans(found):
                start, end = found[first].start, found[last].end
                if any(s < end and start < e for s, e in excused):
                    continue
                findings.append(
                    Finding(
                        rule_id=self.id,
                        category=self.category,
                        severity=self.severity,
                        message=render_message(self.message, target[start:end], self.suggestions),
                        start=start,
                        end=end,
                        suggestions=self._suggestions(target[start:end]),
                    )
                )
        return _outermost(findings)

    def find_example(self, example: Example, timeout: float | None = None) -> list[Finding]:
        return self.find(example.source or "", example.text)

    def _suggestions(self, matched: str) -> tuple[str, ...]:
        if matched[:1].isupper():
            return tuple(s[:1].upper() + s[1:] for s in self.suggestions)
        return self.suggestions


def _outermost(findings: list[Finding]) -> list[Finding]:
    """One finding per rendering: where two target phrases match nested spans ("in the
    frame of" and "in the frame"), the longer one stands."""
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    for finding in ordered:
        if kept and finding.end <= kept[-1].end:
            continue
        kept.append(finding)
    return kept


def source_sentences(text: str, lang: str) -> list[list[Token]]:
    """The source's words, sentence by sentence (a rough split is enough: it only keeps an
    expression's parts from being found in two different sentences)."""
    return [tokens(sentence, lang) for sentence in _SENTENCE_END.split(text) if sentence.strip()]
