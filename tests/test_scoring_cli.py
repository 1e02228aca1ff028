"""`reviewer score` end to end: the numbers of sacrebleu's own CLI, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.errors import ExitCode

MT = [
    "The chancellor met the President of France in Berlin on Monday.",
    "the talks were about energy prices and the war in ukraine .",
    "Almost 500 people are under quarantine and may not leave the farm.",
    "A security service monitors the curfew",
]
REF = [
    "On Monday the Chancellor met the French President in Berlin.",
    "The talks were about energy prices and the war in Ukraine.",
    "Almost 500 people are in quarantine and are not allowed to leave the farm.",
    "A security service is monitoring the curfew.",
]
ALT = [
    "On Monday the chancellor met France's president in Berlin.",
    "The talks were about energy prices and the war in Ukraine.",
    "Nearly 500 people are quarantined and cannot leave the farm.",
    "A security firm monitors the curfew.",
]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, lines in (("mt", MT), ("ref", REF), ("alt", ALT)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


def sacrebleu_cli(*args: str) -> dict[str, dict]:
    """sacrebleu's own command line, JSON output, keyed by metric family."""
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *args, "-m", "bleu", "chrf", "ter", "-f", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {entry["name"].rstrip("+2").lower(): entry for entry in json.loads(out)}


def reviewer_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["score", *args, "--format", "json"]) == ExitCode.OK
    return json.loads(capsys.readouterr().out)


CASES = {
    "defaults": ([], ["--ter-case-sensitive"]),
    "chrf++": (["--chrf++"], ["--ter-case-sensitive", "--chrf-word-order", "2"]),
    "tercom case": (["--case-insensitive-ter"], []),
    "width 4": (["--width", "4"], ["--ter-case-sensitive", "-w", "4"]),
}


@pytest.mark.parametrize(("ours", "theirs"), CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("mode", ["ref", "pe"])
def test_json_has_sacrebleu_clis_numbers_and_signatures(files, capsys, ours, theirs, mode):
    document = reviewer_json(capsys, "--mt", str(files["mt"]), f"--{mode}", str(files["ref"]), *ours)
    expected = sacrebleu_cli(str(files["ref"]), "-i", str(files["mt"]), *theirs)
    assert document["schema"] == "reviewer.scores/1"
    assert document["mode"] == {"ref": "reference", "pe": "post-edit"}[mode]
    for key in ("bleu", "chrf", "ter"):
        assert document["corpus"][key] == {"score": expected[key]["score"], "signature": expected[key]["signature"]}
    assert [s["index"] for s in document["segments"]] == [0, 1, 2, 3]
    assert document["systems"] == []


def test_segment_scores_match_sacrebleus_sentence_level_cli(files, capsys):
    document = reviewer_json(capsys, "--mt", str(files["mt"]), "--ref", str(files["ref"]), "--width", "4")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "sacrebleu",
            str(files["ref"]),
            "-i",
            str(files["mt"]),
            "-m",
            "ter",
            "--ter-case-sensitive",
            "--sentence-level",
            "-w",
            "4",
            "-b",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert [s["ter"] for s in document["segments"]] == [float(line) for line in out.split()]


def test_several_mt_files_are_compared_with_paired_bootstrap(files, capsys):
    document = reviewer_json(
        capsys, "--mt", str(files["mt"]), "--mt", str(files["alt"]), "--ref", str(files["ref"]), "--resamples", "100"
    )
    baseline, other = document["systems"]
    assert (baseline["name"], baseline["baseline"], baseline["bleu"]["p_value"]) == (str(files["mt"]), True, None)
    assert other["name"] == str(files["alt"]) and not other["baseline"]
    for key in ("bleu", "chrf", "ter"):
        assert 0 < other[key]["p_value"] <= 1
        assert "bs:100" in other[key]["signature"] and "seed:12345" in other[key]["signature"]
    assert document["corpus"]["bleu"]["score"] == baseline["bleu"]["score"]
    assert {s["system"] for s in document["segments"]} == {str(files["mt"]), str(files["alt"])}


def test_text_output_names_hter_in_post_edit_mode_and_shows_signatures(files, capsys):
    assert main(["score", "--mt", str(files["mt"]), "--pe", str(files["ref"])]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "\nHTER signature: nrefs:1|case:mixed" in out
    assert "\nTER signature" not in out


def test_output_file_is_written(files, tmp_path, capsys):
    target = tmp_path / "scores.json"
    assert (
        main(
            ["score", "--mt", str(files["mt"]), "--ref", str(files["ref"]), "--format", "json", "--output", str(target)]
        )
        == ExitCode.OK
    )
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "reviewer.scores/1"


WMT_XML = """<?xml version="1.0" encoding="UTF-8"?>
<dataset id="t"><collection id="c">
  <doc id="d1" origlang="de">
    <src lang="de"><p><seg id="1">Hallo Welt.</seg><seg id="2">Es regnet.</seg></p></src>
    <ref lang="en" translator="A"><p><seg id="1">Hello world.</seg><seg id="2">It is raining.</seg></p></ref>
    <hyp lang="en" system="sys-a"><p><seg id="1">Hello World.</seg><seg id="2">It rains.</seg></p></hyp>
    <hyp lang="en" system="sys-b"><p><seg id="1">Hi world.</seg><seg id="2">It is raining.</seg></p></hyp>
  </doc>
  <doc id="d2" origlang="de">
    <src lang="de"><p><seg id="1">Guten Morgen.</seg></p></src>
    <ref lang="en" translator="A"><p><seg id="1">Good morning.</seg></p></ref>
    <hyp lang="en" system="sys-a"><p><seg id="1">Good Morning.</seg></p></hyp>
    <hyp lang="en" system="sys-b"><p><seg id="1">Good morning.</seg></p></hyp>
  </doc>
</collection></dataset>
"""


def test_wmt_systems_are_compared_in_the_order_given(tmp_path, capsys):
    bundle = tmp_path / "test.xml"
    bundle.write_text(WMT_XML, encoding="utf-8")
    document = reviewer_json(capsys, str(bundle), "--system", "sys-b", "--system", "sys-a", "--resamples", "50")
    assert [s["name"] for s in document["systems"]] == ["sys-b", "sys-a"]
    assert [(a["id"], a["system"]) for a in document["articles"]] == [
        ("d1", "sys-b"),
        ("d2", "sys-b"),
        ("d1", "sys-a"),
        ("d2", "sys-a"),
    ]
    assert [(s["article"], s["segment"]) for s in document["segments"][:3]] == [("d1", 0), ("d1", 1), ("d2", 0)]


def test_jsonl_bundle_scores_one_system_per_article(tmp_path, capsys):
    bundle = tmp_path / "bundle.jsonl"
    rows = [
        {"id": "a1", "segments": [{"mt": MT[0], "reference": REF[0]}, {"mt": MT[1], "reference": REF[1]}]},
        {"id": "a2", "segments": [{"mt": MT[2], "reference": REF[2]}]},
    ]
    bundle.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    document = reviewer_json(capsys, str(bundle))
    expected = sacrebleu_cli_lines(tmp_path, MT[:3], REF[:3])
    assert document["corpus"]["bleu"]["score"] == expected["bleu"]["score"]
    assert [a["id"] for a in document["articles"]] == ["a1", "a2"]
    assert document["systems"] == []


def sacrebleu_cli_lines(tmp_path: Path, hypotheses: list[str], references: list[str]) -> dict[str, dict]:
    hyp, ref = tmp_path / "h.txt", tmp_path / "r.txt"
    hyp.write_text("\n".join(hypotheses) + "\n", encoding="utf-8")
    ref.write_text("\n".join(references) + "\n", encoding="utf-8")
    return sacrebleu_cli(str(ref), "-i", str(hyp), "--ter-case-sensitive")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mt", "{short}", "--ref", "{ref}"], "{short}: has 2 lines but {ref} has 4"),
        (["--mt", "{mt}", "--pe", "{short}"], "{mt}: has 4 lines but {short} has 2"),
        (["--mt", "{empty}", "--ref", "{ref}"], "{empty}: is empty"),
        (["--mt", "{mt}", "--ref", "{missing}"], "{missing}: no such file"),
        (["--mt", "{mt}"], "--mt needs --ref FILE (reference scores) or --pe FILE (HTER)"),
        (["--mt", "{mt}", "--ref", "{ref}", "--pe", "{ref}"], "give --ref (reference scores) or --pe (HTER), not both"),
        (["--mt", "{mt}", "--mt", "{alt}", "--pe", "{ref}"], "--pe is the post-edit of one MT file; give --mt once"),
        (["{xml}", "--system", "sys-c"], "{xml}: no system 'sys-c' in this test set (available: sys-a, sys-b)"),
        (["{xml}", "--system", "sys-a", "--system", "sys-c"], "{xml}: no system 'sys-c' in this test set"),
        ([], "nothing to score: give --mt FILE with --ref or --pe, or bundle PATHs"),
    ],
)
def test_bad_input_is_one_line_naming_the_file_and_exit_2(files, tmp_path, capsys, args, message):
    (tmp_path / "short.txt").write_text("one\ntwo\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "test.xml").write_text(WMT_XML, encoding="utf-8")
    names = {
        **{k: str(v) for k, v in files.items()},
        "short": str(tmp_path / "short.txt"),
        "empty": str(tmp_path / "empty.txt"),
        "missing": str(tmp_path / "missing.txt"),
        "xml": str(tmp_path / "test.xml"),
    }
    assert main(["score", *(a.format(**names) for a in args)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("reviewer: error: " + message.format(**names))


def test_a_hostile_bundle_line_is_one_line_naming_file_and_line(tmp_path, capsys):
    from test_loaders import HUGE_NUMBER

    bundle = tmp_path / "b.jsonl"
    good = json.dumps({"id": "a", "segments": [{"mt": "x", "reference": "x"}]})
    bundle.write_text(good + "\n" + HUGE_NUMBER + "\n", encoding="utf-8")
    assert main(["score", str(bundle)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err == f"reviewer: error: {bundle}:2: not usable JSON: a number of more than 4300 digits\n"


def test_article_ids_from_a_bundle_reach_the_terminal_escaped(tmp_path, capsys):
    bundle = tmp_path / "b.jsonl"
    bundle.write_text(json.dumps({"id": "a\x1b[2J", "segments": [{"mt": "x y", "reference": "x y"}]}) + "\n")
    assert main(["score", str(bundle)]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "\x1b" not in out and "a\\x1b[2J" in out


def test_help_shows_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["score", "--help"])
    assert "reviewer score --mt" in capsys.readouterr().out
