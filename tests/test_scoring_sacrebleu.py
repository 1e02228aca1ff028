"""Our scores are sacrebleu's: compared, table-driven, with sacrebleu called directly."""

from __future__ import annotations

import pytest
import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

from reviewer.scoring import ScoringOptions, compare_systems, hter, score_corpus, score_edit

NEWS_MT = [
    "The chancellor met the President of France in Berlin on Monday.",
    "the talks were about energy prices and the war in ukraine .",
    "Almost 500 people are under quarantine and may not leave the farm.",
    "A security service monitors the curfew",
    "",
    'Zürich\'s mayor said: "We will not give up".',
]
NEWS_REF = [
    "On Monday the Chancellor met the French President in Berlin.",
    "The talks were about energy prices and the war in Ukraine.",
    "Almost 500 people are in quarantine and are not allowed to leave the farm.",
    "A security service is monitoring the curfew.",
    "Nothing was said.",
    "Zurich's mayor said: \"We won't give up.\"",
]
ALT_MT = [
    "On Monday the chancellor met France's president in Berlin.",
    "The talks were about energy prices and the war in Ukraine.",
    "Nearly 500 people are quarantined and cannot leave the farm.",
    "A security firm monitors the curfew.",
    "Nothing said.",
    'The mayor of Zurich said: "We won\'t give up."',
]

OPTIONS = {
    "defaults": ScoringOptions(),
    "chrf++": ScoringOptions(chrf_word_order=2),
    "tercom case": ScoringOptions(ter_case_sensitive=False),
    "normalized no punct": ScoringOptions(ter_normalized=True, ter_no_punct=True),
}


def sacrebleu_metrics(options: ScoringOptions) -> tuple[BLEU, CHRF, TER]:
    return (
        BLEU(),
        CHRF(word_order=options.chrf_word_order),
        TER(
            case_sensitive=options.ter_case_sensitive, normalized=options.ter_normalized, no_punct=options.ter_no_punct
        ),
    )


@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
@pytest.mark.parametrize(
    ("hypotheses", "references"),
    [(NEWS_MT, NEWS_REF), (ALT_MT, NEWS_REF), (NEWS_MT, ALT_MT)],
    ids=["mt-vs-ref", "alt-vs-ref", "mt-vs-post-edit"],
)
def test_corpus_scores_and_signatures_are_sacrebleus(options, hypotheses, references):
    ours = score_corpus(hypotheses, references, options)
    for key, metric in zip(("bleu", "chrf", "ter"), sacrebleu_metrics(options)):
        theirs = metric.corpus_score(hypotheses, [references])
        assert ours.corpus[key].score == theirs.score, key
        assert ours.corpus[key].signature == str(metric.get_signature()), key


@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
def test_segment_scores_and_signatures_are_sacrebleus(options):
    ours = score_corpus(NEWS_MT, NEWS_REF, options)
    _, chrf, ter = sacrebleu_metrics(options)
    sentence_bleu = BLEU(effective_order=True)
    for segment, hypothesis, reference in zip(ours.segments, NEWS_MT, NEWS_REF):
        assert segment.bleu == sentence_bleu.sentence_score(hypothesis, [reference]).score
        assert segment.chrf == chrf.sentence_score(hypothesis, [reference]).score
        assert segment.ter == ter.sentence_score(hypothesis, [reference]).score
    assert ours.segment_signatures == {
        "bleu": str(sentence_bleu.get_signature()),
        "chrf": str(chrf.get_signature()),
        "ter": str(ter.get_signature()),
    }


def test_default_corpus_numbers_match_sacrebleus_functional_api():
    ours = score_corpus(NEWS_MT, NEWS_REF, ScoringOptions(ter_case_sensitive=False))
    assert ours.corpus["bleu"].score == sacrebleu.corpus_bleu(NEWS_MT, [NEWS_REF]).score
    assert ours.corpus["chrf"].score == sacrebleu.corpus_chrf(NEWS_MT, [NEWS_REF]).score
    assert ours.corpus["ter"].score == sacrebleu.corpus_ter(NEWS_MT, [NEWS_REF]).score


def test_article_span_is_the_corpus_score_of_its_segments():
    ours = score_corpus(NEWS_MT, NEWS_REF)
    span = ours.span(2, 5)
    bleu, chrf, ter = sacrebleu_metrics(ScoringOptions())
    assert span == {
        "bleu": bleu.corpus_score(NEWS_MT[2:5], [NEWS_REF[2:5]]).score,
        "chrf": chrf.corpus_score(NEWS_MT[2:5], [NEWS_REF[2:5]]).score,
        "ter": ter.corpus_score(NEWS_MT[2:5], [NEWS_REF[2:5]]).score,
    }


@pytest.mark.parametrize(
    ("mt", "post_edit", "case_sensitive", "expected"),
    [
        ("the talks ended .", "The talks ended .", True, 25.0),  # a capital is an edit
        ("the talks ended .", "The talks ended .", False, 0.0),  # tercom: it is not
        ("The talks ended .", "The talks ended .", True, 0.0),
        ("Talks ended today", "The talks ended .", True, 75.0),
    ],
)
def test_hter_counts_case_unless_told(mt, post_edit, case_sensitive, expected):
    score = hter(mt, post_edit, ScoringOptions(ter_case_sensitive=case_sensitive))
    assert score.score == pytest.approx(expected)
    assert score.score == TER(case_sensitive=case_sensitive).sentence_score(mt, [post_edit]).score
    assert ("case:mixed" if case_sensitive else "case:lc") in score.signature


def test_edit_scores_compare_mt_with_post_edit_and_both_with_the_reference():
    mt, post_edit, reference = NEWS_MT[1], ALT_MT[1], NEWS_REF[1]
    scores = score_edit(mt, post_edit, reference)
    bleu, chrf, ter = BLEU(effective_order=True), CHRF(), TER(case_sensitive=True)
    expected = {
        "hter": ter.sentence_score(mt, [post_edit]).score,
        "chrf": chrf.sentence_score(mt, [post_edit]).score,
        "bleu": bleu.sentence_score(mt, [post_edit]).score,
        "mt_ref_bleu": bleu.sentence_score(mt, [reference]).score,
        "mt_ref_chrf": chrf.sentence_score(mt, [reference]).score,
        "mt_ref_ter": ter.sentence_score(mt, [reference]).score,
        "pe_ref_bleu": bleu.sentence_score(post_edit, [reference]).score,
        "pe_ref_chrf": chrf.sentence_score(post_edit, [reference]).score,
        "pe_ref_ter": ter.sentence_score(post_edit, [reference]).score,
    }
    assert {name: score.score for name, score in scores.items()} == expected
    assert set(score_edit(mt, post_edit)) == {"hter", "chrf", "bleu"}


def test_paired_bootstrap_is_sacrebleus():
    options = ScoringOptions(chrf_word_order=2)
    ours = compare_systems([("a", NEWS_MT), ("b", ALT_MT)], NEWS_REF, options, resamples=200)
    metrics = dict(zip(("BLEU", "chrF2++", "TER"), sacrebleu_metrics(options)))
    signatures, results = PairedTest(
        [("a", NEWS_MT), ("b", ALT_MT)], metrics, references=[NEWS_REF], test_type="bs", n_samples=200
    )()
    for key, column in zip(("bleu", "chrf", "ter"), metrics):
        for i, system in enumerate(ours):
            assert system.scores[key].score == results[column][i].score
            assert system.scores[key].mean == pytest.approx(results[column][i].mean)
            assert system.scores[key].ci == pytest.approx(results[column][i].ci)
            assert system.scores[key].signature == str(signatures[column])
        assert ours[0].scores[key].p_value is None
        assert ours[1].scores[key].p_value == pytest.approx(results[column][1].p_value)


@pytest.mark.parametrize(
    ("hypotheses", "references", "message"),
    [([], [], "no segments"), (["a", "b"], ["a"], "2 hypotheses but 1 references")],
)
def test_unaligned_input_is_refused(hypotheses, references, message):
    with pytest.raises(ValueError, match=message):
        score_corpus(hypotheses, references)
