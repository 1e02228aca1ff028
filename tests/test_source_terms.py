"""Source-aware terms: an English rendering is flagged only when the segment's source has
the German expression, on any inflection of either side."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from reviewer.checkers.source_terms import SourceTermsChecker
from reviewer.cli import main
from reviewer.model import Article, Segment
from reviewer.rules import load_packs

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
HEADER = "pack: t\nlanguages: [en]\nsource_languages: [de]\nterms:\n"


def write_terms(directory: Path, terms_yaml: str, header: str = HEADER) -> Path:
    path = directory / "terms.yaml"
    path.write_text(header + textwrap.indent(textwrap.dedent(terms_yaml), "  "), encoding="utf-8")
    return path


def article(pairs: list[tuple[str | None, str]], source_lang: str | None = "de") -> Article:
    segments, text, at = [], "", 0
    for index, (source, mt) in enumerate(pairs):
        segments.append(Segment(index, at, at + len(mt), mt, source=source))
        text += mt + "\n"
        at = len(text)
    return Article("a.jsonl", "a", text, tuple(segments), source_lang=source_lang)


def checker_for(tmp_path: Path, term_yaml: str, bad: tuple[str, str], ok: tuple[str, str]) -> SourceTermsChecker:
    examples = (
        "examples:\n"
        f"  bad: [{{source: {json.dumps(bad[0])}, text: {json.dumps(bad[1])}}}]\n"
        f"  ok: [{{source: {json.dumps(ok[0])}, text: {json.dumps(ok[1])}}}]\n"
    )
    body = textwrap.dedent(term_yaml) + examples
    load = load_packs([write_terms(tmp_path, "- id: T\n" + textwrap.indent(body, "  "))])
    assert [str(e) for e in load.errors] == []
    return SourceTermsChecker(load.packs)


def flagged(checker: SourceTermsChecker, source: str, mt: str) -> list[str]:
    a = article([(source, mt)])
    return [a.text[f.start : f.end] for f in checker.check(a).findings]


TABLE = [
    (  # inflections on both sides: "bekam" is bekommen, "became" is become
        "source: bekommen\ntarget: become\n",
        ("Sie bekam einen Preis.", "She <m>became</m> a prize."),
        ("Sie bekam einen Preis.", "She got a prize."),
        [
            ("Die Kinder bekommen Geld.", "The children become money.", ["become"]),
            ("Er wurde Präsident.", "He became president.", []),
        ],
    ),
    (  # `&`: parts in any order within a sentence; `...`: words between
        "source: Kritik & üben\ntarget: exercise ... criticism\n",
        ("Er übte Kritik.", "He <m>exercised criticism</m>."),
        ("Er übte Kritik.", "He criticised it."),
        [
            ("Kritik wurde von allen Seiten geübt.", "Criticism was exercised.", []),
            (
                "Kritik wurde von allen Seiten geübt.",
                "All sides exercised harsh criticism.",
                ["exercised harsh criticism"],
            ),
            ("Er übte. Kritik kam später.", "He exercised criticism.", []),
        ],
    ),
    (  # `#` is a number in digits or words; `=form` only that form
        "source: '=rund #'\ntarget: 'round #'\n",
        ("Rund 300 Menschen kamen.", "<m>Round 300</m> people came."),
        ("Rund 300 Menschen kamen.", "Some 300 people came."),
        [
            ("Es kamen rund zwanzig Menschen.", "Round twenty people came.", ["Round twenty"]),
            ("Es kamen runde 300 Menschen.", "Round 300 people came.", []),
        ],
    ),
    (  # `*word`: a compound ending in it; unless_source and unless_target excuse a match
        "source: '*gift'\ntarget: gift\nunless_source: Geschenk\nunless_target: gift shop\n",
        ("Er starb an Rattengift.", "He died of rat <m>gift</m>."),
        ("Er starb an Rattengift.", "He died of rat poison."),
        [
            ("Das Rattengift ist ein Geschenk.", "The rat gift is a gift.", []),
            ("Rattengift gab es im Laden.", "Rat poison was in the gift shop.", []),
        ],
    ),
    (  # nested renderings make one finding, the longer
        "source: im Rahmen\ntarget: [in the frame of, in the frame]\n",
        ("Im Rahmen der Feier sang er.", "<m>In the frame of</m> the party he sang."),
        ("Im Rahmen der Feier sang er.", "During the party he sang."),
        [
            (
                "Im Rahmen des Festes sang er.",
                "In the frame of the fest and in the frame he sang.",
                ["In the frame of", "in the frame"],
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("term", "bad", "ok", "cases"), TABLE, ids=["lemmas", "and-gap", "number-form", "affix-unless", "nested"]
)
def test_term_matching(tmp_path: Path, term: str, bad: tuple[str, str], ok: tuple[str, str], cases: list) -> None:
    checker = checker_for(tmp_path, term, bad, ok)
    for source, mt, expected in cases:
        assert flagged(checker, source, mt) == expected, (source, mt)


def test_only_segments_with_the_source_expression_are_flagged_at_article_offsets(tmp_path: Path) -> None:
    checker = checker_for(
        tmp_path,
        "source: eventuell\ntarget: eventually\n",
        ("Er kommt eventuell.", "He will <m>eventually</m> come."),
        ("Er kommt eventuell.", "He may come."),
    )
    a = article(
        [
            ("Am Ende kam er.", "Eventually he came."),
            ("Er kommt eventuell.", "He will eventually come."),
            (None, "He will eventually come."),
        ]
    )
    findings = checker.check(a).findings
    assert [(f.start, a.text[f.start : f.end], f.rule_id) for f in findings] == [(28, "eventually", "T")]
    assert 'renders German "eventuell"' in findings[0].message
    assert (
        checker.check(article([("Il viendra peut-être.", "He will eventually come.")], source_lang="fr")).findings == []
    )


@pytest.mark.parametrize(
    ("terms", "problem"),
    [
        ("- id: T\n  source: '…'\n  target: x\n", "source: '…': '…' is not one word"),
        ("- id: T\n  source: a\n  target: '... x'\n", "... must stand between two words"),
        (
            "- id: T\n  source: a\n  target: x\n  examples:\n    bad: ['<m>x</m>']\n    ok: [y]\n",
            "bad example 1 must be a mapping with source and text",
        ),
        (
            "- id: T\n  source: a\n  target: x\n  examples:\n    bad: [{source: a, text: '<m>x</m> x'}]\n    ok: [{source: a, text: y}]\n",
            "bad example 1: expected",
        ),
        ("- id: T\n  sorce: a\n  target: x\n", "unknown field 'sorce' (did you mean 'source'?)"),
    ],
)
def test_a_broken_term_names_file_line_and_id(tmp_path: Path, terms: str, problem: str) -> None:
    errors = [str(e) for e in load_packs([write_terms(tmp_path, terms)]).errors]
    assert any("terms.yaml:" in e and "[T]" in e and problem in e for e in errors), errors


def test_terms_need_the_source_language(tmp_path: Path) -> None:
    path = write_terms(tmp_path, "- id: T\n", header="pack: t\nlanguages: [en]\nterms:\n")
    errors = [str(e) for e in load_packs([path]).errors]
    assert any("a pack with terms needs source_languages" in e for e in errors), errors


def test_the_shipped_table_has_at_least_150_sound_entries() -> None:
    load = load_packs([RULES_DIR / "de-en-source-terms.yaml"])
    assert not load.errors, [str(e) for e in load.errors]
    terms = load.packs[0].terms
    assert len(terms) >= 150
    assert all({e.kind for e in term.examples} == {"bad", "ok"} for term in terms)


def test_check_flags_a_bundle_with_sources_and_rules_test_counts_terms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = {
        "id": "a1",
        "source_lang": "de",
        "target_lang": "en",
        "segments": [
            {"source": "Die Sitzung wird eventuell verschoben.", "mt": "The session will eventually be postponed."}
        ],
    }
    (tmp_path / "a.jsonl").write_text(json.dumps(bundle) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert (
        main(["check", "--no-languagetool", "--no-cache", "--rules", str(RULES_DIR), "--format", "json", "a.jsonl"])
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    issues = report["articles"][0]["issues"]
    assert [(i["checker"], i["rule_id"], i["text"]) for i in issues] == [("source_terms", "DE.EVENTUELL", "eventually")]
    assert report["checkers"]["source_terms"]["count"] >= 150
    assert main(["rules", "test", "--rules", str(RULES_DIR)]) == 0
    assert "source terms in" in capsys.readouterr().out.splitlines()[-1]
