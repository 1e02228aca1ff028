"""`reviewer check` as a user and a CI pipeline run it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACK = """\
pack: test-pack
description: One rule, so these tests do not depend on the shipped packs.
languages: [en]
rules:
  - id: GERMAN_QUOTES
    kind: pattern
    message: "German quotation marks in {match}"
    category: Fluency/Punctuation
    severity: minor
    pattern: '„([^“\\n]*)“'
    replacement: '“\\1”'
    examples:
      bad:
        - text: 'He was <m>„rash“</m>.'
          correction: 'He was “rash”.'
      ok:
        - 'He was “rash”.'
  - id: IMAGE_CREDIT
    kind: pattern
    message: "Image credit scraped with the article: {match}"
    category: Accuracy/Addition
    severity: major
    pattern: '^[\\w-]+ / Pixabay$'
    examples:
      bad:
        - "<m>Some-Artist / Pixabay</m>"
      ok:
        - "We saw it on Pixabay."
"""

ARTICLE = "Talks stall again\n\nThe minister was „furious“ on Monday.\nIt said so.\n\nSome-Artist / Pixabay\n"


def reviewer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def check(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return reviewer("check", "--no-languagetool", "--rules", "rules", *args, cwd=workdir)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("reviewer: error:")]
    assert errors, f"no error line in {result.stderr!r}"
    assert any(all(f in line for f in fragments) for line in errors), f"{fragments} not in {errors}"


def test_json_report_has_the_contract_shape_and_exact_offsets(workdir: Path) -> None:
    result = check(workdir, "article.txt", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "reviewer.report/1"
    assert report["tool"]["name"] == "reviewer"
    assert report["checkers"]["rules"]["enabled"] is True
    assert report["checkers"]["rules"]["count"] == 2
    assert report["checkers"]["languagetool"] == {"enabled": False, "reason": "--no-languagetool"}
    (article,) = report["articles"]
    assert (article["path"], article["id"], article["lang"]) == ("article.txt", "article", "en-US")
    issues = {issue["rule_id"]: issue for issue in article["issues"]}
    assert set(issues) == {"GERMAN_QUOTES", "IMAGE_CREDIT"}
    for issue in issues.values():
        assert ARTICLE[issue["start"] : issue["end"]] == issue["text"]
        line = ARTICLE.splitlines()[issue["line"] - 1]
        assert line[issue["column"] - 1 :].startswith(issue["text"])
    quotes = issues["GERMAN_QUOTES"]
    assert (quotes["text"], quotes["line"], quotes["column"]) == ("„furious“", 3, 18)
    assert quotes["suggestions"] == ["“furious”"]
    assert quotes["category"] == "Fluency/Punctuation" and quotes["severity"] == "minor"
    assert quotes["segment"] == 1
    summary = report["summary"]
    assert summary["issues"] == 2
    assert summary["by_severity"] == {"minor": 1, "major": 1, "critical": 0}
    assert article["scores"]["mqm_penalty"] == pytest.approx(5.1)
    assert summary["passed"] is True


def test_text_report_lines_point_at_file_line_and_column(workdir: Path) -> None:
    result = check(workdir, "article.txt")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("article.txt:3:18: minor GERMAN_QUOTES German quotation marks in „furious“")
    assert lines[1].startswith("article.txt:6:1: major IMAGE_CREDIT Image credit scraped")
    assert re.search(r"1 article\(s\), \d+ words, 2 issue\(s\)", lines[-1])


@pytest.mark.parametrize(
    ("gate", "exit_code"),
    [
        (["--fail-on", "critical"], 0),
        (["--fail-on", "major"], 1),
        (["--fail-on", "minor"], 1),
        (["--max-penalty", "100"], 0),
        (["--max-penalty", "1"], 1),
    ],
)
def test_gates_set_the_exit_code_and_say_which_gate_failed(workdir: Path, gate: list[str], exit_code: int) -> None:
    result = check(workdir, "article.txt", *gate)
    assert result.returncode == exit_code, result.stderr
    if exit_code:
        assert f"gate failed: {gate[0]}" in result.stderr


def test_an_empty_translation_with_a_critical_issue_fails_the_penalty_gate(workdir: Path) -> None:
    line = {"id": "empty", "source_lang": "de", "segments": [{"source": "Ein ganzer Satz.", "mt": ""}]}
    (workdir / "empty-mt.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = check(workdir, "empty-mt.jsonl", "--max-penalty", "5", "--format", "json")
    assert result.returncode == 1, result.stderr
    (issue,) = json.loads(result.stdout)["articles"][0]["issues"]
    assert (issue["rule_id"], issue["segment"]) == ("PAIR_EMPTY", 0)


def test_output_file_receives_the_report(workdir: Path) -> None:
    result = check(workdir, "article.txt", "--format", "json", "--output", "out.json")
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads((workdir / "out.json").read_text(encoding="utf-8"))["summary"]["issues"] == 2


BAD_INPUTS = {
    "missing.txt": None,
    "bad-utf8.txt": b"Title\n\nCaf\xe9 au lait.\n",
    "binary.txt": b"\x00\x01\x02PNG\x00",
    "empty.txt": b"",
    "bundle.jsonl": b'{"id": "a", "segments": [{"mt": "Fine."}]}\n{"id": "b", "segments": [\n',
    "testset.xml": b"<dataset><collection><doc id='1'><src lang='de'><p><seg id='1'>x</seg></p></src>\n</collection>",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gets_one_line_naming_the_file_and_exit_2(workdir: Path, name: str) -> None:
    if BAD_INPUTS[name] is not None:
        (workdir / name).write_bytes(BAD_INPUTS[name])
    result = check(workdir, name)
    assert_one_line_error(result, name)


def test_malformed_jsonl_names_the_line(workdir: Path) -> None:
    (workdir / "bundle.jsonl").write_bytes(BAD_INPUTS["bundle.jsonl"])
    assert_one_line_error(check(workdir, "bundle.jsonl"), "bundle.jsonl:2")


def test_directory_without_articles_is_an_error(workdir: Path) -> None:
    (workdir / "empty-dir").mkdir()
    assert_one_line_error(check(workdir, "empty-dir"), "empty-dir")


def test_a_bad_file_does_not_stop_the_batch(workdir: Path) -> None:
    (workdir / "empty.txt").write_bytes(b"")
    result = check(workdir, "empty.txt", "article.txt", "--format", "json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert [a["path"] for a in report["articles"]] == ["article.txt"]
    assert report["articles"][0]["issues"], "the good file was still checked"
    assert [f["path"] for f in report["failures"]] == ["empty.txt"]
    assert report["summary"]["passed"] is False


def test_hostile_jsonl_lines_fail_alone_and_the_batch_is_reported(workdir: Path) -> None:
    from test_loaders import DEEP_NESTING, HUGE_NUMBER

    good = json.dumps({"id": "good", "segments": [{"mt": "The minister was „furious“."}]})
    (workdir / "bundle.jsonl").write_text("\n".join([HUGE_NUMBER, good, DEEP_NESTING]) + "\n", encoding="utf-8")
    result = check(workdir, "bundle.jsonl", "article.txt", "--format", "json")
    assert_one_line_error(result, "bundle.jsonl:1:", "more than 4300 digits")
    assert_one_line_error(result, "bundle.jsonl:3:", "nested too deeply")
    report = json.loads(result.stdout)
    assert [a["id"] for a in report["articles"]] == ["good", "article"]
    assert [(f["path"], f["line"]) for f in report["failures"]] == [("bundle.jsonl", 1), ("bundle.jsonl", 3)]


def test_broken_rule_pack_is_reported_and_the_other_packs_still_run(workdir: Path) -> None:
    (workdir / "rules" / "broken.yaml").write_text("pack: broken\nlanguages: [en]\nrules: [\n", encoding="utf-8")
    result = check(workdir, "article.txt", "--format", "json")
    assert_one_line_error(result, "broken.yaml")
    assert json.loads(result.stdout)["summary"]["issues"] == 2


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "nonsense", "article.txt"],
        ["--fail-on", "fatal", "article.txt"],
        [],
        ["--max-penalty", "nan", "article.txt"],
        ["--min-chrf", "inf", "article.txt"],
        ["--jobs", "0", "article.txt"],
    ],
)
def test_usage_errors_exit_2(workdir: Path, args: list[str]) -> None:
    result = reviewer("check", *args, cwd=workdir)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_bug_is_one_line_with_its_own_exit_code(workdir: Path) -> None:
    script = (
        "import sys, reviewer.cli.check as c\n"
        "def broken(args): raise RuntimeError('checker exploded')\n"
        "c.run = broken\n"
        "from reviewer.cli import main\n"
        "sys.exit(main(['check', 'article.txt']))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=workdir)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("reviewer: internal error: RuntimeError: checker exploded")


def test_every_subcommand_help_shows_an_example(workdir: Path) -> None:
    from reviewer.cli import SUBCOMMANDS

    for name in SUBCOMMANDS:
        result = reviewer(name, "--help", cwd=workdir)
        assert result.returncode == 0, f"{name} --help failed: {result.stderr}"
        example_lines = [line for line in result.stdout.splitlines() if line.strip().startswith(f"reviewer {name}")]
        assert example_lines, f"`reviewer {name} --help` shows no example:\n{result.stdout}"


REFERENCE = "Talks stall again\n\nThe minister was “furious” on Monday.\nShe said so.\n\nPhoto credit line\n"


@pytest.mark.parametrize(
    ("gate", "exit_code"),
    [(["--min-chrf", "10"], 0), (["--min-chrf", "99"], 1), (["--max-ter", "90"], 0), (["--max-ter", "1"], 1)],
)
def test_reference_gates_use_the_sidecar_reference(workdir: Path, gate: list[str], exit_code: int) -> None:
    (workdir / "article.ref.txt").write_text(REFERENCE, encoding="utf-8")
    result = check(workdir, "article.txt", "--format", "json", *gate)
    assert result.returncode == exit_code, result.stderr
    scores = json.loads(result.stdout)["articles"][0]["scores"]
    assert 10 < scores["chrf"] < 99 and 1 < scores["ter"] < 90
    assert scores["signatures"]["ter"].startswith("nrefs:1|case:mixed")
    if exit_code:
        assert f"gate failed: {gate[0]}" in result.stderr


def test_mqm_weights_file_changes_the_penalty(workdir: Path) -> None:
    (workdir / "weights.yaml").write_text("severity:\n  major: 10\noverrides: []\n", encoding="utf-8")
    result = check(workdir, "article.txt", "--format", "json", "--mqm-weights", "weights.yaml")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["articles"][0]["scores"]["mqm_penalty"] == pytest.approx(11.0)


def test_report_signature_names_tool_rule_packs_and_metric_signatures(workdir: Path) -> None:
    (workdir / "article.ref.txt").write_text(REFERENCE, encoding="utf-8")
    first = json.loads(check(workdir, "article.txt", "--format", "json").stdout)["signature"]
    parts = first.split("; ")
    assert parts[0].startswith("reviewer ")
    assert any(p.startswith("rules ") for p in parts)
    assert any(p.startswith("chrf nrefs:1|") for p in parts)
    pack = workdir / "rules" / "pack.yaml"
    pack.write_text(
        pack.read_text(encoding="utf-8").replace("German quotation marks", "German quotes"), encoding="utf-8"
    )
    second = json.loads(check(workdir, "article.txt", "--format", "json").stdout)["signature"]
    assert second != first, "editing a rule pack must change the signature"


def test_progress_bar_shows_on_a_terminal_and_not_in_logs(workdir: Path) -> None:
    import os
    import pty

    for n in range(3):
        (workdir / f"copy{n}.txt").write_text(ARTICLE, encoding="utf-8")
    args = [sys.executable, "-m", "reviewer", "check", "--no-languagetool", "--rules", "rules", "--no-cache", "."]
    primary, secondary = pty.openpty()
    with subprocess.Popen(args, cwd=workdir, stdout=subprocess.DEVNULL, stderr=secondary) as process:
        os.close(secondary)
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    os.close(primary)
    assert process.returncode == 0
    assert b"checking" in seen and b"4/4" in seen
    logged = check(workdir, "--no-cache", ".")
    assert "checking" not in logged.stderr


def test_without_languagetool_the_batch_is_incomplete_said_once(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_LT_HOME", str(workdir / "no-languagetool-here"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    (workdir / "second.txt").write_text(ARTICLE, encoding="utf-8")
    result = reviewer("check", "--rules", "rules", "article.txt", "second.txt", "--format", "json", cwd=workdir)
    assert result.returncode == 4, result.stderr
    lines = [line for line in result.stderr.splitlines() if "LanguageTool" in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(
        "reviewer: incomplete: 2 article(s) not fully checked: languagetool: LanguageTool is not installed"
    )
    report = json.loads(result.stdout)
    assert report["checkers"]["languagetool"]["enabled"] is False
    assert report["summary"]["issues"] == 4, "the rule packs still ran"
    assert (report["summary"]["incomplete"], report["summary"]["passed"]) == (2, False)
    allowed = reviewer("check", "--rules", "rules", "article.txt", "--allow-incomplete", cwd=workdir)
    assert allowed.returncode == 0, allowed.stderr
    assert "INCOMPLETE: 1 article(s) not fully checked" in allowed.stdout, "allowed, and still said"
    assert check(workdir, "article.txt").returncode == 0, "--no-languagetool: not asked for, so no gap"


class DroppingLanguageTool:
    """A LanguageTool that answers the first `answers` articles, then drops every request."""

    def __init__(self, answers: int) -> None:
        from test_languagetool import FakeLanguageTool

        self.fake = FakeLanguageTool()
        self.left = answers
        answer = self.fake.answer

        def answer_then_drop(form: dict[str, str]) -> dict[str, object]:
            if "Title" in form["text"]:
                self.left -= 1
                if self.left <= 0:
                    self.fake.mode = "drop"
            return answer(form)

        self.fake.answer = answer_then_drop  # type: ignore[method-assign]

    def __enter__(self) -> str:
        return self.fake.url

    def __exit__(self, *exc: object) -> None:
        self.fake.close()


def lost_mid_batch(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Four articles against a server lost after the first one."""
    for n in range(4):
        (workdir / f"teh{n}.txt").write_text(f"Title {n}\n\nWe saw teh harbour {n}.\n", encoding="utf-8")
    with DroppingLanguageTool(answers=1) as url:
        return reviewer(
            "check",
            "--rules",
            "rules",
            "--languagetool-url",
            url,
            *args,
            *[f"teh{n}.txt" for n in range(4)],
            cwd=workdir,
        )


def test_a_server_lost_mid_batch_makes_the_batch_incomplete_exit_4(workdir: Path) -> None:
    result = lost_mid_batch(workdir, "--format", "json")
    assert result.returncode == 4, result.stderr
    report = json.loads(result.stdout)
    assert (report["summary"]["incomplete"], report["summary"]["passed"]) == (3, False)
    assert "incomplete" not in report["articles"][0]
    for article in report["articles"][1:]:
        ((gap),) = article["incomplete"]
        assert gap["checker"] == "languagetool" and "not ours to restart" in gap["reason"]
    incomplete = [line for line in result.stderr.splitlines() if line.startswith("reviewer: incomplete:")]
    assert len(incomplete) == 1, result.stderr
    assert incomplete[0].startswith("reviewer: incomplete: 3 article(s) not fully checked: languagetool: ")
    assert "teh1" not in result.stderr, "one line per kind of gap, not one per article"


def test_allow_incomplete_leaves_the_exit_code_to_the_gates(workdir: Path) -> None:
    allowed = lost_mid_batch(workdir, "--allow-incomplete", "--format", "text")
    assert allowed.returncode == 0, allowed.stderr
    assert "INCOMPLETE: 3 article(s) not fully checked" in allowed.stdout.splitlines()[-1]
    assert "reviewer: incomplete: 3 article(s)" in allowed.stderr
    gated = lost_mid_batch(workdir, "--fail-on", "minor")
    assert gated.returncode == 1, "a failed gate wins over incomplete"


def test_a_rule_out_of_time_makes_the_article_incomplete(workdir: Path) -> None:
    pack = (
        PACK
        + """\
  - id: RUNAWAY
    kind: pattern
    message: m
    category: Other
    severity: minor
    pattern: '(a|aa)+$'
    examples: {bad: ['<m>aaa</m>'], ok: ['aab']}
"""
    )
    (workdir / "rules" / "pack.yaml").write_text(pack, encoding="utf-8")
    (workdir / "slow.txt").write_text("Title\n\nword " + "a" * 60 + "b\n", encoding="utf-8")
    result = check(workdir, "slow.txt", "article.txt")
    assert result.returncode == 4, result.stderr
    assert "slow.txt not fully checked: rules: RUNAWAY timed out after 1 s" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1].endswith(
        "INCOMPLETE: 1 article(s) not fully checked (rules: RUNAWAY timed out after 1 s)"
    )
    assert "reviewer: incomplete: 1 article(s) not fully checked: rules: RUNAWAY timed out after 1 s" in result.stderr


def test_require_languagetool_makes_its_absence_an_error(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_LT_HOME", str(workdir / "no-languagetool-here"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    result = reviewer("check", "--rules", "rules", "article.txt", "--require-languagetool", cwd=workdir)
    assert_one_line_error(result, "LanguageTool is not installed")


def test_a_dead_server_among_several_is_named_and_left_out(workdir: Path) -> None:
    from test_languagetool import FakeLanguageTool

    live = FakeLanguageTool()
    try:
        for n in range(4):
            (workdir / f"teh{n}.txt").write_text(f"Title {n}\n\nWe saw teh harbour {n}.\n", encoding="utf-8")
        dead = "http://127.0.0.1:9"
        result = reviewer(
            "check",
            "--rules",
            "rules",
            "--no-cache",
            "--format",
            "json",
            "--languagetool-url",
            live.url,
            "--languagetool-url",
            dead,
            *[f"teh{n}.txt" for n in range(4)],
            cwd=workdir,
        )
    finally:
        live.httpd.shutdown()
    assert result.returncode == 0, result.stderr
    assert f"leaving out LanguageTool at {dead}" in result.stderr
    report = json.loads(result.stdout)
    assert report["checkers"]["languagetool"]["enabled"] is True
    checked = [any(i["checker"] == "languagetool" for i in a["issues"]) for a in report["articles"]]
    assert checked == [True] * 4, "every article went to the live server"


# --- names and text that must not reach a terminal or CI log raw ----------------------------

FORGED = "evil\nreviewer: gate failed: --fail-on minor: all.txt has minor issues\n.txt"


def test_a_file_name_cannot_forge_a_stderr_line(workdir: Path) -> None:
    (workdir / FORGED).write_bytes(b"")  # empty: an error naming the file
    (workdir / "gated\x1b[2J.txt").write_text(ARTICLE, encoding="utf-8")
    result = check(workdir, FORGED, "gated\x1b[2J.txt", "--max-penalty", "1")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert all(line.startswith("reviewer: ") for line in lines), lines
    assert not any(line.startswith("reviewer: gate failed: --fail-on") for line in lines), "no forged verdict"
    assert (
        "reviewer: error: evil\\nreviewer: gate failed: --fail-on minor: all.txt has minor issues\\n.txt: is empty"
        in lines
    )
    assert any(line.startswith("reviewer: gate failed: --max-penalty 1: gated\\x1b[2J.txt") for line in lines), lines
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize("form", ["text", "github", "junit", "sarif"])
def test_reports_for_people_carry_no_raw_control_characters(workdir: Path, form: str) -> None:
    name = "odd\x1b[2J\u202ename.txt"
    (workdir / name).write_text(ARTICLE.replace("Monday", "Mon\x07day\x1b[1m"), encoding="utf-8")
    (workdir / "rules" / "pack.yaml").write_text(
        PACK.replace('message: "German quotation marks in {match}"', 'message: "German quotes in {match} \\e[31m"'),
        encoding="utf-8",
    )
    result = check(workdir, name, "--format", form)
    assert result.returncode == 0, result.stderr
    shown = result.stdout
    if form == "sarif":  # JSON escapes control characters itself; what a viewer shows is the decoded text
        shown = "\n".join(viewer_texts(json.loads(result.stdout)))
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in shown, f"{raw!r} reached the {form} report"
    assert "\\x1b[31m" in shown, "the message is shown escaped"
    if form != "sarif":  # SARIF names the file by a percent-encoded URI
        assert "odd\\x1b[2J\\u202ename.txt" in shown, "the name is shown escaped"


def viewer_texts(node: object) -> list[str]:
    """The `text` of every SARIF message and description: what a viewer displays."""
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        return own + [
            t for key, value in node.items() if key not in ("snippet", "properties") for t in viewer_texts(value)
        ]
    if isinstance(node, list):
        return [t for item in node for t in viewer_texts(item)]
    return []


def test_require_languagetool_help_says_what_happens_without_it(capsys):
    from reviewer.cli import main

    with pytest.raises(SystemExit):
        main(["check", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--require-languagetool fail at once (exit 2)" in help_text
    assert "without it the articles LanguageTool could not check make the run incomplete (exit 4," in help_text
