"""Rules a project has learned to trust less: muted or demoted in `reviewer.yaml`, or
left out by `check --min-rule-precision P --db ...` when the review record proves them
below P.

    rule_tuning:
      mute: [CAPITALISED_COMMON_NOUN, EN_COMPOUNDS]   # never reported
      demote: [IT_SAID_FROM]                          # one severity down (minor stays minor)

Tuning is applied to a checked batch (after the cache, before the gates), so cached
results stay valid; the report's `checkers.rule_tuning` block, and through it the
signature, names what was muted and demoted and the stats it was learned from. A rule
is left out by `--min-rule-precision P` when the upper end of its 95% Wilson interval
is below P: the evidence, not one unlucky dismissal, says it is wrong more often than P.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from reviewer.errors import ConfigError
from reviewer.languagetool.settings import find_config
from reviewer.model import Issue, Severity
from reviewer.mqm import Penalty, Weights, penalty
from reviewer.report import BatchReport
from reviewer.rule_stats import rule_stats, stats_fingerprint
from reviewer.store import ReviewStore
from reviewer.store.flags import recorded_flags

BLOCK = "rule_tuning"
_KEYS = ("mute", "demote")


@dataclass(frozen=True)
class Tuning:
    muted: frozenset[str] = frozenset()
    demoted: frozenset[str] = frozenset()
    config: str | None = None
    learned: dict[str, Any] = field(default_factory=dict)
    """With --min-rule-precision: the threshold, the database, and the stats' fingerprint."""

    @property
    def active(self) -> bool:
        return bool(self.muted or self.demoted or self.learned)

    def describe(self) -> dict[str, Any]:
        """The report's `checkers.rule_tuning` block; its `sha256` goes into the signature."""
        block: dict[str, Any] = {
            "enabled": True,
            "config": self.config,
            "muted": sorted(self.muted),
            "demoted": sorted(self.demoted),
            **({"learned": self.learned} if self.learned else {}),
        }
        block["sha256"] = hashlib.sha256(json.dumps(block, sort_keys=True).encode("utf-8")).hexdigest()
        return block


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-rule-precision",
        type=_fraction,
        metavar="P",
        help="leave out rules whose precision in the review record (--db) is proven below P (0-1)",
    )
    parser.add_argument(
        "--db", metavar="PATH|URL", help="review database for --min-rule-precision (default: $REVIEWER_DB)"
    )


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"expected a precision between 0 and 1, got {value!r}")
    return number


def load_tuning(min_precision: float | None = None, db: str | None = None, directory: Path | None = None) -> Tuning:
    """The project's tuning (its reviewer.yaml), plus the rules the record proves below
    `min_precision` when one is given."""
    path = find_config(directory or Path.cwd())
    muted, demoted = _read_block(path) if path else (set(), set())
    tuning = Tuning(frozenset(muted), frozenset(demoted), str(path) if path and (muted or demoted) else None)
    if min_precision is None:
        return tuning
    with ReviewStore.open(db, readonly=True) as store:
        stats = rule_stats(recorded_flags(store))
        where = str(store.path)
    below = sorted(s.rule_id for s in stats if s.interval[1] < min_precision)
    learned = {
        "min_rule_precision": min_precision,
        "db": where,
        "stats_sha256": stats_fingerprint(stats),
        "rules_with_stats": len(stats),
        "below": below,
    }
    return replace(tuning, muted=tuning.muted | frozenset(below), learned=learned)


def _read_block(path: Path) -> tuple[set[str], set[str]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot read the {BLOCK} block ({error})") from None
    block = data.get(BLOCK) if isinstance(data, dict) else None
    if block is None:
        return set(), set()
    if not isinstance(block, dict) or set(block) - set(_KEYS):
        raise ConfigError(f"{path}: {BLOCK} must be a mapping with {' and/or '.join(_KEYS)} (lists of rule ids)")
    lists = []
    for key in _KEYS:
        value = block.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"{path}: {BLOCK}.{key} must be a list of rule ids")
        lists.append(set(value))
    return lists[0], lists[1]


def tune_issues(issues: list[Issue], tuning: Tuning) -> list[Issue]:
    """`issues` without muted rules' and with demoted rules' severity one step down. A
    flag several rules share goes only when every one of them is muted."""
    kept = []
    for issue in issues:
        rules = [issue.rule_id, *(r.rule_id for r in issue.also)]
        if all(rule in tuning.muted for rule in rules):
            continue
        if issue.rule_id in tuning.demoted and issue.severity > Severity.MINOR:
            issue = replace(issue, severity=Severity(issue.severity - 1))
        kept.append(issue)
    return kept


def tune_report(report: BatchReport, tuning: Tuning, weights: Weights) -> BatchReport:
    """The report with tuning applied and penalties recomputed; re-apply the gates after."""
    articles = []
    for article in report.articles:
        issues = tune_issues(article.result.issues, tuning)
        words = article.result.article.words
        articles.append(
            replace(article, result=replace(article.result, issues=issues), penalty=penalty(issues, words, weights))
        )
    total = Penalty.of(sum(a.penalty.total for a in articles), sum(a.result.article.words for a in articles))
    return replace(report, articles=articles, penalty=total, checkers={**report.checkers, BLOCK: tuning.describe()})
