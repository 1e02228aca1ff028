"""Loading articles: offsets into the text exactly as read, sidecars, bundles, bad input."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.language import LanguageTag
from reviewer.loaders import LOADERS, load_paths
from reviewer.model import Article
from reviewer.segmenter import segment_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
CORPORA = Path(__file__).parent.parent / "corpora"


def write(directory: Path, name: str, content: str | bytes) -> str:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def only_article(paths: list[str], **options: str) -> Article:
    result = load_paths(paths, **options)
    assert not result.failures, [str(f) for f in result.failures]
    assert len(result.articles) == 1, [a.id for a in result.articles]
    return result.articles[0]


def assert_offsets_exact(article: Article) -> None:
    previous_end = 0
    for position, segment in enumerate(article.segments):
        assert segment.index == position
        assert article.text[segment.start : segment.end] == segment.text, (article.id, segment.index)
        assert segment.start >= previous_end, f"{article.id}: segment {segment.index} overlaps the one before"
        previous_end = segment.end
        for sentence in segment_sentences(segment):
            assert segment.start <= sentence.start < sentence.end <= segment.end
            text = article.text[sentence.start : sentence.end]
            assert text == text.strip() and text, (article.id, segment.index, text)


# --- every sample we ship loads with exact offsets --------------------------------------

CORPUS_FILES = sorted(
    p for p in CORPORA.iterdir() if p.suffix in LOADERS and not p.name.endswith((".src.txt", ".ref.txt"))
)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_samples_load_with_exact_offsets(path: Path) -> None:
    result = load_paths([str(path)], system="mt-a")
    assert not result.failures, [str(f) for f in result.failures]
    assert result.articles
    for article in result.articles:
        assert_offsets_exact(article)
        assert article.path == str(path)


def test_corpus_main_sample_has_aligned_source_and_reference() -> None:
    article = only_article([str(CORPORA / "harbour-strike.txt")])
    assert article.has_source and article.has_reference
    assert all(s.source and s.reference for s in article.segments)
    assert 450 <= article.words <= 550


# --- plain text ---------------------------------------------------------------------------


def test_plain_text_segments_are_blocks_with_sidecars_aligned() -> None:
    article = only_article([str(FIXTURES / "article.txt")])
    assert article.id == "article"
    assert article.lang == "en-US"
    assert article.source_lang is None
    assert [s.text.split("\n")[0] for s in article.segments] == [
        "Start Local News Ferry fares rise",
        "Ferry fares rise",
        "Anna Berg / Nordbild",
        "From Monday, a single ticket costs 12,50 euros. The increase was explained by the operator with",
        "„We regret this step“, it said from the company.",
    ]
    assert [s.source for s in article.segments][2:4] == [
        "Anna Berg / Nordbild",
        "Ab Montag kostet eine Einzelfahrt 12,50 Euro. Die Erhöhung begründete der Betreiber mit "
        "gestiegenen Treibstoffkosten.",
    ]
    assert article.segments[4].reference == "“We regret this step,” the company said."
    assert_offsets_exact(article)


def test_plain_text_hard_line_break_stays_inside_the_sentence() -> None:
    article = only_article([str(FIXTURES / "article.txt")])
    paragraph = article.segments[3]
    sentences = [article.text[s.start : s.end] for s in segment_sentences(paragraph)]
    assert sentences == [
        "From Monday, a single ticket costs 12,50 euros.",
        "The increase was explained by the operator with\nhigher fuel costs.",
    ]


@pytest.mark.parametrize(
    ("needle", "line", "column"),
    [
        ("Start Local", 1, 1),
        ("Anna Berg", 5, 1),
        ("12,50 euros", 7, 36),
        ("higher fuel", 8, 1),
        ("it said from", 11, 24),
    ],
)
def test_line_and_column_point_at_the_text(needle: str, line: int, column: int) -> None:
    article = only_article([str(FIXTURES / "article.txt")])
    assert article.line_column(article.text.index(needle)) == (line, column)


def test_crlf_newlines_are_kept_and_excluded_from_segments(tmp_path: Path) -> None:
    text = "Title here\r\n\r\nFirst line of a\r\nsentence. Second one.\r\n\r\n\r\nLast.\r\n"
    article = only_article([write(tmp_path, "crlf.txt", text)])
    assert article.text == text
    assert [s.text for s in article.segments] == [
        "Title here",
        "First line of a\r\nsentence. Second one.",
        "Last.",
    ]
    assert_offsets_exact(article)
    assert article.line_column(article.text.index("sentence.")) == (4, 1)


LINE_BREAKS = [
    # (text, segments): a lone "\r" (old Mac files) is a line break like "\n" and "\r\n"
    ("Title\r\rBody one\rcontinues. Second.\r\r\rLast.\r", ["Title", "Body one\rcontinues. Second.", "Last."]),
    ("A \r\t\rB\r", ["A", "B"]),
    ("A\r\n\rB", ["A", "B"]),
    ("A\r\nB\rC\nD", ["A\r\nB\rC\nD"]),
]


@pytest.mark.parametrize(("text", "segments"), LINE_BREAKS, ids=["cr", "cr-whitespace-line", "crlf-then-cr", "mixed"])
def test_lone_carriage_return_is_a_line_break(tmp_path: Path, text: str, segments: list[str]) -> None:
    article = only_article([write(tmp_path, "cr.txt", text)])
    assert article.text == text
    assert [s.text for s in article.segments] == segments
    assert_offsets_exact(article)


def test_lone_carriage_return_starts_a_line_for_line_and_column(tmp_path: Path) -> None:
    article = only_article([write(tmp_path, "cr.txt", LINE_BREAKS[0][0])])
    sentences = [article.text[s.start : s.end] for s in segment_sentences(article.segments[1])]
    assert sentences == ["Body one\rcontinues.", "Second."]
    assert [article.line_column(article.text.index(n)) for n in ["Body", "continues", "Second", "Last"]] == [
        (3, 1),
        (4, 1),
        (4, 12),
        (7, 1),
    ]


def test_bom_is_stripped_and_offsets_start_after_it(tmp_path: Path) -> None:
    article = only_article([write(tmp_path, "bom.txt", b"\xef\xbb\xbfTitle\n\nBody text.\n")])
    assert article.text == "Title\n\nBody text.\n"
    assert (article.segments[0].start, article.segments[0].text) == (0, "Title")
    assert_offsets_exact(article)


def test_whitespace_only_lines_separate_paragraphs_and_indentation_is_trimmed(tmp_path: Path) -> None:
    article = only_article([write(tmp_path, "ws.txt", "\n\n  Title  \n \t \n  Body\ttext.  \n")])
    assert [s.text for s in article.segments] == ["Title", "Body\ttext."]
    assert_offsets_exact(article)


def test_sidecar_with_other_paragraph_count_is_reported_and_article_still_loads(tmp_path: Path) -> None:
    main = write(tmp_path, "story.txt", "Title\n\nOne.\n\nTwo.\n")
    write(tmp_path, "story.src.txt", "Titel\n\nEins. Zwei.\n")
    write(tmp_path, "story.ref.txt", "Title\n\nOne.\n\nTwo.\n")
    result = load_paths([main])
    [failure] = result.failures
    assert str(failure).startswith(str(tmp_path / "story.src.txt") + ":")
    assert "2 paragraphs" in str(failure) and "has 3" in str(failure)
    [article] = result.articles
    assert not article.has_source
    assert [s.reference for s in article.segments] == ["Title", "One.", "Two."]


def test_unreadable_sidecar_is_reported_by_its_own_name(tmp_path: Path) -> None:
    main = write(tmp_path, "story.txt", "Title\n\nOne.\n")
    write(tmp_path, "story.ref.txt", b"")
    result = load_paths([main])
    assert [str(f) for f in result.failures] == [f"{tmp_path / 'story.ref.txt'}: is empty"]
    assert len(result.articles) == 1


def test_lang_option_overrides_the_default(tmp_path: Path) -> None:
    article = only_article([write(tmp_path, "a.txt", "Colour.\n")], lang=LanguageTag.parse("en-GB"))
    assert article.lang == "en-GB"


def test_unknown_extension_given_explicitly_is_read_as_plain_text(tmp_path: Path) -> None:
    article = only_article([write(tmp_path, "notes.md", "Title\n\nBody.\n")])
    assert (article.id, [s.text for s in article.segments]) == ("notes", ["Title", "Body."])


# --- JSONL ----------------------------------------------------------------------------------


def bundle_line(**record: object) -> str:
    return json.dumps(record, ensure_ascii=False)


def test_jsonl_article_text_is_one_segment_per_line(tmp_path: Path) -> None:
    segments = [
        {"source": "Hallo.", "mt": "Hello.", "reference": "Hi."},
        {"mt": "Second segment. Two sentences."},
        {"source": "Drei.", "mt": "Three."},
    ]
    line = bundle_line(id="a1", source_lang="de", target_lang="en", segments=segments)
    article = only_article([write(tmp_path, "b.jsonl", "\n" + line + "\n\n")])
    assert (article.id, article.lang, article.source_lang) == ("a1", "en-US", "de")
    assert article.text == "Hello.\nSecond segment. Two sentences.\nThree."
    assert [s.source for s in article.segments] == ["Hallo.", None, "Drei."]
    assert [s.reference for s in article.segments] == ["Hi.", None, None]
    assert [article.line_column(s.start) for s in article.segments] == [(1, 1), (2, 1), (3, 1)]
    assert len(segment_sentences(article.segments[1])) == 2
    assert_offsets_exact(article)


@pytest.mark.parametrize(
    ("declared", "option", "expected"),
    [
        ("en", None, "en-US"),
        ("en-GB", None, "en-GB"),
        ("en_gb", None, "en-GB"),
        (None, None, "en-US"),
        ("en", "en-CA", "en-US"),  # what the file declares wins: --lang is for plain text
        (None, "en-CA", "en-CA"),
        ("de", None, "de-DE"),
    ],
)
def test_jsonl_target_language(tmp_path: Path, declared: str | None, option: str | None, expected: str) -> None:
    record = {"id": "x", "segments": [{"mt": "Text."}]}
    if declared:
        record["target_lang"] = declared
    lang = LanguageTag.parse(option) if option else None
    article = only_article([write(tmp_path, "b.jsonl", bundle_line(**record))], lang=lang)
    assert article.lang == expected


def test_jsonl_bad_line_is_reported_and_other_lines_still_load(tmp_path: Path) -> None:
    good = bundle_line(id="ok", segments=[{"mt": "Fine."}])
    also = bundle_line(id="ok2", segments=[{"mt": "Also."}])
    path = write(tmp_path, "b.jsonl", "\n".join([good, '{"id": "broken", ', also]))
    result = load_paths([path])
    assert [a.id for a in result.articles] == ["ok", "ok2"]
    [failure] = result.failures
    assert str(failure).startswith(f"{path}:2: not valid JSON")


# Lines a hostile or broken exporter can write: each must be that line's error, not the batch's.
HUGE_NUMBER = '{"id": "huge", "n": ' + "9" * 5000 + ', "segments": [{"mt": "x"}]}'
DEEP_NESTING = '{"id": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + ', "segments": [{"mt": "x"}]}'


@pytest.mark.parametrize(
    ("line", "problem"),
    [(HUGE_NUMBER, "a number of more than 4300 digits"), (DEEP_NESTING, "nested too deeply")],
    ids=["huge-number", "deep-nesting"],
)
def test_jsonl_hostile_line_is_that_lines_one_line_error(tmp_path: Path, line: str, problem: str) -> None:
    good = bundle_line(id="ok", segments=[{"mt": "Fine."}])
    also = bundle_line(id="ok2", segments=[{"mt": "Also."}])
    path = write(tmp_path, "b.jsonl", "\n".join([good, line, also]))
    result = load_paths([path])
    assert [a.id for a in result.articles] == ["ok", "ok2"]
    [failure] = result.failures
    assert str(failure) == f"{path}:2: not usable JSON: {problem}"


def test_jsonl_many_bad_lines_are_summarised(tmp_path: Path) -> None:
    path = write(tmp_path, "b.jsonl", "\n".join(bundle_line(docid=i) for i in range(25)))
    result = load_paths([path])
    assert len(result.failures) == 11
    assert str(result.failures[-1]) == f"{path}: 15 more malformed lines not listed (25 in all)"


# --- WMT XML --------------------------------------------------------------------------------


def test_wmt_system_is_picked_and_source_reference_attached() -> None:
    result = load_paths([str(FIXTURES / "testset.xml")], system="sys-a")
    assert not result.failures
    first, second = result.articles
    assert (first.id, first.system, first.lang, first.source_lang) == ("d1", "sys-a", "en-US", "de")
    assert first.text == "Hello World.\nIt rains."
    assert [(s.source, s.reference) for s in first.segments] == [
        ("Hallo Welt.", "Hello world."),
        ("Es regnet.", "It is raining."),
    ]
    assert second.text == "Good Morning."
    for article in result.articles:
        assert_offsets_exact(article)


def test_wmt_without_system_loads_every_system_as_its_own_article() -> None:
    result = load_paths([str(FIXTURES / "testset.xml")])
    assert not result.failures
    systems = {(a.id, a.system) for a in result.articles}
    assert {s for _, s in systems} == {"sys-a", "sys-b"}
    assert len(systems) == len(result.articles), "one article per document and system"
    assert all(a.label.endswith(f"[{a.id}@{a.system}]") for a in result.articles)


def test_wmt_single_system_needs_no_choice(tmp_path: Path) -> None:
    xml = (FIXTURES / "testset.xml").read_text(encoding="utf-8")
    kept = "\n".join(line for line in xml.splitlines() if 'system="sys-b"' not in line)
    article_ids = [a.id for a in load_paths([write(tmp_path, "one.xml", kept)]).articles]
    assert article_ids == ["d1", "d2"]


def unnamed_testset(*doc_hyps: str) -> str:
    """A test set with one document per argument, each holding that argument's <hyp>s."""
    docs = "".join(
        f'<doc id="d{number}"><src lang="de"><p><seg id="1">Eins.</seg></p></src>{hyps}</doc>'
        for number, hyps in enumerate(doc_hyps, 1)
    )
    return f"<dataset><collection>{docs}</collection></dataset>"


def hyp(text: str, system: str | None = None) -> str:
    name = "" if system is None else f' system="{system}"'
    return f'<hyp lang="en"{name}><p><seg id="1">{text}</seg></p></hyp>'


def test_wmt_hyp_without_system_is_the_unnamed_system(tmp_path: Path) -> None:
    path = write(tmp_path, "t.xml", unnamed_testset(hyp("One."), hyp("Un.", system="")))
    result = load_paths([path])
    assert not result.failures, [str(f) for f in result.failures]
    assert [(a.id, a.system, a.text, a.segments[0].source) for a in result.articles] == [
        ("d1", None, "One.", "Eins."),
        ("d2", None, "Un.", "Eins."),
    ]
    assert [a.label for a in result.articles] == [f"{path}[d1]", f"{path}[d2]"]


def test_wmt_unnamed_system_loads_beside_named_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "t.xml", unnamed_testset(hyp("One.") + hyp("Uno.", "a"), hyp("Two.") + hyp("Due.", "a")))
    result = load_paths([path])
    assert not result.failures, [str(f) for f in result.failures]
    assert [(a.id, a.system, a.text) for a in result.articles] == [
        ("d1", None, "One."),
        ("d2", None, "Two."),
        ("d1", "a", "Uno."),
        ("d2", "a", "Due."),
    ]
    assert [a.text for a in load_paths([path], system="a").articles] == ["Uno.", "Due."]


@pytest.mark.parametrize(
    ("docs", "system", "problems"),
    [
        ([hyp("One.") + hyp("Uno.", "a")], "z", ["no system 'z' in this test set (available: (unnamed), a)"]),
        (
            [hyp("One."), hyp("Due.", "a")],
            None,
            ["doc 'd2' has no <hyp> without a system", "doc 'd1' has no <hyp system='a'>"],
        ),
        (['<hyp lang="en"><p/></hyp>'], None, ["doc 'd1': <hyp> without a system has no <seg>"]),
    ],
    ids=["unknown-system", "doc-lacks-unnamed", "unnamed-empty"],
)
def test_wmt_unnamed_system_in_messages(
    tmp_path: Path, docs: list[str], system: str | None, problems: list[str]
) -> None:
    result = load_paths([write(tmp_path, "t.xml", unnamed_testset(*docs))], system=system)
    assert [f.problem for f in result.failures] == problems


# --- XLIFF ----------------------------------------------------------------------------------


def test_xliff_12_one_article_per_file_with_translated_units() -> None:
    result = load_paths([str(FIXTURES / "units12.xlf")])
    assert not result.failures
    first, second = result.articles
    assert (first.id, first.lang, first.source_lang) == ("first.docx", "en-GB", "de")
    assert [s.text for s in first.segments] == ["One.", "Two bold.", "Three four."]
    assert [s.source for s in first.segments] == ["Eins.", "Zwei fett.", "Drei vier."]
    assert (second.id, second.lang, second.text) == ("second.docx", "en-US", "Five.")
    assert_offsets_exact(first)


def test_xliff_20_segments_with_targets() -> None:
    article = only_article([str(FIXTURES / "units20.xlf")])
    assert (article.id, article.lang, article.source_lang) == ("f1", "en-US", "de-DE")
    assert [s.text for s in article.segments] == ["One.", "Two bold.", "Three."]
    assert [s.source for s in article.segments] == ["Eins.", "Zwei fett.", "Drei."]
    assert_offsets_exact(article)


def xliff12(body: str) -> str:
    return (
        '<xliff version="1.2"><file original="f" source-language="de" target-language="en"><body>'
        f"{body}</body></file></xliff>"
    )


def xliff20(*files: str) -> str:
    return (
        '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="de" trgLang="en">'
        f"{''.join(files)}</xliff>"
    )


def unit12(target: str, attributes: str = "") -> str:
    return f'<trans-unit id="u"{attributes}><source>Quelle.</source><target>{target}</target></trans-unit>'


def unit20(target: str, attributes: str = "") -> str:
    return f'<unit id="u"{attributes}><segment><source>Quelle.</source><target>{target}</target></segment></unit>'


NO, YES = ' translate="no"', ' translate="yes"'
TRANSLATE_NO = [
    # (document, MT of the units that are to be reviewed)
    (xliff12(unit12("Kept.") + unit12("Skipped.", NO)), ["Kept."]),
    (xliff12(unit12("Kept.") + f'<group translate="no">{unit12("Skipped.")}</group>'), ["Kept."]),
    (xliff12(f'<group translate="no"><group>{unit12("Skipped.")}</group>{unit12("Yes.", YES)}</group>'), ["Yes."]),
    (xliff20(f'<file id="f">{unit20("Kept.")}{unit20("Skipped.", NO)}</file>'), ["Kept."]),
    (
        xliff20(f'<file id="f">{unit20("Kept.")}<group id="g" translate="no">{unit20("Skipped.")}</group></file>'),
        ["Kept."],
    ),
    (
        xliff20(f'<file id="f" translate="no">{unit20("Skipped.")}</file><file id="g">{unit20("Kept.")}</file>'),
        ["Kept."],
    ),
    (xliff20(f'<file id="f" translate="no"><group id="g">{unit20("Yes.", YES)}</group></file>'), ["Yes."]),
]


@pytest.mark.parametrize(
    ("document", "expected"),
    TRANSLATE_NO,
    ids=["12-unit", "12-group", "12-unit-overrides-group", "20-unit", "20-group", "20-file", "20-unit-overrides-file"],
)
def test_xliff_units_marked_translate_no_are_not_reviewed(tmp_path: Path, document: str, expected: list[str]) -> None:
    result = load_paths([write(tmp_path, "x.xlf", document)])
    assert not result.failures, [str(f) for f in result.failures]
    assert [s.text for a in result.articles for s in a.segments] == expected


INLINE = [
    # (XLIFF version, target markup, the text a reader sees)
    ("1.2", "2,5<x id='1'/>percent<ph id='2'>&lt;br/&gt;</ph>today", "2,5 percent today"),
    ("1.2", "Stop<x id='1'/><x id='2'/>here", "Stop here"),
    ("1.2", "<g id='1'>Go<x id='2'/></g>home", "Go home"),
    ("1.2", "Stop <x id='1'/>here, 2,5<x id='2'/>%<x id='3'/>", "Stop here, 2,5%"),
    ("1.2", "<bpt id='1'>&lt;b&gt;</bpt>E<ept id='1'>&lt;/b&gt;</ept>xample", "Example"),
    ("1.2", "un<bx id='1'/>believ<ex id='1'/>able <it id='2' pos='open'>&lt;i&gt;</it>news", "unbelievable news"),
    ("1.2", "Two <g id='1'>bold <mrk mtype='term'>words</mrk></g>.", "Two bold words."),
    ("2.0", "2,5<ph id='1'/>percent", "2,5 percent"),
    ("2.0", "un<sc id='1'/>believ<ec startRef='1'/>able <pc id='2'>news</pc>", "unbelievable news"),
]


@pytest.mark.parametrize(("version", "target", "expected"), INLINE, ids=[row[2] for row in INLINE])
def test_xliff_inline_codes_flatten_to_what_a_reader_sees(
    tmp_path: Path, version: str, target: str, expected: str
) -> None:
    document = xliff12(unit12(target)) if version == "1.2" else xliff20(f'<file id="f">{unit20(target)}</file>')
    article = only_article([write(tmp_path, "x.xlf", document)])
    assert article.text == expected
    assert_offsets_exact(article)


def test_xliff_deeply_nested_markup_loads(tmp_path: Path) -> None:
    depth = 5000
    target = "<g id='1'>" * depth + "Deep." + "</g>" * depth
    document = xliff12("<group>" * depth + unit12(target) + "</group>" * depth)
    assert only_article([write(tmp_path, "x.xlf", document)]).text == "Deep."


# --- bad input: one line naming the file (and line) ------------------------------------------

WMT_DOC = (
    '<dataset><collection><doc id="d"><src lang="de"><p><seg id="1">A.</seg></p></src>'
    "{hyps}</doc></collection></dataset>"
)
HYP = '<hyp system="{name}" lang="en"><p><seg id="1">A.</seg></p></hyp>'

BAD_INPUTS = [
    # (file name, content, expected message after "PATH:", expected line)
    ("empty.txt", b"", "is empty", None),
    ("blank.txt", b" \n\n\t\n", "is empty (only whitespace)", None),
    (
        "latin1.txt",
        "Title\n\nStra\xdfe.\n".encode("latin-1"),
        "not valid UTF-8: byte 0xdf at byte offset 11 (column 5)",
        3,
    ),
    ("binary.txt", b"GIF89a\x00\x01\x02", "looks binary (NUL byte at byte offset 6); expected UTF-8 text", 1),
    ("utf16.txt", "Hallo".encode("utf-16"), "is UTF-16 text; save it as UTF-8", None),
    ("b.jsonl", b'{"id": "a", "segments": [{"mt": "x"}]}\n[1, 2]\n', "expected a JSON object, got list", 2),
    (
        "b.jsonl",
        b'{"id": "a", "segments": [{"mt": "x"}]}\n{"id": "a", "segments": [{"mt": "y"}]}\n',
        "duplicate id 'a' (first used on line 1)",
        2,
    ),
    ("b.jsonl", b'{"id": "a", "segments": [{"source": "x"}]}', "segment 1: 'mt' is missing or not a string", 1),
    (
        "b.jsonl",
        b'{"id": "a", "segments": [{"mt": "x", "reference": 3}]}',
        "segment 1: 'reference' must be a string, got int",
        1,
    ),
    ("b.jsonl", b'{"id": "a", "segments": []}', "'segments' must be a non-empty list of objects", 1),
    ("b.jsonl", b'{"docid": "a", "src": []}', "no 'segments' list (keys on this line: docid, src)", 1),
    ("b.jsonl", b'\n\n{"id": "a", "segments": [{"mt": "x"}]', "not valid JSON: Expecting ',' delimiter (column 38)", 3),
    ("bad.xml", b"<dataset>\n  <doc id='x'>\n</dataset>\n", "malformed XML: mismatched tag (column 3)", 3),
    (
        "bad.xml",
        b"<?xml version='1.0'?>\n<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>\n<dataset>&e;</dataset>",
        "malformed XML: undefined entity &e; (column 10)",
        3,
    ),
    ("other.xml", b"<html><body/></html>", "expected a WMT test set (<dataset> root), found <html>", None),
    ("nohyp.xml", WMT_DOC.format(hyps="").encode(), "no <hyp> in this test set: there is no MT output to review", None),
    (
        "x.xlf",
        b'<xliff version="1.2"><file><body><trans-unit id="1"><source>A</source></trans-unit></body></file></xliff>',
        "no translated units (<target>) to review",
        None,
    ),
    ("x.xlf", b'<xliff version="3.0"/>', "unsupported XLIFF version '3.0' (expected 1.2 or 2.x)", None),
    (
        "image.png",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        "unknown format (extension .png; known: .txt, .jsonl, .xml, .xlf, .xliff) and looks binary "
        "(NUL byte at byte offset 8); expected UTF-8 text",
        3,
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "problem", "line"), BAD_INPUTS, ids=[f"{row[0]}:{row[2][:30]}" for row in BAD_INPUTS]
)
def test_bad_input_is_one_line_naming_file_and_line(
    tmp_path: Path, name: str, content: bytes, problem: str, line: int | None
) -> None:
    path = write(tmp_path, name, content)
    result = load_paths([path])
    assert result.failures, "expected a failure"
    failure = result.failures[-1]
    where = f"{path}:{line}" if line is not None else path
    assert str(failure) == f"{where}: {problem}"
    assert "\n" not in str(failure)
    assert failure.path == path and failure.line == line


def test_unknown_system_lists_the_available_ones() -> None:
    path = str(FIXTURES / "testset.xml")
    [failure] = load_paths([path], system="sys-z").failures
    assert str(failure) == f"{path}: no system 'sys-z' in this test set (available: sys-a, sys-b)"


def test_wmt_doc_with_misaligned_reference_fails_alone(tmp_path: Path) -> None:
    xml = (FIXTURES / "testset.xml").read_text(encoding="utf-8")
    broken = xml.replace('<seg id="2">It is raining.</seg></p></ref>', "</p></ref>")
    result = load_paths([write(tmp_path, "t.xml", broken)], system="sys-a")
    assert [a.id for a in result.articles] == ["d2"]
    assert [f.problem for f in result.failures] == ["doc 'd1': <ref> has 1 segments but <hyp> has 2"]


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path, "empty/readme.md", "not an article")
    missing, empty = str(tmp_path / "nope.txt"), str(tmp_path / "empty")
    result = load_paths([missing, empty])
    assert [str(f) for f in result.failures] == [
        f"{empty}: no articles found in this directory (looked for .txt, .jsonl, .xml, .xlf, .xliff)",
        f"{missing}: no such file or directory",
    ]


def test_a_failing_file_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.txt", b"\xff\xfe\xfd")
    good = write(tmp_path, "good.txt", "Fine.\n")
    result = load_paths([bad, good])
    assert [a.id for a in result.articles] == ["good"]
    assert [f.path for f in result.failures] == [bad]


# --- directories -----------------------------------------------------------------------------


def test_directory_walk_is_sorted_recursive_and_skips_sidecars_and_hidden(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.txt",
        "a.src.txt",
        "a.ref.txt",
        "sub/c.jsonl",
        "sub/deeper/d.txt",
        ".hidden.txt",
        ".git/e.txt",
        "notes.md",
        "orphan.src.txt",
    ]:
        content = bundle_line(id="c", segments=[{"mt": "C."}]) if name.endswith(".jsonl") else "Text.\n"
        write(tmp_path, name, content)
    result = load_paths([str(tmp_path)])
    assert not result.failures
    assert [os.path.relpath(a.path, tmp_path) for a in result.articles] == [
        "a.txt",
        "b.txt",
        os.path.join("sub", "c.jsonl"),
        os.path.join("sub", "deeper", "d.txt"),
    ]
    assert result.articles[0].has_source and result.articles[0].has_reference


def unlistable(monkeypatch: pytest.MonkeyPatch, *directories: str) -> None:
    """Make `directories` fail to list as a directory without read permission does (a
    test run as root can list any directory, so the refusal is simulated)."""
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if os.fspath(path) in directories:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_subdirectory_that_cannot_be_listed_is_a_failure_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "a.txt", "Text.\n")
    write(tmp_path, "locked/b.txt", "Text.\n")
    write(tmp_path, "z.txt", "Text.\n")
    locked = os.path.join(str(tmp_path), "locked")
    unlistable(monkeypatch, locked)
    result = load_paths([str(tmp_path)])
    assert [os.path.basename(a.path) for a in result.articles] == ["a.txt", "z.txt"], "the rest still loads"
    assert [str(f) for f in result.failures] == [f"{locked}: cannot list this directory: Permission denied"]


def test_a_given_directory_that_cannot_be_listed_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "locked/b.txt", "Text.\n")
    locked = str(tmp_path / "locked")
    unlistable(monkeypatch, locked)
    assert [str(f) for f in load_paths([locked]).failures] == [
        f"{locked}: cannot list this directory: Permission denied"
    ]


def test_check_exits_2_for_a_subdirectory_it_cannot_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reviewer.cli import main

    write(tmp_path, "corpus/a.txt", "Title\n\nText.\n")
    write(tmp_path, "corpus/locked/b.txt", "Title\n\nText.\n")
    monkeypatch.chdir(tmp_path)
    unlistable(monkeypatch, os.path.join("corpus", "locked"))
    assert main(["check", "--no-languagetool", "--no-cache", "--format", "json", "corpus"]) == 2
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert [f["path"] for f in report["failures"]] == [os.path.join("corpus", "locked")]
    assert [a["path"] for a in report["articles"]] == [os.path.join("corpus", "a.txt")]
    assert "reviewer: error: corpus/locked: cannot list this directory: Permission denied" in captured.err


def test_paths_keep_the_form_the_user_gave(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "corpus/x.txt", "Text.\n")
    monkeypatch.chdir(tmp_path)
    assert [a.path for a in load_paths(["corpus/"]).articles] == ["corpus/x.txt"]
    assert [a.path for a in load_paths(["./corpus/x.txt"]).articles] == ["./corpus/x.txt"]


def test_glob_listing_sidecars_loads_them_with_their_article_once(tmp_path: Path) -> None:
    paths = [write(tmp_path, n, "Text.\n") for n in ["a.ref.txt", "a.src.txt", "a.txt", "lone.ref.txt"]]
    result = load_paths([*paths, paths[2]])
    assert [a.id for a in result.articles] == ["a", "lone.ref"]
    assert result.articles[0].has_source


# --- pipes, sockets and devices are not opened ------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")


@contextlib.contextmanager
def fifo(path: Path) -> Iterator[str]:
    """A named pipe that a thread opens for writing and closes straight away, so a loader
    that wrongly opens it reads an empty file instead of blocking the test forever."""
    os.mkfifo(path)
    writer = threading.Thread(target=lambda: open(path, "wb").close(), daemon=True)
    writer.start()
    yield str(path)
    # If nothing opened the pipe for reading, this does, which lets the writer finish.
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    writer.join()
    os.close(reader)


@needs_fifo
def test_directory_walk_skips_pipes_and_devices(tmp_path: Path) -> None:
    article = write(tmp_path, "a.txt", "Text.\n")
    (tmp_path / "c.txt").symlink_to(os.devnull)
    (tmp_path / "d.txt").symlink_to(article)
    (tmp_path / "e.txt").symlink_to(tmp_path / "gone.txt")
    with fifo(tmp_path / "b.txt"):
        result = load_paths([str(tmp_path)])
    assert [os.path.basename(a.path) for a in result.articles] == ["a.txt", "d.txt"]
    assert [str(f) for f in result.failures] == [f"{tmp_path / 'e.txt'}: no such file or directory"]


@needs_fifo
def test_pipe_or_device_named_explicitly_is_refused(tmp_path: Path) -> None:
    with fifo(tmp_path / "pipe.txt") as pipe:
        result = load_paths([pipe, os.devnull])
    assert not result.articles
    assert [str(f) for f in result.failures] == [
        f"{pipe}: not a regular file (a pipe, socket or device)",
        f"{os.devnull}: not a regular file (a pipe, socket or device)",
    ]


@needs_fifo
def test_pipe_as_sidecar_is_refused_and_article_still_loads(tmp_path: Path) -> None:
    main = write(tmp_path, "story.txt", "Title\n\nOne.\n")
    with fifo(tmp_path / "story.src.txt") as pipe:
        result = load_paths([main])
    assert [str(f) for f in result.failures] == [f"{pipe}: not a regular file (a pipe, socket or device)"]
    [article] = result.articles
    assert not article.has_source
