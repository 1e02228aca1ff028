"""LanguageTool's JSON matches as compact records per piece, and records as findings.

A record is what the cache keeps: rule, category, issue type, message, suggestions and
a code-point span within its piece. Accepted words and the MQM mapping are applied only
when a record becomes a finding, so they can change without asking the server again.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from reviewer.languagetool.mapping import classify, is_spelling
from reviewer.languagetool.text import Joined, Piece, Utf16Offsets
from reviewer.model import Finding

MAX_SUGGESTIONS = 5  # the speller offers dozens; a reviewer reads the first few

Record = dict[str, Any]


def split_matches(answer: dict[str, Any], joined: Joined) -> list[list[Record]]:
    """The records of each piece of a joined request, from the server's answer to it."""
    offsets = Utf16Offsets(joined.text)
    per_piece: list[list[Record]] = [[] for _ in joined.starts]
    for match in answer["matches"]:
        start = offsets.code_point(int(match["offset"]))
        end = offsets.code_point(int(match["offset"]) + int(match["length"]))
        located = joined.locate(start, end)
        if located is None:
            continue
        index, local_start, local_end = located
        rule = match.get("rule", {})
        per_piece[index].append(
            {
                "rule": rule.get("id", "UNKNOWN"),
                "category": rule.get("category", {}).get("id", ""),
                "type": rule.get("issueType", ""),
                "message": match.get("message", ""),
                "start": local_start,
                "end": local_end,
                "suggestions": [r["value"] for r in match.get("replacements", [])[:MAX_SUGGESTIONS] if "value" in r],
            }
        )
    return per_piece


def to_finding(record: Record, piece: Piece, accepted: Collection[str]) -> Finding | None:
    """The finding for a record of `piece`; None when it flags an accepted word as misspelt."""
    flagged = piece.text[record["start"] : record["end"]]
    if flagged in accepted and is_spelling(record["category"], record["type"]):
        return None
    category, severity = classify(record["rule"], record["category"], record["type"])
    return Finding(
        rule_id=record["rule"],
        category=category,
        severity=severity,
        message=record["message"],
        start=piece.start + record["start"],
        end=piece.start + record["end"],
        suggestions=tuple(record["suggestions"]),
    )
