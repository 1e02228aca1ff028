"""How fast the review app paints, against a minimal Textual app in the same run, and how
soon a segment is re-checked after the reviewer stops typing.

Usage:  .venv/bin/python bench/tui_first_paint.py [ARTICLE] [--rules DIR] [--runs N] [--languagetool]

Three measurements, each the median of --runs:
1. In process, headless at 120x35: from building the app to its first frame (Textual's
   Ready event; ours shows the article list, "Loading articles…"), and for ours also to
   the review screen showing the article with its rule flags. Baseline: an App with a
   Header, a Static and a Footer.
2. In a real terminal (tmux, when installed): from starting the process to the text
   appearing in the pane (Python start-up and imports included), for `reviewer review
   ARTICLE --no-languagetool` and for the minimal app run as a script.
3. Re-check latency: after the last key press in the editor, the time until the
   segment's new flags are shown (the debounce delay plus checking and scoring): the
   rule packs' flags, and with --languagetool also LanguageTool's (the server is
   started or found first, as `reviewer review` does).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, Static

from reviewer.cli.review import languagetool_for_review
from reviewer.config import RunConfig
from reviewer.store import ReviewStore
from reviewer.tui import Settings, make_app
from reviewer.tui.screens.review import FAST_DELAY, ReviewScreen
from reviewer.tui.settings import RECHECK_DELAY
from reviewer.workspace import LanguageToolFactory

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed-article.txt"
DEFAULT_ARTICLE = SEED if SEED.exists() else ROOT / "corpora" / "harbour-strike.txt"
SIZE = (120, 35)

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("minimal app painted")
        yield Footer()

Minimal().run()
"""


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("minimal app painted")
        yield Footer()


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


class Clock:
    """When messages of a kind first (or last) reached the app, from `start`."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.checked: list[float] = []  # when re-check results reached the screen

    def hook(self, message: Message) -> None:
        name, now = type(message).__name__, time.perf_counter() - self.start
        self.first.setdefault(name, now)
        self.last[name] = now
        if name == "SegmentChecked":
            self.checked.append(now)


async def _paint_minimal() -> float:
    """Seconds from building the app to Textual's Ready (sent after the first frame)."""
    clock = Clock()
    app = Minimal()
    async with app.run_test(size=SIZE, message_hook=clock.hook) as pilot:
        await pilot.pause(0.1)
    return clock.first["Ready"]


def _config(rules: Path) -> RunConfig:
    return RunConfig.build(os.environ, Path.cwd(), reviewer="bench", rule_paths=[rules])


async def _paint_ours(article: Path, rules: Path, db: Path) -> tuple[float, float]:
    """(first frame, review screen drawn with the rule flags) in seconds from building the app."""
    with ReviewStore.open(db) as store:
        clock = Clock()
        app = make_app(Settings(config=_config(rules), paths=(str(article),)), store)
        async with app.run_test(size=SIZE, message_hook=clock.hook) as pilot:
            while not (isinstance(app.screen, ReviewScreen) and app.screen.session.checked):
                await pilot.pause(0.005)
            flagged = time.perf_counter() - clock.start
            await pilot.app.workers.wait_for_complete()
            await pilot.pause(0.1)  # let the screen finish mounting before the app exits
    return clock.first["Ready"], flagged


async def _recheck_latency(
    article: Path, rules: Path, db: Path, delay: float, languagetool: LanguageToolFactory | None, run: int = 0
) -> list[float]:
    """Seconds from the editor's last change to the first re-check result shown (the
    fast checkers') and, with LanguageTool, to the last (LanguageTool's)."""
    settings = Settings(config=_config(rules), paths=(str(article),), recheck_delay=delay, languagetool=languagetool)
    with ReviewStore.open(db) as store:
        clock = Clock()
        app = make_app(settings, store)
        async with app.run_test(size=SIZE, message_hook=clock.hook) as pilot:
            while not (isinstance(app.screen, ReviewScreen) and app.screen.session.checked):
                await pilot.pause(0.005)
            while languagetool is not None and app.languagetool not in ("ready", "failed"):
                await pilot.pause(0.05)
            # words of this run only, so that LanguageTool's answer cannot come from its match cache
            await pilot.press("n", "e", "end", *f" and he go home at {run + 1} o'clock")
            typed = clock.last["Changed"]
            while not [t for t in clock.checked if t > typed]:
                await pilot.pause(0.002)
            if languagetool is not None:  # its check starts only after the longer delay
                await pilot.pause(delay + 0.1)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause(0.1)
    shown = [t - typed for t in clock.checked if t > typed]
    return [shown[0], shown[-1]] if languagetool is not None else shown[:1]


def _in_terminal(command: list[str], cwd: Path, expect: str) -> float:
    """Seconds from starting `command` in a 120x35 tmux pane until `expect` shows. Each
    run has its own tmux server (its socket in `cwd`), so no other session is touched."""
    tmux = ["tmux", "-S", str(cwd / f"tmux-{uuid.uuid4().hex[:8]}.sock")]
    line = " ".join(["env", "-u", "COLUMNS", "-u", "LINES", f"REVIEWER_DB={cwd / 'tmux.db'}", *command])
    start = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "35", "-c", str(cwd), line], check=True)
    try:
        while time.perf_counter() - start < 30:
            shown = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout
            if expect in shown:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"{expect!r} never showed for {command}")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def _runs(n: int, measure: Callable[[], float]) -> list[float]:
    return [measure() for _ in range(n)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--languagetool", action="store_true", help="also time re-checks with the real LanguageTool")
    args = parser.parse_args()
    article, rules = args.article.resolve(), args.rules.resolve()
    work = Path(tempfile.mkdtemp(prefix="tui-bench-"))
    print(f"article: {article}\nrules: {rules}\nruns: {args.runs} (medians)\n")

    asyncio.run(_paint_minimal())  # warm imports for both sides
    minimal = _runs(args.runs, lambda: asyncio.run(_paint_minimal()))
    ours = [asyncio.run(_paint_ours(article, rules, work / f"paint-{i}.db")) for i in range(args.runs)]
    first, flagged = [o[0] for o in ours], [o[1] for o in ours]
    print("headless, in process (120x35)")
    print(f"  minimal Textual app, first paint   {_median_ms(minimal):7.1f} ms")
    print(
        f"  reviewer, first paint              {_median_ms(first):7.1f} ms   ratio {statistics.median(first) / statistics.median(minimal):.2f}"
    )
    print(
        f"  reviewer, flagged article shown    {_median_ms(flagged):7.1f} ms   ratio {statistics.median(flagged) / statistics.median(minimal):.2f}"
    )

    if shutil.which("tmux"):
        script = work / "minimal_app.py"
        script.write_text(MINIMAL_APP, encoding="utf-8")
        minimal_t = _runs(args.runs, lambda: _in_terminal([sys.executable, str(script)], work, "minimal app painted"))
        review = [sys.executable, "-m", "reviewer", "review", str(article), "--no-languagetool", "--rules", str(rules)]
        shown_t = _runs(args.runs, lambda: _in_terminal(review, work, "Flags ("))
        print("\nreal terminal (tmux 120x35), process start to text on screen")
        print(f"  minimal Textual app                {_median_ms(minimal_t):7.1f} ms")
        print(
            f"  reviewer review (flagged article)  {_median_ms(shown_t):7.1f} ms   ratio {statistics.median(shown_t) / statistics.median(minimal_t):.2f}"
        )
    else:
        print("\n(tmux not installed: real-terminal timings skipped)")

    delay = RECHECK_DELAY
    latency = [
        asyncio.run(_recheck_latency(article, rules, work / f"recheck-{i}.db", delay, None)) for i in range(args.runs)
    ]
    fast = FAST_DELAY * 1000
    print(f"\nre-check after the last key press (rule packs wait {fast:.0f} ms, LanguageTool {delay * 1000:.0f} ms)")
    rules_ms = _median_ms([runs[0] for runs in latency])
    print(f"  rule flags updated after           {rules_ms:7.1f} ms   (check and score {rules_ms - fast:.1f} ms)")
    if args.languagetool:
        factory = partial(languagetool_for_review, _config(rules))
        latency = [
            asyncio.run(_recheck_latency(article, rules, work / f"lt-{i}.db", delay, factory, i))
            for i in range(args.runs)
        ]
        lt_ms = _median_ms([runs[-1] for runs in latency])
        print(f"  LanguageTool flags updated after   {lt_ms:7.1f} ms   (check {lt_ms - delay * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
