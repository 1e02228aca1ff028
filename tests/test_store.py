"""The review store as the terminal UI uses it: open, edit, decide, annotate, reopen."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from backends import schema_version_of, stored_rows

from reviewer.config import db_path
from reviewer.model import Article, Issue, Segment, Severity
from reviewer.store import (
    SCHEMA_VERSION,
    DecisionState,
    EditConflict,
    ReviewStore,
    ServerUrl,
    StoreError,
    schema,
)

T0 = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
MT = ["Kim meets Putin in vladivostok.", "The talks was long."]
REF = ["Kim meets Putin in Vladivostok.", None]


def make_article(texts: list[str] = MT, path: str = "corpora/summit.txt") -> Article:
    segments, offset = [], 0
    for i, text in enumerate(texts):
        segments.append(Segment(i, offset, offset + len(text), text, reference=REF[i] if i < len(REF) else None))
        offset += len(text) + 2
    return Article(path=path, id="summit", text="\n\n".join(texts), segments=tuple(segments))


def make_issue(article: Article, start: int, end: int, segment: int, rule: str = "CASE") -> Issue:
    return Issue(
        "rules",
        rule,
        "Fluency/Spelling",
        Severity.MINOR,
        "check case",
        article.text[start:end],
        start,
        end,
        1,
        start + 1,
        segment,
        ("Vladivostok",),
    )


@pytest.fixture
def db(any_db: Path | str) -> Path | str:
    """Each test that takes `db` runs on SQLite and on PostgreSQL."""
    return any_db


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Path:
    return tmp_path / "reviews.db"


def test_a_review_resumes_with_its_latest_texts_and_decisions(db):
    article = make_article()
    issue = make_issue(article, 19, 30, 0)
    with ReviewStore.open(db) as store:
        review = store.open_review(article, [issue])
        assert not review.resumed
        assert [segment.text for segment in review.segments()] == MT
        review.record_edit(
            0, "Kim meets Putin in Vladivostok.", reviewer="ana", started_at=T0, saved_at=T0 + timedelta(seconds=20)
        )
        review.decide(issue, DecisionState.ACCEPTED, reviewer="ana", at=T0 + timedelta(seconds=21))
    with ReviewStore.open(db) as store:
        review = store.open_review(make_article())
        assert review.resumed
        assert [segment.text for segment in review.segments()] == ["Kim meets Putin in Vladivostok.", MT[1]]
        assert review.decisions()[issue.id].state is DecisionState.ACCEPTED
        assert [(s.index, s.edits) for s in review.segments()] == [(0, 1), (1, 0)]


def test_a_changed_article_is_a_new_review(db):
    with ReviewStore.open(db) as store:
        store.open_review(make_article()).record_edit(1, "The talks were long.", reviewer="ana", started_at=T0)
        changed = store.open_review(make_article([MT[0], "The talks were long indeed."]))
        assert not changed.resumed
        assert changed.history() == []


def test_edits_keep_before_and_after_and_are_scored_against_the_original_mt(db):
    with ReviewStore.open(db) as store:
        review = store.open_review(make_article())
        first = review.record_edit(
            1, "The talks were long.", reviewer="ana", started_at=T0, saved_at=T0 + timedelta(seconds=30)
        )
        second = review.record_edit(
            1,
            "The talks were lengthy.",
            reviewer="bo",
            started_at=T0 + timedelta(minutes=1),
            saved_at=T0 + timedelta(minutes=1, seconds=5),
        )
        assert (second.before, second.after, second.reviewer, second.seconds) == (
            "The talks were long.",
            "The talks were lengthy.",
            "bo",
            5.0,
        )
        # tercom words: "The talks was long." is 4 of them ("long." is one).
        assert first.scores["hter"].score == pytest.approx(100 / 4)  # was -> were
        assert second.scores["hter"].score == pytest.approx(200 / 4)  # against the MT, not the first edit
        assert "case:mixed" in second.scores["hter"].signature
        assert set(second.scores) == {"hter", "chrf", "bleu"}  # no reference for segment 1
        assert [e.after for e in review.history(1)] == ["The talks were long.", "The talks were lengthy."]


def test_an_edit_of_a_segment_with_a_reference_is_scored_against_it_too(db):
    with ReviewStore.open(db) as store:
        edit = store.open_review(make_article()).record_edit(0, REF[0], reviewer="ana", started_at=T0)
    assert edit.scores["pe_ref_ter"].score == 0.0
    assert edit.scores["mt_ref_ter"].score == pytest.approx(100 / 5)
    assert edit.scores["pe_ref_bleu"].signature.startswith("nrefs:1|case:mixed|eff:yes|tok:13a")


def test_case_insensitive_scoring_option_reaches_the_signature(db):
    from reviewer.scoring import ScoringOptions

    with ReviewStore.open(db, scoring=ScoringOptions(ter_case_sensitive=False)) as store:
        edit = store.open_review(make_article()).record_edit(0, REF[0], reviewer="ana", started_at=T0)
    assert edit.scores["hter"].score == 0.0
    assert "case:lc" in edit.scores["hter"].signature


def test_the_latest_decision_is_in_force_and_ids_resolve_their_segment(db):
    article = make_article()
    issue = make_issue(article, 19, 30, 0)
    with ReviewStore.open(db) as store:
        review = store.open_review(article, [issue])
        review.decide(issue.id, "dismissed", reviewer="ana")
        review.decide(issue.id, "open", reviewer="bo")
        decision = review.decisions()[issue.id]
    assert (decision.state, decision.reviewer, decision.segment) == (DecisionState.OPEN, "bo", 0)


def test_annotations_capture_the_span_of_the_current_text(db):
    with ReviewStore.open(db) as store:
        review = store.open_review(make_article())
        review.record_edit(1, "The talks were long.", reviewer="ana", started_at=T0)
        span = review.annotate(1, "Style/Awkward", Severity.MINOR, reviewer="ana", start=4, end=9, note="meh")
        whole = review.annotate(0, "Accuracy/Omission", Severity.MAJOR, reviewer="ana")
        assert (span.text, span.note, span.severity) == ("talks", "meh", Severity.MINOR)
        assert (whole.start, whole.end, whole.text) == (None, None, None)
        assert review.annotations(1) == [span]
        with pytest.raises(ValueError, match="outside segment 1"):
            review.annotate(1, "Style/Awkward", Severity.MINOR, reviewer="ana", start=5, end=99)


def test_issues_found_after_an_edit_are_kept_apart_from_those_in_the_mt(db):
    article = make_article()
    before = make_issue(article, 19, 30, 0)
    with ReviewStore.open(db) as store:
        review = store.open_review(article, [before])
        edited = make_article(["Kim meets Putin in Vladivostok .", MT[1]])
        after = make_issue(edited, 30, 32, 0, rule="SPACE_BEFORE_PUNCT")
        edit = review.record_edit(0, edited.segments[0].text, reviewer="ana", started_at=T0, issues_after=[after])
        unchecked = review.record_edit(1, "The talks were long.", reviewer="ana", started_at=T0)
        [reviewed, _] = store.reviewed_segments()
    assert edit.issues_after == (after.id,)
    assert unchecked.issues_after is None
    assert reviewed.issues_before == (before.id,)


@pytest.mark.parametrize("offset", [timedelta(hours=2), timedelta(hours=-5)])
def test_timestamps_are_stored_in_utc(db, offset):
    local = T0.astimezone(timezone(offset))
    with ReviewStore.open(db) as store:
        store.open_review(make_article()).record_edit(
            0, REF[0], reviewer="ana", started_at=local, saved_at=local + timedelta(seconds=3)
        )
    assert stored_rows(db, "SELECT started_at, saved_at FROM edits") == [
        ("2026-03-02T09:00:00.000+00:00", "2026-03-02T09:00:03.000+00:00")
    ]


def test_naive_timestamps_are_refused(db):
    with ReviewStore.open(db) as store, pytest.raises(ValueError, match="no timezone"):
        store.open_review(make_article()).record_edit(0, REF[0], reviewer="ana", started_at=datetime(2026, 1, 1))


def test_database_path_comes_from_option_environment_or_working_directory(tmp_path):
    environ = {"REVIEWER_DB": str(tmp_path / "env.db")}
    assert db_path(None, environ, tmp_path) == tmp_path / "env.db"
    assert db_path(str(tmp_path / "opt.db"), environ, tmp_path) == tmp_path / "opt.db"
    assert db_path(None, {}, tmp_path) == tmp_path / ".reviewer" / "reviews.db"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://ana@db.example/reviews", ServerUrl("postgresql://ana@db.example/reviews")),
        ("postgres://ana@/reviews?host=/run/pg", ServerUrl("postgres://ana@/reviews?host=/run/pg")),
        ("team/postgresql.db", Path("team/postgresql.db")),
        ("postgresql", Path("postgresql")),
    ],
)
def test_a_postgresql_url_names_a_server_from_the_option_or_the_environment(tmp_path, given, expected):
    assert db_path(given, {}, tmp_path) == expected
    assert db_path(None, {"REVIEWER_DB": given}, tmp_path) == expected


def test_new_database_is_wal_with_the_current_schema(sqlite_db):
    ReviewStore.open(sqlite_db).close()
    connection = sqlite3.connect(sqlite_db)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_pending_migrations_are_applied_in_order(db, monkeypatch):
    ReviewStore.open(db).close()
    assert schema_version_of(db) == SCHEMA_VERSION
    extra = ("ALTER TABLE edits ADD COLUMN comment TEXT",)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    ReviewStore.open(db).close()
    assert schema_version_of(db) == SCHEMA_VERSION + 1
    assert stored_rows(db, "SELECT comment FROM edits") == []


def broken(db: Path, kind: str) -> None:
    if kind == "newer":
        ReviewStore.open(db).close()
        connection = sqlite3.connect(db)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        connection.commit()
    elif kind == "garbage":
        db.write_bytes(b"this is not SQLite at all, just a text file" * 100)
    elif kind == "foreign":
        connection = sqlite3.connect(db)
        connection.execute("CREATE TABLE photos (id INTEGER)")
        connection.commit()


def broken_on_server(url: str, kind: str) -> str:
    """A server database made unusable in the way `kind` names; the URL to open."""
    import psycopg

    if kind == "missing":
        return url.replace("/test_", "/never_created_")
    if kind == "unreachable":
        return url.split("?")[0] + "?host=/nonexistent-socket-dir"
    with psycopg.connect(url, autocommit=True) as connection:
        if kind == "newer":
            ReviewStore.open(url).close()
            connection.execute(f"UPDATE reviewer_schema SET version = {SCHEMA_VERSION + 1}")
        elif kind == "foreign":
            connection.execute("CREATE TABLE photos (id INTEGER)")
    return url


def postgres(*values: object) -> object:
    return pytest.param("postgresql", *values, marks=pytest.mark.postgres)


@pytest.mark.parametrize(
    ("backend", "kind", "readonly", "message"),
    [
        ("sqlite", "newer", False, f"written by a newer reviewer (schema version {SCHEMA_VERSION + 1}"),
        ("sqlite", "newer", True, f"written by a newer reviewer (schema version {SCHEMA_VERSION + 1}"),
        ("sqlite", "garbage", False, "not a review database, or it is corrupt"),
        ("sqlite", "garbage", True, "not a review database, or it is corrupt"),
        ("sqlite", "foreign", False, "an SQLite database, but not a review database"),
        ("sqlite", "missing", True, "no review database here"),
        postgres("newer", False, f"written by a newer reviewer (schema version {SCHEMA_VERSION + 1}"),
        postgres("newer", True, f"written by a newer reviewer (schema version {SCHEMA_VERSION + 1}"),
        postgres("foreign", False, "a PostgreSQL database, but not a review database"),
        postgres("missing", True, "no review database here"),
        postgres("missing", False, "no such database on the server: create it first"),
        postgres("unreachable", False, "cannot reach the review database server: "),
    ],
)
def test_unusable_databases_are_one_line_errors_naming_them(request, tmp_path, backend, kind, readonly, message):
    if backend == "sqlite":
        db: Path | str = tmp_path / "reviews.db"
        broken(db, kind)
    else:
        db = broken_on_server(request.getfixturevalue("postgres_db"), kind)
    with pytest.raises(StoreError) as raised:
        ReviewStore.open(db, readonly=readonly, timeout=2)
    assert str(raised.value).startswith(f"{db}: {message}")
    assert "\n" not in str(raised.value)


def test_a_password_in_the_url_is_never_shown():
    with pytest.raises(StoreError) as raised:
        ReviewStore.open("postgresql://ana:s3cret@/reviews?host=/nonexistent-socket-dir", timeout=2)
    assert "s3cret" not in str(raised.value)
    assert str(raised.value).startswith("postgresql://ana:***@/reviews?host=/nonexistent-socket-dir: ")


def test_saving_into_a_read_only_store_is_a_clear_error(db):
    ReviewStore.open(db).close()
    with ReviewStore.open(db, readonly=True) as store, pytest.raises(StoreError) as raised:
        store.open_review(make_article())
    assert str(raised.value) == (
        f"{db}: the review database is read-only; reviews cannot be saved here (use --db or REVIEWER_DB)"
    )


def test_a_file_without_write_permission_is_refused_on_open(sqlite_db, monkeypatch):
    ReviewStore.open(sqlite_db).close()
    # Tests may run as root, which writes anyway; the store asks the OS as a user would.
    monkeypatch.setattr("reviewer.store.sqlite.os.access", lambda path, mode: False)
    with pytest.raises(StoreError, match="read-only"):
        ReviewStore.open(sqlite_db)


def test_a_save_over_another_reviewers_newer_text_is_refused_with_both_texts(db):
    """Two reviewers, two processes' worth of stores, one file: the second save must not
    silently replace the first."""
    with ReviewStore.open(db) as first, ReviewStore.open(db) as second:
        ana, bo = first.open_review(make_article()), second.open_review(make_article())
        bo.record_edit(1, "The talks were long.", reviewer="bo", started_at=T0, based_on=MT[1])
        with pytest.raises(EditConflict) as raised:
            ana.record_edit(1, "The talks lasted long.", reviewer="ana", started_at=T0, based_on=MT[1])
        conflict = raised.value
        assert (conflict.segment, conflict.mine, conflict.based_on, conflict.theirs, conflict.their_reviewer) == (
            1,
            "The talks lasted long.",
            MT[1],
            "The talks were long.",
            "bo",
        )
        assert "segment 2 was saved by bo" in str(conflict)
        assert [e.after for e in ana.history(1)] == ["The talks were long."], "nothing of the refused save is kept"
        kept = ana.record_edit(1, conflict.mine, reviewer="ana", started_at=T0, based_on=conflict.theirs)
        assert (kept.before, kept.after) == ("The talks were long.", "The talks lasted long.")


def test_saving_the_text_already_saved_by_another_is_no_conflict(db):
    with ReviewStore.open(db) as first, ReviewStore.open(db) as second:
        ana, bo = first.open_review(make_article()), second.open_review(make_article())
        bo.record_edit(1, MT[1], reviewer="bo", started_at=T0, based_on=MT[1])  # confirmed as it is
        record = ana.record_edit(1, "The talks were long.", reviewer="ana", started_at=T0, based_on=MT[1])
        assert record.before == MT[1]


@pytest.mark.postgres
def test_an_older_server_database_is_not_read_before_it_is_upgraded(postgres_db):
    import psycopg

    ReviewStore.open(postgres_db).close()
    with psycopg.connect(postgres_db, autocommit=True) as connection:
        connection.execute("DROP TABLE claims")  # as schema 2 was, before claims
        connection.execute(f"UPDATE reviewer_schema SET version = {SCHEMA_VERSION - 1}")
    with pytest.raises(StoreError, match=f"has schema version {SCHEMA_VERSION - 1}, older than this reviewer's"):
        ReviewStore.open(postgres_db, readonly=True)
    ReviewStore.open(postgres_db).close()  # a review upgrades it
    with ReviewStore.open(postgres_db, readonly=True) as store:
        assert store.claims() == []


@pytest.mark.parametrize(
    "command",
    [
        ["rules", "stats"],
        ["export"],
        ["import", "IMPORT"],
        ["review", "CORPUS"],
        ["check", "CORPUS", "--no-languagetool", "--min-rule-precision", "0.5"],
    ],
)
def test_a_directory_given_as_the_database_is_one_line_error(tmp_path, capsys, command):
    from reviewer.cli import main

    tsv = tmp_path / "m.tsv"
    tsv.write_text("system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n", encoding="utf-8")
    corpus = Path(__file__).resolve().parent.parent / "corpora" / "storm-ferries.txt"
    args = [{"IMPORT": str(tsv), "CORPUS": str(corpus)}.get(arg, arg) for arg in command]
    assert main([*args, "--db", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path}: is a directory, not a review database file" in err, err
    assert len(err.strip().splitlines()) == 1
