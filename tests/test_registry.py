"""One registry builds every run's checkers: `check`, the review app and its segment
re-checker run the same checks, each on the language pairs it declares."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from reviewer.checkers import Signature
from reviewer.config import RunConfig
from reviewer.model import Article, Segment
from reviewer.pipeline import check_article
from reviewer.registry import build_checkers, fast_checkers

PACK = """\
pack: de-en
description: German into English only.
languages: [en]
source_languages: [de]
rules:
  - id: UHR
    kind: pattern
    message: "German time format: {match}"
    category: Locale convention/Time format
    severity: major
    pattern: '\\d+ Uhr'
    examples:
      bad: ['At <m>9 Uhr</m>.']
      ok: ['At 9 a.m.']
"""


def article(text: str, lang: str, source_lang: str | None) -> Article:
    segment = Segment(0, 0, len(text), text, source="Um 9 Uhr.", lang=lang)
    return Article(path="a.txt", id="a", text=text, segments=(segment,), lang=lang, source_lang=source_lang)


def test_check_and_review_build_the_same_checkers(tmp_path: Path, make_config: Callable[..., RunConfig]) -> None:
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    config = make_config(rule_paths=[tmp_path], languagetool_off="--no-languagetool")
    with ExitStack() as stack:
        batch = build_checkers(config, stack, [article("At 9 Uhr.", "en-US", "de")])
    review = fast_checkers(config)
    assert [c.id for c in batch.checkers] == ["languagetool", *(c.id for c in review.checkers)]
    assert [c.id for c in review.checkers] == ["rules", "source_terms", "pair"]
    assert batch.checkers[0].signature() == Signature.off("--no-languagetool")


def test_a_checker_sees_only_the_language_pairs_it_declares(
    tmp_path: Path, make_config: Callable[..., RunConfig]
) -> None:
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    checkers = fast_checkers(make_config(rule_paths=[tmp_path])).checkers
    rules = checkers[0]
    assert rules.pairs.covers("en-GB", "de") and rules.pairs.covers("en-US", None)
    assert not rules.pairs.covers("en-US", "fr") and not rules.pairs.covers("de-DE", "de")
    found = {
        pair: [i.rule_id for i in check_article(article("At 9 Uhr.", *pair), checkers).issues]
        for pair in [("en-US", "de"), ("en-US", "fr"), ("de-DE", "en")]
    }
    assert found[("en-US", "de")] == ["UHR"]
    assert "UHR" not in found[("en-US", "fr")] and "UHR" not in found[("de-DE", "en")]


def test_a_signature_reports_where_a_checker_runs_but_keys_the_cache_on_what_it_is() -> None:
    signature = Signature(label="6.8", about={"version": "6.8"}, where={"url": "http://127.0.0.1:8081"})
    assert signature.report() == {"enabled": True, "version": "6.8", "url": "http://127.0.0.1:8081"}
    assert signature.cache_key() == {"enabled": True, "version": "6.8"}
    assert Signature.off("--no-languagetool").report() == {"enabled": False, "reason": "--no-languagetool"}
