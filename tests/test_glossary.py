"""Glossaries (CSV and TBX): required renderings, and consistency across an article and a batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.checkers.glossary import ConsistencyChecker, GlossaryChecker
from reviewer.cli import main
from reviewer.errors import InputError
from reviewer.glossary import read_glossary
from reviewer.model import Article, Segment

TBX2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="c1">
    <langSet xml:lang="de"><tig><term>Landrat</term></tig></langSet>
    <langSet xml:lang="en-GB"><tig><term>district administrator</term></tig><tig><term>county commissioner</term></tig></langSet>
  </termEntry>
</body></text></martif>
"""
TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
  <conceptEntry id="c1">
    <langSec xml:lang="de"><termSec><term>Landrat</term></termSec></langSec>
    <langSec xml:lang="en"><termSec><term>district administrator</term></termSec><termSec><term>county commissioner</term></termSec></langSec>
  </conceptEntry>
</body></text></tbx>
"""
CSV = "source,target\nLandrat,district administrator\nLandrat,county commissioner\n# desk terms\nBundestag,Bundestag\n"


def article(pairs: list[tuple[str, str]], name: str = "a") -> Article:
    segments, text = [], ""
    for index, (source, mt) in enumerate(pairs):
        segments.append(Segment(index, len(text), len(text) + len(mt), mt, source=source))
        text += mt + "\n"
    return Article(f"{name}.jsonl", name, text, tuple(segments), source_lang="de")


@pytest.fixture(params=[("terms.csv", CSV), ("terms.tbx", TBX2), ("terms3.tbx", TBX3)], ids=["csv", "tbx2", "tbx3"])
def glossary_file(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    name, content = request.param
    (tmp_path / name).write_text(content, encoding="utf-8")
    return str(tmp_path / name)


def test_a_source_term_without_its_required_rendering_is_flagged(glossary_file: str) -> None:
    checker = GlossaryChecker([read_glossary(glossary_file)])
    a = article(
        [
            ("Der Landrat sprach.", "The district chief spoke."),
            ("Die Landräte sprachen.", "The district administrators spoke."),  # inflected on both sides
            ("Der Bürgermeister sprach.", "The mayor spoke."),
        ]
    )
    findings = checker.check(a).findings
    assert [(f.rule_id, a.text[f.start : f.end]) for f in findings] == [("GLOSSARY", "The district chief spoke.")]
    assert '"district administrator" or "county commissioner"' in findings[0].message


def test_minority_renderings_are_flagged_naming_the_majority(glossary_file: str) -> None:
    checker = ConsistencyChecker([read_glossary(glossary_file)])
    a = article(
        [
            ("Der Landrat sprach.", "The district administrator spoke."),
            ("Der Landrat ging.", "The county commissioner left."),
            ("Der Landrat kam.", "The district administrator came."),
        ]
    )
    findings = checker.check(a).findings
    assert [a.text[f.start : f.end] for f in findings] == ["county commissioner"]
    assert 'which this article renders "district administrator" 2 times' in findings[0].message
    assert findings[0].suggestions == ("district administrator",)


def test_consistency_over_a_batch_counts_every_article(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(CSV, encoding="utf-8")
    glossary = read_glossary(str(tmp_path / "t.csv"))
    first = article([("Der Landrat sprach.", "The county commissioner spoke.")], "first")
    others = [article([("Der Landrat kam.", "The district administrator came.")], f"n{i}") for i in range(2)]
    assert ConsistencyChecker([glossary]).check(first).findings == []  # alone, it is consistent
    batch = ConsistencyChecker([glossary]).for_batch([first, *others])
    assert [f.message.split(",")[0] for f in batch.check(first).findings] == ['"county commissioner" renders "Landrat"']
    assert batch.signature().report()["scope"] == "batch"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("source,target\nLandrat\n", "t.csv:2: expected two columns, source and target, got 1"),
        ("source,target\n", "t.csv: no glossary entries"),
        ("Landrat,,x\n", "t.csv:1: expected two columns"),
    ],
)
def test_a_broken_glossary_is_one_line_naming_file_and_line(tmp_path: Path, content: str, problem: str) -> None:
    (tmp_path / "t.csv").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_glossary(str(tmp_path / "t.csv"))
    assert str(raised.value).startswith(str(tmp_path / problem.split(":")[0]) + problem[len(problem.split(":")[0]) :])


def test_check_with_a_glossary_reports_and_exits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "t.csv").write_text(CSV, encoding="utf-8")
    bundle = {
        "id": "a",
        "source_lang": "de",
        "target_lang": "en",
        "segments": [{"source": "Der Landrat sprach.", "mt": "The district chief spoke."}],
    }
    (tmp_path / "a.jsonl").write_text(json.dumps(bundle) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(
        [
            "check",
            "--no-languagetool",
            "--no-cache",
            "--glossary",
            "t.csv",
            "--format",
            "json",
            "--fail-on",
            "major",
            "a.jsonl",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [i["rule_id"] for i in report["articles"][0]["issues"]] == ["GLOSSARY"]
    assert set(report["checkers"]) >= {"glossary", "consistency"}
    assert main(["check", "--no-languagetool", "--glossary", "missing.csv", "a.jsonl"]) == 2
    assert capsys.readouterr().err.strip().endswith("missing.csv: no such file or directory")
