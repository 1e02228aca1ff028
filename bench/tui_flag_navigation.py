"""Flag navigation on a long segment: a 3,000-word segment with 90 flags, `n` pressed
through every flag, against a minimal Textual app answering a key in the same run.

Usage:  .venv/bin/python bench/tui_flag_navigation.py [--flags 90] [--words 3000]

Prints the median and worst milliseconds per key press (press, then wait until the
screen has processed it and refreshed), the ratio to the minimal app, whether every
key press landed on the next flag (no lost keystrokes), and the process's peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from reviewer.config import RunConfig
from reviewer.store import ReviewStore
from reviewer.tui import Settings, make_app
from reviewer.tui.screens.review import ReviewScreen

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "tests" / "tui" / "fixtures" / "rules"
SIZE = (120, 35)


def long_segment(words: int, flags: int) -> str:
    """One paragraph of `words` words, `flags` of them "Ruler" (flagged by the test pack)."""
    every = max(1, words // flags)
    return " ".join("Ruler" if n % every == 0 and n // every < flags else "harbour" for n in range(words)) + "."


class Minimal(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("n", "next", "Next")]

    def compose(self) -> ComposeResult:
        yield Static("0", id="count")
        yield Footer()

    def action_next(self) -> None:
        count = self.query_one("#count", Static)
        count.update(str(int(str(count.render())) + 1))


async def timed_presses(app: App[None], presses: int, ready: object = None) -> list[float]:
    times = []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if ready is None or isinstance(app.screen, ReviewScreen):
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("n")
            await pilot.pause()
            times.append(time.perf_counter() - start)
        if isinstance(app.screen, ReviewScreen):
            flags = app.screen.nav.all_flags()
            landed = [f.id for f in flags].index(app.screen.flag or "") if app.screen.flag else -1
            print(f"flags in the segment: {len(flags)}; after {presses} presses the focus is on flag {landed + 1}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flags", type=int, default=90)
    parser.add_argument("--words", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        article = Path(scratch) / "long.txt"
        article.write_text(f"Title\n\n{long_segment(args.words, args.flags)}\n", encoding="utf-8")
        baseline = asyncio.run(timed_presses(Minimal(), args.flags))
        with ReviewStore.open(Path(scratch) / "reviews.db") as store:
            config = RunConfig.build(os.environ, Path.cwd(), reviewer="bench", rule_paths=[RULES])
            settings = Settings(config=config, paths=(str(article),))
            ours = asyncio.run(timed_presses(make_app(settings, store), args.flags, ready=True))
    base_ms, ours_ms = statistics.median(baseline) * 1000, statistics.median(ours) * 1000
    print(f"minimal app: median {base_ms:.1f} ms per key")
    print(f"flag navigation: median {ours_ms:.1f} ms, worst {max(ours) * 1000:.1f} ms per key")
    print(f"ratio: {ours_ms / base_ms:.1f}x the minimal app")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
