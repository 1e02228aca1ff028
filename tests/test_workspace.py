"""The run's lifecycle without a terminal: opening reviews, taking checks, the save queue."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.config import RunConfig
from reviewer.registry import fast_checkers
from reviewer.segment_checks import check_texts
from reviewer.store import EditConflict, ReviewStore
from reviewer.workspace import Workspace

FIXTURES = Path(__file__).parent / "tui" / "fixtures"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    for name in ("harbour.txt", "harbour.ref.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    with ReviewStore.open(tmp_path / "reviews.db") as store:
        yield Workspace(store, "anna")


def opened(workspace: Workspace, *paths: str) -> list[str]:
    result = workspace.open_articles(paths, None, None)
    assert not result.failures, result.failures
    return workspace.add(result.sessions)


def test_one_file_named_by_two_paths_is_one_review(workspace: Workspace, tmp_path: Path) -> None:
    keys = opened(workspace, str(tmp_path / "harbour.txt"), str(tmp_path / "." / "harbour.txt"))
    assert len(keys) == 1
    assert list(workspace.sessions) == keys


def test_a_missing_file_is_a_failure_not_an_exception(workspace: Workspace, tmp_path: Path) -> None:
    result = workspace.open_articles([str(tmp_path / "harbour.txt"), str(tmp_path / "gone.txt")], None, None)
    assert len(result.sessions) == 1
    assert [str(failure) for failure in result.failures] and "gone.txt" in str(result.failures[0])


def test_the_rule_packs_answer_after_languagetools_is_not_taken(
    workspace: Workspace, tmp_path: Path, make_config: Callable[..., RunConfig]
) -> None:
    [key] = opened(workspace, str(tmp_path / "harbour.txt"))
    session = workspace.sessions[key]
    checkers = fast_checkers(make_config(rule_paths=[FIXTURES / "rules"])).checkers
    texts = session.texts()
    checked = check_texts(session.article, texts, checkers)
    assert workspace.take_check(key, texts, checked, languagetool=True) == []
    assert workspace.take_check(key, texts, checked, languagetool=False) is None
    assert key in workspace.checked
    assert any(issue.rule_id == "TEST_QUOTES" for issue in session.visible(1))


def test_the_article_on_screen_is_checked_first(workspace: Workspace, tmp_path: Path) -> None:
    (tmp_path / "other.txt").write_text("Other\n\nThe Ruler spoke.\n", encoding="utf-8")
    keys = opened(workspace, str(tmp_path / "harbour.txt"), str(tmp_path / "other.txt"))
    second = workspace.sessions[keys[1]]
    assert workspace.by_priority(second) == [keys[1], keys[0]]
    assert workspace.by_priority(None) == keys


def test_saves_are_recorded_one_at_a_time_in_order(workspace: Workspace, tmp_path: Path) -> None:
    [key] = opened(workspace, str(tmp_path / "harbour.txt"))
    session = workspace.sessions[key]
    session.type(0, "Dock strike in Hamburg")
    workspace.saves.add(session, session.take_save(0))
    workspace.saves.add(session, session.take_save(1))
    first = workspace.saves.start_next()
    assert first is not None and first[1].index == 0
    assert workspace.saves.start_next() is None, "the second waits for the first"
    record = workspace.record(*first)
    assert not isinstance(record, Exception)
    workspace.saves.finished(record)
    assert session.saved[0] == "Dock strike in Hamburg" and session.unsaved() == []
    second = workspace.saves.start_next()
    assert second is not None and second[1].index == 1


def test_a_quit_waits_for_the_queue_and_a_refused_save_cancels_it(workspace: Workspace, tmp_path: Path) -> None:
    [key] = opened(workspace, str(tmp_path / "harbour.txt"))
    session = workspace.sessions[key]
    session.type(0, "Mine")
    workspace.saves.add(session, session.take_save(0))
    workspace.saves.quitting = True
    assert not workspace.saves.may_quit()
    workspace.saves.start_next()
    workspace.saves.finished(None)
    assert session.unsaved() == [0], "a refused save leaves its text a draft"
    assert not workspace.saves.may_quit(), "the reviewer decides again about the draft"


def test_a_conflict_withdraws_the_segments_later_saves_and_holds_the_queue(
    workspace: Workspace, tmp_path: Path
) -> None:
    [key] = opened(workspace, str(tmp_path / "harbour.txt"))
    session = workspace.sessions[key]
    moment = datetime(2026, 3, 2, tzinfo=UTC)
    session.review.record_edit(0, "Theirs", reviewer="bo", started_at=moment, saved_at=moment)
    session.type(0, "Mine")
    workspace.saves.add(session, session.take_save(0))
    session.type(0, "Mine, again")
    workspace.saves.add(session, session.take_save(0))
    workspace.saves.add(session, session.take_save(2))
    refused = workspace.record(*workspace.saves.start_next())  # type: ignore[misc]
    assert isinstance(refused, EditConflict)
    workspace.saves.finished(None)
    workspace.saves.withdraw(refused, session)
    assert len(workspace.saves) == 1
    assert session.text(0) == "Mine, again"
    assert workspace.saves.start_next() is None, "saves wait for the reviewer's choice"
    workspace.saves.resolved()
    upcoming = workspace.saves.start_next()
    assert upcoming is not None and upcoming[1].index == 2


def test_a_path_opened_again_adds_only_the_articles_not_listed(workspace: Workspace, tmp_path: Path) -> None:
    opened(workspace, str(tmp_path / "harbour.txt"))
    shutil.copy(tmp_path / "harbour.txt", tmp_path / "quay.txt")
    again = workspace.open_articles([str(tmp_path)], None, None)
    assert [Path(session.article.label).name for session in workspace.unlisted(again.sessions)] == ["quay.txt"]


@pytest.mark.parametrize(("theirs", "shown", "unsaved"), [(True, "Theirs", []), (False, "Mine", [0])])
def test_settling_a_conflict_takes_their_text_or_keeps_mine_and_frees_the_queue(
    workspace: Workspace, tmp_path: Path, theirs: bool, shown: str, unsaved: list[int]
) -> None:
    [key] = opened(workspace, str(tmp_path / "harbour.txt"))
    session = workspace.sessions[key]
    based_on = session.text(0)
    session.type(0, "Mine")
    conflict = EditConflict(key, 0, "Mine", based_on, "Theirs", "bo", datetime(2026, 3, 2, tzinfo=UTC))
    workspace.saves.withdraw(conflict, session)
    workspace.settle(session, conflict, theirs)
    assert session.text(0) == shown and session.unsaved() == unsaved
    workspace.saves.quitting = True
    assert workspace.saves.may_quit(), "the queue no longer waits for the reviewer"
