"""Re-checks after typing finish in any order: a result older than the one shown is dropped."""

from __future__ import annotations

from reviewer.model import Article, CheckOutcome
from reviewer.rechecks import CheckRun, Rechecks, stages


class Named:
    """A checker that only has a name: the stages go by ids."""

    def __init__(self, id: str) -> None:
        self.id = id

    def check(self, article: Article) -> CheckOutcome:
        return CheckOutcome()


def test_a_newer_runs_fast_flags_are_not_overwritten_by_an_older_runs_languagetool_flags() -> None:
    rechecks = Rechecks()
    old, new = rechecks.start(), rechecks.start()
    assert rechecks.take(0, CheckRun(old, 0)), "the first result shows"
    assert rechecks.take(0, CheckRun(new, 0)), "a newer text's rule flags show at once"
    assert not rechecks.take(0, CheckRun(old, 1)), "the older text's LanguageTool result is stale"
    assert rechecks.take(0, CheckRun(new, 1))
    assert not rechecks.take(0, CheckRun(new, 0)), "a run's fast stage never replaces its full one"


def test_segments_are_tracked_apart() -> None:
    rechecks = Rechecks()
    first, second = rechecks.start(), rechecks.start()
    assert rechecks.take(1, CheckRun(second, 1))
    assert rechecks.take(2, CheckRun(first, 0)), "segment 2 has shown nothing yet"


def test_the_fast_checkers_run_first_and_languagetool_with_everything_after() -> None:
    rules, pair, languagetool = Named("rules"), Named("pair"), Named("languagetool")
    assert [[c.id for c in stage] for stage in stages([rules, languagetool, pair])] == [
        ["rules", "pair"],
        ["rules", "languagetool", "pair"],
    ]
    assert [[c.id for c in stage] for stage in stages([rules])] == [["rules"]]
    assert stages([languagetool]) == [], "nothing until the fast checkers are built"
