"""Bundles become test sets only when every system translates the same referenced segments."""

from __future__ import annotations

import pytest

from reviewer.errors import ConfigError, InputError
from reviewer.model import Article, Segment
from reviewer.scoring import build_test_set


def article(path: str, id_: str, system: str | None, texts: list[str], refs: list[str | None]) -> Article:
    segments, offset = [], 0
    for i, (text, ref) in enumerate(zip(texts, refs)):
        segments.append(Segment(i, offset, offset + len(text), text, reference=ref))
        offset += len(text) + 1
    return Article(path=path, id=id_, text="\n".join(texts), segments=tuple(segments), system=system)


A1 = article("t.xml", "d1", "a", ["Hello World.", "It rains."], ["Hello world.", "It is raining."])
A2 = article("t.xml", "d2", "a", ["Good Morning."], ["Good morning."])
B1 = article("t.xml", "d1", "b", ["Hi world.", "It is raining."], ["Hello world.", "It is raining."])
B2 = article("t.xml", "d2", "b", ["Good morning."], ["Good morning."])


def test_systems_line_up_on_the_baselines_segments():
    test_set = build_test_set([A1, A2, B1, B2], ["b", "a"])
    assert test_set.references == ["Hello world.", "It is raining.", "Good morning."]
    assert test_set.systems == [
        ("b", ["Hi world.", "It is raining.", "Good morning."]),
        ("a", ["Hello World.", "It rains.", "Good Morning."]),
    ]
    assert [(a.id, a.start, a.stop) for a in test_set.articles] == [("d1", 0, 2), ("d2", 2, 3)]
    assert test_set.labels == [("d1", 0), ("d1", 1), ("d2", 0)]


def test_articles_without_a_system_are_one_system():
    plain = article("x.jsonl", "x", None, ["One."], ["One!"])
    assert [name for name, _ in build_test_set([plain]).systems] == ["MT"]


@pytest.mark.parametrize(
    ("articles", "systems", "error", "message"),
    [
        ([A1, A2, B1], [], InputError, "t.xml: system 'b' lacks segment 0 of article 'd2' compared with system 'a'"),
        ([A1, B1, B2], [], InputError, "t.xml: system 'b' has an extra segment 0 of article 'd2'"),
        ([A1, B1], ["c"], ConfigError, "unknown system 'c' (the inputs have: a, b)"),
        (
            [article("x.jsonl", "x", None, ["One.", "Two."], ["One!", None])],
            [],
            InputError,
            "x.jsonl: article 'x' segment 1 has no reference to score against",
        ),
        ([A1, A1], [], InputError, "t.xml: article id 'd1' appears twice in one system"),
    ],
)
def test_misaligned_or_unreferenced_bundles_are_refused(articles, systems, error, message):
    with pytest.raises(error) as raised:
        build_test_set(articles, systems)
    assert str(raised.value).startswith(message)


def test_an_article_is_scored_as_a_corpus_only_when_every_segment_has_a_reference():
    from sacrebleu.metrics import TER

    from reviewer.scoring import article_scores

    scores = article_scores(A1)
    expected = TER(case_sensitive=True).corpus_score(
        ["Hello World.", "It rains."], [["Hello world.", "It is raining."]]
    )
    assert scores["ter"].score == expected.score
    assert scores["bleu"].signature.startswith("nrefs:1|case:mixed|eff:no")
    assert article_scores(article("x.jsonl", "x", None, ["One.", "Two."], ["One!", None])) is None
