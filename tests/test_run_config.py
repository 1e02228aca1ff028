"""Settings as a user gives them (options, environment, reviewer.yaml) reach every part of a run
the same way: what a flag says is what the report shows and what the gates decide on."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from test_cli_check import PACK, reviewer

from reviewer.config import RunConfig, reviewer_name
from reviewer.language import LanguageTag

BEFORE = "Talks stall again\n\nThe minister was „furious“ on Monday.\n"
AFTER = BEFORE + "\nSome-Artist / Pixabay\n"
HEAVY_MAJOR = "severity:\n  major: 1000\noverrides: []\n"


def check(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return reviewer("check", "--no-languagetool", "--no-cache", "--rules", "rules", *args, cwd=workdir)


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "article.txt").write_text(AFTER, encoding="utf-8")
    (tmp_path / "weights.yaml").write_text(HEAVY_MAJOR, encoding="utf-8")
    return tmp_path


def one_line_usage_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("reviewer: error:")]
    assert len(errors) == 1 and all(f in errors[0] for f in fragments), result.stderr


def test_a_baseline_keeps_the_mqm_weights_of_the_run(workdir: Path) -> None:
    (workdir / "article.txt").write_text(BEFORE, encoding="utf-8")
    check(workdir, "article.txt", "--format", "json", "--output", "baseline.json")
    (workdir / "article.txt").write_text(AFTER, encoding="utf-8")
    result = check(
        workdir, "article.txt", "--format", "json", "--mqm-weights", "weights.yaml", "--baseline", "baseline.json"
    )
    article = json.loads(result.stdout)["articles"][0]
    assert [issue["rule_id"] for issue in article["issues"]] == ["IMAGE_CREDIT"]
    assert article["scores"]["mqm_penalty"] == pytest.approx(1000.0)
    gated = check(
        workdir, "article.txt", "--mqm-weights", "weights.yaml", "--baseline", "baseline.json", "--max-penalty", "100"
    )
    assert gated.returncode == 1, gated.stderr
    assert "gate failed: --max-penalty" in gated.stderr


@pytest.mark.parametrize("tag", ["eng", "english", "xx-YY", "e"])
def test_a_language_nobody_can_check_is_a_usage_error(workdir: Path, tag: str) -> None:
    one_line_usage_error(check(workdir, "article.txt", "--lang", tag), repr(tag))


def test_a_language_nobody_can_check_in_reviewer_yaml_names_the_file(workdir: Path) -> None:
    (workdir / "reviewer.yaml").write_text("lang: eng\n", encoding="utf-8")
    one_line_usage_error(check(workdir, "article.txt"), "reviewer.yaml:1", "'eng'")


def test_review_refuses_a_language_nobody_can_check_before_the_ui_starts(workdir: Path) -> None:
    one_line_usage_error(reviewer("review", "article.txt", "--lang", "eng", "--no-languagetool", cwd=workdir), "'eng'")


@pytest.mark.parametrize(("given", "shown"), [("en_gb", "en-GB"), ("EN-gb", "en-GB"), ("en", "en-US"), ("de", "de-DE")])
def test_lang_is_normalised_once_for_plain_text(workdir: Path, given: str, shown: str) -> None:
    result = check(workdir, "article.txt", "--format", "json", "--lang", given)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["articles"][0]["lang"] == shown


def test_reviewer_yaml_gives_plain_text_its_language_and_lang_overrides_it(workdir: Path) -> None:
    (workdir / "reviewer.yaml").write_text("lang: en-GB\n", encoding="utf-8")
    from_file = check(workdir, "article.txt", "--format", "json")
    assert json.loads(from_file.stdout)["articles"][0]["lang"] == "en-GB", from_file.stderr
    given = check(workdir, "article.txt", "--format", "json", "--lang", "en-AU")
    assert json.loads(given.stdout)["articles"][0]["lang"] == "en-AU", given.stderr


BUNDLE = (
    '{"id": "de1", "source_lang": "en", "target_lang": "de", "segments": [{"source": "Hi.", "mt": "Hallo."}]}\n'
    '{"id": "none", "segments": [{"mt": "Hello."}]}\n'
)
WMT = """<dataset><collection><doc id="d1" origlang="en">
<src lang="en"><p><seg id="1">Hi.</seg></p></src>
<hyp system="mt-a" lang="de"><p><seg id="1">Hallo.</seg></p></hyp>
</doc></collection></dataset>
"""
XLIFF = """<?xml version="1.0"?>
<xliff version="1.2"><file source-language="en" target-language="de" original="a"><body>
<trans-unit id="1"><source>Hi.</source><target>Hallo.</target></trans-unit>
</body></file></xliff>
"""


@pytest.mark.parametrize(("name", "content"), [("b.jsonl", BUNDLE), ("t.xml", WMT), ("u.xlf", XLIFF)])
def test_lang_does_not_override_what_a_bundle_declares(workdir: Path, name: str, content: str) -> None:
    (workdir / name).write_text(content, encoding="utf-8")
    result = check(workdir, name, "--format", "json", "--lang", "en-GB")
    assert result.returncode == 0, result.stderr
    langs = [article["lang"] for article in json.loads(result.stdout)["articles"]]
    assert langs[0] == "de-DE"
    if name == "b.jsonl":  # a record that declares nothing is in the language --lang gives
        assert langs[1] == "en-GB"


def test_a_bundle_declaring_a_language_nobody_can_check_names_the_line(workdir: Path) -> None:
    (workdir / "b.jsonl").write_text('{"id": "x", "target_lang": "eng", "segments": [{"mt": "Hi."}]}\n')
    result = check(workdir, "b.jsonl", "article.txt", "--format", "json")
    assert result.returncode == 2, result.stderr
    assert "b.jsonl:1" in result.stderr and "'eng'" in result.stderr
    assert [a["path"] for a in json.loads(result.stdout)["articles"]] == ["article.txt"]


EN_DE = (
    '{"id": "a", "source_lang": "en", "target_lang": "de", "segments": ['
    '{"source": "Prices rose 2.5 percent.", "mt": "Die Preise stiegen um 2,5 Prozent."},'
    '{"source": "3 people were hurt.", "mt": "Drei Menschen wurden verletzt."},'
    '{"source": "Prices rose 2.5 percent.", "mt": "Die Preise stiegen um 25 Prozent."}]}\n'
)


def test_pair_checks_read_an_english_to_german_bundle_in_its_own_conventions(workdir: Path) -> None:
    (workdir / "en-de.jsonl").write_text(EN_DE, encoding="utf-8")
    result = check(workdir, "en-de.jsonl", "--format", "json", "--lang", "en-US")
    assert result.returncode == 0, result.stderr
    issues = json.loads(result.stdout)["articles"][0]["issues"]
    assert [(i["rule_id"], i["segment"], i["text"]) for i in issues if i["checker"] == "pair"] == [
        ("PAIR_NUMBER", 2, "25")
    ]


@pytest.mark.parametrize(
    ("given", "environ", "expected"),
    [
        ("bo", {"REVIEWER_NAME": "cy"}, "bo"),
        (None, {"REVIEWER_NAME": "cy"}, "cy"),
        ("  ", {"REVIEWER_NAME": "cy"}, "cy"),
    ],
)
def test_reviewer_name_from_option_then_environment(given: str | None, environ: dict[str, str], expected: str) -> None:
    assert reviewer_name(given, environ) == expected


def test_reviewer_name_falls_back_to_the_os_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "osuser")
    assert reviewer_name(None, {}) == "osuser"


def test_the_configuration_is_read_from_what_it_is_given_not_from_the_process(tmp_path: Path) -> None:
    (tmp_path / "reviewer.yaml").write_text("lang: en-GB\nlanguagetool:\n  level: default\n", encoding="utf-8")
    environ = {
        "REVIEWER_DB": str(tmp_path / "team.db"),
        "REVIEWER_NAME": "anna",
        "REVIEWER_CACHE_DIR": str(tmp_path / "cache"),
        "REVIEWER_CACHE_MAX_MB": "2",
        "REVIEWER_LT_HOME": str(tmp_path / "lt"),
        "REVIEWER_LANGUAGETOOL_URL": "http://127.0.0.1:8081",
    }
    config = RunConfig.build(environ, tmp_path, languagetool_level="picky")
    assert (config.db_path, config.reviewer, config.lang) == (tmp_path / "team.db", "anna", LanguageTag("en-GB"))
    assert (config.cache.directory, config.cache.max_bytes) == (tmp_path / "cache", 2_000_000)
    assert config.languagetool.home == tmp_path / "lt"
    assert config.languagetool.urls == ("http://127.0.0.1:8081",)
    assert config.languagetool.settings.level == "picky", "the option overrides reviewer.yaml"
    given = RunConfig.build(environ, tmp_path, languagetool_urls=["http://b:1"], db="mine.db", lang="de")
    assert (given.languagetool.urls, given.db_path, given.lang) == (("http://b:1",), Path("mine.db"), LanguageTag("de"))
