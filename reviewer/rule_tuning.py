"""Rules a project has learned to trust less: muted or demoted in `reviewer.yaml`, or
left out by `check --min-rule-precision P --db ...` when the review record proves them
below P.

    rule_tuning:
      mute: [CAPITALISED_COMMON_NOUN, EN_COMPOUNDS]   # never reported
      demote: [IT_SAID_FROM]                          # one severity down (minor stays minor)

Tuning is applied to each checked article (after the cache, before penalties and
gates, like a baseline), so cached results stay valid; the report's `checkers.rule_tuning` block, and through it the
signature, names what was muted and demoted and the stats it was learned from. A rule
is left out by `--min-rule-precision P` when the upper end of its 95% Wilson interval
is below P: the evidence, not one unlucky dismissal, says it is wrong more often than P.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from reviewer.errors import ConfigError
from reviewer.languagetool.settings import ProjectFile
from reviewer.model import ArticleResult, Issue, Severity
from reviewer.rule_stats import rule_stats, stats_fingerprint
from reviewer.signature import Signature
from reviewer.store import ReviewStore, ServerUrl
from reviewer.store.flags import recorded_flags

BLOCK = "rule_tuning"
_KEYS = ("mute", "demote")
OUR_PREFIXES = ("PAIR_",)
"""Prefixes of our checkers' ids that LanguageTool's do not use (a pack's are dotted)."""
_LANGUAGETOOL_ID = re.compile(r"[A-Z][A-Z0-9_]*\Z")


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

    def tune(self, result: ArticleResult) -> ArticleResult:
        """The article's result without muted rules' issues and with demoted ones a step down."""
        return replace(result, issues=tune_issues(result.issues, self))

    def signature(self) -> Signature:
        """The report's `checkers.rule_tuning` block; its `sha256` goes into the signature."""
        block: dict[str, Any] = {
            "config": self.config,
            "muted": sorted(self.muted),
            "demoted": sorted(self.demoted),
            **({"learned": self.learned} if self.learned else {}),
        }
        sha256 = hashlib.sha256(json.dumps(block, sort_keys=True).encode("utf-8")).hexdigest()
        return Signature(label=sha256[:12], about={**block, "sha256": sha256})


def unknown_ids(tuning: Tuning, known: Collection[str]) -> list[str]:
    """Warnings for ids reviewer.yaml mutes or demotes that no rule of this run can have:
    not in `known` (the loaded packs' and our checkers' ids) and shaped like one of ours
    (a pack namespace `DE.X`, a pair check `PAIR_X`) or like nobody's (not upper case).
    LanguageTool's ids (`EN_COMPOUNDS`) cannot be listed offline, so an upper-case id
    with underscores passes: a typo there is not caught."""
    learned = set(tuning.learned.get("below", ()))
    named = [("mute", rule) for rule in sorted(tuning.muted - learned)] + [
        ("demote", r) for r in sorted(tuning.demoted)
    ]
    return [
        f"{tuning.config}: {BLOCK}.{key}: {rule} matches no rule of the loaded packs or checkers"
        for key, rule in named
        if rule not in known and ("." in rule or rule.startswith(OUR_PREFIXES) or not _LANGUAGETOOL_ID.match(rule))
    ]


def load_tuning(min_precision: float | None, db: Path | ServerUrl, db_origin: str, project: ProjectFile) -> Tuning:
    """The project's tuning (its reviewer.yaml), plus the rules the record in `db`
    (chosen as `db_origin` says) proves below `min_precision` when one is given."""
    path = project.path
    muted, demoted = _read_block(project) if path else (set(), set())
    tuning = Tuning(frozenset(muted), frozenset(demoted), str(path) if path and (muted or demoted) else None)
    if min_precision is None:
        return tuning
    if isinstance(db, Path) and not db.exists():
        raise ConfigError(
            f"--min-rule-precision: no review database at {db} ({db_origin}), so no rule has a precision yet; "
            "name the database your reviews are in with --db or $REVIEWER_DB"
        )
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


def _read_block(project: ProjectFile) -> tuple[set[str], set[str]]:
    path, node = project.path, project.block(BLOCK)
    if node is None:
        return set(), set()
    try:
        block = yaml.SafeLoader("").construct_document(node)
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: cannot read the {BLOCK} block ({error})") from None
    if block is None:  # `rule_tuning:` with nothing under it
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
