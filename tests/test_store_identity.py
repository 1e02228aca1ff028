"""Which review an article resumes: the same file by any path, each MT system on its own,
and databases written before the store knew files by their real path."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.errors import ExitCode
from reviewer.loaders import load_paths
from reviewer.model import Article
from reviewer.store import ReviewStore, content_hash, schema

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ARTICLE = "Harbour strike\n\nThe dockers walked out on monday.\n"
TESTSET = """<dataset id="t"><collection id="c">
<doc id="d1" origlang="de">
  <src lang="de"><p><seg id="1">Der Streik endet.</seg></p></src>
  <hyp system="mt-a" lang="en"><p><seg id="1">The strike ends.</seg></p></hyp>
  <hyp system="mt-b" lang="en"><p><seg id="1">The strike ends.</seg></p></hyp>
</doc>
</collection></dataset>
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory, the working directory, with corpora/x.txt in it."""
    (tmp_path / "corpora").mkdir()
    (tmp_path / "corpora" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def loaded(path: str, system: str | None = None) -> list[Article]:
    result = load_paths([path], system=system)
    assert not result.failures, result.failures
    return result.articles


def save_first_segment(store: ReviewStore, article: Article, text: str) -> None:
    store.open_review(article).record_edit(0, text, reviewer="ana", started_at=T0)


@pytest.mark.parametrize("other", ["absolute", "dot-slash", "symlink", "dot-dot"])
def test_the_same_file_by_another_path_resumes_its_review(project: Path, any_db: Path | str, other: str) -> None:
    if other == "symlink":
        (project / "linked").symlink_to(project / "corpora")
    path = {
        "absolute": str(project / "corpora" / "x.txt"),
        "dot-slash": "./corpora/x.txt",
        "symlink": "linked/x.txt",
        "dot-dot": "corpora/../corpora/x.txt",
    }[other]
    with ReviewStore.open(any_db) as store:
        save_first_segment(store, loaded("corpora/x.txt")[0], "Harbour strike ends")
        [again] = loaded(path)
        review = store.open_review(again)
        assert review.resumed, f"{path} is corpora/x.txt"
        assert review.segments()[0].text == "Harbour strike ends"
        assert again.path == path, "the path is shown as the reviewer typed it"


def test_another_file_with_the_same_name_and_text_is_another_review(project: Path, any_db: Path | str) -> None:
    (project / "elsewhere").mkdir()
    (project / "elsewhere" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    with ReviewStore.open(any_db) as store:
        save_first_segment(store, loaded("corpora/x.txt")[0], "Harbour strike ends")
        os.chdir(project / "elsewhere")
        assert not store.open_review(loaded("x.txt")[0]).resumed


def test_each_system_of_a_test_set_is_its_own_review_even_with_the_same_text(project: Path, any_db: Path | str) -> None:
    (project / "set.xml").write_text(TESTSET, encoding="utf-8")
    mt_a, mt_b = loaded("set.xml")
    assert (mt_a.system, mt_b.system, mt_a.text == mt_b.text) == ("mt-a", "mt-b", True)
    with ReviewStore.open(any_db) as store:
        save_first_segment(store, mt_a, "The strike is over.")
        review_b = store.open_review(mt_b)
        assert not review_b.resumed
        assert review_b.segments()[0].text == "The strike ends."
        save_first_segment(store, mt_b, "The strike ends now.")
        assert store.open_review(loaded("set.xml", system="mt-a")[0]).segments()[0].text == "The strike is over."
        exported = {(r.system, r.text) for r in store.reviewed_segments()}
    assert exported == {("mt-a", "The strike is over."), ("mt-b", "The strike ends now.")}


def version_1_database(db: Path, article: Article, typed_path: str) -> None:
    """A database as reviewer wrote it before schema 2: the article known by its typed
    path only, one saved edit."""
    connection = sqlite3.connect(db)
    for statement in schema.MIGRATIONS[0]:
        assert isinstance(statement, str)
        connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    connection.execute(
        """INSERT INTO articles (id, path, article_id, content_hash, lang, source_lang, system, created_at)
           VALUES (1, ?, ?, ?, 'en-US', NULL, NULL, '2026-03-01T09:00:00.000+00:00')""",
        (typed_path, article.id, content_hash(article)),
    )
    connection.executemany(
        "INSERT INTO segments (article, idx, start_offset, end_offset, mt) VALUES (1, ?, ?, ?, ?)",
        [(s.index, s.start, s.end, s.text) for s in article.segments],
    )
    connection.execute(
        """INSERT INTO edits (article, segment, before, after, reviewer, started_at, saved_at, seconds)
           VALUES (1, 0, 'Harbour strike', 'Harbour strike ends', 'ana',
                   '2026-03-01T09:00:00.000+00:00', '2026-03-01T09:00:05.000+00:00', 5)"""
    )
    connection.commit()
    connection.close()


def test_an_older_database_is_migrated_and_its_reviews_are_found_by_any_path(project: Path) -> None:
    db = project / ".reviewer" / "reviews.db"
    db.parent.mkdir()
    [article] = loaded("corpora/x.txt")
    version_1_database(db, article, "corpora/x.txt")
    os.chdir(project / "corpora")  # elsewhere: the path is worked out from the database's project
    with ReviewStore.open(db) as store:
        review = store.open_review(loaded(str(project / "corpora" / "x.txt"))[0])
        assert review.resumed
        assert review.segments()[0].text == "Harbour strike ends"
        assert [r.path for r in store.reviewed_segments()] == ["corpora/x.txt"], "shown as first typed"
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT real_path FROM articles").fetchall() == [
        (str((project / "corpora" / "x.txt").resolve()),)
    ]
    assert connection.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_older_review_whose_file_is_gone_is_still_exported(project: Path, capsys) -> None:
    db = project / "reviews.db"
    [article] = loaded("corpora/x.txt")
    version_1_database(db, article, "gone/x.txt")
    ReviewStore.open(db).close()
    assert main(["export", "--db", str(db)]) == ExitCode.OK
    assert '"post_edit": "Harbour strike ends"' in capsys.readouterr().out
    assert sqlite3.connect(db).execute("SELECT real_path FROM articles").fetchall() == [(None,)]


def test_an_older_review_is_claimed_when_its_file_is_next_opened_from_where_it_was_typed(project: Path) -> None:
    db = project / "reviews.db"
    [article] = loaded("corpora/x.txt")
    version_1_database(db, article, "corpora/x.txt")
    os.chdir(project / "corpora")
    ReviewStore.open(db).close()  # migrated from a directory where the typed path means nothing
    os.chdir(project)
    with ReviewStore.open(db) as store:
        assert store.open_review(loaded("./corpora/x.txt")[0]).resumed
