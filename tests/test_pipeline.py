"""Placing findings in the text, and one issue per problem when checkers overlap."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from reviewer.checkers import Signature
from reviewer.language import ANY_PAIR
from reviewer.model import Article, CheckOutcome, Finding, Issue, RuleRef, Segment, Severity
from reviewer.pipeline import _fold_contained, _merge_same_span, check_article, place

TEXT = "Title\n\nHe was „rash“ and left.\nThen more."
SEGMENTS = (Segment(0, 0, 5, "Title"), Segment(1, 7, len(TEXT), TEXT[7:]))
ARTICLE = Article(path="a.txt", id="a", text=TEXT, segments=SEGMENTS)
QUOTE = TEXT.index("„")
CLOSE = TEXT.index("“")


class Fixed:
    def __init__(self, checker_id: str, *findings: Finding) -> None:
        self.id = checker_id
        self.findings = list(findings)

    pairs = ANY_PAIR

    def signature(self) -> Signature:
        return Signature()

    def check(self, article: Article) -> CheckOutcome:
        return CheckOutcome(findings=self.findings)


def finding(
    rule: str,
    start: int,
    end: int,
    category: str = "Fluency/Punctuation",
    severity: Severity = Severity.MINOR,
    suggestions: tuple[str, ...] = (),
) -> Finding:
    return Finding(rule, category, severity, f"{rule} says so", start, end, suggestions)


def test_issue_is_placed_with_text_line_column_and_segment() -> None:
    (issue,) = check_article(ARTICLE, [Fixed("rules", finding("Q", QUOTE, CLOSE + 1))]).issues
    assert (issue.text, issue.line, issue.column, issue.segment) == ("„rash“", 3, 8, 1)


def test_same_span_from_two_checkers_is_one_issue_led_by_the_more_severe() -> None:
    issues = check_article(
        ARTICLE,
        [
            Fixed("languagetool", finding("LT_Q", QUOTE, CLOSE + 1, suggestions=("'rash'",))),
            Fixed("rules", finding("Q", QUOTE, CLOSE + 1, severity=Severity.MAJOR, suggestions=("“rash”",))),
        ],
    ).issues
    (issue,) = issues
    assert (issue.checker, issue.rule_id) == ("rules", "Q")
    assert [(r.checker, r.rule_id) for r in issue.also] == [("languagetool", "LT_Q")]
    assert issue.suggestions == ("“rash”", "'rash'")


@pytest.mark.parametrize(
    ("inner_category", "inner_severity", "folded"),
    [
        ("Fluency/Punctuation", Severity.MINOR, True),
        ("Fluency/Spelling", Severity.MINOR, False),
        ("Fluency/Punctuation", Severity.CRITICAL, False),
    ],
)
def test_part_of_another_checkers_span_folds_in_only_when_same_category_and_no_worse(
    inner_category: str, inner_severity: Severity, folded: bool
) -> None:
    issues = check_article(
        ARTICLE,
        [
            Fixed("rules", finding("Q", QUOTE, CLOSE + 1, suggestions=("“rash”",))),
            Fixed(
                "languagetool",
                finding("LT_OPEN", QUOTE, QUOTE + 1, inner_category, inner_severity, ("“",)),
                finding("LT_CLOSE", CLOSE, CLOSE + 1, inner_category, inner_severity, ("”",)),
            ),
        ],
    ).issues
    if folded:
        (issue,) = issues
        assert [r.rule_id for r in issue.also] == ["LT_OPEN", "LT_CLOSE"]
        assert issue.suggestions == ("“rash”",), "the narrower issues' fixes belong to other spans"
    else:
        assert sorted(i.rule_id for i in issues) == ["LT_CLOSE", "LT_OPEN", "Q"]


def test_overlapping_rules_of_one_checker_stay_separate() -> None:
    issues = check_article(
        ARTICLE, [Fixed("rules", finding("Q", QUOTE, CLOSE + 1), finding("OPEN", QUOTE, QUOTE + 1))]
    ).issues
    assert [i.rule_id for i in issues] == ["OPEN", "Q"]


def test_finding_outside_the_text_is_a_checker_bug_not_a_silent_issue() -> None:
    with pytest.raises(ValueError, match=r"outside a\.txt"):
        check_article(ARTICLE, [Fixed("rules", finding("Q", 0, len(TEXT) + 5))])


def _fold_by_scanning(issues: list[Issue]) -> list[Issue]:
    """The folding rule stated as plainly as possible (every kept issue looked at, last
    first): the oracle the fast merge must agree with."""
    kept: list[Issue] = []
    for issue in sorted(issues, key=lambda i: (i.start, -i.end, i.rule_id)):
        for n in range(len(kept) - 1, -1, -1):
            wider = kept[n]
            if (
                wider.start <= issue.start
                and issue.end <= wider.end
                and wider.checker != issue.checker
                and wider.category == issue.category
                and wider.severity >= issue.severity
            ):
                kept[n] = replace(
                    wider, also=(*wider.also, RuleRef(issue.checker, issue.rule_id, issue.message), *issue.also)
                )
                break
        else:
            kept.append(issue)
    return sorted(kept, key=lambda i: (i.start, i.end, i.rule_id))


@pytest.mark.parametrize("seed", range(40))
def test_folding_agrees_with_looking_at_every_kept_issue(seed: int) -> None:
    """Random overlapping flags from several checkers, categories and severities: the
    n log n merge folds exactly what comparing every pair would."""
    chance = random.Random(seed)
    text = "x" * 200
    article = Article(path="a.txt", id="a", text=text, segments=(Segment(0, 0, len(text), text),))
    issues = []
    for n in range(chance.randint(1, 60)):
        start = chance.randrange(len(text))
        end = min(len(text), start + chance.choice([1, 2, 5, 20, 80]))
        found = Finding(
            f"R{n}",
            chance.choice(["Fluency/Punctuation", "Fluency/Grammar"]),
            chance.choice(list(Severity)),
            f"rule {n}",
            start,
            end,
        )
        issues.append(place(article, chance.choice(["languagetool", "rules", "pair"]), found))
    merged = _merge_same_span(issues)
    assert _fold_contained(merged) == _fold_by_scanning(merged)
