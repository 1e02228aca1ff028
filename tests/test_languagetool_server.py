"""Against the real LanguageTool server, started with reviewer's own lifecycle code.

Needs `reviewer languagetool install` (the Makefile's test target runs it). Each test
keeps its servers' files in its own run directory, so a background server the developer
left running is neither used nor stopped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_languagetool import FakeLanguageTool, article

from reviewer.checkers.languagetool import LanguageToolChecker
from reviewer.config import languagetool_home
from reviewer.languagetool import state
from reviewer.languagetool.cache import MatchCache
from reviewer.languagetool.home import Home
from reviewer.languagetool.install import find_installation
from reviewer.languagetool.process import SERVER_CLASS, alive
from reviewer.languagetool.server import start_server
from reviewer.languagetool.session import LanguageToolSession, languagetool_session
from reviewer.languagetool.settings import LanguageToolSettings, news_names
from reviewer.model import Article

pytestmark = pytest.mark.languagetool


def servers_in(run_dir: Path) -> list[int]:
    """Living (not zombie) LanguageTool servers started with settings from `run_dir`."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if SERVER_CLASS.encode() in args and any(str(run_dir).encode() in a for a in args) and alive(int(proc.name)):
            found.append(int(proc.name))
    return found


def real_home(run_dir: Path) -> Home:
    """The installed LanguageTool, with servers' files in `run_dir`."""
    home = Home(root=languagetool_home(os.environ), run=run_dir)
    if find_installation(home) is None:
        pytest.fail("LanguageTool is not installed: run `reviewer languagetool install` first (`make test` does)")
    return home


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanguageToolSession]:
    home = real_home(tmp_path_factory.mktemp("lt-run"))
    with languagetool_session(home=home, require=True) as session:
        assert session.origin == "own" and session.url is None, "started at the first request"
        assert session.start() and servers_in(home.run) != []
        yield session
    assert servers_in(home.run) == [], "the session stopped its server"


def checker(session: LanguageToolSession) -> LanguageToolChecker:
    return LanguageToolChecker(session, LanguageToolSettings(accepted_words=news_names()), MatchCache(), require=True)


@pytest.mark.parametrize("name", ["news.txt", "astral.txt", "crlf.txt"])
def test_real_findings_match_the_recordings_at_exact_offsets(real: LanguageToolSession, name: str) -> None:
    """The recordings the unit tests replay are what this LanguageTool says, offsets included."""
    found = checker(real).check(article(name)).findings
    replay = FakeLanguageTool()
    try:
        with languagetool_session(replay.url, home=real.home) as session:
            recorded = checker(session).check(article(name)).findings
    finally:
        replay.close()
    assert found == recorded


def test_the_seed_style_article_gets_spelling_grammar_and_punctuation(real: LanguageToolSession) -> None:
    text = (
        "Pompeo was an „immature“ negotiating partner\n\n"
        "He was „rash and immature“ and interfere with the talks, it said from the Foreign Ministry. "
        "Analyst Pjotr Zhuravlyov said the the talks went well."
    )
    outcome = checker(real).check(article(text=text))
    flagged = {(f.rule_id, text[f.start : f.end], f.category) for f in outcome.findings}
    assert ("GERMAN_QUOTES", "„immature“", "Fluency/Punctuation") in flagged
    assert ("ENGLISH_WORD_REPEAT_RULE", "the the", "Fluency/Grammar") in flagged
    assert ("MORFOLOGIK_RULE_EN_US", "Zhuravlyov", "Fluency/Spelling") in flagged
    assert not any(t == "Pompeo" for _, t, _ in flagged), "a shipped news name"


def test_a_german_source_checks_with_mother_tongue_de(real: LanguageToolSession) -> None:
    """LanguageTool 6.8 accepts motherTongue=de. (Its German-English false friends for English
    text are n-gram rules that need LanguageTool's n-gram data, which is not on Maven Central;
    so with this install they do not fire.)"""
    lt = checker(real)
    source_de = article(text="I became a letter from my bank. He go home.", source_lang="de")
    assert lt.params(source_de)["motherTongue"] == "de"
    outcome = lt.check(source_de)
    assert outcome.warnings == []
    assert [source_de.text[f.start : f.end] for f in outcome.findings] == ["go"]


def test_the_server_listens_on_loopback_only(real: LanguageToolSession) -> None:
    port = int(str(real.url).rsplit(":", 1)[1])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state_code = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state_code == "0A" and int(hex_port, 16) == port:
                listening.append(address)
    if not listening:
        pytest.skip("no /proc/net here to inspect sockets")
    loopback = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}
    assert set(listening) <= loopback, listening


def test_cli_start_status_stop_leaves_no_java(tmp_path: Path) -> None:
    installed = real_home(tmp_path / "unused")
    lt_home = tmp_path / "lt"
    lt_home.mkdir()
    (lt_home / "6.8").symlink_to(installed.version_dir())  # the installed jars, our own run directory
    env = {**os.environ, "REVIEWER_LT_HOME": str(lt_home)}
    env.pop("LTP_JAR_DIR_PATH", None)

    def reviewer(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "reviewer", "languagetool", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    try:
        assert "started at http://127.0.0.1:" in reviewer("start")
        record = state.read(lt_home / "run" / "server.json")
        assert record is not None and servers_in(lt_home / "run") == [record.pid]
        status = reviewer("status")
        assert f"server: LanguageTool 6.8 at {record.url}, pid {record.pid}, up " in status
        assert "already running" in reviewer("start")
        assert f"stopped (pid {record.pid})" in reviewer("stop")
        assert servers_in(lt_home / "run") == []
        assert "server: not running" in reviewer("status")
        assert "no background LanguageTool server is running" in reviewer("stop")
    finally:
        for pid in servers_in(lt_home / "run"):
            os.kill(pid, signal.SIGKILL)


def test_killing_the_server_mid_batch_neither_hangs_nor_loses_the_batch(tmp_path: Path) -> None:
    home = real_home(tmp_path / "run")
    batch = [article(text=f"Report {n}: police counted teh crowd in district {n}.") for n in range(6)]
    killed: list[int] = []
    with languagetool_session(home=home, require=True, timeout=20) as session:
        lt = LanguageToolChecker(session, LanguageToolSettings(), MatchCache(), require=True)

        def check(art: Article) -> list[str]:
            if art is batch[3]:
                killed.extend(servers_in(home.run))
                for pid in killed:
                    os.kill(pid, signal.SIGKILL)
            return [art.text[f.start : f.end] for f in lt.check(art).findings]

        results = [check(art) for art in batch]
        now = servers_in(home.run)
        assert now and not set(now) & set(killed), "a new server took over"
    assert results == [["teh"]] * 6
    assert len(killed) == 1
    assert servers_in(home.run) == []


SESSION_SCRIPT = """
import os, sys, time
from pathlib import Path
from reviewer.config import languagetool_home
from reviewer.languagetool.home import Home
from reviewer.languagetool.session import languagetool_session
home = Home(root=languagetool_home(os.environ), run=Path(sys.argv[1]))
with languagetool_session(home=home, require=True) as session:
    session.start()
    print(session.url, flush=True)
    time.sleep(600)
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGKILL], ids=lambda s: s.name)
def test_a_command_that_is_killed_leaves_no_server(tmp_path: Path, sig: signal.Signals) -> None:
    """Signals a command can catch stop its server at once; after SIGKILL, which it cannot,
    the next command reaps the orphan."""
    home = real_home(tmp_path / "run")
    command = subprocess.Popen(
        [sys.executable, "-c", SESSION_SCRIPT, str(home.run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert command.stdout is not None and command.stdout.readline().startswith("http://127.0.0.1:")
        started = servers_in(home.run)
        assert len(started) == 1
        assert [(f.process.pid, f.process.owner, f.in_use) for f in state.servers(home)] == [
            (started[0], command.pid, True)
        ], "the server names its command, which is using it"
        command.send_signal(sig)
        command.wait(timeout=60)
        if sig == signal.SIGKILL:
            assert servers_in(home.run) == started, "the server outlived its command"
            assert [found.process.pid for found in state.reap_orphans(home)] == started
        assert servers_in(home.run) == []
    finally:
        command.kill()
        for pid in servers_in(home.run):
            os.kill(pid, signal.SIGKILL)


def test_sessions_reuse_a_background_server(tmp_path: Path) -> None:
    """What `check` and `review` do after `reviewer languagetool start`: no server of their own."""
    home = real_home(tmp_path / "run")
    installation = find_installation(home)
    assert installation is not None
    background = start_server(installation, home.run, log_name="server.log")  # as `languagetool start` does
    try:
        state.write(home.state_file, state.Record.of(background))
        with languagetool_session(home=home, require=True) as session:
            assert (session.origin, session.url) == ("background", background.url)
            assert session.check({"language": "en-US", "text": "He go home."})["matches"]
        assert servers_in(home.run) == [background.pid], "the reusing session left it running"
    finally:
        background.stop()
    assert servers_in(home.run) == []
