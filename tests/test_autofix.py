"""Safe autofix: `fix: safe` rules prove their fix, and `reviewer fix` applies exactly them."""

from __future__ import annotations

import shutil
import stat
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from reviewer.checkers.rules import RulesChecker
from reviewer.cli import main
from reviewer.loaders import LoadOptions, load_file
from reviewer.rules import load_packs
from reviewer.rules.fixing import apply_safe_fixes, tidy_edit
from reviewer.store import ReviewStore

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
ARTICLES = ("harbour-strike.txt", "museum-reopening.txt", "storm-ferries.txt")


def rule_flags(path: Path) -> Counter[tuple[str, str]]:
    """(rule id, flagged text) of every rule-pack finding in the article at `path`."""
    article = load_file(str(path), LoadOptions()).articles[0]
    checker = RulesChecker(load_packs([RULES]).packs)
    return Counter((f.rule_id, article.text[f.start : f.end]) for f in checker.check(article).findings)


def safe_ids() -> set[str]:
    return {rule.id for rule in load_packs([RULES]).rules if rule.fix == "safe"}


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    """Copies of our corpora articles (with their sidecars, which must stay untouched)."""
    for name in ARTICLES:
        for sidecar in (ROOT / "corpora").glob(name.replace(".txt", ".*")):
            shutil.copy(sidecar, tmp_path / sidecar.name)
    return [tmp_path / name for name in ARTICLES]


def test_fix_removes_every_safe_flag_and_nothing_else(articles, capsys):
    before = {path: rule_flags(path) for path in articles}
    sidecars = {p: p.read_bytes() for p in articles[0].parent.glob("*.*.txt")}
    assert sum(n for flags in before.values() for (rule, _), n in flags.items() if rule in safe_ids()) >= 10

    assert main(["fix", *map(str, articles)]) == 0

    diff = capsys.readouterr().out
    assert "-The port worker Deniz Okyar, who has been employed at the terminal for 19 years, said: „We" in diff
    assert "+The port worker Deniz Okyar, who has been employed at the terminal for 19 years, said: “We" in diff
    # the one paragraph deletion in an article with aligned sidecars is left for a person
    left = {"harbour-strike.txt": Counter({("IMAGE_CREDIT_AGENCY_LINE", "Jonas Brehmer / Nordbild"): 1})}
    for path in articles:
        after = rule_flags(path)
        assert Counter({flag: n for flag, n in after.items() if flag[0] in safe_ids()}) == left.get(
            path.name, Counter()
        )
        kept = Counter({flag: n for flag, n in before[path].items() if flag[0] not in safe_ids()})
        assert after - left.get(path.name, Counter()) == kept, path.name
        assert "„" not in path.read_text(encoding="utf-8")
    assert {p: p.read_bytes() for p in sidecars} == sidecars


def test_a_second_fix_changes_nothing(articles, capsys):
    assert main(["fix", *map(str, articles)]) == 0
    fixed = {path: path.read_bytes() for path in articles}
    capsys.readouterr()
    assert main(["fix", *map(str, articles)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "fixed 0 span(s) in 0 of 3 article(s)" in err
    assert {path: path.read_bytes() for path in articles} == fixed


def test_dry_run_shows_the_diff_and_writes_nothing(articles, capsys):
    original = articles[0].read_bytes()
    assert main(["fix", "--dry-run", str(articles[0])]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"--- a/{str(articles[0]).lstrip('/')}\n+++ b/")
    assert "+The next round of negotiations is scheduled for 23.04.2024 at 10:30." in out
    assert articles[0].read_bytes() == original


def test_output_and_only(articles, tmp_path):
    target = tmp_path / "fixed.txt"
    original = articles[0].read_text(encoding="utf-8")
    assert main(["fix", str(articles[0]), "--only", "DECIMAL_COMMA", "--output", str(target)]) == 0
    fixed = target.read_text(encoding="utf-8")
    assert articles[0].read_text(encoding="utf-8") == original
    assert "5.5 percent" in fixed and "5,5 percent" in original
    assert "„" in fixed  # quotes were not asked for


def test_non_text_articles_and_unknown_rules_are_errors(articles, capsys):
    assert main(["fix", str(ROOT / "corpora" / "news-bundle.jsonl"), "--dry-run"]) == 2
    assert "only plain-text articles" in capsys.readouterr().err
    assert main(["fix", str(articles[0]), "--only", "NO_SUCH_RULE"]) == 2
    assert "--only NO_SUCH_RULE: no such rule" in capsys.readouterr().err


def test_db_records_each_fixed_segment_as_an_autofix_edit(articles, tmp_path):
    db = tmp_path / "reviews.db"
    article = load_file(str(articles[1]), LoadOptions()).articles[0]
    assert main(["fix", str(articles[1]), "--db", str(db)]) == 0
    with ReviewStore.open(db, readonly=True) as store:
        reviewed = store.reviewed_segments()
    assert {r.reviewer for r in reviewed} == {"autofix"}
    changed = {r.segment: r for r in reviewed}
    assert set(changed) == {0, 6}  # the breadcrumb in the title, the German quotes
    assert changed[0].mt == article.segments[0].text
    assert changed[0].text == "Harbour museum reopens after two years of renovation"
    assert changed[6].text.startswith("“We wanted a museum")
    assert changed[0].latest is not None and changed[0].latest.scores["hter"].score > 0


@pytest.mark.parametrize(
    ("text", "span", "replacement", "expected"),
    [
        ("Talks stall\n\nPhoto: dpa\n\nThe envoys left.", "Photo: dpa", "", "Talks stall\n\nThe envoys left."),
        ("A\nX\n\nB", "X", "", "A\n\nB"),
        ("A\n\nX", "X", "", "A"),
        ("A\n\nX\n", "X", "", "A\n"),
        ("Kim in Kyiv (Photo: AP) on Monday.", "(Photo: AP)", "", "Kim in Kyiv on Monday."),
        ("Kim at a parade. © KCNA", "© KCNA", "", "Kim at a parade."),
        ("Start News Talks stall", "Start News ", "", "Talks stall"),
        ("He said „no“.", "„no“", "“no”", "He said “no”."),
    ],
)
def test_a_deletion_takes_the_space_or_line_it_leaves_behind(text, span, replacement, expected):
    start = text.index(span)
    assert tidy_edit(text, start, start + len(span), replacement).apply(text) == expected


SAFE_RULE = """\
pack: test
languages: [en]
rules:
  - id: T
    kind: pattern
    message: m
    category: Other
    severity: minor
    pattern: '{pattern}'
    replacement: '{replacement}'
    fix: {fix}
    examples:
      bad:
{bad}
      ok: ['fine']
"""


def pack_errors(tmp_path: Path, pattern: str, replacement: str, bad: str, fix: str = "safe") -> list[str]:
    path = tmp_path / "pack.yaml"
    path.write_text(
        SAFE_RULE.format(pattern=pattern, replacement=replacement, fix=fix, bad=textwrap.indent(bad, " " * 8)),
        encoding="utf-8",
    )
    return [str(error) for error in load_packs([path]).errors]


def test_a_safe_rule_with_an_exact_settling_fix_loads(tmp_path):
    assert pack_errors(tmp_path, "a{2,}", "a", "- {text: 'x <m>aa</m> y', correction: 'x a y'}") == []


@pytest.mark.parametrize(
    ("pattern", "replacement", "bad", "fix", "problem"),
    [
        ("a{2,}", "a", "- 'x <m>aa</m> y'", "safe", "bad example 1 needs a correction"),
        ("b", "bb", "- {text: 'x <m>b</m> y', correction: 'x bb y'}", "safe", "fixing the correction again changes"),
        ("a{2,}", "a", "- {text: 'x <m>aa</m> y', correction: 'x a y'}", "maybe", "fix must be one of: safe"),
    ],
)
def test_a_safe_rule_must_prove_its_fix(tmp_path, pattern, replacement, bad, fix, problem):
    errors = pack_errors(tmp_path, pattern, replacement, bad, fix)
    assert any(problem in error and "[T]" in error for error in errors), errors


def test_every_shipped_safe_rule_settles_on_its_own_corrections():
    rules = [rule for rule in load_packs([RULES]).rules if rule.fix == "safe"]
    assert len(rules) >= 20
    for rule in rules:
        for example in rule.examples:
            if example.correction is not None:
                assert apply_safe_fixes(example.correction, rules).text == example.correction, rule.id


# --- reviewer fix: configuration, permissions, the store, directories ----------------------

QUOTED = "Talks stall\n\nThe minister was „furious“ on Monday.\n"


@pytest.fixture
def quoted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One plain-text article with a safe fix in it, in a working directory of its own."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "c.txt"
    path.write_text(QUOTED, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lang", "project", "fixed"),
    [("en-GB", None, True), ("de", None, False), (None, "lang: de\n", False), ("en-GB", "lang: de\n", True)],
)
def test_the_language_comes_from_lang_else_the_project(quoted, capsys, lang, project, fixed):
    if project:
        (quoted.parent / "reviewer.yaml").write_text(project, encoding="utf-8")
    assert main(["fix", str(quoted), *(["--lang", lang] if lang else [])]) == 0
    assert ("„" not in quoted.read_text(encoding="utf-8")) == fixed  # the packs are for English
    assert f"fixed {int(fixed)} span(s)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "project", "problem"),
    [(["--lang", "eng"], None, "--lang: unknown language 'eng'"), ([], "lang: eng\n", "reviewer.yaml:1: ")],
)
def test_an_unknown_language_is_a_usage_error_naming_it(quoted, capsys, args, project, problem):
    if project:
        (quoted.parent / "reviewer.yaml").write_text(project, encoding="utf-8")
    assert main(["fix", str(quoted), *args]) == 2
    err = capsys.readouterr().err
    assert problem in err and "'eng'" in err and "internal error" not in err
    assert quoted.read_text(encoding="utf-8") == QUOTED


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_fix_keeps_the_files_mode(quoted, mode):
    quoted.chmod(mode)
    assert main(["fix", str(quoted)]) == 0
    assert "„" not in quoted.read_text(encoding="utf-8")
    assert stat.S_IMODE(quoted.stat().st_mode) == mode


def test_a_read_only_file_is_refused_and_nothing_is_written(quoted, tmp_path, capsys):
    other = tmp_path / "b.txt"
    other.write_text(QUOTED, encoding="utf-8")
    quoted.chmod(0o444)  # refused even by root, who could write it anyway
    assert main(["fix", str(other), str(quoted)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"reviewer: error: {quoted}: is read-only; not changing it\n")
    assert quoted.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == QUOTED
    assert stat.S_IMODE(quoted.stat().st_mode) == 0o444


@pytest.mark.parametrize("db", ["junk.db", "postgresql://nobody@127.0.0.1:1/x"])
def test_a_store_that_cannot_be_opened_stops_fix_before_any_file_is_written(quoted, capsys, db):
    (quoted.parent / "junk.db").write_bytes(bytes(range(256)) * 4)
    assert main(["fix", str(quoted), "--db", db]) == 2
    assert quoted.read_text(encoding="utf-8") == QUOTED
    out, err = capsys.readouterr()
    assert out == "" and "fixed" not in err and len(err.splitlines()) == 1
    assert main(["fix", str(quoted), "--db", "good.db"]) == 0  # the fix is still there to make and record
    with ReviewStore.open(quoted.parent / "good.db", readonly=True) as store:
        assert {r.reviewer for r in store.reviewed_segments()} == {"autofix"}


def test_a_directory_walk_skips_articles_that_are_not_plain_text(tmp_path, capsys):
    for name in ("harbour-strike.txt", "news-bundle.jsonl", "wmt-sample.xml", "handover.xlf"):
        shutil.copy(ROOT / "corpora" / name, tmp_path / name)
    assert main(["fix", str(tmp_path), "-n"]) == 0
    err = capsys.readouterr().err
    assert "error" not in err
    assert err.splitlines()[-1].startswith("reviewer: fix: would fix ")
    assert err.splitlines()[-1].endswith(" in 1 of 1 article(s); skipped 3 file(s) that are not plain text")
    assert main(["fix", str(tmp_path / "news-bundle.jsonl"), str(tmp_path), "-n"]) == 2
    err = capsys.readouterr().err
    assert "news-bundle.jsonl[rail-closure]: only plain-text articles" in err
    assert "skipped 2 file(s)" in err.splitlines()[-1]


def test_the_corpora_example_from_the_help_runs(capsys):
    assert main(["fix", str(ROOT / "corpora"), "-n"]) == 0
    assert "skipped" in capsys.readouterr().err.splitlines()[-1]


@pytest.mark.parametrize(("command", "purpose"), [(["fix"], "only when given"), (["rules", "mine"], "only when given")])
def test_db_help_says_it_is_used_only_when_given(capsys, command, purpose):
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert purpose in help_text and "$REVIEWER_DB" not in help_text
