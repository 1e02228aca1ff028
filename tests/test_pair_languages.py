"""The pair checks read numbers in each language's own convention, from the article's pair."""

from __future__ import annotations

import pytest

from reviewer.checkers.pair import PairChecker
from reviewer.model import Article, Segment


def flagged(source: str, mt: str, source_lang: str | None, lang: str) -> list[tuple[str, str]]:
    segment = Segment(0, 0, len(mt), mt, source=source, lang=lang)
    article = Article(path="p.jsonl", id="a", text=mt, segments=(segment,), lang=lang, source_lang=source_lang)
    return [(f.rule_id, mt[f.start : f.end]) for f in PairChecker().check(article).findings]


@pytest.mark.parametrize(
    ("source", "mt", "source_lang", "lang", "expected"),
    [
        # English into German: the target's decimal comma is right, the source's point too
        ("Prices rose 2.5 percent.", "Die Preise stiegen um 2,5 Prozent.", "en", "de-DE", []),
        ("Prices rose 2.5 percent.", "Die Preise stiegen um 25 Prozent.", "en", "de-DE", [("PAIR_NUMBER", "25")]),
        # German spells small numbers out: "drei" carries the source's 3
        ("3 people were hurt.", "Drei Menschen wurden verletzt.", "en", "de-DE", []),
        # French into English reads the source's comma as a decimal mark, as German does
        ("Les prix ont augmenté de 2,5 %.", "Prices rose 2.5 percent.", "fr", "en-US", []),
        ("Les prix ont augmenté de 2,5 %.", "Prices rose 2,5 percent.", "fr", "en-US", [("PAIR_NUMBER", "2,5")]),
        # English into English (a post-edit check): no German dates or number words assumed
        ("It cost 1,500 dollars.", "The price was 1,500 dollars.", "en", "en-GB", []),
        # numbers glued to German words still count: "44jährige", "A81"
        ("Eine 44jährige Fahrerin fuhr auf der A81.", "A 44-year-old driver was on the A 81.", "de", "en-US", []),
        ("Am ersten November beginnt das Rennen.", "The race starts on November 1.", "de", "en-US", []),
    ],
)
def test_numbers_are_read_in_each_language_of_the_pair(
    source: str, mt: str, source_lang: str | None, lang: str, expected: list[tuple[str, str]]
) -> None:
    assert flagged(source, mt, source_lang, lang) == expected
