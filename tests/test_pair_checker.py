"""Source/target pair checks over many real-looking pairs, in translate-toolkit's passes/fails style."""

from __future__ import annotations

import pytest

from reviewer.checkers.pair import PairChecker
from reviewer.model import Article, Segment


def findings(source: str, mt: str) -> list[tuple[str, str]]:
    segment = Segment(index=0, start=0, end=len(mt), text=mt, source=source)
    article = Article(path="pair.jsonl", id="a", text=mt, segments=(segment,), source_lang="de")
    return [(f.rule_id, mt[f.start : f.end]) for f in PairChecker().check(article).findings]


PASSES = [
    ("Die Inflation stieg auf 2,5 Prozent.", "Inflation rose to 2.5 percent."),
    ("Rund 10.000 Menschen demonstrierten.", "Around 10,000 people demonstrated."),
    ("Drei Minister traten zurück.", "Three ministers resigned."),
    ("3 Minister traten zurück.", "Three ministers resigned."),
    ("Zwei Schiffe liefen aus.", "2 ships set sail."),
    ("Das Treffen beginnt um 14.30 Uhr.", "The meeting starts at 2:30 p.m."),
    ("Das Treffen beginnt um 14.30 Uhr.", "The meeting starts at 14:30."),
    ("Der Gipfel ist am 23.04.2019 geplant.", "The summit is planned for April 23, 2019."),
    ("Der Gipfel ist am 23. April.", "The summit is on April 23rd."),
    ("Der Gipfel ist am 23. April.", "The summit is on 23 April."),
    ("Sie kostet 1,5 Milliarden Euro.", "It costs 1.5 billion euros."),
    ("Kein Wort über Zahlen.", "Not a word about numbers."),
    ("Im Jahr 2011 trafen sie sich.", "They met in 2011."),
    ("Der Gipfel ist am 23.04.2019 geplant.", "The summit is planned for 23.04.2019."),
    ("Das Treffen beginnt um 14.30 Uhr.", "The meeting starts at 14.30 Uhr."),
]

FAILS = [
    ("Die Inflation stieg auf 2,5 Prozent.", "Inflation rose to 2,5 percent.", [("PAIR_NUMBER", "2,5")]),
    ("Rund 10.000 Menschen demonstrierten.", "Around 10.000 people demonstrated.", [("PAIR_NUMBER", "10.000")]),
    ("Im Jahr 2011 trafen sie sich.", "They met in 2012.", [("PAIR_NUMBER", "2012")]),
    ("Die Fähre fuhr am 3. Mai.", "The ferry sailed 4 times.", [("PAIR_NUMBER", "4")]),
    (
        "2,5 Prozent von 40 Millionen.",
        "2,5 percent of millions.",
        [("PAIR_NUMBER", "2,5"), ("PAIR_NUMBER_MISSING", "2,5 percent of millions.")],
    ),
    (
        "Sie kostet 40 Millionen Euro.",
        "It costs millions of euros.",
        [("PAIR_NUMBER_MISSING", "It costs millions of euros.")],
    ),
    (
        "Der Streik dauert an und niemand weiß wie lange.",
        "Der Streik dauert an und niemand weiß wie lange.",
        [("PAIR_UNTRANSLATED", "Der Streik dauert an und niemand weiß wie lange.")],
    ),
]


@pytest.mark.parametrize(("source", "mt"), PASSES)
def test_passes(source: str, mt: str) -> None:
    assert findings(source, mt) == []


@pytest.mark.parametrize(("source", "mt", "expected"), FAILS)
def test_fails(source: str, mt: str, expected: list[tuple[str, str]]) -> None:
    assert findings(source, mt) == expected


def test_a_misread_number_names_the_source_number_it_stands_for() -> None:
    segment = Segment(
        index=0, start=0, end=30, text="Inflation rose to 2,5 percent.", source="Die Inflation stieg auf 2,5 Prozent."
    )
    article = Article(path="p.jsonl", id="a", text=segment.text, segments=(segment,))
    (finding,) = PairChecker().check(article).findings
    assert finding.message == "2,5 reads as 25 in English, but the source has 2.5"


def test_numbers_too_long_for_int_are_still_compared() -> None:
    huge = "9" * 5000
    assert findings(f"Die Zahl {huge} stimmt.", f"The number {huge} is right.") == []
    assert [rule for rule, _ in findings(f"Die Zahl {huge} stimmt.", f"The number {huge}8 is right.")] == [
        "PAIR_NUMBER"
    ]


def test_empty_translation_of_a_source_segment_is_critical() -> None:
    segment = Segment(index=0, start=0, end=0, text="", source="Ein Satz.")
    article = Article(path="p.jsonl", id="a", text="", segments=(segment,))
    (finding,) = PairChecker().check(article).findings
    assert (finding.rule_id, finding.severity.label) == ("PAIR_EMPTY", "critical")


def test_segments_without_source_are_not_checked() -> None:
    segment = Segment(index=0, start=0, end=9, text="In 2,5 h.")
    article = Article(path="p.txt", id="p", text="In 2,5 h.", segments=(segment,))
    assert PairChecker().check(article).findings == []
