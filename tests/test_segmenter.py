"""Sentence segmentation: what a reader counts as one sentence stays one span."""

from __future__ import annotations

import pytest

from reviewer.model import Span
from reviewer.segmenter import sentence_spans, srx_key


def sentences(text: str, lang: str = "en") -> list[str]:
    return [text[span.start : span.end] for span in sentence_spans(text, lang=lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations and titles
        ("Mr. Smith arrived. He sat down.", ["Mr. Smith arrived.", "He sat down."]),
        (
            "He met Prof. Dr. Weber vs. the board. No decision was made.",
            ["He met Prof. Dr. Weber vs. the board.", "No decision was made."],
        ),
        (
            "Loans from abroad, e.g. from the Netherlands, complete it. Entry is free.",
            ["Loans from abroad, e.g. from the Netherlands, complete it.", "Entry is free."],
        ),
        ("The museum opens at 10 a.m. on Saturdays.", ["The museum opens at 10 a.m. on Saturdays."]),
        ("On Jan. 5 the plant closed. Workers protested.", ["On Jan. 5 the plant closed.", "Workers protested."]),
        # initials and acronyms
        (
            "The report by J. R. Jones came out on Monday. It sold well.",
            ["The report by J. R. Jones came out on Monday.", "It sold well."],
        ),
        ("The U.S. Navy sent a ship. It arrived on Friday.", ["The U.S. Navy sent a ship.", "It arrived on Friday."]),
        # numbers
        (
            "Growth slowed to 2.5 percent in March. Economists were surprised.",
            ["Growth slowed to 2.5 percent in March.", "Economists were surprised."],
        ),
        (
            "He earned $2.5 million. That was more than planned.",
            ["He earned $2.5 million.", "That was more than planned."],
        ),
        # quotes, German and English
        (
            "He called the plan „rash and immature“. The talks ended.",
            ["He called the plan „rash and immature“.", "The talks ended."],
        ),
        ('She said: "We will not give up." Then she left.', ['She said: "We will not give up."', "Then she left."]),
        # a hard line break inside a sentence does not end it
        (
            "It would be the first time that Kim and Putin personally\ngetting together. They last met in 2011.",
            ["It would be the first time that Kim and Putin personally\ngetting together.", "They last met in 2011."],
        ),
        (
            "Will talks resume? Nobody knows! The ministry declined to comment.",
            ["Will talks resume?", "Nobody knows!", "The ministry declined to comment."],
        ),
        ("Kim’s father Kim’s Jong Il met Medvedev.", ["Kim’s father Kim’s Jong Il met Medvedev."]),
        ("A title without a full stop", ["A title without a full stop"]),
    ],
)
def test_english_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_spans_are_absolute_and_whitespace_is_trimmed() -> None:
    text = "  First one.  Second one.\n"
    assert sentence_spans(text, offset=100) == (Span(102, 112), Span(114, 125))


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_no_sentences_in_blank_text(text: str) -> None:
    assert sentence_spans(text) == ()


def test_german_rules_know_ordinal_dates() -> None:
    text = "Es war der 3. Mai. Das Wetter war gut."
    assert sentences(text, lang="de-DE") == ["Es war der 3. Mai.", "Das Wetter war gut."]


@pytest.mark.parametrize(
    ("lang", "key"),
    [
        ("en", "en_two"),
        ("en-US", "en_two"),
        ("en_GB", "en_two"),
        ("de-DE", "de_two"),
        ("FR", "fr_two"),
        ("xx", "en_two"),
        ("", "en_two"),
        ("123", "en_two"),
    ],
)
def test_srx_language_key_falls_back_to_english(lang: str, key: str) -> None:
    assert srx_key(lang) == key
