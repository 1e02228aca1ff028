"""Rule precision from the review record, and what `check` does with it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.checkers.rules import RulesChecker
from reviewer.cli import main
from reviewer.loaders import LoadOptions, load_file
from reviewer.pipeline import check_article
from reviewer.rule_stats import span_changed, wilson
from reviewer.rules import load_packs
from reviewer.store import DecisionState, ReviewStore

RULES = Path(__file__).resolve().parent.parent / "rules"
ARTICLE = """Talks stall

He called the plan „rash“ on Monday.

The mayor promised „full transparency“ today.

Unemployment rose by 2,5 percent in March.

Growth reached 1,5 percent last year.

Prices rose by 3,5 percent in May.
"""
AT = datetime(2024, 4, 23, 9, 0, tzinfo=UTC)


def reviewed_store(tmp_path: Path) -> Path:
    """A store where GERMAN_QUOTES was applied once and dismissed once, and DECIMAL_COMMA
    had its words changed once, stood in a confirmed segment once and is pending once."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    article = load_file(str(path), LoadOptions()).articles[0]
    issues = check_article(article, [RulesChecker(load_packs([RULES]).packs)]).issues
    db = tmp_path / "reviews.db"
    with ReviewStore.open(db) as store:
        review = store.open_review(article, issues)
        by_segment = {issue.segment: issue for issue in issues}
        review.decide(by_segment[1], DecisionState.ACCEPTED, reviewer="anna", at=AT)
        review.record_edit(1, "He called the plan “rash” on Monday.", reviewer="anna", started_at=AT)
        review.decide(by_segment[2], DecisionState.DISMISSED, reviewer="anna", at=AT)
        review.record_edit(3, "Unemployment rose by 2.5 percent in March.", reviewer="anna", started_at=AT)
        review.record_edit(4, article.segments[4].text, reviewer="anna", started_at=AT)  # confirmed as it is
    return db


def test_rules_stats_tells_what_became_of_each_flag(tmp_path, capsys):
    db = reviewed_store(tmp_path)
    assert main(["rules", "stats", "--db", str(db), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "reviewer.rule-stats/1"
    table = {
        r["rule_id"]: (r["checker"], r["flagged"], r["applied"], r["changed"], r["dismissed"], r["stood"], r["pending"])
        for r in report["rules"]
    }
    assert table == {
        "GERMAN_QUOTES": ("rules", 2, 1, 0, 1, 0, 0),
        "DECIMAL_COMMA": ("rules", 2, 0, 1, 0, 1, 1),
    }
    quotes = next(r for r in report["rules"] if r["rule_id"] == "GERMAN_QUOTES")
    assert quotes["precision"] == 0.5
    assert quotes["interval"] == [0.0945, 0.9055]
    assert [(e["text"], e["outcome"]) for e in quotes["examples"]] == [
        ("„rash“", "applied"),
        ("„full transparency“", "dismissed"),
    ]


def test_rules_stats_text_table(tmp_path, capsys):
    db = reviewed_store(tmp_path)
    assert main(["rules", "stats", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:7] == ["RULE", "CHECKER", "FLAGS", "APPLIED", "CHANGED", "DISMISSED", "STOOD"]
    assert lines[1].split()[:9] == ["DECIMAL_COMMA", "rules", "2", "0", "1", "0", "1", "0.50", "0.09-0.91"]


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [(1, 2, 0.0945, 0.9055), (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0), (0, 0, 0.0, 1.0)],
)
def test_wilson_interval(successes, trials, low, high):
    assert [round(x, 4) for x in wilson(successes, trials)] == [low, high]


@pytest.mark.parametrize(
    ("after", "changed"),
    [
        ("rose by 2.5 percent", True),
        ("rose by  percent", True),
        ("climbed by 2,5 percent", False),
        ("rose by 2,5 per cent", False),
    ],
)
def test_span_changed(after, changed):
    before = "rose by 2,5 percent"
    assert span_changed(before, after, 8, 11) is changed


def check_json(tmp_path: Path, *extra: str) -> dict:
    path = tmp_path / "new.txt"
    path.write_text("Prices\n\nPrices rose by 4,5 percent and „sharply“ in June.\n", encoding="utf-8")
    code = main(["check", str(path), "--no-languagetool", "--no-cache", "--format", "json", *extra])
    assert code in (0, 1)
    return json.loads(Path(tmp_path / "report.json").read_text(encoding="utf-8"))


def test_min_rule_precision_leaves_out_rules_proven_below_it(tmp_path, capsys, monkeypatch):
    db = tmp_path / "reviews.db"
    path = tmp_path / "article.txt"
    path.write_text("Title\n\n" + "\n\n".join(f"Item {n} was „good“ today." for n in range(6)) + "\n", encoding="utf-8")
    article = load_file(str(path), LoadOptions()).articles[0]
    issues = check_article(article, [RulesChecker(load_packs([RULES]).packs)]).issues
    with ReviewStore.open(db) as store:
        review = store.open_review(article, issues)
        for issue in issues:
            review.decide(issue, DecisionState.DISMISSED, reviewer="anna", at=AT)
    monkeypatch.chdir(tmp_path)
    plain = check_json(tmp_path, "--output", "report.json")
    tuned = check_json(tmp_path, "--output", "report.json", "--min-rule-precision", "0.5", "--db", str(db))
    rules_of = lambda report: sorted(i["rule_id"] for a in report["articles"] for i in a["issues"])  # noqa: E731
    assert rules_of(plain) == ["DECIMAL_COMMA", "GERMAN_QUOTES"]
    assert rules_of(tuned) == ["DECIMAL_COMMA"]
    learned = tuned["checkers"]["rule_tuning"]["learned"]
    assert learned["below"] == ["GERMAN_QUOTES"] and learned["db"] == str(db)
    assert "rule_tuning" in tuned["signature"] and "rule_tuning" not in plain["signature"]
    # six dismissals out of six do not prove a precision below 0.3 (the interval reaches 0.39)
    cautious = check_json(tmp_path, "--output", "report.json", "--min-rule-precision", "0.3", "--db", str(db))
    assert rules_of(cautious) == ["DECIMAL_COMMA", "GERMAN_QUOTES"]


def test_reviewer_yaml_mutes_and_demotes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reviewer.yaml").write_text("rule_tuning:\n  mute: [GERMAN_QUOTES]\n  demote: [DECIMAL_COMMA]\n")
    report = check_json(tmp_path, "--output", "report.json")
    assert [(i["rule_id"], i["severity"]) for a in report["articles"] for i in a["issues"]] == [
        ("DECIMAL_COMMA", "minor")
    ]
    assert report["checkers"]["rule_tuning"]["muted"] == ["GERMAN_QUOTES"]


def test_a_broken_tuning_block_is_one_line_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reviewer.yaml").write_text("rule_tuning:\n  mute: GERMAN_QUOTES\n")
    (tmp_path / "a.txt").write_text("Title\n", encoding="utf-8")
    assert main(["check", "a.txt", "--no-languagetool"]) == 2
    assert "reviewer.yaml: rule_tuning.mute must be a list of rule ids" in capsys.readouterr().err


def test_rules_stats_reads_the_database_from_reviewer_db_or_the_default_place(tmp_path, capsys, monkeypatch):
    db = reviewed_store(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REVIEWER_DB", str(db))
    assert main(["rules", "stats", "--format", "json"]) == 0
    assert {r["rule_id"] for r in json.loads(capsys.readouterr().out)["rules"]} == {"GERMAN_QUOTES", "DECIMAL_COMMA"}
    monkeypatch.delenv("REVIEWER_DB")
    (tmp_path / ".reviewer").mkdir()
    db.rename(tmp_path / ".reviewer" / "reviews.db")
    assert main(["rules", "stats", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["rules"]) == 2


@pytest.mark.parametrize(
    ("environ", "db", "said"),
    [
        (None, None, "the default place, .reviewer/reviews.db in the working directory"),
        ("env.db", None, "from $REVIEWER_DB"),
        ("env.db", "given.db", "given with --db"),
    ],
)
def test_min_rule_precision_without_a_database_says_where_it_looked(tmp_path, capsys, monkeypatch, environ, db, said):
    monkeypatch.chdir(tmp_path)
    if environ:
        monkeypatch.setenv("REVIEWER_DB", environ)
    else:
        monkeypatch.delenv("REVIEWER_DB")
    path = tmp_path / "new.txt"
    path.write_text("Prices\n\nPrices rose.\n", encoding="utf-8")
    options = ["--db", db] if db else []
    assert main(["check", str(path), "--no-languagetool", "--min-rule-precision", "0.5", *options]) == 2
    err = capsys.readouterr().err
    looked = db or environ or tmp_path / ".reviewer" / "reviews.db"
    assert f"--min-rule-precision: no review database at {looked} ({said})" in err, err
    assert "with this --db" not in err


def test_a_tuned_id_that_cannot_be_a_rule_is_a_warning(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reviewer.yaml").write_text(
        "rule_tuning:\n  mute: [DE.NOPE, GERMAN_QUOTES, EN_COMPOUNDS, PAIR_NOPE]\n  demote: [nope-rule, PAIR_NUMBER]\n"
    )
    check_json(tmp_path, "--output", "report.json")
    warnings = [line for line in capsys.readouterr().err.splitlines() if "rule_tuning" in line]
    yaml_path = tmp_path / "reviewer.yaml"
    assert warnings == [
        f"reviewer: warning: {yaml_path}: rule_tuning.mute: DE.NOPE matches no rule of the loaded packs or checkers",
        f"reviewer: warning: {yaml_path}: rule_tuning.mute: PAIR_NOPE matches no rule of the loaded packs or checkers",
        f"reviewer: warning: {yaml_path}: rule_tuning.demote: nope-rule matches no rule of the loaded packs or checkers",
    ]
