"""Moving through an article and deciding on it, without a terminal: the Navigator
(focus, filters, search) and Decisions (undoable edits and verdicts)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reviewer.config import RunConfig
from reviewer.decisions import Decisions
from reviewer.errors import ConfigError
from reviewer.languagetool.settings import load_settings
from reviewer.loaders import load_paths
from reviewer.model import Severity
from reviewer.mqm_proposal import automatic_penalty, confirmed_penalty
from reviewer.navigation import Filters, Navigator, SegmentStatus
from reviewer.registry import fast_checkers
from reviewer.review_session import ReviewSession
from reviewer.rules import load_packs
from reviewer.search import find, preview, replaced
from reviewer.segment_checks import check_texts
from reviewer.store import DecisionState, ReviewStore

FIXTURES = Path(__file__).parent / "tui" / "fixtures"


@pytest.fixture
def session(tmp_path: Path, make_config: Callable[..., RunConfig]) -> Iterator[ReviewSession]:
    shutil.copy(FIXTURES / "harbour.txt", tmp_path / "harbour.txt")  # no source: the rule packs' flags only
    [article] = load_paths([str(tmp_path / "harbour.txt")]).articles
    built = fast_checkers(make_config(rule_paths=[FIXTURES / "rules"]))
    checkers = built.checkers
    assert not built.errors, built.errors
    with ReviewStore.open(tmp_path / "reviews.db") as store:
        opened = ReviewSession.open(store, article, "anna")
        texts = opened.texts()
        opened.set_all_issues(texts, check_texts(article, texts, checkers))
        yield opened


def record(session: ReviewSession, saves: list) -> None:
    for pending in saves:
        session.finish_save(pending) if session.record(pending) else None


def test_statuses_and_the_next_unconfirmed_segment(session: ReviewSession) -> None:
    nav = Navigator(session)
    session.save(0)
    session.type(1, "The union called the offer an insult.")
    session.save(1)
    assert [nav.status(i) for i in range(4)] == [
        SegmentStatus.CONFIRMED,
        SegmentStatus.EDITED,
        SegmentStatus.UNCONFIRMED,
        SegmentStatus.UNCONFIRMED,
    ]
    assert nav.unconfirmed(1) == 2
    nav.go(3)
    assert nav.unconfirmed(1) is None, "no wrapping unless asked"
    assert nav.unconfirmed(1, wrap=True) == 2
    assert nav.unconfirmed(-1) == 2


def test_the_status_filter_skips_segments_but_keeps_the_focused_one(session: ReviewSession) -> None:
    nav = Navigator(session)
    session.save(1)
    nav.filter(Filters(status=SegmentStatus.UNCONFIRMED))
    assert [nav.shown(i) for i in range(4)] == [True, False, True, True]
    assert nav.segment(1) == 2, "j skips the confirmed segment"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["TEST_QUOTES", "TEST_THOUSANDS", "TEST_RULER"]),
        (Filters(severity=Severity.MAJOR), ["TEST_THOUSANDS", "TEST_RULER"]),
        (Filters(severity=Severity.CRITICAL), ["TEST_RULER"]),
        (Filters(category="Fluency"), ["TEST_QUOTES"]),
        (Filters(severity=Severity.CRITICAL, category="Fluency"), []),
    ],
)
def test_flag_filters(session: ReviewSession, filters: Filters, expected: list[str]) -> None:
    nav = Navigator(session)
    nav.filter(filters)
    assert [issue.rule_id for issue in nav.all_flags()] == expected


def test_flag_steps_follow_the_filter_and_say_why_they_stop(session: ReviewSession) -> None:
    nav = Navigator(session)
    nav.filter(Filters(severity=Severity.MAJOR))
    first = nav.step_flag(1)
    assert not isinstance(first, str) and first.rule_id == "TEST_THOUSANDS"
    nav.go(first.segment or 0, first.id)
    second = nav.step_flag(1)
    assert not isinstance(second, str) and second.rule_id == "TEST_RULER"
    nav.go(second.segment or 0, second.id)
    assert nav.step_flag(1) == "No more flags that way."
    nav.filter(Filters(category="Accuracy"))
    assert nav.step_flag(1) == "No flags pass the filter."


def test_search_ignores_case_and_wraps(session: ReviewSession) -> None:
    nav = Navigator(session)
    assert [(m.segment, m.start) for m in nav.search("THE")] == [(1, 0), (1, 17), (2, 34), (3, 14), (3, 30)]
    steps = [nav.step_match(1) for _ in range(6)]
    assert [(m.segment, m.start) for m in steps if m] == [(1, 0), (1, 17), (2, 34), (3, 14), (3, 30), (1, 0)]
    assert nav.index == 1
    back = nav.step_match(-1)
    assert back is not None and (back.segment, back.start) == (3, 30)


def test_segment_numbers_count_from_one(session: ReviewSession) -> None:
    nav = Navigator(session)
    assert nav.segment_number(" 4 ") == 3
    with pytest.raises(ValueError, match="segments 1 to 4"):
        nav.segment_number("5")
    with pytest.raises(ValueError, match="not a segment number"):
        nav.segment_number("four")


def test_replace_previews_each_occurrence_and_replaces_only_those_chosen() -> None:
    texts = {0: "Strike in Hamburg.", 1: "The strike, the STRIKE."}
    shown = preview(texts, "strike", "walkout")
    first = shown[0]
    assert (first.match.segment, first.before, first.after) == (0, "Strike in Hamburg.", "walkout in Hamburg.")
    assert len(shown) == 3
    chosen = [m for m in find(texts, "strike") if m.segment == 1]
    assert replaced(texts, chosen, "walkout") == {1: "The walkout, the walkout."}


def test_undoing_an_apply_saves_the_old_text_again_and_reopens_the_flag(session: ReviewSession) -> None:
    decisions = Decisions(session)
    [quotes] = [i for i in session.visible(1) if i.rule_id == "TEST_QUOTES"]
    record(session, decisions.apply(quotes, quotes.suggestions[0]))
    assert "“an insult”" in session.saved[1]
    step, saves = decisions.undo()
    record(session, saves)
    assert step is not None and step.what == "apply TEST_QUOTES"
    assert session.saved[1] == session.article.segments[1].text
    history = session.review.history(1)
    assert [e.after for e in history] == [
        session.article.segments[1].text.replace("„an insult“", "“an insult”"),
        session.article.segments[1].text,
    ], "nothing deleted, the undo is an edit"
    assert session.review.decisions()[quotes.id].state == DecisionState.OPEN
    assert decisions.undo() == (None, []), "an undo is not itself undone"


def test_dismissing_all_alike_is_one_step_and_undone_together(
    session: ReviewSession, make_config: Callable[..., RunConfig]
) -> None:
    decisions = Decisions(session)
    nav = Navigator(session)
    session.type(0, "Ruler strike in Hamburg")
    session.save(0)
    [ruler] = [i for i in session.visible(3) if i.rule_id == "TEST_RULER"]
    rechecked = check_texts(
        session.article, session.texts(), fast_checkers(make_config(rule_paths=[FIXTURES / "rules"])).checkers
    )
    session.set_all_issues(session.texts(), rechecked)
    alike = nav.like(ruler)
    assert len(alike) == 2
    decisions.dismiss(alike)
    assert nav.all_flags() and all(i.rule_id != "TEST_RULER" for i in nav.all_flags())
    decisions.undo()
    assert sum(i.rule_id == "TEST_RULER" for i in nav.all_flags()) == 2


def test_revert_puts_the_mt_back_as_a_new_edit(session: ReviewSession) -> None:
    decisions = Decisions(session)
    session.type(2, "Some 4,000 workers struck.")
    session.save(2)
    record(session, decisions.revert(2))
    assert session.saved[2] == session.article.segments[2].text
    assert len(session.review.history(2)) == 2
    assert decisions.revert(2) == [], "the MT already: nothing recorded"


def test_adding_a_word_writes_the_projects_accepted_words_file(session: ReviewSession, tmp_path: Path) -> None:
    (tmp_path / "reviewer.yaml").write_text("languagetool:\n  accepted_words_file: words.txt\n", encoding="utf-8")
    (tmp_path / "words.txt").write_text("# names\nMorgulov", encoding="utf-8")
    [ruler] = [i for i in session.visible(3) if i.rule_id == "TEST_RULER"]
    words_file = load_settings(tmp_path).words_file
    path, dismissed = Decisions(session).add_word(ruler, words_file)
    Decisions(session).add_word(ruler, words_file)
    assert path == tmp_path / "words.txt"
    assert path.read_text(encoding="utf-8") == "# names\nMorgulov\nRuler\n"
    assert [i.rule_id for i in dismissed] == ["TEST_RULER"]


def test_adding_a_word_without_an_accepted_words_file_says_how(session: ReviewSession, tmp_path: Path) -> None:
    [ruler] = [i for i in session.visible(3) if i.rule_id == "TEST_RULER"]
    with pytest.raises(ConfigError, match="accepted_words_file"):
        Decisions(session).add_word(ruler, load_settings(tmp_path).words_file)


def test_a_flag_confirmed_as_an_annotation_counts_in_the_confirmed_score(session: ReviewSession) -> None:
    decisions = Decisions(session)
    nav = Navigator(session, decisions.proposed)
    [quotes] = [i for i in session.visible(1) if i.rule_id == "TEST_QUOTES"]
    assert confirmed_penalty(session).total == 0
    assert decisions.next_severity(quotes) == Severity.MAJOR
    assert [i.severity for i in nav.flags(1) if i.id == quotes.id] == [Severity.MAJOR], "shown as proposed"
    annotation = decisions.confirm(quotes)
    assert (annotation.category, annotation.severity, annotation.text) == (
        "Fluency/Punctuation",
        Severity.MAJOR,
        "„an insult“",
    )
    assert quotes.id not in {i.id for i in session.visible(1)}, "the annotation stands in for the flag"
    assert annotation.id in {i.id for i in nav.flags(1)}
    assert confirmed_penalty(session).total == 5.0
    assert automatic_penalty(session).total == 30.1, "the flags' score is what the checkers said"
    assert session.review.decisions()[quotes.id].state == DecisionState.ACCEPTED
    reopened = ReviewSession(session.article, "anna", session.review)
    assert [a.severity for a in reopened.annotations] == [Severity.MAJOR], "kept for the next visit"


def test_severity_proposals_cycle() -> None:
    assert [Severity(s % len(Severity) + 1) for s in Severity] == [Severity.MAJOR, Severity.CRITICAL, Severity.MINOR]


def test_fix_all_safe_is_one_step_that_undo_puts_back(session: ReviewSession) -> None:
    decisions = Decisions(session)
    [pack] = load_packs([FIXTURES / "rules"]).packs
    saves, fixed = decisions.fix_safe([pack])
    record(session, saves)
    assert fixed == 2
    assert session.saved[1] == "The union called the offer “an insult”, a spokesman said."
    assert session.saved[2] == "Around 4,000 workers took part in the walkout."
    assert session.saved[3] == session.article.segments[3].text, "Ruler has no safe fix"
    assert decisions.fix_safe([pack]) == ([], 0), "fixing twice changes nothing"
    step, saves = decisions.undo()
    record(session, saves)
    assert step is not None and step.what == "fix all safe"
    assert [session.saved[i] for i in (1, 2)] == [session.article.segments[i].text for i in (1, 2)]


def test_the_state_and_status_line_come_from_the_session_and_the_focus(session: ReviewSession) -> None:
    nav = Navigator(session)
    nav.go(1)
    session.type(3, "Leader Kim met the strikers.")
    state = nav.state(1)
    assert (state.focused_flag, state.saved, state.edited, state.unsaved) == (nav.flag, False, False, False)
    assert nav.state(3).unsaved and nav.state(3).focused_flag is None
    nav.filter(Filters(severity=Severity.MAJOR))
    assert nav.note() == "● unsaved: 4   showing major+ flags"
