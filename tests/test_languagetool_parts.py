"""The parts of the LanguageTool integration that need no server: install, settings, the MQM
table, offsets, records of running servers."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.config import languagetool_home
from reviewer.errors import ConfigError
from reviewer.languagetool import process as process_module
from reviewer.languagetool import state
from reviewer.languagetool.errors import LanguageToolError
from reviewer.languagetool.home import Home
from reviewer.languagetool.install import find_installation, install
from reviewer.languagetool.mapping import BY_CATEGORY, BY_ISSUE_TYPE, BY_RULE, classify
from reviewer.languagetool.process import SERVER_CLASS, is_our_server, owner_option
from reviewer.languagetool.session import languagetool_session
from reviewer.languagetool.settings import NEWS_NAMES, load_settings, read_word_list
from reviewer.languagetool.text import Joined, Piece, Utf16Offsets, batches, pieces
from reviewer.model import Severity
from reviewer.mqm import CATEGORIES

# --- MQM mapping ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "category", "issue_type", "expected"),
    [
        ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ("Fluency/Spelling", Severity.MINOR)),
        ("HE_VERB_AGR", "GRAMMAR", "grammar", ("Fluency/Grammar", Severity.MINOR)),
        ("GERMAN_QUOTES", "TYPOGRAPHY", "typographical", ("Fluency/Punctuation", Severity.MINOR)),
        ("COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY", "whitespace", ("Fluency/Punctuation", Severity.MINOR)),
        ("ENGLISH_WRONG_WORD_IN_CONTEXT", "CONFUSED_WORDS", "misspelling", ("Fluency/Grammar", Severity.MINOR)),
        ("EN_DATE_WEEKDAY", "SEMANTICS", "inconsistency", ("Fluency/Inconsistency", Severity.MAJOR)),
        ("BECOME", "FALSE_FRIENDS", "uncategorized", ("Accuracy/Mistranslation", Severity.MAJOR)),
        ("ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication", ("Fluency/Grammar", Severity.MINOR)),
        ("EN_A_VS_AN", "MISC", "misspelling", ("Fluency/Grammar", Severity.MINOR)),
        ("TOO_LONG_SENTENCE", "STYLE", "style", ("Style/Awkward", Severity.MINOR)),
        ("SOME_NEW_RULE", "SOME_NEW_CATEGORY", "register", ("Fluency/Register", Severity.MINOR)),
        ("SOME_NEW_RULE", "SOME_NEW_CATEGORY", "uncategorized", ("Other", Severity.MINOR)),
    ],
)
def test_languagetool_matches_get_mqm_categories(
    rule: str, category: str, issue_type: str, expected: tuple[str, Severity]
) -> None:
    assert classify(rule, category, issue_type) == expected


def test_every_mapped_category_is_an_mqm_category() -> None:
    used = {category for table in (BY_RULE, BY_CATEGORY, BY_ISSUE_TYPE) for category, _ in table.values()}
    assert used <= CATEGORIES, used - CATEGORIES


# --- offsets and pieces -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "code_point"),
    [
        ("plain text", 6, 6),
        ("😀 teh", 3, 2),  # one emoji: two UTF-16 units, one code point
        ("🇩🇪 teh", 5, 3),  # a flag is two astral characters
        ("é😀x😀y", 4, 3),  # é is in the BMP: one unit
        ("é😀x😀y", 6, 4),
        ("😀", 2, 1),  # the end of the text
    ],
)
def test_utf16_offsets_become_code_points(text: str, unit: int, code_point: int) -> None:
    assert Utf16Offsets(text).code_point(unit) == code_point
    assert len(text[:code_point].encode("utf-16-le")) // 2 == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.", [(0, "One."), (6, "Two.")]),
        ("One.\r\n\r\nTwo.\r\n", [(0, "One."), (8, "Two.\r\n")]),
        ("Title\n\n\n\nBody\nstill body", [(0, "Title"), (9, "Body\nstill body")]),
        ("\n\nOnly.", [(2, "Only.")]),
    ],
)
def test_pieces_are_paragraphs_when_no_segments_are_given(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(p.start, p.text) for p in pieces(text)] == expected


def test_pieces_follow_segments_and_skip_blank_ones() -> None:
    text = "Title\n\n   \n\nBody."
    assert pieces(text, [(0, 5), (7, 10), (12, 17)]) == [Piece(0, "Title"), Piece(12, "Body.")]


def test_batches_stay_under_the_limit_but_never_drop_a_piece() -> None:
    found = [Piece(i * 10, "x" * n) for i, n in enumerate([4, 4, 4, 30, 1])]
    assert [[len(p.text) for p in b] for b in batches(found, limit=10)] == [[4, 4], [4], [30], [1]]


@pytest.mark.parametrize(
    ("span", "expected"),
    [((0, 3), (0, 0, 3)), ((5, 8), (1, 0, 3)), ((3, 5), None), ((2, 7), (0, 2, 3))],
    ids=["first piece", "second piece", "in the separator", "clipped to its piece"],
)
def test_joined_spans_map_back_to_their_piece(span: tuple[int, int], expected: tuple[int, int, int] | None) -> None:
    joined = Joined.of([Piece(100, "abc"), Piece(200, "def")])
    assert joined.text == "abc\n\ndef"
    assert joined.locate(*span) == expected


# --- project settings --------------------------------------------------------------------------


def test_project_settings_come_from_reviewer_yaml(tmp_path: Path) -> None:
    (tmp_path / "names.txt").write_text("# people\nZhuravlyov\n\nPjotr  # a first name\n", encoding="utf-8")
    (tmp_path / "reviewer.yaml").write_text(
        "rules: [rules/]\n"
        "languagetool:\n"
        "  disabled_rules: [JONG_UN]\n"
        "  disabled_categories: [STYLE]\n"
        "  accepted_words: [Morgulov, 'true']\n"
        "  accepted_words_file: names.txt\n",
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert settings.disabled_rules[-1] == "JONG_UN"  # after the default profile's
    assert settings.disabled_categories == ("STYLE",)
    assert {"Morgulov", "true", "Zhuravlyov", "Pjotr", "Biegun"} <= settings.accepted_words
    assert settings.source == str(tmp_path / "reviewer.yaml")


def test_without_a_config_the_news_names_are_accepted(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.profile == "mt-review" and settings.source is None
    assert {"Pompeo", "Biegun", "Morgulov", "KCNA"} <= settings.accepted_words


def test_dot_reviewer_yaml_is_found_too(tmp_path: Path) -> None:
    (tmp_path / ".reviewer.yaml").write_text("languagetool:\n  disabled_rules: [X]\n", encoding="utf-8")
    assert load_settings(tmp_path).disabled_rules[-1] == "X"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("languagetool:\n  disabled_rule: [X]\n", "reviewer.yaml:2: unknown languagetool setting 'disabled_rule'"),
        ("languagetool:\n  disabled_rules: JONG_UN\n", "reviewer.yaml:2: disabled_rules must be a list of strings"),
        ("languagetool:\n  accepted_words: [[a]]\n", "reviewer.yaml:2: accepted_words must be a list of strings"),
        (
            "languagetool:\n\n  accepted_words_file: missing.txt\n",
            "reviewer.yaml:3: accepted_words_file 'missing.txt' not found",
        ),
        ("languagetool: [a, b]\n", "reviewer.yaml:1: `languagetool` must be a mapping"),
        ("languagetool:\n  disabled_rules: [X\n", "reviewer.yaml:3: not valid YAML"),
        pytest.param(
            "languagetool: " + "[" * 100_000 + "]" * 100_000 + "\n",
            "reviewer.yaml: not valid YAML (nested too deeply)",
            id="deep-nesting",
        ),
    ],
)
def test_a_broken_config_names_file_and_line(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "reviewer.yaml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(tmp_path)
    assert str(raised.value).startswith(str(tmp_path / message.split(":", 1)[0]) + ":" + message.split(":", 1)[1])


def test_a_config_or_word_list_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "reviewer.yaml").write_bytes(b"languagetool:\n  disabled_rules: [caf\xe9]\n")
    with pytest.raises(ConfigError, match=r"reviewer\.yaml: cannot read \(not UTF-8"):
        load_settings(tmp_path)
    (tmp_path / "reviewer.yaml").write_text("languagetool:\n  accepted_words_file: names.txt\n", encoding="utf-8")
    (tmp_path / "names.txt").write_bytes(b"Caf\xe9\n")
    with pytest.raises(ConfigError, match=r"names\.txt: cannot read the accepted words \(not UTF-8"):
        load_settings(tmp_path)


def test_the_shipped_names_list_is_readable_and_free_of_comments() -> None:
    names = read_word_list(NEWS_NAMES)
    assert len(names) > 100 and all("#" not in n and n == n.strip() for n in names)


# --- install ---------------------------------------------------------------------------------

FAKE_MAVEN = """#!{python}
import pathlib, sys
log = pathlib.Path({calls!r})
log.write_text(log.read_text() + "called\\n" if log.exists() else "called\\n")
if {fail!r}:
    print("[INFO] working\\n[ERROR] Failed to resolve org.languagetool:languagetool-server:6.8")
    sys.exit(1)
jars = pathlib.Path(next(a.split("=", 1)[1] for a in sys.argv if a.startswith("-Dlt.jars=")))
jars.mkdir(parents=True)
for name in ("languagetool-server-6.8.jar", "language-en-6.8.jar"):
    (jars / name).write_bytes(b"jar")
"""


def tool_dir(tmp_path: Path, java: bool = True, maven: str | None = None) -> Path:
    """A PATH directory with a stand-in java (reporting Java 17) and, if given, mvn."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    if java:
        (bin_dir / "java").write_text("#!/bin/sh\necho 'openjdk version \"17.0.15\" 2025-04-15' >&2\n")
    if maven is not None:
        (bin_dir / "mvn").write_text(maven)
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return bin_dir


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    return monkeypatch


def test_install_fetches_once_and_then_is_a_no_op(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    calls = tmp_path / "calls"
    clean_env.setenv(
        "PATH", str(tool_dir(tmp_path, maven=FAKE_MAVEN.format(python=sys.executable, calls=str(calls), fail=False)))
    )
    home = Home.at(tmp_path / "lt")
    installation, fresh = install(home)
    assert fresh and installation.version == "6.8" and installation.source == "maven"
    assert installation.classpath == str(home.jars() / "*")
    assert (home.jars() / "languagetool-server-6.8.jar").is_file() and home.marker().is_file()
    assert install(home) == (installation, False)
    assert calls.read_text() == "called\n", "Maven ran once"
    assert find_installation(home) == installation


def test_a_failed_fetch_leaves_no_half_install(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    calls = tmp_path / "calls"
    clean_env.setenv(
        "PATH", str(tool_dir(tmp_path, maven=FAKE_MAVEN.format(python=sys.executable, calls=str(calls), fail=True)))
    )
    home = Home.at(tmp_path / "lt")
    with pytest.raises(LanguageToolError, match=r"Maven could not fetch LanguageTool 6.8: \[ERROR\] Failed to resolve"):
        install(home)
    assert find_installation(home) is None
    assert not list(home.version_dir().glob("jars*"))


@pytest.mark.parametrize(
    ("java", "maven", "message"),
    [
        (False, None, "needs Java 17\\+ and none was found: apt-get install openjdk-17-jre-headless maven"),
        (True, None, "needs Maven \\(mvn\\), which was not found: apt-get install openjdk-17-jre-headless maven"),
    ],
)
def test_missing_tools_say_how_to_get_them(
    tmp_path: Path, clean_env: pytest.MonkeyPatch, java: bool, maven: str | None, message: str
) -> None:
    clean_env.setenv("PATH", str(tool_dir(tmp_path, java=java, maven=maven)))
    with pytest.raises(LanguageToolError, match=message):
        install(Home.at(tmp_path / "lt"))


def test_an_old_java_is_named(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    bin_dir = tool_dir(tmp_path, java=False)
    (bin_dir / "java").write_text("#!/bin/sh\necho 'java version \"1.8.0_392\"' >&2\n")
    (bin_dir / "java").chmod(0o755)
    clean_env.setenv("PATH", str(bin_dir))
    with pytest.raises(LanguageToolError, match=r"needs Java 17\+, .*java is Java 8"):
        install(Home.at(tmp_path / "lt"))


def test_a_standalone_languagetool_directory_is_used_as_it_is(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> None:
    standalone = tmp_path / "LanguageTool-6.5"
    standalone.mkdir()
    with zipfile.ZipFile(standalone / "languagetool-server.jar", "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nComponentVersion: 6.5\n")
    clean_env.setenv("LTP_JAR_DIR_PATH", str(standalone))
    found = find_installation(Home.at(tmp_path / "lt"))
    assert found is not None
    assert (found.classpath, found.version, found.source) == (
        str(standalone / "languagetool-server.jar"),
        "6.5",
        "LTP_JAR_DIR_PATH",
    )


def test_a_standalone_directory_without_the_server_jar_is_an_error(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("LTP_JAR_DIR_PATH", str(tmp_path))
    with pytest.raises(LanguageToolError, match=r"no languagetool-server\.jar there"):
        find_installation(Home.at(tmp_path / "lt"))


def test_the_home_follows_reviewer_lt_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_LT_HOME", str(tmp_path / "elsewhere"))
    assert Home.at(languagetool_home(os.environ)).jars() == tmp_path / "elsewhere" / "6.8" / "jars"


# --- records of running servers ------------------------------------------------------------------


def test_a_record_whose_process_is_gone_is_dropped(tmp_path: Path) -> None:
    home = Home.at(tmp_path)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    state.write(home.state_file, state.Record(gone.pid, 8081, "6.8", 0.0))
    assert state.running_background(home) is None
    assert not home.state_file.exists()


def test_a_live_process_that_is_not_our_server_is_left_alone(tmp_path: Path) -> None:
    home = Home.at(tmp_path)
    state.write(home.state_file, state.Record(os.getpid(), 8081, "6.8", 0.0))  # a pid reused since
    assert not is_our_server(os.getpid(), 8081, home.run)
    assert state.running_background(home) is None
    assert state.servers(home) == [] and state.reap_orphans(home) == []


SLEEPER = "import time; time.sleep(120)"


def lookalike(run_dir: Path, port: int, *options: str) -> subprocess.Popen[bytes]:
    """A process with a LanguageTool server's command line (it only sleeps)."""
    args = [*options, SERVER_CLASS, "--config", str(run_dir / "server.properties"), "--port", str(port)]
    return subprocess.Popen([sys.executable, "-c", SLEEPER, *args])


@pytest.fixture
def lookalikes() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        process.kill()
        process.wait()


def test_servers_are_known_by_run_directory_owner_and_parent(
    tmp_path: Path, lookalikes: list[subprocess.Popen[bytes]]
) -> None:
    home = Home.at(tmp_path / "lt")
    other_home = Home.at(tmp_path / "other")
    lookalikes += [
        lookalike(home.run, 1001, owner_option(os.getpid())),  # ours, and this test runs: in use
        lookalike(home.run, 1002, owner_option(1)),  # its owner is not its parent: an orphan
        lookalike(home.run, 1003),  # an older reviewer's: owner unknown
        lookalike(other_home.run, 1004, owner_option(1)),  # another home's
    ]
    found = {f.process.port: f for f in state.servers(home)}
    assert sorted(found) == [1001, 1002, 1003]
    assert [(found[p].in_use, found[p].orphan) for p in (1001, 1002, 1003)] == [
        (True, False),
        (False, True),
        (False, False),
    ]
    assert found[1002].describe() == f"pid {lookalikes[1].pid}, port 1002, owner pid 1 (gone)"
    assert [f.process.port for f in state.reap_orphans(home)] == [1002]
    lookalikes[1].wait(timeout=30)
    assert sorted(f.process.port for f in state.servers(home)) == [1001, 1003]


def test_without_proc_the_servers_are_found_with_ps(tmp_path: Path, lookalikes: list[subprocess.Popen[bytes]]) -> None:
    home = Home.at(tmp_path / "lt")
    lookalikes.append(lookalike(home.run, 1001, owner_option(os.getpid())))
    seen = [entry for entry in process_module._ps_processes() if entry[0] == lookalikes[0].pid]
    assert [(parent, args[-4:]) for _, parent, args in seen] == [
        (os.getpid(), ["--config", str(home.run / "server.properties"), "--port", "1001"])
    ]


def test_an_unreadable_record_is_no_record(tmp_path: Path) -> None:
    home = Home.at(tmp_path)
    home.run.mkdir(parents=True)
    home.state_file.write_text("{not json")
    assert state.read(home.state_file) is None


# --- a home that cannot hold LanguageTool's files ------------------------------------------------

IN_THE_WAY = "cannot keep LanguageTool's files here (Not a directory); set REVIEWER_LT_HOME to a usable directory"


@pytest.fixture
def file_as_home(tmp_path: Path, clean_env: pytest.MonkeyPatch) -> Path:
    """REVIEWER_LT_HOME names a regular file; java and Maven stand-ins are on the PATH."""
    calls = tmp_path / "calls"
    clean_env.setenv(
        "PATH", str(tool_dir(tmp_path, maven=FAKE_MAVEN.format(python=sys.executable, calls=str(calls), fail=False)))
    )
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    clean_env.setenv("REVIEWER_LT_HOME", str(blocker))
    return blocker


@pytest.mark.parametrize(("command", "directory"), [("start", "run"), ("stop", "run"), ("install", "6.8")])
def test_a_home_that_is_a_file_is_one_line_naming_it(
    file_as_home: Path, capsys: pytest.CaptureFixture[str], command: str, directory: str
) -> None:
    assert main(["languagetool", command]) == 2
    assert capsys.readouterr().err == f"reviewer: error: {file_as_home / directory}: {IN_THE_WAY}\n"


def test_a_command_whose_home_is_a_file_goes_on_without_languagetool(
    file_as_home: Path, tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    standalone = tmp_path / "LanguageTool-6.5"
    standalone.mkdir()
    (standalone / "languagetool-server.jar").write_bytes(b"jar")
    clean_env.setenv("LTP_JAR_DIR_PATH", str(standalone))
    with languagetool_session(home=Home.at(languagetool_home(os.environ))) as session:
        assert not session.available
        assert session.reason == f"{file_as_home / 'run'}: {IN_THE_WAY}"


def test_a_record_that_cannot_be_written_names_its_directory(tmp_path: Path) -> None:
    home = Home.at(tmp_path / "lt")
    home.root.mkdir(parents=True)
    home.run.write_text("")
    with pytest.raises(LanguageToolError, match=f"^{home.run}: cannot keep LanguageTool's files here"):
        state.write(home.state_file, state.Record(1, 8081, "6.8", 0.0))
