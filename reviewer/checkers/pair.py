"""Checks over a source/target pair: what a monolingual checker cannot see.

Numbers are the classic case for news: a German decimal comma left in place turns
"2,5 Prozent" into "2,5 percent", which an English reader takes for twenty-five. The
checks here compare each segment's MT with its source, when the article has one, reading
each side's numbers in its own language's convention (the article's language pair).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import zip_longest

from reviewer.checkers import Signature
from reviewer.language import ANY_PAIR, primary
from reviewer.model import Article, CheckOutcome, Finding, Segment, Severity

# A number as written in running text, with its grouping and decimal marks still unread.
RULE_IDS = ("PAIR_NUMBER", "PAIR_NUMBER_MISSING", "PAIR_UNTRANSLATED", "PAIR_EMPTY")
"""Every id this checker's findings carry (so reviewer.yaml's rule_tuning can be checked)."""
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?![\w])")
# German times ("14.30 Uhr") and dates ("23.04.2019", "3. März") get rewritten in English
# ("2:30 p.m.", "April 23, 2019"), so their digits may or may not survive as written.
GERMAN_TIME = re.compile(r"\b(\d{1,2})[.:](\d{2})\s*Uhr\b")
GERMAN_DATE = re.compile(r"\b(\d{1,2})\.(?:(\d{1,2})\.(\d{2,4})?|\s)")
ENGLISH_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
}
GERMAN_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"]
    )
    if value >= 2
}
# German ordinals written out ("am ersten November") come back as digits ("November 1").
GERMAN_ORDINAL = re.compile(
    r"\b(erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt|elft|zwölft)(?:e|en|er|es|em)\b", re.IGNORECASE
)
GERMAN_ORDINAL_VALUES = {
    stem: str(value)
    for value, stem in enumerate(
        ["erst", "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "acht", "neunt", "zehnt", "elft", "zwölft"], 1
    )
}
# A number inside a word of the source, as well as standing alone: "44jährige", "A81", "3½".
NUMBER_IN_WORD = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
WORD = re.compile(r"\b\w+\b")
UNTRANSLATED_MIN_WORDS = 4
# Languages that write a decimal comma (and group thousands with a point or a space);
# the rest, English among them, write a decimal point.
DECIMAL_COMMA_LANGUAGES = frozenset(
    [
        "de",
        "fr",
        "es",
        "it",
        "nl",
        "pt",
        "pl",
        "ru",
        "cs",
        "sk",
        "sl",
        "sv",
        "da",
        "fi",
        "nb",
        "nn",
        "no",
        "tr",
        "ro",
        "hu",
        "el",
        "bg",
        "hr",
        "sr",
        "uk",
        "lt",
        "lv",
        "et",
        "id",
        "vi",
    ]
)
NUMBER_WORDS = {"en": ENGLISH_NUMBER_WORDS, "de": GERMAN_NUMBER_WORDS}


def decimal_mark(lang: str | None, unknown: str) -> str:
    """The decimal mark of `lang` ("," for German, "." for English); `unknown` when the
    language was not recorded."""
    if lang is None:
        return unknown
    return "," if primary(lang) in DECIMAL_COMMA_LANGUAGES else "."


def _is_german(lang: str | None) -> bool:
    """German conventions (times, dates, number words) apply to a German source, and to one
    whose language nobody recorded (reviewer's home ground: German news)."""
    return lang is None or primary(lang) == "de"


@dataclass(frozen=True)
class NumberToken:
    value: str
    start: int
    end: int


def _value(token: str, decimal_mark: str) -> str:
    """Read a number the way its language writes it; '2,5' is 2.5 in German, 25 in English."""
    digits = re.sub(r"(st|nd|rd|th)$", "", token)
    grouping = "." if decimal_mark == "," else ","
    parts = digits.split(decimal_mark)
    whole = parts[0].replace(grouping, "").lstrip("0") or "0"
    if len(parts) == 2 and parts[1].isdigit():
        return f"{whole}.{parts[1]}".rstrip("0").rstrip(".")
    return digits.replace(grouping, "").replace(decimal_mark, "").lstrip("0") or "0"


def _numbers(text: str, decimal_mark: str, pattern: re.Pattern[str] = NUMBER) -> Iterator[NumberToken]:
    for match in pattern.finditer(text):
        yield NumberToken(_value(match.group(), decimal_mark), match.start(), match.end())


@dataclass(frozen=True)
class SourceNumbers:
    """Numbers the translation must carry, numbers it may carry in another form, and German
    dates and times as written (left as they are, they are a format problem, which the
    rule packs flag, not a wrong number)."""

    expected: Counter[str]
    optional: frozenset[str]
    verbatim: frozenset[str]


def _source_numbers(source: str, lang: str | None) -> SourceNumbers:
    optional: set[str] = set()
    verbatim: set[str] = set()
    mark = decimal_mark(lang, unknown=",")
    if not _is_german(lang):
        expected = Counter(token.value for token in _numbers(source, mark))
        return SourceNumbers(expected, frozenset(_glued(source, mark)), frozenset())
    for time in GERMAN_TIME.finditer(source):
        hour, minute = int(time.group(1)), int(time.group(2))  # at most two digits each
        optional |= {str(hour), str(hour % 12 or 12), str(minute)}
        verbatim.add(f"{time.group(1)}.{time.group(2)}")
    for date in GERMAN_DATE.finditer(source):
        optional |= {str(int(part)) for part in date.groups() if part}
        verbatim.add(date.group().strip().rstrip("."))
    optional |= {GERMAN_NUMBER_WORDS[w.lower()] for w in WORD.findall(source) if w.lower() in GERMAN_NUMBER_WORDS}
    optional |= {GERMAN_ORDINAL_VALUES[m.group(1).lower()] for m in GERMAN_ORDINAL.finditer(source)}
    masked = GERMAN_DATE.sub(" ", GERMAN_TIME.sub(" ", source))
    expected = Counter(token.value for token in _numbers(masked, mark))
    return SourceNumbers(expected, frozenset(optional | _glued(masked, mark)), frozenset(verbatim))


def _glued(source: str, mark: str) -> set[str]:
    """Numbers inside source words ("44jährige", "A81", "GT3"): the translation may keep
    them ("44-year-old", "A 81") or not ("forty-four-year-old"), so they are optional."""
    standalone = {(t.start, t.end) for t in _numbers(source, mark)}
    return {t.value for t in _numbers(source, mark, NUMBER_IN_WORD) if (t.start, t.end) not in standalone}


class PairChecker:
    """Compares each segment's MT with its source (numbers, untranslated text, omissions)."""

    id = "pair"
    pairs = ANY_PAIR  # every pair: each side's numbers are read in its own language's convention

    def signature(self) -> Signature:
        return Signature(about={"checks": ["PAIR_NUMBER", "PAIR_UNTRANSLATED", "PAIR_EMPTY"]})

    def check(self, article: Article) -> CheckOutcome:
        findings: list[Finding] = []
        for segment in article.segments:
            if segment.source and segment.source.strip():
                findings += self._check_segment(segment, article.source_lang, article.lang)
        return CheckOutcome(findings=findings)

    def _check_segment(self, segment: Segment, source_lang: str | None, lang: str) -> list[Finding]:
        assert segment.source is not None
        if not segment.text.strip():
            return [
                _finding(
                    segment.start,
                    segment.end,
                    "PAIR_EMPTY",
                    "Accuracy/Omission",
                    Severity.CRITICAL,
                    "The source has text here but the translation is empty",
                )
            ]
        if _is_untranslated(segment):
            return [
                _finding(
                    segment.start,
                    segment.end,
                    "PAIR_UNTRANSLATED",
                    "Non-translation",
                    Severity.MAJOR,
                    "This segment is the source text, left untranslated",
                )
            ]
        return list(self._number_findings(segment, source_lang, lang))

    def _number_findings(self, segment: Segment, source_lang: str | None, lang: str) -> Iterator[Finding]:
        """A target number that matches no source number is paired, in order, with a source
        number the target lacks ("2,5" where the source has 2.5: one finding, not two)."""
        assert segment.source is not None
        source = _source_numbers(segment.source, source_lang)
        expected = Counter(source.expected)
        wrong = []
        for token in _numbers(segment.text, decimal_mark(lang, unknown=".")):
            if expected[token.value] > 0:
                expected[token.value] -= 1
            elif token.value not in source.optional and segment.text[token.start : token.end] not in source.verbatim:
                wrong.append(token)
        words = NUMBER_WORDS.get(primary(lang), {})
        spelled = Counter(words[w.group().lower()] for w in WORD.finditer(segment.text) if w.group().lower() in words)
        missing = [value for value, count in (expected - spelled).items() for _ in range(count)]
        for token, meant in zip_longest(wrong, missing[: len(wrong)]):
            written = segment.text[token.start : token.end]
            if meant is None:
                message = (
                    f"{written} does not match any number in the source (as English reads it, this is {token.value})"
                )
            else:
                message = f"{written} reads as {token.value} in English, but the source has {meant}"
            yield _finding(
                segment.start + token.start,
                segment.start + token.end,
                "PAIR_NUMBER",
                "Accuracy/Mistranslation",
                Severity.MAJOR,
                message,
            )
        if len(missing) > len(wrong):
            listed = ", ".join(missing[len(wrong) :])
            yield _finding(
                segment.start,
                segment.end,
                "PAIR_NUMBER_MISSING",
                "Accuracy/Omission",
                Severity.MAJOR,
                f"The source has {listed}, which this translation does not",
            )


def _is_untranslated(segment: Segment) -> bool:
    assert segment.source is not None
    words = WORD.findall(segment.text)
    return len(words) >= UNTRANSLATED_MIN_WORDS and segment.text.split() == segment.source.split()


def _finding(start: int, end: int, rule_id: str, category: str, severity: Severity, message: str) -> Finding:
    return Finding(rule_id=rule_id, category=category, severity=severity, message=message, start=start, end=end)
