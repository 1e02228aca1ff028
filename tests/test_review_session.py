"""The review core the terminal UI drives, used here without any terminal."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.config import RunConfig
from reviewer.loaders import load_paths
from reviewer.model import Article, Severity
from reviewer.registry import fast_checkers
from reviewer.review_session import Clock, NewAnnotation, ReviewSession
from reviewer.segment_checks import check_segment, check_texts
from reviewer.store import DecisionState, ReviewStore

FIXTURES = Path(__file__).parent / "tui" / "fixtures"


@pytest.fixture
def article() -> Article:
    loaded = load_paths([str(FIXTURES / "harbour.txt")])
    assert not loaded.failures, loaded.failures
    return loaded.articles[0]


@pytest.fixture
def checkers(make_config: Callable[..., RunConfig]) -> list:
    built = fast_checkers(make_config(rule_paths=[FIXTURES / "rules"]))
    assert not built.errors, built.errors
    return built.checkers


@pytest.fixture
def store(any_db: Path | str) -> Iterator[ReviewStore]:
    with ReviewStore.open(any_db) as opened:
        yield opened


def open_session(store: ReviewStore, article: Article, checkers: list, clock: Clock | None = None) -> ReviewSession:
    session = ReviewSession.open(store, article, "anna", **({"clock": clock} if clock else {}))
    texts = session.texts()
    session.set_all_issues(texts, check_texts(article, texts, checkers))
    return session


def test_a_segment_checked_alone_keeps_the_issue_ids_of_the_whole_article(article: Article, checkers: list) -> None:
    whole = check_texts(article, {}, checkers)
    for segment in article.segments:
        alone = check_segment(article, segment.index, segment.text, checkers)
        assert [i.id for i in alone] == [i.id for i in whole.issues[segment.index]]


def test_an_edit_does_not_change_the_issue_ids_of_other_segments(article: Article, checkers: list) -> None:
    before = check_texts(article, {}, checkers)
    after = check_texts(article, {0: "A much longer title than the one the article had before"}, checkers)
    assert [i.id for i in after.issues[3]] == [i.id for i in before.issues[3]]


def test_save_records_the_edit_and_a_reopened_review_resumes_it(
    store: ReviewStore, article: Article, checkers: list, clock: Clock
) -> None:
    session = open_session(store, article, checkers, clock)
    session.land(2)
    clock.advance(12)
    session.type(2, "Around 4,000 workers took part in the walkout.")
    clock.advance(3)
    record = session.save(2)
    assert record.seconds == 15
    assert record.scores["hter"].score > 0
    assert session.unsaved() == []

    reopened = open_session(store, article, checkers)
    assert reopened.text(2) == "Around 4,000 workers took part in the walkout."
    assert reopened.reviewed == {2}
    assert reopened.focus == 2
    assert "4.000" not in [i.text for i in reopened.visible(2)]


def test_time_counts_from_landing_on_the_segment_and_leaves_out_time_elsewhere(
    store: ReviewStore, article: Article, checkers: list, clock: Clock
) -> None:
    session = open_session(store, article, checkers, clock)
    session.land(0)
    clock.advance(4)  # reading before editing counts (PET's definition)
    session.type(0, "Port strike in Hamburg!")
    clock.advance(5)
    session.land(1)
    clock.advance(600)  # on another segment: not time spent on this one
    session.step_away()
    clock.advance(900)  # back on the article list: not time on any segment
    session.land(0)
    clock.advance(2)
    record = session.save(0)
    assert record.seconds == 11
    assert record.started_at == datetime(2024, 4, 23, 9, 0, tzinfo=UTC), "work began on the first landing"
    clock.advance(3)
    assert session.save(0).seconds == 3, "after a save the clock counts towards the next one"


def test_apply_and_confirm_record_the_time_spent_on_the_segment(
    store: ReviewStore, article: Article, checkers: list, clock: Clock
) -> None:
    session = open_session(store, article, checkers, clock)
    session.land(1)
    clock.advance(6)
    [quotes] = [i for i in session.visible(1) if i.rule_id == "TEST_QUOTES"]
    session.apply(quotes)
    assert session.save(1).seconds == 6
    session.land(2)
    clock.advance(9)
    assert session.save(2).seconds == 9, "confirming the MT as it is takes time too"


def test_apply_records_the_issues_of_the_new_text(store: ReviewStore, article: Article, checkers: list) -> None:
    session = open_session(store, article, checkers)
    [ruler] = [i for i in session.visible(3) if i.rule_id == "TEST_RULER"]
    session.apply(ruler)
    record = session.record(session.take_save(3), checkers)
    expected = check_segment(article, 3, session.text(3), checkers)
    assert record.issues_after == tuple(i.id for i in sorted(expected, key=lambda i: (i.start, i.id)))
    assert record.issues_after is not None


def test_confirming_a_segment_unchanged_records_it_as_reviewed(
    store: ReviewStore, article: Article, checkers: list
) -> None:
    session = open_session(store, article, checkers)
    record = session.save(0)
    assert record.after == record.before
    assert record.scores["hter"].score == 0
    assert session.edited_share() == 0 and session.reviewed == {0}


def test_apply_takes_the_first_suggestion_and_records_the_decision(
    store: ReviewStore, article: Article, checkers: list
) -> None:
    session = open_session(store, article, checkers)
    [quotes] = [i for i in session.visible(1) if i.rule_id == "TEST_QUOTES"]
    assert session.apply(quotes) == "The union called the offer “an insult”, a spokesman said."
    assert session.unsaved() == [1]
    assert session.review.decisions()[quotes.id].state == DecisionState.ACCEPTED
    with pytest.raises(ValueError, match="no longer there"):
        session.apply(quotes)


def test_a_dismissed_issue_stays_hidden_in_a_reopened_review(
    store: ReviewStore, article: Article, checkers: list
) -> None:
    session = open_session(store, article, checkers)
    [ruler] = [i for i in session.visible(3) if i.rule_id == "TEST_RULER"]
    session.dismiss(ruler)
    assert ruler not in session.visible(3)
    assert ruler.id not in [i.id for i in open_session(store, article, checkers).visible(3)]


def test_annotations_count_in_the_penalty_and_come_back(store: ReviewStore, article: Article, checkers: list) -> None:
    session = open_session(store, article, checkers)
    before = session.penalty().total
    issue = session.annotate(
        NewAnnotation(0, "Accuracy/Mistranslation", Severity.MAJOR, "strike, not walkout", "Port strike")
    )
    assert (issue.text, issue.checker) == ("Port strike", "manual")
    assert session.penalty().total == before + 5
    whole = session.annotate(NewAnnotation(0, "Style/Awkward", Severity.MINOR))
    assert whole.text == "Port strike in Hamburg"
    with pytest.raises(ValueError, match="not in segment 1"):
        session.annotate(NewAnnotation(0, "Style/Awkward", Severity.MINOR, text="Bremen"))
    reopened = open_session(store, article, checkers)
    assert [i.text for i in reopened.visible(0) if i.checker == "manual"] == ["Port strike", "Port strike in Hamburg"]


def test_unknown_mqm_category_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown MQM category"):
        NewAnnotation(0, "Fluency/Vibes", Severity.MINOR)


def test_export_writes_saved_segments_between_the_original_separators(
    store: ReviewStore, article: Article, checkers: list, tmp_path: Path
) -> None:
    session = open_session(store, article, checkers)
    session.type(3, "Leader Kim met the strikers in the morning.")
    session.save(3)
    session.type(0, "An unsaved title")
    written = session.export(tmp_path / "out" / "harbour.txt")
    expected = article.text.replace("Ruler Kim", "Leader Kim")
    assert written.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("module", ["reviewer.review_session", "reviewer.cli.review"])
def test_the_review_core_does_not_import_textual(module: str) -> None:
    probe = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"{module} pulls in Textual: {out.strip()}"


def test_an_annotation_of_words_in_an_unsaved_draft_records_those_words(
    store: ReviewStore, article: Article, checkers: list
) -> None:
    """The span is in the text the reviewer sees (the draft), not the last saved one."""
    session = open_session(store, article, checkers)
    session.type(0, "Big port strike in Hamburg")
    session.annotate(NewAnnotation(0, "Accuracy/Addition", Severity.MINOR, text="Big"))
    [annotation] = session.review.annotations()
    assert (annotation.start, annotation.end, annotation.text) == (0, 3, "Big")
