"""MQM annotations in the WMT TSV layout: export, import, and the round trip."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.loaders import LoadOptions, load_file
from reviewer.model import Severity
from reviewer.store import ReviewStore

ROOT = Path(__file__).resolve().parent.parent
AT = datetime(2024, 4, 23, 9, 0, tzinfo=UTC)
HEADER = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity"


def annotated_store(tmp_path: Path) -> Path:
    """corpora/storm-ferries.txt with two annotations in one segment, one whole-segment
    annotation in another, and a third segment confirmed clean."""
    article = load_file(str(ROOT / "corpora" / "storm-ferries.txt"), LoadOptions()).articles[0]
    db = tmp_path / "reviews.db"
    with ReviewStore.open(db) as store:
        review = store.open_review(article)
        text = article.segments[2].text
        word = text.split()[1]
        review.annotate(2, "Fluency/Grammar", Severity.MAJOR, reviewer="anna", start=0, end=len(text.split()[0]), at=AT)
        start = text.index(word)
        review.annotate(2, "Style/Awkward", Severity.MINOR, reviewer="ben", start=start, end=start + len(word), at=AT)
        review.annotate(3, "Accuracy/Omission", Severity.CRITICAL, reviewer="anna", at=AT)
        review.record_edit(4, article.segments[4].text, reviewer="anna", started_at=AT)
    return db


def annotations(db: Path) -> list[tuple]:
    with ReviewStore.open(db, readonly=True) as store:
        return sorted(
            (s.article_id, s.segment, a.text, a.start, a.category, a.severity.label, a.reviewer)
            for s in store.reviewed_segments()
            for a in s.annotations
        )


def test_export_writes_the_wmt_layout(tmp_path, capsys):
    db = annotated_store(tmp_path)
    assert main(["export", "--db", str(db), "--format", "mqm"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == HEADER
    rows = list(csv.DictReader(out.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert [(r["seg_id"], r["rater"], r["category"], r["severity"]) for r in rows] == [
        ("3", "anna", "Fluency/Grammar", "Major"),
        ("3", "ben", "Style/Awkward", "Minor"),
        ("4", "anna", "Accuracy/Omission", "Critical"),
        ("5", "anna", "No-error", "No-error"),
    ]
    assert rows[0]["target"].startswith("<v>") and rows[0]["target"].count("</v>") == 1
    assert "<v>" not in rows[2]["target"] and "<v>" not in rows[3]["target"]
    assert {r["doc"] for r in rows} == {"storm-ferries"} and {r["doc_id"] for r in rows} == {"1"}


def test_export_import_round_trip_keeps_the_annotations(tmp_path, capsys):
    db = annotated_store(tmp_path)
    tsv = tmp_path / "annotations.tsv"
    assert main(["export", "--db", str(db), "--format", "mqm", "--output", str(tsv)]) == 0
    again = tmp_path / "again.db"
    assert main(["import", "--format", "mqm", str(tsv), "--db", str(again)]) == 0
    err = capsys.readouterr().err
    assert "3 annotation(s) (2 with a span) and 1 No-error row(s) on 3 segment(s) of 1 document(s)" in err
    assert "our flags:" in err
    theirs = [(seg, text, start, *rest) for _, seg, text, start, *rest in annotations(db)]
    ours = annotations(again)
    # the imported document holds the exported segments only, so segment numbers shift
    assert [(text, start, *rest) for _, _, text, start, *rest in ours] == [
        (text, start, *rest) for _, text, start, *rest in theirs
    ]
    second = tmp_path / "second.tsv"
    assert main(["export", "--db", str(again), "--format", "mqm", "--output", str(second)]) == 0
    drop_ids = lambda path: [line.split("\t")[4:] for line in path.read_text(encoding="utf-8").splitlines()]  # noqa: E731
    assert drop_ids(second) == drop_ids(tsv)
    assert main(["import", "--format", "mqm", str(tsv), "--db", str(again)]) == 0
    assert "already in the database" in capsys.readouterr().err
    assert annotations(again) == ours


def test_import_compares_spans_with_our_flags_and_skips_neutral(tmp_path, capsys):
    tsv = tmp_path / "wmt.tsv"
    rows = [
        HEADER,
        "sys-a\tdoc1\t1\t7\tr1\tsrc\tPrices rose by <v>2,5</v> percent.\tLocale convention/Number format\tMajor",
        "sys-a\tdoc1\t1\t7\tr2\tsrc\tPrices rose by 2,5 <v>percent</v>.\tStyle/Awkward\tNeutral",
        "sys-a\tdoc1\t1\t8\tr1\tsrc\tHe called it „rash“.\tNo-error\tNo-error",
    ]
    tsv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "reviews.db"
    assert main(["import", str(tsv), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "1 row(s) with severity 'Neutral' not recorded" in err
    assert "annotated spans a flag overlaps: 1 of 1 (same span: 1); flags on an annotated span: 1 of 2" in err
    assert main(["rules", "stats", "--db", str(db), "--format", "json"]) == 0

    stats = {r["rule_id"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    assert stats["GERMAN_QUOTES"]["stood"] == 1  # r1 found segment 8 clean


def test_a_malformed_file_is_one_line_error(tmp_path, capsys):
    tsv = tmp_path / "bad.tsv"
    tsv.write_text(HEADER + "\nsys\tdoc\t1\t1\tr1\tsrc\ttarget only\n", encoding="utf-8")
    assert main(["import", str(tsv), "--db", str(tmp_path / "r.db")]) == 2
    assert f"{tsv}:2: expected 9 tab-separated fields, found 7" in capsys.readouterr().err


def test_a_flag_proposes_its_annotation(tmp_path):
    from reviewer.checkers.rules import RulesChecker
    from reviewer.mqm_proposal import proposed_annotation
    from reviewer.pipeline import check_article
    from reviewer.rules import load_packs

    path = tmp_path / "a.txt"
    path.write_text("Title\n\nHe called it „rash“.\n", encoding="utf-8")
    article = load_file(str(path), LoadOptions()).articles[0]
    issue = check_article(article, [RulesChecker(load_packs([ROOT / "rules"]).packs)]).issues[0]
    proposed = proposed_annotation(issue, article.segments[1], Severity.MAJOR)
    with ReviewStore.open(tmp_path / "r.db") as store:
        review = store.open_review(article, [issue])
        kept = review.annotate(
            proposed.segment,
            proposed.category,
            proposed.severity,
            reviewer="anna",
            start=proposed.start,
            end=proposed.end,
        )
    assert (kept.text, kept.category, kept.severity) == ("„rash“", "Fluency/Punctuation", Severity.MAJOR)


def test_import_records_into_reviewer_db_when_no_db_is_given(tmp_path, capsys, monkeypatch):
    db = annotated_store(tmp_path)
    tsv = tmp_path / "annotations.tsv"
    assert main(["export", "--db", str(db), "--format", "mqm", "--output", str(tsv)]) == 0
    monkeypatch.setenv("REVIEWER_DB", str(tmp_path / "team.db"))
    assert main(["import", "--format", "mqm", str(tsv)]) == 0
    assert len(annotations(tmp_path / "team.db")) == len(annotations(db))


def write_tsv(tmp_path: Path, *rows: str) -> Path:
    tsv = tmp_path / "m.tsv"
    tsv.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return tsv


def test_an_empty_span_is_an_annotation_of_the_whole_segment(tmp_path, capsys):
    tsv = write_tsv(tmp_path, "sys\tdoc1\t1\t1\tr1\tsrc\t<v></v>The ferry left.\tAccuracy/Omission\tMajor")
    db = tmp_path / "r.db"
    assert main(["import", str(tsv), "--db", str(db)]) == 0
    assert [(a[2], a[3], a[4]) for a in annotations(db)] == [(None, None, "Accuracy/Omission")]


BAD_ROWS = {
    "different targets": (
        [
            "sys\tdoc1\t1\t1\tr1\tsrc\tThe <v>ferry</v> left.\tStyle/Awkward\tMinor",
            "sys\tdoc1\t1\t1\tr2\tsrc\tThe boat <v>left</v>.\tStyle/Awkward\tMinor",
        ],
        3,
        "segment 1 of sys/doc1 has another target on line 3",
    ),
    "seg_id": (["sys\tdoc1\t1\tone\tr1\tsrc\tThe ferry left.\tNo-error\tNo-error"], 2, "seg_id 'one' is not a number"),
    "severity": (
        [
            "sys\tdoc1\t1\t1\tr1\tsrc\tThe <v>ferry</v> left.\tStyle/Awkward\tMinor",
            "sys\tdoc1\t1\t2\tr1\tsrc\tIt <v>rained</v>.\tStyle/Awkward\tMajr",
        ],
        3,
        "unknown severity 'Majr'",
    ),
    "unclosed": (
        ["sys\tdoc1\t1\t1\tr1\tsrc\tThe <v>ferry left.\tStyle/Awkward\tMinor"],
        2,
        "the <v> span is not closed",
    ),
}


@pytest.mark.parametrize("case", BAD_ROWS)
def test_a_bad_row_is_an_error_naming_its_line_and_nothing_is_imported(tmp_path, capsys, case):
    rows, line, message = BAD_ROWS[case]
    tsv = write_tsv(tmp_path, "sys\tdoc0\t1\t1\tr1\tsrc\tAll <v>good</v>.\tStyle/Awkward\tMinor", *rows)
    db = tmp_path / "r.db"
    assert main(["import", str(tsv), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"{tsv}:{line + 1}: {message}" in err, err
    assert "Traceback" not in err
    assert not db.exists() or annotations(db) == []


def test_spans_from_raters_of_the_same_target_are_kept(tmp_path, capsys):
    tsv = write_tsv(
        tmp_path,
        "sys\tdoc1\t1\t1\tr1\tsrc\tThe <v>ferry</v> left.\tStyle/Awkward\tMinor",
        "sys\tdoc1\t1\t1\tr2\tsrc\tThe ferry <v>left</v>.\tStyle/Awkward\tMinor",
    )
    db = tmp_path / "r.db"
    assert main(["import", str(tsv), "--db", str(db)]) == 0
    assert [a[2] for a in annotations(db)] == ["ferry", "left"]


def test_import_reads_the_language_like_check(tmp_path, capsys, monkeypatch):
    tsv = write_tsv(tmp_path, "sys\tdoc1\t1\t1\tr1\tsrc\tThe ferry left.\tNo-error\tNo-error")
    assert main(["import", str(tsv), "--db", str(tmp_path / "r.db"), "--lang", "eng"]) == 2
    assert "--lang: unknown language 'eng'" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reviewer.yaml").write_text("lang: xx\n", encoding="utf-8")
    assert main(["import", str(tsv), "--db", str(tmp_path / "r.db")]) == 2
    assert "reviewer.yaml:1: unknown language 'xx'" in capsys.readouterr().err
    (tmp_path / "reviewer.yaml").write_text("lang: de\n", encoding="utf-8")
    assert main(["import", str(tsv), "--db", str(tmp_path / "r.db")]) == 0
    with sqlite3.connect(tmp_path / "r.db") as db:
        assert db.execute("SELECT lang FROM articles").fetchall() == [("de-DE",)]


def test_a_document_with_a_row_the_store_refuses_is_not_created(tmp_path):
    from reviewer.errors import InputError
    from reviewer.mqm_import import import_mqm
    from reviewer.mqm_tsv import MqmDocument, MqmError, MqmFile, MqmSegment

    good = MqmDocument("sys", "doc0", {"1": MqmSegment("1", "All good.", None, [])})
    beyond = MqmError("r1", "Style/Awkward", Severity.MINOR, (5, 40), 7)
    bad = MqmDocument("sys", "doc1", {"1": MqmSegment("1", "The ferry left.", None, [beyond])})
    refused = pytest.raises(InputError, match=r"m\.tsv:7: span 5-40 is outside the target")
    with ReviewStore.open(tmp_path / "r.db") as store, refused:
        import_mqm(store, MqmFile([good, bad], {}), "m.tsv", "en-US", [])
    with sqlite3.connect(tmp_path / "r.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchall() == [(0,)]
