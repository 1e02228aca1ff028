"""JUnit, SARIF and GitHub annotations, checked the way CI systems read them: parsed and validated."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from fixtures.reports.batches import Literal, Unchecked, article, batch

from reviewer.errors import ConfigError, InputError, RuleError
from reviewer.model import Severity
from reviewer.report import BatchReport, github_format, junit_format, renderers, sarif_format
from reviewer.terminal import printable

PLAIN_PATH = "corpora/harbour strike.txt"
PLAIN = (
    "Harbour strike, day two\n\n"
    "The minister was „furious“ on Monday.\nDockers said half the ships wait.\n\n"
    "Some-Artist / Pixabay\n\n"
    "Page\x0cbreak left in.\n"
)
RULES = [
    Literal("QUOTES", "„furious“", Severity.MINOR, message="German quotes, like „this“: use “this”"),
    Literal(
        "CREDIT", "Some-Artist / Pixabay", Severity.MAJOR, "Accuracy/Addition", "Image credit: 100% noise,\r\nremove it"
    ),
    Literal("RUN_ON", "Monday.\nDockers", Severity.CRITICAL, "Other", "Span across two lines"),
    Literal("CONTROL_CHARS", "Page\x0cbreak", Severity.MINOR, "Other", "Escape \x1b[1m scraped with the text"),
]
FAILURES = [
    InputError("broken.jsonl", "not valid JSON", line=2),
    RuleError("rules/bad.yaml", "bad regex", line=4, rule_id="X"),
    ConfigError("LanguageTool is not running"),
]


def sample(fail_on: Severity | None = None, failures: bool = True) -> BatchReport:
    articles = [
        article(PLAIN, path=PLAIN_PATH),
        article("The minister was „furious“ again.", path="bundle.jsonl", id="a1"),
        article("All good here.", path="bundle.jsonl", id="a2"),
    ]
    return batch(articles, RULES, fail_on=fail_on, failures=FAILURES if failures else ())


def all_issues(report: BatchReport) -> list[Any]:
    return [(a.result.article, issue) for a in report.articles for issue in a.result.issues]


def test_every_format_is_registered_for_the_cli() -> None:
    assert {"text", "json", "junit", "sarif", "github"} <= set(renderers())


def test_the_sample_flags_what_the_tests_below_rely_on() -> None:
    report = sample()
    rules = sorted(issue.rule_id for _, issue in all_issues(report))
    assert rules == ["CONTROL_CHARS", "CREDIT", "QUOTES", "QUOTES", "RUN_ON"]


# --- JUnit ------------------------------------------------------------------------------


def junit(report: BatchReport) -> ET.Element:
    return ET.fromstring(junit_format.render(report).encode("utf-8"))


@pytest.mark.parametrize("fail_on", [None, *Severity])
def test_junit_has_a_case_per_article_and_a_failure_line_per_issue_at_threshold(fail_on: Severity | None) -> None:
    report = sample(fail_on=fail_on)
    root = junit(report)
    assert root.tag == "testsuites"
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    for a in report.articles:
        case = cases[(a.result.article.path, a.result.article.id)]
        failing = [i for i in a.result.issues if fail_on is None or i.severity >= fail_on]
        below = [i for i in a.result.issues if i not in failing]
        failures = case.findall("failure")
        assert len(failures) == (1 if failing else 0), f"{a.result.article.label}: one <failure> for its issues"
        if failing:
            body = failures[0].text.strip().splitlines()
            assert len(body) == len(failing)
            assert set(failures[0].get("type").split()) == {i.rule_id for i in failing}
            for line, issue in zip(body, failing):
                where = f"{a.result.article.label}:{issue.line}:{issue.column}"
                assert line.startswith(f"{where}: {issue.severity.label} {issue.rule_id}")
        out = case.find("system-out")
        assert len(out.text.strip().splitlines() if out is not None else []) == len(below)
    failing_articles = sum(
        any(fail_on is None or i.severity >= fail_on for i in a.result.issues) for a in report.articles
    )
    assert int(root.get("tests")) == len(report.articles) + len(FAILURES) == len(cases)
    assert int(root.get("failures")) == failing_articles == len(list(root.iter("failure")))
    assert int(root.get("errors")) == len(FAILURES) == len(list(root.iter("error")))


def test_junit_groups_cases_in_a_suite_per_file_with_consistent_counts() -> None:
    root = junit(sample())
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {PLAIN_PATH, "bundle.jsonl", "broken.jsonl", "rules/bad.yaml", "reviewer"}
    assert [c.get("name") for c in suites["bundle.jsonl"].findall("testcase")] == ["a1", "a2"]
    for suite in suites.values():
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("errors")) == sum(c.find("error") is not None for c in cases)


def test_junit_input_failures_are_error_cases_naming_file_and_line() -> None:
    root = junit(sample())
    errors = {
        c.get("classname"): (c.get("name"), c.find("error"))
        for c in root.iter("testcase")
        if c.find("error") is not None
    }
    assert errors["broken.jsonl"][0] == "load:2"
    assert errors["broken.jsonl"][1].get("type") == "InputError"
    assert "broken.jsonl:2: not valid JSON" in errors["broken.jsonl"][1].get("message")
    assert errors["rules/bad.yaml"][1].get("type") == "RuleError"
    assert errors["reviewer"][0] == "load"


def test_junit_stays_well_formed_with_control_characters_in_messages() -> None:
    root = junit(sample())
    text = "".join(root.itertext()) + "".join(v for e in root.iter() for v in e.attrib.values())
    assert "\x1b" not in text
    assert "Escape \\x1b[1m scraped with the text" in text, "escaped as the text format escapes it"


def test_junit_for_a_clean_batch_has_passing_cases_only() -> None:
    root = junit(batch([article("All good here.")], RULES))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")


# --- SARIF ------------------------------------------------------------------------------

# The OASIS SARIF 2.1.0 (errata 01) schema, sarif-schema-2.1.0.json, kept byte for byte
# (its sha256 below) so the reports are validated against the standard, not our reading of it.
SARIF_SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, Any]:
    raw = SARIF_SCHEMA.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SARIF_SCHEMA_SHA256, f"{SARIF_SCHEMA.name} is not the OASIS file it was"
    return json.loads(raw)


def sarif(report: BatchReport) -> dict[str, Any]:
    return json.loads(sarif_format.render(report))


def uri(result: dict[str, Any]) -> str:
    return result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


@pytest.mark.parametrize(
    "report",
    [sample(), sample(fail_on=Severity.MAJOR, failures=False), batch([], RULES)],
    ids=["issues-and-failures", "issues-only", "empty"],
)
def test_sarif_is_valid_against_the_oasis_schema(sarif_schema: dict[str, Any], report: BatchReport) -> None:
    validator = jsonschema.Draft4Validator(sarif_schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(sarif(report))]
    assert not errors, "\n".join(errors)


def test_sarif_results_point_at_rules_by_index_with_mqm_properties() -> None:
    report = sample()
    run = sarif(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "reviewer"
    assert len({r["id"] for r in rules}) == len(rules) == 4
    assert len(run["results"]) == len(all_issues(report))
    for result, (_, issue) in zip(run["results"], all_issues(report)):
        rule = rules[result["ruleIndex"]]
        assert result["ruleId"] == rule["id"] == issue.rule_id
        assert rule["properties"]["category"] == issue.category
        assert rule["help"]["text"] and rule["shortDescription"]["text"]
        assert result["partialFingerprints"]["reviewerIssueId/v1"] == issue.id


@pytest.mark.parametrize(
    ("severity", "level"), [(Severity.MINOR, "warning"), (Severity.MAJOR, "error"), (Severity.CRITICAL, "error")]
)
def test_sarif_levels_follow_severity(severity: Severity, level: str) -> None:
    run = sarif(batch([article("x flagged x")], [Literal("R", "flagged", severity)]))["runs"][0]
    assert run["results"][0]["level"] == level
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == level


def test_sarif_region_of_a_plain_text_article_is_exact_in_code_points() -> None:
    report = sample()
    run = sarif(report)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    lines = PLAIN.split("\n")
    plain = [r for r in run["results"] if unquote(uri(r)) == PLAIN_PATH]
    assert len(plain) == 4
    for result in plain:
        region = result["locations"][0]["physicalLocation"]["region"]
        flagged = PLAIN[region["charOffset"] : region["charOffset"] + region["charLength"]]
        assert flagged == region["snippet"]["text"]
        start_line, end_line = lines[region["startLine"] - 1], lines[region["endLine"] - 1]
        assert start_line[region["startColumn"] - 1 :].startswith(flagged.split("\n")[0])
        assert end_line[: region["endColumn"] - 1].endswith(flagged.split("\n")[-1])
    quotes = next(r for r in plain if r["ruleId"] == "QUOTES")["locations"][0]["physicalLocation"]["region"]
    assert (quotes["startLine"], quotes["startColumn"], quotes["endLine"], quotes["endColumn"]) == (3, 18, 3, 27)


def test_sarif_uri_is_a_relative_uri_reference_for_the_path() -> None:
    uris = {uri(r) for r in sarif(sample())["runs"][0]["results"]}
    assert uris == {"corpora/harbour%20strike.txt", "bundle.jsonl"}


def test_sarif_bundle_article_names_the_article_instead_of_a_wrong_region() -> None:
    run = sarif(sample())["runs"][0]
    (result,) = [r for r in run["results"] if uri(r) == "bundle.jsonl"]
    location = result["locations"][0]
    assert "region" not in location["physicalLocation"]
    assert location["logicalLocations"] == [{"name": "a1", "fullyQualifiedName": "bundle.jsonl[a1]"}]
    assert result["message"]["text"].startswith("bundle.jsonl[a1], line 1, column 18: ")
    assert (result["properties"]["line"], result["properties"]["column"]) == (1, 18)


def test_sarif_input_failures_are_notifications_of_an_unsuccessful_invocation() -> None:
    (invocation,) = sarif(sample())["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [str(f) for f in FAILURES]
    broken = {"artifactLocation": {"uri": "broken.jsonl"}, "region": {"startLine": 2}}
    assert notes[0]["locations"][0]["physicalLocation"] == broken
    assert "locations" not in notes[2]
    (clean,) = sarif(sample(failures=False))["runs"][0]["invocations"]
    assert clean == {"executionSuccessful": True}


# --- GitHub workflow commands -----------------------------------------------------------

# The Actions runner's syntax: `::name key=value,key=value::message`, where properties
# cannot hold a raw ':' or ',' (they are %-escaped) and the message runs to the line end.
COMMAND = re.compile(r"^::(?P<name>[a-z-]+)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")


def unescape_data(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(value: str) -> str:
    return unescape_data(value.replace("%3A", ":").replace("%2C", ","))


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, f"not a workflow command: {line!r}"
    properties = {}
    for item in filter(None, (match["properties"] or "").split(",")):
        key, _, value = item.partition("=")
        properties[key] = unescape_property(value)
    return match["name"], properties, unescape_data(match["message"])


def github(report: BatchReport) -> list[tuple[str, dict[str, str], str]]:
    text = github_format.render(report)
    assert "\r" not in text and text.endswith("\n")
    return [parse_command(line) for line in text[:-1].split("\n")]  # the runner splits lines at LF only


@pytest.mark.parametrize(
    "value", ["plain", "100%, done: yes", "line\r\nbreak", "%0A is not a newline", "a::b,c=d", "%25%3A%2C"]
)
def test_github_escaping_round_trips(value: str) -> None:
    ((name, properties, message),) = [parse_command(github_format.command("error", value, title=value, file="a.txt"))]
    assert (name, properties["title"], properties["file"], message) == ("error", value, "a.txt", value)


def test_github_annotates_each_issue_on_its_file_line_and_columns() -> None:
    report = sample()
    commands = github(report)
    assert len(commands) == len(all_issues(report)) + len(FAILURES) + 1
    annotations = commands[: len(all_issues(report))]
    for (name, properties, message), (checked, issue) in zip(annotations, all_issues(report)):
        assert name == ("warning" if issue.severity == Severity.MINOR else "error")
        assert properties["file"] == checked.path and properties["title"] == issue.rule_id
        if checked.label == checked.path:
            assert message == printable(issue.message)
            lines = (int(properties["line"]), int(properties["endLine"]))
            assert lines == (issue.line, checked.line_column(issue.end)[0])
        else:
            assert "line" not in properties
            assert message == printable(f"{checked.label}, line {issue.line}, column {issue.column}: {issue.message}")
    by_rule = {p["title"]: p for _, p, _ in annotations if p["file"] == PLAIN_PATH}
    assert (by_rule["QUOTES"]["col"], by_rule["QUOTES"]["endColumn"]) == ("18", "27")
    assert "col" not in by_rule["RUN_ON"] and "endColumn" not in by_rule["RUN_ON"], "columns only on one-line spans"


def test_github_failures_are_errors_and_the_last_line_is_a_notice_summary() -> None:
    commands = github(sample(fail_on=Severity.MAJOR))
    failures = commands[-1 - len(FAILURES) : -1]
    assert [(n, p.get("file"), p.get("line")) for n, p, _ in failures] == [
        ("error", "broken.jsonl", "2"),
        ("error", "rules/bad.yaml", "4"),
        ("error", None, None),
    ]
    name, properties, summary = commands[-1]
    assert (name, properties) == ("notice", {})
    assert "3 article(s)" in summary and "5 issue(s)" in summary and "FAILED" in summary
    assert "--fail-on major" in summary and "3 input(s) could not be checked" in summary
    assert github(batch([article("All good here.")], RULES))[-1][2].endswith(": passed")


def test_text_lines_escape_control_characters_from_the_mt() -> None:
    assert printable("Bad \x1b[2J text\nwith\tbreaks\u202e\u2028") == "Bad \\x1b[2J text\\nwith\\tbreaks\\u202e\\u2028"
    assert printable("10\u00a0% „quoted“ 😀 ok") == "10\u00a0% „quoted“ 😀 ok", (
        "printable text and spaces stay as they are"
    )


# --- incompletely checked articles ------------------------------------------------------

LOST = "LanguageTool at http://127.0.0.1:8081 did not answer /check: timed out; it is not ours to restart"
SLOW = "SLOW_RULE timed out after 1 s"


def incomplete_sample(allow_incomplete: bool = False, fail_on: Severity | None = None) -> BatchReport:
    """The sample without failures, where LanguageTool was lost for both bundle articles
    and a rule ran out of time on the second."""
    articles = sample(failures=False).articles
    checkers = [Unchecked(["a1", "a2"], LOST), Unchecked(["a2"], SLOW, id="rules")]
    return batch(
        [a.result.article for a in articles], RULES, fail_on, checkers=checkers, allow_incomplete=allow_incomplete
    )


def test_json_marks_incomplete_articles_and_the_batch_does_not_pass() -> None:
    from reviewer.report import json_format

    data = json.loads(json_format.render(incomplete_sample()))
    plain, a1, a2 = data["articles"]
    assert "incomplete" not in plain, "only articles with gaps carry the key"
    assert a1["incomplete"] == [{"checker": "languagetool", "reason": LOST}]
    assert a2["incomplete"] == [{"checker": "languagetool", "reason": LOST}, {"checker": "rules", "reason": SLOW}]
    assert (data["summary"]["incomplete"], data["summary"]["passed"]) == (2, False)
    allowed = json.loads(json_format.render(incomplete_sample(allow_incomplete=True)))
    assert (allowed["summary"]["incomplete"], allowed["summary"]["passed"]) == (2, True)
    assert allowed["articles"][1]["incomplete"] == a1["incomplete"], "allowed, still marked"
    clean = json.loads(json_format.render(sample(failures=False)))
    assert clean["summary"]["incomplete"] == 0


def test_text_says_incomplete_in_the_summary_and_per_article() -> None:
    from reviewer.report import text_format

    lines = text_format.render(incomplete_sample()).splitlines()
    assert lines[-1].endswith(f": INCOMPLETE: 2 article(s) not fully checked (languagetool: {LOST}; rules: {SLOW})"), (
        lines[-1]
    )
    assert f"bundle.jsonl[a1] not fully checked: languagetool: {LOST}" in lines
    assert f"bundle.jsonl[a2] not fully checked: languagetool: {LOST}; rules: {SLOW}" in lines
    assert not any("not fully checked" in line for line in lines[:-1] if line.startswith(PLAIN_PATH))
    allowed = text_format.render(incomplete_sample(allow_incomplete=True)).splitlines()[-1]
    assert ": passed; INCOMPLETE: 2 article(s) not fully checked" in allowed and "--allow-incomplete" in allowed
    failed = text_format.render(incomplete_sample(fail_on=Severity.MINOR)).splitlines()[-1]
    assert ": FAILED; INCOMPLETE: 2 article(s)" in failed


def test_junit_shows_an_incomplete_article_as_an_error_beside_its_one_failure() -> None:
    root = junit(incomplete_sample())
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["harbour strike"].find("error") is None
    for name in ("a1", "a2"):
        (error,) = cases[name].findall("error")
        assert error.get("type") == "incomplete"
        assert f"bundle.jsonl[{name}] not fully checked" in error.get("message")
        assert f"languagetool: {LOST}" in error.text
        assert len(cases[name].findall("failure")) <= 1
    assert SLOW in cases["a2"].find("error").text
    assert len(cases["a1"].findall("failure")) == 1, "its issues still fail it"
    assert int(root.get("errors")) == 2 == len(list(root.iter("error")))
    for suite in root.findall("testsuite"):
        assert int(suite.get("errors")) == sum(c.find("error") is not None for c in suite.findall("testcase"))


def test_sarif_incomplete_articles_are_notifications_of_an_unsuccessful_run(sarif_schema: dict[str, Any]) -> None:
    data = sarif(incomplete_sample())
    validator = jsonschema.Draft4Validator(sarif_schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    assert not list(validator.iter_errors(data))
    run = data["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["incomplete", "incomplete"]
    assert notes[0]["message"]["text"] == f"bundle.jsonl[a1] not fully checked: languagetool: {LOST}"
    assert notes[1]["message"]["text"].endswith(f"languagetool: {LOST}; rules: {SLOW}")
    assert notes[0]["locations"][0]["logicalLocations"] == [{"name": "a1", "fullyQualifiedName": "bundle.jsonl[a1]"}]
    assert (run["properties"]["incomplete"], run["properties"]["passed"]) == (2, False)


def test_github_names_each_incomplete_article_and_the_verdict() -> None:
    commands = github(incomplete_sample())
    incomplete = [(n, p, m) for n, p, m in commands if p.get("title") == "incomplete"]
    assert [(n, p["file"]) for n, p, _ in incomplete] == [("error", "bundle.jsonl"), ("error", "bundle.jsonl")]
    assert incomplete[0][2] == f"bundle.jsonl[a1] not fully checked: languagetool: {LOST}"
    name, _, summary = commands[-1]
    assert name == "notice" and "INCOMPLETE: 2 article(s) not fully checked" in summary
    allowed = github(incomplete_sample(allow_incomplete=True))
    assert {n for n, p, _ in allowed if p.get("title") == "incomplete"} == {"warning"}
    assert ": passed" in allowed[-1][2] and "INCOMPLETE" in allowed[-1][2]
