"""The LanguageTool checker against a fake server that replays the real server's answers.

Recorded answers (tests/fixtures/languagetool/recorded.json, from record.py there) are
replayed for the exact requests they answered; any other text gets a stand-in speller
that flags "teh", with offsets in UTF-16 units as LanguageTool counts them.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from unittest.mock import ANY

import pytest
from fixtures.languagetool.fake_java import speller_answer

from reviewer import cache as cache_module
from reviewer.cache import Cache
from reviewer.checkers import Signature
from reviewer.checkers.languagetool import LanguageToolChecker, languagetool_checker
from reviewer.cli import main
from reviewer.errors import ExitCode
from reviewer.language import ANY_PAIR
from reviewer.languagetool import session as session_module
from reviewer.languagetool.cache import MatchCache
from reviewer.languagetool.errors import LanguageToolError
from reviewer.languagetool.home import Home
from reviewer.languagetool.install import Installation
from reviewer.languagetool.session import PROBE, LanguageToolSession, languagetool_session
from reviewer.languagetool.settings import LanguageToolSettings, news_names
from reviewer.languagetool.text import pieces
from reviewer.model import Article, Gap, Segment, Severity
from reviewer.pipeline import check_article

FIXTURES = Path(__file__).parent / "fixtures" / "languagetool"
RECORDED = json.loads((FIXTURES / "recorded.json").read_text(encoding="utf-8"))
LANGUAGES = json.loads((FIXTURES / "languages.json").read_text(encoding="utf-8"))


def article(
    name: str | None = None, text: str | None = None, source_lang: str | None = None, lang: str = "en-US"
) -> Article:
    """A fixture text (or `text`) as an article with a segment per paragraph."""
    if text is None:
        text = (FIXTURES / "texts" / str(name)).read_bytes().decode("utf-8")
    segments = tuple(
        Segment(i, p.start, p.start + len(p.text.rstrip()), p.text.rstrip()) for i, p in enumerate(pieces(text))
    )
    return Article(
        path=name or "inline.txt", id=name or "inline", text=text, segments=segments, lang=lang, source_lang=source_lang
    )


# --- the fake server ------------------------------------------------------------------


@dataclass
class FakeLanguageTool:
    """A stand-in LanguageTool on 127.0.0.1. `mode` "answer" answers; "hang" never does
    (until the test ends); "drop" closes the connection without a word. `paths` lists
    every request received, answered or not; `languages_gate`, when set, holds each
    /languages request until that many are waiting (or its timeout passes)."""

    mode: str = "answer"
    requests: list[dict[str, str]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)
    languages_gate: threading.Barrier | None = None

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.paths.append(self.path)
                if self.path.endswith("/healthcheck"):
                    self._send(b"OK", "text/plain")
                elif self.path.endswith("/languages"):
                    if fake.languages_gate is not None:
                        try:
                            fake.languages_gate.wait()
                        except threading.BrokenBarrierError:
                            pass
                    self._send(json.dumps(LANGUAGES).encode(), "application/json")
                else:
                    self.send_error(404)

            def do_POST(self) -> None:
                fake.paths.append(self.path)
                length = int(self.headers["Content-Length"])
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
                if fake.mode == "hang":
                    fake.released.wait(30)
                    return
                if fake.mode == "drop":
                    self.close_connection = True
                    return
                fake.requests.append(form)
                self._send(json.dumps(fake.answer(form)).encode(), "application/json")

            def _send(self, body: bytes, kind: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def checks(self) -> list[dict[str, str]]:
        """The checks of articles, without the probe a session sends to learn the version."""
        return [form for form in self.requests if form != PROBE]

    def answer(self, form: dict[str, str]) -> dict[str, Any]:
        for exchange in RECORDED:
            if exchange["form"] == form:
                return exchange["answer"]
        return speller_answer(form["text"])

    def close(self) -> None:
        self.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fake() -> Iterator[FakeLanguageTool]:
    server = FakeLanguageTool()
    yield server
    server.close()


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(root=tmp_path / "lt", run=tmp_path / "lt" / "run")


def checker_for(
    session: LanguageToolSession, settings: LanguageToolSettings | None = None, **kwargs: Any
) -> LanguageToolChecker:
    return LanguageToolChecker(session, settings or LanguageToolSettings(), MatchCache(), **kwargs)


@pytest.fixture
def lt(fake: FakeLanguageTool, home: Home) -> Iterator[LanguageToolSession]:
    with languagetool_session(fake.url, home=home, timeout=2) as session:
        yield session


# --- what a user sees in the report ----------------------------------------------------

NEWS_ISSUES = [
    ("JONG_UN", "Jong Un", "Fluency/Spelling", Severity.MINOR),
    ("ABOUT_ITS_NN", "it's", "Fluency/Spelling", Severity.MINOR),
    ("MORFOLOGIK_RULE_EN_US", "Pjotr", "Fluency/Spelling", Severity.MINOR),
    ("MORFOLOGIK_RULE_EN_US", "Zhuravlyov", "Fluency/Spelling", Severity.MINOR),
    ("ENGLISH_WORD_REPEAT_RULE", "the the", "Fluency/Grammar", Severity.MINOR),
    ("GERMAN_QUOTES", "„", "Fluency/Punctuation", Severity.MINOR),
    ("GERMAN_QUOTES", "“", "Fluency/Punctuation", Severity.MINOR),
    ("MORFOLOGIK_RULE_EN_US", "teh", "Fluency/Spelling", Severity.MINOR),
    ("EN_DATE_WEEKDAY", "2019", "Fluency/Inconsistency", Severity.MAJOR),
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("news.txt", NEWS_ISSUES),
        (
            "astral.txt",
            [  # emoji and a flag (two astral characters each) before the matches
                ("MORFOLOGIK_RULE_EN_US", "teh", "Fluency/Spelling", Severity.MINOR),
                ("ENGLISH_WORD_REPEAT_RULE", "was was", "Fluency/Grammar", Severity.MINOR),
                ("GERMAN_QUOTES", "„fans“", "Fluency/Punctuation", Severity.MINOR),
            ],
        ),
        (
            "crlf.txt",
            [  # CRLF line ends: offsets count the \r as the text does
                ("HE_VERB_AGR", "go", "Fluency/Grammar", Severity.MINOR),
                ("ENGLISH_WORD_REPEAT_RULE", "The the", "Fluency/Grammar", Severity.MINOR),
                ("GERMAN_QUOTES", "„open“", "Fluency/Punctuation", Severity.MINOR),
            ],
        ),
    ],
)
def test_issues_land_on_the_exact_text_with_mqm_categories(
    lt: LanguageToolSession, name: str, expected: list[tuple[str, str, str, Severity]]
) -> None:
    checker = checker_for(lt, LanguageToolSettings(accepted_words=news_names()))  # plain LanguageTool, news names
    result = check_article(article(name), [checker])
    assert [(i.rule_id, i.text, i.category, i.severity) for i in result.issues] == expected


def test_line_and_column_count_code_points_after_an_emoji(lt: LanguageToolSession) -> None:
    issues = check_article(article("astral.txt"), [checker_for(lt)]).issues
    teh = next(i for i in issues if i.text == "teh")
    assert (teh.line, teh.column, teh.suggestions[:2]) == (1, 16, ("the", "ten"))


def test_crlf_articles_are_located_by_line(lt: LanguageToolSession) -> None:
    issues = check_article(article("crlf.txt"), [checker_for(lt)]).issues
    assert [(i.text, i.line, i.column, i.segment) for i in issues] == [
        ("go", 3, 4, 1),
        ("The the", 5, 1, 2),
        ("„open“", 5, 20, 2),
    ]


@pytest.mark.parametrize(
    ("settings", "silenced", "flagged"),
    [
        (LanguageToolSettings(), set(), {"Pompeo", "Biegun", "Morgulov", "Pjotr", "Zhuravlyov"}),
        (LanguageToolSettings(accepted_words=news_names()), {"Pompeo", "Biegun", "Morgulov"}, {"Pjotr", "Zhuravlyov"}),
        (
            LanguageToolSettings(accepted_words=frozenset({"Pjotr", "Zhuravlyov", "teh"})),
            {"Pjotr", "Zhuravlyov"},
            {"Pompeo"},
        ),
    ],
    ids=["nothing accepted", "shipped news names", "project words"],
)
def test_accepted_words_silence_only_the_speller(
    lt: LanguageToolSession, settings: LanguageToolSettings, silenced: set[str], flagged: set[str]
) -> None:
    texts = {i.text for i in check_article(article("news.txt"), [checker_for(lt, settings)]).issues}
    assert not texts & silenced
    assert flagged <= texts
    assert "„" in texts, "punctuation is not a spelling match and stays flagged"


def test_same_span_from_languagetool_and_a_rule_is_one_issue(lt: LanguageToolSession) -> None:
    from reviewer.model import CheckOutcome, Finding

    class QuoteRule:
        id = "rules"

        def check(self, art: Article) -> CheckOutcome:
            start = art.text.index("„open“")
            return CheckOutcome(
                [Finding("DE_QUOTES", "Fluency/Punctuation", Severity.MINOR, "German quotes", start, start + 6)]
            )

        pairs = ANY_PAIR

        def signature(self) -> Signature:
            return Signature()

    issues = check_article(article("crlf.txt"), [checker_for(lt), QuoteRule()]).issues
    quotes = [i for i in issues if i.text == "„open“"]
    assert len(quotes) == 1
    assert {quotes[0].rule_id, *(ref.rule_id for ref in quotes[0].also)} == {"GERMAN_QUOTES", "DE_QUOTES"}


# --- requests ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_lang", "lang", "expected"),
    [
        ("de", "en-US", {"language": "en-US", "motherTongue": "de"}),
        ("de-DE", "en-GB", {"language": "en-GB", "motherTongue": "de"}),
        (None, "en", {"language": "en-US"}),  # LanguageTool spell-checks only a variant
        ("zh", "en-US", {"language": "en-US"}),  # a mother tongue the server does not know is left out
        ("en", "en-US", {"language": "en-US"}),
    ],
)
def test_request_parameters(
    lt: LanguageToolSession, source_lang: str | None, lang: str, expected: dict[str, str]
) -> None:
    assert checker_for(lt).params(article("crlf.txt", source_lang=source_lang, lang=lang)) == expected


def test_german_source_sends_mother_tongue(lt: LanguageToolSession, fake: FakeLanguageTool) -> None:
    check_article(article("news.txt", source_lang="de"), [checker_for(lt)])
    assert [r.get("motherTongue") for r in fake.checks] == ["de"]


def test_disabled_rules_and_categories_go_to_the_server(lt: LanguageToolSession, fake: FakeLanguageTool) -> None:
    settings = LanguageToolSettings(disabled_rules=("JONG_UN", "EN_QUOTES"), disabled_categories=("STYLE",))
    check_article(article(text="Fans cheered teh team."), [checker_for(lt, settings)])
    assert fake.checks[0]["disabledRules"] == "EN_QUOTES,JONG_UN"
    assert fake.checks[0]["disabledCategories"] == "STYLE"


def test_a_language_the_server_lacks_is_a_gap_not_a_crash(lt: LanguageToolSession) -> None:
    outcome = checker_for(lt).check(article("crlf.txt", lang="fr"))
    assert outcome.findings == []
    ((gap),) = outcome.gaps
    assert gap.checker == "languagetool" and "has no language 'fr'" in gap.reason


def test_long_articles_go_in_bounded_requests_with_exact_offsets(
    lt: LanguageToolSession, fake: FakeLanguageTool
) -> None:
    paragraph = "😀 Fans cheered teh team in the stadium and sang. " * 20  # ~1,000 characters
    text = "\n\n".join(f"{n}. {paragraph.strip()}" for n in range(12))
    outcome = checker_for(lt, max_chars=2500).check(article(text=text))
    assert len(outcome.findings) == 240
    assert all(text[f.start : f.end] == "teh" for f in outcome.findings)
    assert len(fake.checks) == 6, "two paragraphs a request"
    assert all(len(r["text"]) <= 2500 for r in fake.checks)


def test_a_paragraph_longer_than_a_request_is_cut_after_a_sentence(
    lt: LanguageToolSession, fake: FakeLanguageTool
) -> None:
    text = "Officials said teh talks went well. " * 200  # one 7,200-character paragraph
    outcome = checker_for(lt, max_chars=1000).check(article(text=text))
    assert len(outcome.findings) == 200 and all(text[f.start : f.end] == "teh" for f in outcome.findings)
    assert all(r["text"].startswith("Officials") and r["text"].endswith(".") for r in fake.checks), (
        "cut between sentences"
    )


# --- caching -------------------------------------------------------------------------------


def test_unchanged_text_is_not_sent_twice(lt: LanguageToolSession, fake: FakeLanguageTool) -> None:
    checker = checker_for(lt)
    first = checker.check(article("news.txt"))
    second = checker.check(article("news.txt"))
    assert second == first
    assert len(fake.checks) == 1


def test_only_the_edited_paragraph_is_sent_again(lt: LanguageToolSession, fake: FakeLanguageTool) -> None:
    checker = checker_for(lt)
    original = article(text="Fans cheered teh team.\n\nThe mayor spoke.\n\nPolice counted teh crowd.")
    checker.check(original)
    edited = article(text=original.text.replace("The mayor spoke.", "The mayor spoke teh words."))
    outcome = checker.check(edited)
    assert [r["text"] for r in fake.checks[1:]] == ["The mayor spoke teh words."]
    assert [edited.text[f.start : f.end] for f in outcome.findings] == ["teh"] * 3


def test_the_cache_on_disk_serves_the_next_command(fake: FakeLanguageTool, home: Home, tmp_path: Path) -> None:
    for _ in range(2):
        with languagetool_checker(
            fake.url, settings=LanguageToolSettings(), cache=MatchCache(Cache(tmp_path / "lt.db")), home=home
        ) as checker:
            assert [f.rule_id for f in checker.check(article("crlf.txt")).findings] == [
                "HE_VERB_AGR",
                "ENGLISH_WORD_REPEAT_RULE",
                "GERMAN_QUOTES",
            ]
    assert len(fake.checks) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"source_lang": "de"},  # motherTongue changes what LanguageTool may say
        {"lang": "en-GB"},
    ],
)
def test_parameters_are_part_of_the_cache_key(
    lt: LanguageToolSession, fake: FakeLanguageTool, change: dict[str, str]
) -> None:
    checker = checker_for(lt)
    base = article(text="Fans cheered teh team.")
    checker.check(base)
    checker.check(replace(base, **change))
    assert len(fake.checks) == 2


def test_a_cache_file_that_cannot_be_opened_falls_back_to_memory(tmp_path: Path) -> None:
    (tmp_path / "lt.db").mkdir()  # a directory where the file should be
    cache = MatchCache(Cache(tmp_path / "lt.db"))
    cache.put_many({"k": []})
    assert cache.get_many({"k": 10}) == {"k": []}
    assert cache.warning and "lt.db: cache unusable" in cache.warning


def lock_for_writing(path: Path) -> sqlite3.Connection:
    """Another process writing to the cache and taking its time about it."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def drop_the_table(path: Path) -> sqlite3.Connection:
    """Another program left something else in the cache file."""
    other = sqlite3.connect(path)
    other.execute("DROP TABLE entries")
    other.commit()
    return other


@pytest.mark.parametrize(
    "spoil", [lock_for_writing, drop_the_table], ids=["locked past the busy timeout", "not our table"]
)
def test_a_cache_file_failing_mid_batch_is_one_warning_not_a_crash(
    lt: LanguageToolSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spoil: Callable[[Path], sqlite3.Connection],
) -> None:
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.05)
    checker = LanguageToolChecker(lt, LanguageToolSettings(), MatchCache(Cache(tmp_path / "lt.db")))
    assert checker.check(article(text="Fans cheered teh team.")).warnings == []
    other = spoil(tmp_path / "lt.db")
    try:
        outcomes = [checker.check(article(text=f"Report {n}: police counted teh crowd.")) for n in range(3)]
    finally:
        other.close()
    assert [len(o.findings) for o in outcomes] == [1, 1, 1], "LanguageTool still checked every article"
    assert len({tuple(o.warnings) for o in outcomes}) == 1, "the same warning each time, so it is printed once"
    assert re.fullmatch(r".*lt\.db: cache unusable \(.+\); going on without it", outcomes[0].warnings[0])


# --- a server that dies or hangs -------------------------------------------------------------


@dataclass
class FakeOwnServer:
    """What `start_server` returns, standing in for a java process: a fake LanguageTool."""

    fake: FakeLanguageTool
    pid: int = field(default_factory=os.getpid)  # never a java process: nothing will signal it
    version: str = "6.8"
    started: float = field(default_factory=time.time)
    stopped: bool = False

    @property
    def port(self) -> int:
        return int(self.fake.httpd.server_address[1])

    @property
    def url(self) -> str:
        return self.fake.url

    def stop(self) -> None:
        self.stopped = True
        self.fake.close()


@pytest.fixture
def own_servers(monkeypatch: pytest.MonkeyPatch) -> list[FakeOwnServer]:
    """Sessions "start" fake servers instead of java; the list holds every one started."""
    started: list[FakeOwnServer] = []

    def start_server(
        installation: Installation, run_dir: Path, timeout: float = 0, cancelled: object = None
    ) -> FakeOwnServer:
        time.sleep(0.05)  # long enough for other threads to ask meanwhile
        started.append(FakeOwnServer(FakeLanguageTool()))
        return started[-1]

    monkeypatch.setattr(session_module, "start_server", start_server)
    monkeypatch.setattr(session_module, "find_java", lambda: "java")
    monkeypatch.setattr(session_module, "find_installation", lambda home: Installation("x", "6.8", "maven", Path("x")))
    return started


@pytest.mark.parametrize("failure", ["drop", "hang"])
def test_our_server_failing_mid_batch_is_replaced_and_the_batch_completes(
    own_servers: list[FakeOwnServer], home: Home, failure: str
) -> None:
    batch = [article(text=f"Report {n}: fans cheered teh team.") for n in range(4)]
    with languagetool_session(home=home, timeout=0.5) as session:
        checker = checker_for(session, require=True)
        results = [checker.check(batch[0])]
        own_servers[0].fake.mode = failure
        results += [checker.check(a) for a in batch[1:]]
        assert session.origin == "own" and len(own_servers) == 2
    assert [len(r.findings) for r in results] == [1, 1, 1, 1]
    assert [server.stopped for server in own_servers] == [True, True]


def test_a_server_at_a_given_url_that_dies_fails_clearly(fake: FakeLanguageTool, home: Home) -> None:
    with languagetool_session(fake.url, home=home, timeout=0.5) as session:
        checker = checker_for(session, require=True)
        fake.mode = "hang"
        with pytest.raises(LanguageToolError, match="did not answer /check: timed out; it is not ours to restart"):
            checker.check(article(text="Fans cheered teh team."))
        asked = len(fake.paths)
        with pytest.raises(LanguageToolError, match="not ours to restart"):
            checker.check(article(text="Police counted teh crowd."))
        assert len(fake.paths) == asked, "later articles fail at once, without waiting on the server again"


def test_without_require_a_lost_server_is_a_gap_per_article(fake: FakeLanguageTool, home: Home) -> None:
    with languagetool_session(fake.url, home=home, timeout=0.5) as session:
        checker = checker_for(session)
        fake.mode = "drop"
        outcomes = [checker.check(article(text=text)) for text in ("Fans cheered teh team.", "Police saw teh crowd.")]
    assert [o.findings for o in outcomes] == [[], []]
    assert [o.warnings for o in outcomes] == [[], []], "a gap, not a warning: the article is not fully checked"
    assert outcomes[0].gaps == outcomes[1].gaps, "the same reason for every article, so it is counted as one kind"
    ((gap,),) = {tuple(o.gaps) for o in outcomes}
    assert gap.checker == "languagetool" and "did not answer /check" in gap.reason


def test_our_server_starts_at_the_first_request_and_only_once(own_servers: list[FakeOwnServer], home: Home) -> None:
    with languagetool_session(home=home) as session:
        checker = checker_for(session)
        assert own_servers == [], "nothing is started before an article needs it"
        assert checker.reason is None
        assert checker.signature().report() == {
            "enabled": True,
            "version": "6.8",
            "url": None,
            "settings": ANY,
            "profile": "default",
            "level": "default",
        }
        with ThreadPoolExecutor(4) as pool:
            outcomes = list(pool.map(checker.check, [article(text=f"Fans {n} cheered teh team.") for n in range(8)]))
        assert len(own_servers) == 1, "threads asking at once wait for the one start"
        assert [len(o.findings) for o in outcomes] == [1] * 8
        assert checker.signature().report()["url"] == own_servers[0].url
    assert own_servers[0].stopped


def test_a_session_closed_before_any_request_starts_nothing(own_servers: list[FakeOwnServer], home: Home) -> None:
    with languagetool_session(home=home) as session:
        checker = checker_for(session)
    assert checker.check(article(text="Fans cheered teh team.")).gaps == [
        Gap("languagetool", "not started: the command is ending")
    ]
    assert own_servers == []


def test_a_server_that_keeps_dying_is_given_up(
    own_servers: list[FakeOwnServer], home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    original_init = FakeLanguageTool.__post_init__

    def dropping(self: FakeLanguageTool) -> None:  # every server started drops requests
        original_init(self)
        self.mode = "drop"

    monkeypatch.setattr(FakeLanguageTool, "__post_init__", dropping)
    with (
        languagetool_session(home=home, timeout=0.5) as session,
        pytest.raises(LanguageToolError, match="gave up after 2 restarts"),
    ):
        checker_for(session, require=True).check(article(text="Fans cheered teh team."))
    assert len(own_servers) == 3


# --- finding a server ------------------------------------------------------------------------


def test_not_installed_is_the_same_gap_on_every_article(home: Home, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    with languagetool_checker(home=home, settings=LanguageToolSettings(), cache=MatchCache()) as checker:
        assert checker.signature().report() == {"enabled": False, "reason": checker.reason}
        assert "reviewer languagetool install" in str(checker.reason)
        outcomes = [checker.check(article("crlf.txt")), checker.check(article("news.txt"))]
    assert [o.findings for o in outcomes] == [[], []]
    assert [o.gaps for o in outcomes] == [[Gap("languagetool", str(checker.reason))]] * 2, (
        "a gap keeps the result out of the result cache and the batch from passing; the same one is counted once"
    )
    assert [o.warnings for o in outcomes] == [[], []]


def test_require_makes_an_unusable_languagetool_an_error(home: Home, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    with (
        pytest.raises(LanguageToolError, match="not installed") as raised,
        languagetool_session(home=home, require=True),
    ):
        pass
    assert raised.value.exit_code == 2


def test_a_url_that_does_not_answer_is_a_reason(home: Home) -> None:
    with languagetool_session("http://127.0.0.1:9", home=home, timeout=1) as session:
        assert not session.available
        assert "did not answer" in str(session.reason)


MALFORMED_URLS = [
    "http://127.0.0.1:99999",
    "http://[::1",
    "http://127.0.0.1:80a",
    "ftp://127.0.0.1:8081",
    "http://127.0.0.1:9/v2 x",
]


@pytest.mark.parametrize("url", MALFORMED_URLS)
def test_a_malformed_url_is_a_usage_error_not_a_reason(home: Home, url: str) -> None:
    with (
        pytest.raises(LanguageToolError, match="not a LanguageTool server URL") as raised,
        languagetool_checker(url, settings=LanguageToolSettings(), cache=MatchCache(), home=home),
    ):
        pass
    assert raised.value.exit_code == 2


def test_check_with_a_malformed_url_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "article.txt").write_text("Fans cheered teh team.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "--languagetool-url", "http://127.0.0.1:99999", "article.txt"]) == 2
    assert (
        capsys.readouterr().err
        == "reviewer: error: http://127.0.0.1:99999: not a LanguageTool server URL (expected http://HOST:PORT)\n"
    )


def test_the_url_comes_from_the_environment(
    fake: FakeLanguageTool, home: Home, monkeypatch: pytest.MonkeyPatch, make_config
) -> None:
    monkeypatch.setenv("REVIEWER_LANGUAGETOOL_URL", f"{fake.url}/v2/")
    (url,) = make_config().languagetool.urls
    with languagetool_checker(url, home=home, settings=LanguageToolSettings(), cache=MatchCache()) as checker:
        assert checker.signature().report()["enabled"] is True
        assert checker.session.origin == "url"
        assert checker.signature().report()["version"] == "6.8"


def test_threads_wanting_the_languages_at_once_ask_the_server_once(fake: FakeLanguageTool, home: Home) -> None:
    fake.languages_gate = threading.Barrier(4, timeout=0.5)  # four requests, were they sent, would meet here
    with languagetool_session(fake.url, home=home, timeout=2) as session, ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: session.languages(), range(4)))
    assert all("en-US" in answer for answer in answers)
    assert [path for path in fake.paths if path.endswith("/languages")] == ["/v2/languages"]


def test_describe_changes_with_the_settings(lt: LanguageToolSession) -> None:
    plain = checker_for(lt).signature().report()
    strict = checker_for(lt, LanguageToolSettings(disabled_rules=("JONG_UN",))).signature().report()
    assert plain["url"] == lt.url and plain["version"] == "6.8"
    assert plain["settings"] != strict["settings"]


class NotHttp:
    """A TCP service on 127.0.0.1 that answers every connection with `reply` and hangs up."""

    def __init__(self, reply: bytes) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.reply = reply
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(self.reply)

    def close(self) -> None:
        self.listener.close()


NOT_HTTP = {
    "another protocol": b"SSH-2.0-OpenSSH_9.6\r\n\x1b[31mred\r\nmore\r\n",
    "a line without end": b"x" * 70_000,
    "cut short": b'HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{"soft',
    "nothing": b"",
    "an error page of control characters": b"HTTP/1.1 500 Oops\r\nContent-Length: 16\r\n\r\n\x1b[2Jwiped\rover\x07\n",
}


@pytest.mark.parametrize("reply", NOT_HTTP.values(), ids=NOT_HTTP.keys())
def test_a_reply_that_is_not_languagetools_is_one_line_naming_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], reply: bytes
) -> None:
    (tmp_path / "article.txt").write_text("Fans cheered teh team.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    service = NotHttp(reply)
    try:
        assert main(["check", "--no-cache", "--languagetool-url", service.url, "article.txt"]) == ExitCode.INCOMPLETE
    finally:
        service.close()
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "LanguageTool" in line or "SSH" in line or "more" in line]
    assert len(lines) == 1 and service.url in lines[0], err
    assert len(err.splitlines()) == 1 and "\x1b" not in err, err


@pytest.mark.parametrize(("level", "sent"), [([], "picky"), (["--languagetool-level", "default"], None)])
def test_check_sends_the_profile_and_reports_it(
    fake: FakeLanguageTool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    level: list[str],
    sent: str | None,
) -> None:
    (tmp_path / "article.txt").write_text("Fans cheered teh team.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--no-cache", "--format", "json", "--languagetool-url", fake.url, *level, "article.txt"])
    assert code == 0
    assert [form.get("level") for form in fake.checks] == [sent]
    assert "TOO_LONG_SENTENCE" in fake.checks[0]["disabledRules"]
    described = json.loads(capsys.readouterr().out)["checkers"]["languagetool"]
    assert described["profile"] == "mt-review" and described["level"] == (sent or "default")
