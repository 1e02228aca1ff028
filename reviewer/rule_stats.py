"""Per-rule precision learned from the review record: what reviewers did with each flag.

A flag on a reviewed segment ends one of four ways: the reviewer applied its suggestion
(`applied`), edited the flagged words themselves (`changed`), dismissed it as a false
alarm (`dismissed`), or saved or confirmed the segment with the flagged words as they
were (`stood`). The first two count for the rule, the last two against it; flags on
segments nobody has saved or decided on yet are `pending` and count for nothing.
Precision comes with a Wilson score interval, so a rule seen three times is not judged
like one seen three hundred times.
"""

from __future__ import annotations

import difflib
import enum
import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewer.store import DecisionState
from reviewer.store.flags import RecordedFlag

SCHEMA = "reviewer.rule-stats/1"
Z_95 = 1.959964
EXAMPLES_PER_RULE = 3


class Outcome(enum.StrEnum):
    APPLIED = "applied"
    CHANGED = "changed"
    DISMISSED = "dismissed"
    STOOD = "stood"
    PENDING = "pending"


RIGHT = (Outcome.APPLIED, Outcome.CHANGED)
WRONG = (Outcome.DISMISSED, Outcome.STOOD)


def span_changed(before: str, after: str, start: int, end: int) -> bool:
    """True when the edit from `before` to `after` touched `before[start:end]`: replaced
    or deleted any of it, or inserted something inside it."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        if (i1 < end and i2 > start) or (tag == "insert" and start < i1 < end):
            return True
    return False


def outcome(flag: RecordedFlag) -> Outcome:
    if flag.decision is DecisionState.DISMISSED:
        return Outcome.DISMISSED
    if flag.decision is DecisionState.ACCEPTED:
        return Outcome.APPLIED
    if flag.saved is None:
        return Outcome.PENDING
    return Outcome.CHANGED if span_changed(flag.mt, flag.saved, flag.start, flag.end) else Outcome.STOOD


def wilson(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (0, 1 without trials)."""
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Example:
    path: str
    segment: int
    text: str
    outcome: Outcome
    after: str | None


@dataclass
class RuleStats:
    checker: str
    rule_id: str
    counts: dict[Outcome, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))
    examples: list[Example] = field(default_factory=list)

    @property
    def flagged(self) -> int:
        """Flags on reviewed segments (pending ones left out)."""
        return sum(self.counts[o] for o in (*RIGHT, *WRONG))

    @property
    def right(self) -> int:
        return sum(self.counts[o] for o in RIGHT)

    @property
    def precision(self) -> float | None:
        return self.right / self.flagged if self.flagged else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.right, self.flagged)

    def to_json(self) -> dict[str, Any]:
        low, high = self.interval
        return {
            "checker": self.checker,
            "rule_id": self.rule_id,
            "flagged": self.flagged,
            **{o.value: self.counts[o] for o in Outcome},
            "precision": None if self.precision is None else round(self.precision, 4),
            "interval": [round(low, 4), round(high, 4)],
            "examples": [
                {"path": e.path, "segment": e.segment, "text": e.text, "outcome": e.outcome.value, "after": e.after}
                for e in self.examples
            ],
        }


def rule_stats(flags: Iterable[RecordedFlag]) -> list[RuleStats]:
    """One entry per rule that flagged a reviewed segment, most flags first. Examples
    show each outcome once before repeating one."""
    by_rule: dict[tuple[str, str], RuleStats] = {}
    candidates: dict[tuple[str, str], list[Example]] = defaultdict(list)
    for flag in flags:
        result = outcome(flag)
        key = (flag.checker, flag.rule_id)
        stats = by_rule.setdefault(key, RuleStats(flag.checker, flag.rule_id))
        stats.counts[result] += 1
        if result is not Outcome.PENDING:
            candidates[key].append(Example(flag.path, flag.segment, flag.text, result, flag.saved))
    for key, stats in by_rule.items():
        firsts: list[Example] = []
        for example in candidates[key]:
            if all(example.outcome is not first.outcome for first in firsts):
                firsts.append(example)
        stats.examples = (firsts + [e for e in candidates[key] if e not in firsts])[:EXAMPLES_PER_RULE]
    kept = [s for s in by_rule.values() if s.flagged]
    return sorted(kept, key=lambda s: (-s.flagged, s.rule_id, s.checker))


def stats_fingerprint(stats: Sequence[RuleStats]) -> str:
    """Changes whenever a count does: names the stats a tuned report was made with."""
    blob = json.dumps([[s.checker, s.rule_id, [s.counts[o] for o in Outcome]] for s in stats])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def render_json(stats: Sequence[RuleStats], db: str) -> str:
    return (
        json.dumps(
            {"schema": SCHEMA, "db": db, "sha256": stats_fingerprint(stats), "rules": [s.to_json() for s in stats]},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def render_text(stats: Sequence[RuleStats]) -> str:
    """A table, one rule a line, with its first example."""
    header = ("RULE", "CHECKER", "FLAGS", "APPLIED", "CHANGED", "DISMISSED", "STOOD", "PRECISION", "95% CI", "EXAMPLE")
    rows: list[tuple[str, ...]] = [header]
    for s in stats:
        low, high = s.interval
        example = s.examples[0] if s.examples else None
        shown = f"{example.outcome.value}: {' '.join(example.text.split())[:50]!r}" if example else ""
        rows.append(
            (
                s.rule_id,
                s.checker,
                str(s.flagged),
                *(str(s.counts[o]) for o in (*RIGHT, *WRONG)),
                f"{s.precision:.2f}" if s.precision is not None else "-",
                f"{low:.2f}-{high:.2f}",
                shown,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"
