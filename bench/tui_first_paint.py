"""How fast the review app paints, against a minimal Textual app in the same run, and how
soon a segment is re-checked after the reviewer stops typing.

Usage:  .venv/bin/python bench/tui_first_paint.py [ARTICLE] [--rules DIR] [--runs N]

Three measurements, each the median of --runs:
1. In process, headless at 120x35: from building the app to its first frame (Textual's
   Ready event; ours shows the article list, "Loading articles…"), and for ours also to
   the review screen showing the article with its rule flags. Baseline: an App with a
   Header, a Static and a Footer.
2. In a real terminal (tmux, when installed): from starting the process to the text
   appearing in the pane (Python start-up and imports included), for `reviewer review
   ARTICLE --no-languagetool` and for the minimal app run as a script.
3. Re-check latency: after the last key press in the editor, the time until the
   segment's new flags are in, as the debounce delay plus the check; rules only.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, Static

from reviewer.store import ReviewStore
from reviewer.tui import Settings, make_app
from reviewer.tui.screens.review import ReviewScreen

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed-article.txt"
DEFAULT_ARTICLE = SEED if SEED.exists() else ROOT / "corpora" / "harbour-strike.txt"
SIZE = (120, 35)

MINIMAL_APP = '''
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("minimal app painted")
        yield Footer()

Minimal().run()
'''


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

    def hook(self, message: Message) -> None:
        name, now = type(message).__name__, time.perf_counter() - self.start
        self.first.setdefault(name, now)
        self.last[name] = now


async def _paint_minimal() -> float:
    """Seconds from building the app to Textual's Ready (sent after the first frame)."""
    clock = Clock()
    app = Minimal()
    async with app.run_test(size=SIZE, message_hook=clock.hook) as pilot:
        await pilot.pause()
    return clock.first["Ready"]


async def _paint_ours(article: Path, rules: Path, db: Path) -> tuple[float, float]:
    """(first frame, review screen drawn with the rule flags) in seconds from building the app."""
    with ReviewStore.open(db) as store:
        clock = Clock()
        app = make_app(Settings(paths=(str(article),), reviewer="bench", rules=(str(rules),)), store)
        async with app.run_test(size=SIZE, message_hook=clock.hook) as pilot:
            while not (isinstance(app.screen, ReviewScreen) and app.screen.session.checked):
                await pilot.pause(0.005)
            flagged = time.perf_counter() - clock.start
            await pilot.app.workers.wait_for_complete()
    return clock.first["Ready"], flagged


async def _recheck_latency(article: Path, rules: Path, db: Path, delay: float) -> float:
    """Seconds from the editor's last change to the segment's new flags being shown."""
    with ReviewStore.open(db) as store:
        clock = Clock()
        app = make_app(Settings(paths=(str(article),), reviewer="bench", rules=(str(rules),), recheck_delay=delay), store)
        async with app.run_test(size=SIZE, message_hook=clock.hook) as pilot:
            while not (isinstance(app.screen, ReviewScreen) and app.screen.session.checked):
                await pilot.pause(0.005)
            screen = app.screen
            await pilot.press("n", "e", "end", *" and 1.500 more")
            text = screen.session.text(screen.index)
            while screen.session.checked.get(screen.index) != text:
                await pilot.pause(0.002)
            shown = time.perf_counter() - clock.start
            await pilot.app.workers.wait_for_complete()
    return shown - clock.last["Changed"]


def _in_terminal(command: list[str], cwd: Path, expect: str) -> float:
    """Seconds from starting `command` in a 120x35 tmux pane until `expect` shows."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    line = " ".join(["env", "-u", "COLUMNS", "-u", "LINES", f"REVIEWER_DB={cwd / 'tmux.db'}", *command])
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "35", "-c", str(cwd), line], check=True)
    try:
        while time.perf_counter() - start < 30:
            shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if expect in shown:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"{expect!r} never showed for {command}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def _runs(n: int, measure: Callable[[], float]) -> list[float]:
    return [measure() for _ in range(n)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    parser.add_argument("--runs", type=int, default=5)
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
    print(f"  reviewer, first paint              {_median_ms(first):7.1f} ms   ratio {statistics.median(first) / statistics.median(minimal):.2f}")
    print(f"  reviewer, flagged article shown    {_median_ms(flagged):7.1f} ms   ratio {statistics.median(flagged) / statistics.median(minimal):.2f}")

    if shutil.which("tmux"):
        script = work / "minimal_app.py"
        script.write_text(MINIMAL_APP, encoding="utf-8")
        minimal_t = _runs(args.runs, lambda: _in_terminal([sys.executable, str(script)], work, "minimal app painted"))
        review = [sys.executable, "-m", "reviewer", "review", str(article), "--no-languagetool", "--rules", str(rules)]
        shown_t = _runs(args.runs, lambda: _in_terminal(review, work, "Flags ("))
        print("\nreal terminal (tmux 120x35), process start to text on screen")
        print(f"  minimal Textual app                {_median_ms(minimal_t):7.1f} ms")
        print(f"  reviewer review (flagged article)  {_median_ms(shown_t):7.1f} ms   ratio {statistics.median(shown_t) / statistics.median(minimal_t):.2f}")
    else:
        print("\n(tmux not installed: real-terminal timings skipped)")

    delay = 0.4
    latency = [asyncio.run(_recheck_latency(article, rules, work / f"recheck-{i}.db", delay)) for i in range(args.runs)]
    print("\nre-check after the last key press (rules, debounce 400 ms)")
    print(f"  flags updated after                {_median_ms(latency):7.1f} ms   (check itself {_median_ms(latency) - delay * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
