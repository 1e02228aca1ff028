"""`reviewer export`: one record per reviewed segment, round-tripping through JSONL and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.errors import ExitCode
from reviewer.export import COLUMNS
from reviewer.model import Article, Issue, Segment, Severity
from reviewer.store import ReviewStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TEXTS = ["Kim meets putin.", 'The summit, "historic", ended.', "No change needed."]


def article() -> Article:
    segments, offset = [], 0
    for i, text in enumerate(TEXTS):
        segments.append(Segment(i, offset, offset + len(text), text, reference="Kim meets Putin." if i == 0 else None))
        offset += len(text) + 2
    return Article(path="corpora/summit.txt", id="summit", text="\n\n".join(TEXTS), segments=tuple(segments))


@pytest.fixture
def db(any_db: Path | str) -> Path | str:
    """A reviewed store, on each backend."""
    path = any_db
    art = article()
    flagged = Issue(
        "rules",
        "PROPER_NOUN_CASE",
        "Fluency/Spelling",
        Severity.MINOR,
        "capitalise",
        "putin",
        10,
        15,
        1,
        11,
        0,
        ("Putin",),
    )
    false_alarm = Issue(
        "languagetool",
        "EN_QUOTES",
        "Fluency/Punctuation",
        Severity.MINOR,
        "smart quotes",
        '"historic"',
        31,
        41,
        3,
        14,
        1,
    )
    with ReviewStore.open(path) as store:
        review = store.open_review(art, [flagged, false_alarm])
        review.record_edit(0, "Kim meets Putin", reviewer="ana", started_at=T0, saved_at=T0 + timedelta(seconds=8))
        review.record_edit(
            0,
            "Kim meets Putin.",
            reviewer="ana",
            started_at=T0 + timedelta(seconds=9),
            saved_at=T0 + timedelta(seconds=12),
            issues_after=[],
        )
        review.decide(flagged, "accepted", reviewer="ana")
        review.decide(false_alarm, "dismissed", reviewer="ana")
        review.record_edit(
            1, "The summit, “historic”, ended.", reviewer="bo", started_at=T0, saved_at=T0 + timedelta(seconds=30)
        )
        review.annotate(1, "Style/Awkward", Severity.MINOR, reviewer="bo", start=4, end=10, note="fine, really")
    return path


def export(capsys: pytest.CaptureFixture[str], db: Path | str, fmt: str) -> str:
    assert main(["export", "--db", str(db), "--format", fmt]) == ExitCode.OK
    return capsys.readouterr().out


def test_jsonl_has_one_record_per_reviewed_segment_with_its_latest_edit(db, capsys):
    records = [json.loads(line) for line in export(capsys, db, "jsonl").splitlines()]
    assert [(r["segment"], r["post_edit"], r["edits"]) for r in records] == [
        (0, "Kim meets Putin.", 2),
        (1, "The summit, “historic”, ended.", 1),
    ]
    first, second = records
    assert list(first) == list(COLUMNS)
    assert (first["mt"], first["reviewer"], first["seconds"]) == ("Kim meets putin.", "ana", 3.0)
    assert (first["started_at"], first["saved_at"]) == (
        "2026-03-02T09:00:09.000+00:00",
        "2026-03-02T09:00:12.000+00:00",
    )
    assert first["hter"] == pytest.approx(100 / 3) and first["pe_ref_ter"] == 0.0
    assert first["bleu_signature"].startswith("nrefs:1|case:mixed|eff:yes")
    assert (first["issues_before"], first["issues_after"], first["accepted"]) == (1, 0, [first["issue_ids_before"][0]])
    assert (second["issues_after"], second["issue_ids_after"], second["mt_ref_bleu"]) == (None, None, None)
    assert len(second["dismissed"]) == 1
    assert second["annotations"][0] | {"created_at": None} == {
        "category": "Style/Awkward",
        "severity": "minor",
        "start": 4,
        "end": 10,
        "text": "summit",
        "note": "fine, really",
        "reviewer": "bo",
        "created_at": None,
    }


def test_csv_round_trips_to_the_same_records(db, capsys):
    from_jsonl = [json.loads(line) for line in export(capsys, db, "jsonl").splitlines()]
    rows = list(csv.DictReader(io.StringIO(export(capsys, db, "csv"))))
    assert len(rows) == len(from_jsonl)
    for row, record in zip(rows, from_jsonl):
        assert list(row) == list(COLUMNS)
        for column, value in record.items():
            if value is None:
                assert row[column] == "", column
            elif isinstance(value, (list, dict)):
                assert json.loads(row[column]) == value, column
            elif isinstance(value, float):
                assert float(row[column]) == value, column
            else:
                assert row[column] == str(value), column


def test_an_empty_store_exports_nothing_but_the_csv_header(tmp_path, capsys):
    ReviewStore.open(tmp_path / "empty.db").close()
    assert export(capsys, tmp_path / "empty.db", "jsonl") == ""
    assert export(capsys, tmp_path / "empty.db", "csv") == ",".join(COLUMNS) + "\n"


def test_output_file_is_replaced_whole_and_left_alone_on_error(db, tmp_path, capsys):
    target = tmp_path / "out" / "reviews.csv"
    target.parent.mkdir()
    target.write_text("old export\n", encoding="utf-8")
    assert main(["export", "--db", str(tmp_path / "missing.db"), "--output", str(target)]) == ExitCode.USAGE
    assert target.read_text(encoding="utf-8") == "old export\n"
    assert main(["export", "--db", str(db), "--format", "csv", "--output", str(target)]) == ExitCode.OK
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8").startswith("article_path,article_id")
    assert [p.name for p in target.parent.iterdir()] == ["reviews.csv"]


def test_the_database_comes_from_the_environment_by_default(db, monkeypatch, capsys):
    monkeypatch.setenv("REVIEWER_DB", str(db))
    assert main(["export"]) == ExitCode.OK
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_a_missing_database_is_one_line_naming_it(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "nope.db")]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert (
        err
        == f"reviewer: error: {tmp_path / 'nope.db'}: no review database here (nothing has been reviewed into it yet)\n"
    )


def test_help_shows_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "reviewer export --format csv --output reviews.csv" in capsys.readouterr().out


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_a_full_stdout_is_an_output_error_in_one_line(db: Path | str) -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reviewer", "export", "--db", str(db)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert result.returncode == ExitCode.USAGE
    assert result.stderr == "reviewer: error: cannot write to stdout: No space left on device\n"


def test_decisions_and_annotations_on_segments_never_edited_are_exported(any_db, capsys):
    path = any_db
    art = article()
    at = art.text.index("needed")
    flag = Issue("rules", "NEEDED", "Style/Awkward", Severity.MINOR, "wordy", "needed", at, at + 6, 5, 11, 2)
    with ReviewStore.open(path) as store:
        review = store.open_review(art, [flag])
        review.decide(flag, "dismissed", reviewer="ana", at=T0)
        review.annotate(1, "Accuracy/Omission", Severity.MAJOR, reviewer="bo", note="a clause is missing", at=T0)
        review.decide("accepted-elsewhere", "accepted", reviewer="cy", at=T0)  # no segment known: not a record
    records = [json.loads(line) for line in export(capsys, path, "jsonl").splitlines()]
    assert [(r["segment"], r["segment_number"], r["reviewer"], r["edits"]) for r in records] == [
        (1, 2, "bo", 0),
        (2, 3, "ana", 0),
    ]
    annotated, dismissed = records
    assert annotated["post_edit"] == annotated["mt"] == TEXTS[1], "never edited: the text is the MT"
    assert [a["note"] for a in annotated["annotations"]] == ["a clause is missing"]
    assert dismissed["dismissed"] == [flag.id] and dismissed["issue_ids_before"] == [flag.id]
    assert [r["mqm_confirmed"] for r in records] == [5.0, 0], "the penalty of the reviewer's annotations"
    for record in records:
        assert {k: record[k] for k in ("started_at", "saved_at", "seconds", "hter", "ter_signature")} == dict.fromkeys(
            ("started_at", "saved_at", "seconds", "hter", "ter_signature")
        ), "there was no save to time or score"
    rows = list(csv.DictReader(io.StringIO(export(capsys, path, "csv"))))
    assert [(row["segment"], row["segment_number"], row["seconds"]) for row in rows] == [("1", "2", ""), ("2", "3", "")]


def test_records_number_segments_from_one_for_people_and_index_them_from_zero(db, capsys):
    records = [json.loads(line) for line in export(capsys, db, "jsonl").splitlines()]
    assert [(r["segment"], r["segment_number"], r["system"]) for r in records] == [(0, 1, None), (1, 2, None)]
    assert list(COLUMNS)[-3:-1] == ["system", "segment_number"], "new fields come after the first release's"
