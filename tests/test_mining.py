"""`reviewer rules mine`: n-grams MT uses and people do not, written as candidate rules."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.mining.corpus import Corpus, Unit, post_edits, read_corpus
from reviewer.mining.keyness import key_ngrams, log_likelihood, ngrams
from reviewer.model import Article, Segment
from reviewer.rules import load_packs
from reviewer.store import ReviewStore

# Five source segments; three systems write "in the frame of" where people write "as part of".
WHOSE = ["the", "a", "this", "our", "their"]
SOURCES = [f"Im Rahmen der Feier Nummer {i} sang der Chor." for i in range(5)]
HUMAN = [f"As part of {w} party, the choir sang." for w in WHOSE]
MT = {system: [f"In the frame of {w} party, the choir sang." for w in WHOSE] for system in ("a", "b", "c")}


def units_record() -> dict:
    return {"docid": "d1", "src": SOURCES, "ref": HUMAN, "ref_alt": HUMAN, "mt": MT}


def test_log_likelihood_matches_dunning() -> None:
    # a=10 of c=1000 in MT, b=0 of d=1000 in human: G² = 2·10·ln(10 / 5)
    assert math.isclose(log_likelihood(10, 0, 1000, 1000), 2 * 10 * math.log(2))
    assert log_likelihood(5, 5, 1000, 1000) == 0.0


def test_ngrams_are_lowercased_words_broken_by_punctuation() -> None:
    grams = list(ngrams("In the frame, „he“ said", max_n=2))
    assert "in the" in grams and "the frame" in grams and "frame he" not in grams and "„" in grams


def test_key_ngrams_rank_what_mt_overuses_and_drop_echoes() -> None:
    corpus = Corpus([Unit(s, [(sys, MT[sys][i]) for sys in MT], [HUMAN[i], HUMAN[i]]) for i, s in enumerate(SOURCES)])
    ranked = key_ngrams(corpus, limit=5)
    assert ranked[0].ngram == "in the frame of"  # its parts ("the frame", "frame of") are echoes
    assert not any(k.ngram in ("the frame", "frame of", "in the frame") for k in ranked)
    assert ranked[0].mt == 15 and ranked[0].human == 0 and len(ranked[0].systems) == 3
    assert key_ngrams(corpus, limit=5, min_segments=6) == []


def test_line_files_align_by_line(tmp_path: Path) -> None:
    (tmp_path / "sys1.en").write_text("\n".join(MT["a"]) + "\n", encoding="utf-8")
    (tmp_path / "ref.en").write_text("\n".join(HUMAN) + "\n", encoding="utf-8")
    corpus = read_corpus([str(tmp_path / "sys1.en")], [str(tmp_path / "ref.en")])
    assert (
        len(corpus.units) == 5 and corpus.units[2].human == [HUMAN[2]] and corpus.units[2].mt == [("sys1", MT["a"][2])]
    )


def test_mine_writes_a_candidate_pack_that_loads_and_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "units.jsonl").write_text(json.dumps(units_record()) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["rules", "mine", "units.jsonl", "--limit", "3", "--output", "candidates.yaml"]) == 0
    assert "2 candidates from 15 MT and 10 human segments" in capsys.readouterr().err
    text = (tmp_path / "candidates.yaml").read_text(encoding="utf-8")
    assert "MINED.IN_THE_FRAME_OF" in text and "# source of the first example: Im Rahmen der Feier" in text
    load = load_packs([tmp_path / "candidates.yaml"])
    assert not load.errors, [str(e) for e in load.errors]
    rule = next(r for r in load.rules if r.id == "MINED.IN_THE_FRAME_OF")
    bad = [e for e in rule.examples if e.kind == "bad"]
    ok = [e for e in rule.examples if e.kind == "ok"]
    assert bad[0].text == MT["a"][0] and ok[0].text == HUMAN[0]


def test_mine_without_human_text_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mt.en").write_text("One line.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["rules", "mine", "mt.en"]) == 2
    assert "no human text to compare the MT with" in capsys.readouterr().err


def test_mine_reads_post_edits_from_the_review_store(tmp_path: Path) -> None:
    text = "\n".join(MT["a"])
    segments = tuple(
        Segment(
            i, sum(len(t) + 1 for t in MT["a"][:i]), sum(len(t) + 1 for t in MT["a"][:i]) + len(t), t, source=SOURCES[i]
        )
        for i, t in enumerate(MT["a"])
    )
    art = Article("a.txt", "a", text, segments, source_lang="de")
    now = datetime.now(UTC)
    with ReviewStore.open(tmp_path / "r.db") as store:
        review = store.open_review(art)
        for i in range(5):
            review.record_edit(i, HUMAN[i], reviewer="anna", started_at=now)
    units = post_edits(str(tmp_path / "r.db"))
    assert [(u.source, u.human) for u in units][:1] == [(SOURCES[0], [HUMAN[0]])]
