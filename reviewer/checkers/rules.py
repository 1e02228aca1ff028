"""The `rules` checker: run the loaded YAML rule packs over each article.

Each rule gets a time budget per article. A rule that runs out is skipped for that
article; one that keeps running out is switched off for the rest of the run, so one bad
pattern costs a batch seconds, not hours. Every article a rule was skipped on gets a gap
(its result is incomplete), with a reason that names the rule and not the article, so
a front end can count each kind once.
"""

from __future__ import annotations

import importlib.resources
import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from reviewer.checkers import Signature
from reviewer.language import LanguagePairs
from reviewer.model import Article, CheckOutcome, Gap
from reviewer.rules import Pack

DEFAULT_TIMEOUT = 1.0  # seconds per rule per article; real rules take well under a millisecond
MAX_TIMEOUTS = 3  # timeouts after which a rule is switched off for the run


def default_rule_dirs() -> list[Path]:
    """`./rules` when the working directory has one, else the packs shipped in the package."""
    local = Path("rules")
    if local.is_dir():
        return [local]
    return [shipped_packs()]


def shipped_packs() -> Path:
    """The packs installed with reviewer, `reviewer/packs`: in a checkout (and an editable
    install) a link to the top-level `rules/`, in the wheel a copy of it."""
    return Path(str(importlib.resources.files("reviewer").joinpath("packs")))


class RulesChecker:
    """Checks articles with the rules of every pack that applies to the article's languages."""

    id = "rules"

    def __init__(
        self, packs: Sequence[Pack], timeout: float = DEFAULT_TIMEOUT, max_timeouts: int = MAX_TIMEOUTS
    ) -> None:
        self.packs = tuple(packs)
        self.pairs = LanguagePairs(tuple(pack.pair for pack in self.packs))
        self.timeout = timeout
        self.max_timeouts = max_timeouts
        self._timeouts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def check(self, article: Article) -> CheckOutcome:
        outcome = CheckOutcome()
        for pack in self.packs:
            if not pack.applies_to(article):
                continue
            for rule in pack.rules:
                if self._disabled(rule.id):
                    outcome.gaps.append(
                        Gap(self.id, f"{rule.id} disabled for the rest of this run after {self.max_timeouts} time-outs")
                    )
                    continue
                try:
                    outcome.findings.extend(rule.find(article.text, timeout=self.timeout))
                except TimeoutError:
                    self._timed_out(rule.id)
                    outcome.gaps.append(Gap(self.id, f"{rule.id} timed out after {self.timeout:g} s"))
        outcome.findings.sort(key=lambda f: (f.start, f.end, f.rule_id))
        return outcome

    def signature(self) -> Signature:
        """The report's `rules` block; `sha256` changes whenever a pack's file or the set of
        rules loaded from it does, so caches keyed on it never serve stale results."""
        return Signature.of_files((pack.path, pack.sha256, (r.id for r in pack.rules)) for pack in self.packs)

    def _disabled(self, rule_id: str) -> bool:
        with self._lock:
            return self._timeouts[rule_id] >= self.max_timeouts

    def _timed_out(self, rule_id: str) -> None:
        with self._lock:
            self._timeouts[rule_id] += 1
