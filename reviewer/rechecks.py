"""Which re-check of a segment may still be shown, without a user interface.

After typing, a segment is checked in stages: the fast checkers (rule packs, source
checks) first, then everything with LanguageTool. Checks run in threads and can finish
in any order, so each result carries its run (a newer run for every new text) and stage;
one from an older run, or an earlier stage of the run already shown, is stale and is
dropped instead of overwriting the newer flags.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.checkers import Checker

LANGUAGETOOL = "languagetool"  # the LanguageTool checker's id: the slow one, checked last


@dataclass(frozen=True, order=True)
class CheckRun:
    """One stage of one re-check: later runs, and later stages of a run, are newer."""

    run: int
    stage: int


def stages(checkers: Sequence[Checker]) -> list[list[Checker]]:
    """The checkers to run one after another: the fast ones, then all of them (when
    LanguageTool is among them). Empty while the fast ones are still being built."""
    fast = [checker for checker in checkers if checker.id != LANGUAGETOOL]
    if not fast:
        return []
    return [fast, list(checkers)] if len(fast) < len(checkers) else [fast]


class Rechecks:
    """The newest check result shown for each segment, to tell stale results from new."""

    def __init__(self) -> None:
        self._runs = itertools.count(1)
        self._shown: dict[int, CheckRun] = {}

    def start(self) -> int:
        """A new run, newer than every run started before."""
        return next(self._runs)

    def take(self, index: int, result: CheckRun) -> bool:
        """Whether `result` is newer than what segment `index` shows; if so it is now shown."""
        if result <= self._shown.get(index, CheckRun(0, 0)):
            return False
        self._shown[index] = result
        return True
