"""The rule engine: what each rule kind flags, what a broken pack reports, and how a
runaway pattern is stopped. Packs are small YAML written here or in tests/fixtures/rules."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from reviewer.checkers.rules import RulesChecker
from reviewer.cli import main
from reviewer.model import Article, Gap
from reviewer.rules import load_packs

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
EXPECT = re.compile(r"# expect: \[([^\]]*)\] (.*)$")


def article(text: str, lang: str = "en-US", source_lang: str | None = "de", path: str = "a.txt") -> Article:
    return Article(path=path, id=path, text=text, segments=(), lang=lang, source_lang=source_lang)


def write_pack(directory: Path, rules_yaml: str, name: str = "pack.yaml", header: str | None = None) -> Path:
    header = header or "pack: test\nlanguages: [en]\nrules:\n"
    path = directory / name
    path.write_text(header + textwrap.indent(textwrap.dedent(rules_yaml), "  "), encoding="utf-8")
    return path


def one_rule(tmp_path: Path, body: str, examples: str) -> RulesChecker:
    """A checker with one rule; `body` is its kind-specific YAML, `examples` its examples."""
    rule = (
        "- id: T\n  message: 'Flagged {match}; try {suggestion}'\n  category: Other\n  severity: minor\n"
        + textwrap.indent(textwrap.dedent(body), "  ")
        + "  examples:\n"
        + textwrap.indent(textwrap.dedent(examples), "    ")
    )
    loaded = load_packs([write_pack(tmp_path, rule)])
    assert [str(e) for e in loaded.errors] == []
    return RulesChecker(loaded.packs)


def flagged(checker: RulesChecker, text: str) -> list[tuple[str, tuple[str, ...]]]:
    findings = checker.check(article(text)).findings
    return [(text[f.start : f.end], f.suggestions) for f in findings]


SUBSTITUTION = """\
kind: substitution
ignore_case: true
swap:
  in the meantime: meanwhile
  in the: [in a]
  according to reports: reportedly
suggestions: [rephrase]
"""
SUBSTITUTION_EXAMPLES = """\
bad: ['<m>In the meantime</m>, talks went on.']
ok: ['Meanwhile, talks went on.']
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        # The longest phrase wins, and the capital of the match carries into the suggestions.
        ("In the meantime, it rained.", [("In the meantime", ("Meanwhile", "Rephrase"))]),
        ("it rained in the meantime", [("in the meantime", ("meanwhile", "rephrase"))]),
        # A space in a phrase matches a run of white space, a hard line break included.
        ("rain, in the\nmeantime.", [("in the\nmeantime", ("meanwhile", "rephrase"))]),
        ("rain, according  to\n  reports.", [("according  to\n  reports", ("reportedly", "rephrase"))]),
        # ... but not a paragraph break.
        ("rain, in the meantime\n\nmeantime", [("in the meantime", ("meanwhile", "rephrase"))]),
        ("it was in\n\nthe end", []),
        # Whole words only.
        ("within these walls", []),
        ("IN THE MEANTIME", [("IN THE MEANTIME", ("Meanwhile", "Rephrase"))]),
    ],
)
def test_substitution(tmp_path: Path, text: str, expected: list) -> None:
    checker = one_rule(tmp_path, SUBSTITUTION, SUBSTITUTION_EXAMPLES)
    assert flagged(checker, text) == expected


def test_substitution_keeps_case_as_written_without_ignore_case(tmp_path: Path) -> None:
    checker = one_rule(
        tmp_path,
        "kind: substitution\nswap: {'the Bundestag': the German parliament}\n",
        "bad: ['<m>the Bundestag</m> voted']\nok: ['The Bundestag voted']\n",
    )
    assert flagged(checker, "The Bundestag and the Bundestag") == [("the Bundestag", ("the German parliament",))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Talks resumed. Read more", [("Read more", ("",))]),
        ("Photo: dpa. Photos: none", [("Photo:", ("",))]),
        ("Read more\nabout it. Already read more?", [("Read more", ("",)), ("read more", ("",))]),
        ("Reread more", []),
    ],
)
def test_existence(tmp_path: Path, text: str, expected: list) -> None:
    checker = one_rule(
        tmp_path,
        "kind: existence\nignore_case: true\ntokens: ['Read more', 'Photo:']\nsuggestions: ['']\n",
        "bad: ['Talks resumed. <m>Read more</m>']\nok: ['Read the report.']\n",
    )
    assert flagged(checker, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He was „rash“ and „bold”.", [("„rash“", ("“rash”", "'rash'")), ("„bold”", ("“bold”", "'bold'"))]),
        ("„a\nb“", []),  # the pattern excludes a line break
        ("„“", []),
    ],
)
def test_pattern_with_replacement_templates(tmp_path: Path, text: str, expected: list) -> None:
    checker = one_rule(
        tmp_path,
        "kind: pattern\npattern: '„(?P<q>[^“”„\\n]+)[“”]'\nreplacement: ['“\\1”', \"'\\\\g<q>'\"]\n",
        "bad: ['He was <m>„rash“</m>.']\nok: ['He was “rash”.']\n",
    )
    assert flagged(checker, text) == expected


def test_pattern_is_multiline_and_offsets_are_code_points(tmp_path: Path) -> None:
    checker = one_rule(
        tmp_path,
        "kind: pattern\npattern: '^Foto: .*$'\nsuggestions: ['']\n",
        "bad: ['<m>Foto: dpa</m>']\nok: ['The Foto: dpa']\n",
    )
    text = "Überschrift 😀\nFoto: dpa/Jörg Carstensen\nText."
    (finding,) = checker.check(article(text)).findings
    assert text[finding.start : finding.end] == "Foto: dpa/Jörg Carstensen"
    assert (finding.start, finding.end) == (14, 39)


@pytest.mark.parametrize(
    "text, message",
    [
        ("a {b} c", "Flagged {b}; try X"),
        ("a {suggestion} c", "Flagged {suggestion}; try X"),
        ("a {0} c", "Flagged {0}; try X"),
        ("a {match\n} c", "Flagged {match }; try X"),
    ],
)
def test_message_shows_braces_in_the_match_literally(tmp_path: Path, text: str, message: str) -> None:
    checker = one_rule(
        tmp_path,
        "kind: pattern\npattern: '\\{[^}]*\\}'\nsuggestions: [X]\n",
        "bad: ['a <m>{b}</m> c']\nok: ['a b c']\n",
    )
    assert [f.message for f in checker.check(article(text)).findings] == [message]


def test_message_quotes_a_long_match_on_one_shortened_line(tmp_path: Path) -> None:
    checker = one_rule(
        tmp_path,
        "kind: pattern\npattern: '„[^“]+“'\nsuggestions: [X]\n",
        "bad: ['<m>„a“</m>']\nok: ['a']\n",
    )
    (finding,) = checker.check(article("„" + "word " * 40 + "\nend“")).findings
    assert "\n" not in finding.message
    assert finding.message.startswith("Flagged „word word") and "…; try X" in finding.message


@pytest.mark.parametrize(
    "languages, source_languages, lang, source_lang, applies",
    [
        ("[en]", None, "en-US", "de", True),
        ("[en]", None, "EN-gb", None, True),
        ("[en]", None, "en_US", None, True),
        ("[en]", None, "de-DE", None, False),
        ("[en]", None, "eng", None, False),
        ("[en-GB]", None, "en-US", None, False),
        ("[en_GB]", None, "en-GB", None, True),
        ("[en, fr]", None, "fr", None, True),
        ("[en]", "[de]", "en-US", "de-AT", True),
        ("[en]", "[de]", "en-US", None, True),
        ("[en]", "[de]", "en-US", "fr", False),
    ],
)
def test_language_scope(tmp_path: Path, languages, source_languages, lang, source_lang, applies) -> None:
    header = f"pack: scoped\nlanguages: {languages}\n"
    header += f"source_languages: {source_languages}\n" if source_languages else ""
    rule = "- id: T\n  kind: existence\n  message: m\n  category: Other\n  severity: minor\n  tokens: [word]\n"
    rule += "  examples: {bad: ['<m>word</m>'], ok: ['other']}\n"
    loaded = load_packs([write_pack(tmp_path, rule, header=header + "rules:\n")])
    assert loaded.errors == []
    checker = RulesChecker(loaded.packs)
    found = checker.check(article("a word", lang=lang, source_lang=source_lang)).findings
    assert bool(found) is applies


def test_tiny_fixture_pack_loads_each_kind() -> None:
    load = load_packs([FIXTURES / "tiny"])
    assert load.errors == []
    assert [(r.id, r.kind) for r in load.rules] == [
        ("TINY.QUOTES", "pattern"),
        ("TINY.MEANTIME", "substitution"),
        ("TINY.FURNITURE", "existence"),
    ]


# --- broken packs -----------------------------------------------------------------------


def expected_errors() -> list[tuple[str, int, str | None, str]]:
    """(file, line, rule id, text) for every `# expect:` comment in the broken fixtures."""
    expected = []
    for path in sorted((FIXTURES / "broken").glob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if m := EXPECT.search(line):
                rule_id = None if m[1] == "-" else m[1]
                expected.append((str(path), number, rule_id, m[2]))
    return expected


BROKEN = load_packs([FIXTURES / "broken"])
EXPECTED = expected_errors()


@pytest.mark.parametrize("path, line, rule_id, text", EXPECTED, ids=[f"{Path(e[0]).name}:{e[1]}" for e in EXPECTED])
def test_broken_pack_error_names_file_line_and_rule(path: str, line: int, rule_id: str | None, text: str) -> None:
    matches = [e for e in BROKEN.errors if (e.path, e.line, e.rule_id) == (path, line, rule_id)]
    assert any(text in e.problem for e in matches), f"no error {path}:{line}: [{rule_id}] {text}; got:\n" + "\n".join(
        map(str, BROKEN.errors)
    )
    prefix = f"{path}:{line}:" + (f" [{rule_id}]" if rule_id else "")
    assert any(str(e).startswith(prefix) for e in matches)


def test_broken_packs_report_nothing_unexpected() -> None:
    reported = sorted((e.path, e.line or 0, e.rule_id) for e in BROKEN.errors)
    assert reported == sorted((p, line, r) for p, line, r, _ in EXPECTED)


def test_sound_rules_beside_broken_ones_still_load_and_run() -> None:
    assert [p.name for p in BROKEN.packs] == ["broken-rules", "broken-duplicate"]
    assert [r.id for r in BROKEN.rules] == ["GOOD.ONE", "B.GOOD"]
    checker = RulesChecker(BROKEN.packs)
    found = checker.check(article("It was basically, literally over.")).findings
    assert [f.rule_id for f in found] == ["GOOD.ONE", "B.GOOD"]


def test_duplicate_id_names_the_first_definition() -> None:
    (error,) = [e for e in BROKEN.errors if "duplicate id" in e.problem]
    assert error.path.endswith("b-duplicate.yaml")
    assert error.problem.endswith(f"{FIXTURES / 'broken' / 'a-rules.yaml'}:6")


@pytest.mark.parametrize(
    "content, line, problem, pack_loads",
    [
        ("- just\n- a list\n", 1, "a rule pack must be a mapping with pack, languages, rules", False),
        ("pack: p\nlanguages: [en]\n", 1, "missing field 'rules'", False),
        ("pack: p\nlanguages: [en]\nrules: {}\n", 3, "rules must be a list of rules", False),
        ("pack: p\nlanguage: [en]\nrules: []\n", 2, "unknown field 'language' (did you mean 'languages'?)", False),
        ("pack: p\nlanguages: [no]\nrules: []\n", 2, "languages: false is not a language code", False),
        ("pack: p\nlanguages: en\nrules: []\n", 2, "languages must be a non-empty list", False),
        # a language nobody checks would switch the pack off in silence
        ("pack: p\nlanguages: [eng]\nrules: []\n", 2, "languages: unknown language 'eng'", False),
        ("pack: p\nlanguages: [en]\nsource_languages: [de, 'x y']\nrules: []\n", 3, "not a language tag: 'x y'", False),
        ("pack: p\nlanguages: [en]\nrules: [\n", 4, "invalid YAML", False),
        ("", 1, "a rule pack must be a mapping", False),
        ("pack: p\nlanguages: [en]\nrules:\n  - just text\n", 4, "a rule must be a mapping of fields", True),
    ],
)
def test_pack_errors(tmp_path: Path, content: str, line: int, problem: str, pack_loads: bool) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(content, encoding="utf-8")
    load = load_packs([path])
    assert any((e.path, e.line) == (str(path), line) and problem in e.problem for e in load.errors), load.errors
    assert len(load.packs) == pack_loads


def test_bad_file_does_not_stop_the_other_packs(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"pack: \xff\n")
    write_pack(
        tmp_path,
        "- id: T\n  kind: existence\n  message: m\n  category: Other\n  severity: minor\n"
        "  tokens: [word]\n  examples: {bad: ['<m>word</m>'], ok: ['other']}\n",
        name="b.yaml",
    )
    load = load_packs([tmp_path])
    assert [str(e) for e in load.errors] == [f"{tmp_path / 'a.yaml'}: not UTF-8 text (bad byte at offset 6)"]
    assert [r.id for r in load.rules] == ["T"]


def test_missing_path_and_empty_directory_are_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    errors = load_packs([tmp_path / "empty", tmp_path / "nowhere"]).errors
    assert [e.problem for e in errors] == [
        "no rule packs (*.yaml, *.yml) in this directory",
        "no such rule pack file or directory",
    ]


def test_a_rules_directory_that_cannot_be_listed_is_an_error_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    write_pack(locked, "")
    real_iterdir = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self == locked:  # root lists any directory: the refusal is simulated
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    (error,) = load_packs([locked]).errors
    assert str(error) == f"{locked}: cannot list this directory: Permission denied"


def test_a_pack_with_a_huge_number_is_its_own_error_and_the_others_load(tmp_path: Path) -> None:
    write_pack(tmp_path, "", name="huge.yaml", header="pack: huge\ndescription: d\nlanguages: [en]\nn: " + "9" * 5000)
    (tmp_path / "good.yaml").write_text((FIXTURES / "tiny" / "tiny.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    load = load_packs([tmp_path])
    (error,) = load.errors
    assert str(error) == f"{tmp_path / 'huge.yaml'}:4: invalid YAML: a number of more than 4300 digits"
    assert [pack.path for pack in load.packs] == [str(tmp_path / "good.yaml")]


def test_a_replacement_naming_a_huge_group_number_says_which_group(tmp_path: Path) -> None:
    group = "9" * 5000
    rule = "- id: T\n  kind: pattern\n  message: m\n  category: Other\n  severity: minor\n  pattern: 'a(b)'\n"
    rule += f"  replacement: '\\{group}'\n  examples: {{bad: ['<m>ab</m>'], ok: ['x']}}\n"
    (error,) = load_packs([write_pack(tmp_path, rule)]).errors
    assert f"refers to group {group}, which the pattern does not have" in error.problem


def test_rules_list_names_a_pack_with_a_huge_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_pack(tmp_path, "", name="huge.yaml", header="pack: huge\nn: " + "9" * 5000)
    assert main(["rules", "list", "--rules", str(tmp_path)]) == 2
    assert "huge.yaml:2: invalid YAML: a number of more than 4300 digits" in capsys.readouterr().err


def test_rules_test_shows_pack_file_names_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_pack(tmp_path, "", name="bad\nname\x1b.yaml", header="pack: [\n")
    assert main(["rules", "test", "--rules", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert all(not line.startswith("name") for line in out.splitlines()), "a name cannot start a line of its own"
    assert "bad\\nname\\x1b.yaml" in out


def test_suggestion_placeholder_needs_a_suggestion(tmp_path: Path) -> None:
    rule = "- id: T\n  kind: existence\n  message: 'use {suggestion}'\n  category: Other\n  severity: minor\n"
    rule += "  tokens: [word]\n  examples: {bad: ['<m>word</m>'], ok: ['other']}\n"
    (error,) = load_packs([write_pack(tmp_path, rule)]).errors
    assert (error.line, error.rule_id) == (6, "T")
    assert "message uses {suggestion} but the rule makes no suggestions" in error.problem


# --- runaway patterns -------------------------------------------------------------------


def test_catastrophic_pattern_times_out_leaves_a_gap_and_is_disabled(tmp_path: Path) -> None:
    # `(a|aa)+$` backtracks exponentially on a run of a's that does not end the line (the
    # regex module defuses the textbook `(a+)+$`, so this is the shape that still bites).
    rule = "- id: RUNAWAY\n  kind: pattern\n  message: m\n  category: Other\n  severity: minor\n"
    rule += "  pattern: '(a|aa)+$'\n  examples: {bad: ['<m>aaa</m>'], ok: ['aab']}\n"
    rule += "- id: FINE\n  kind: existence\n  message: m\n  category: Other\n  severity: minor\n"
    rule += "  tokens: [word]\n  examples: {bad: ['<m>word</m>'], ok: ['other']}\n"
    loaded = load_packs([write_pack(tmp_path, rule)])
    assert loaded.errors == []
    checker = RulesChecker(loaded.packs, timeout=0.05, max_timeouts=2)
    runaway = "word " + "a" * 60 + "b"
    outcomes = [checker.check(article(runaway, path=f"{n}.txt")) for n in range(3)]
    assert [o.gaps for o in outcomes] == [
        [Gap("rules", "RUNAWAY timed out after 0.05 s")],
        [Gap("rules", "RUNAWAY timed out after 0.05 s")],
        [Gap("rules", "RUNAWAY disabled for the rest of this run after 2 time-outs")],
    ], "every article the rule skipped is incomplete, with a reason that does not name the article"
    assert [o.warnings for o in outcomes] == [[], [], []]
    # The other rule goes on flagging.
    assert all([f.rule_id for f in o.findings] == ["FINE"] for o in outcomes)


def test_signature_names_the_files_and_counts_the_rules() -> None:
    checker = RulesChecker(load_packs([FIXTURES / "tiny"]).packs)
    described = checker.signature().report()
    assert described["enabled"] is True
    assert described["files"] == [str(FIXTURES / "tiny" / "tiny.yaml")]
    assert described["count"] == 3
    assert len(described["sha256"]) == 64


# --- the `reviewer rules` command -------------------------------------------------------


@pytest.fixture
def rules_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """`reviewer` with only the `rules` subcommand, so these tests do not depend on the others."""
    monkeypatch.setattr("reviewer.cli.SUBCOMMANDS", ("rules",))


@pytest.mark.usefixtures("rules_command")
def test_rules_test_passes_a_sound_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test", "--rules", str(FIXTURES / "tiny")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "3 rules in 1 pack, 6 examples: 6 passed, 0 failed"


@pytest.mark.usefixtures("rules_command")
def test_rules_test_reports_each_failure_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test", "--rules", str(FIXTURES / "broken")]) == 2
    lines = capsys.readouterr().out.splitlines()
    for path, line, rule_id, _ in EXPECTED:
        prefix = f"{path}:{line}:" + (f" [{rule_id}]" if rule_id else "")
        assert any(out.startswith(prefix) for out in lines), prefix
    assert lines[-1].startswith("2 rules in 2 packs (17 rules left out; 1 file not loaded), ")


@pytest.mark.usefixtures("rules_command")
def test_rules_list_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--rules", str(FIXTURES / "tiny")]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == ["ID", "KIND", "SEVERITY", "CATEGORY", "MESSAGE"]
    assert rows[2].split()[:4] == ["TINY.FURNITURE", "existence", "major", "Accuracy/Addition"]
    assert rows[2].endswith("Page furniture scraped with the article: {match}")


@pytest.mark.usefixtures("rules_command")
@pytest.mark.parametrize("action", ["test", "list"])
def test_rules_help_shows_an_example(action: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["rules", action, "--help"])
    assert f"reviewer rules {action} --rules" in capsys.readouterr().out
