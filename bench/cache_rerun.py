"""A CI re-run of an unchanged batch: `reviewer check` the first time, and again from the cache.

    .venv/bin/python bench/cache_rerun.py [--articles 40] [--words 300] [--jobs 2]

Runs `reviewer check` as a pipeline step would (a new process each time, LanguageTool
started by the command itself, an empty cache the first time) on a generated batch, then
again, unchanged, with the cache the first run left. `java` is a wrapper that counts its
launches, so the output says whether each run started LanguageTool. Prints both wall
times and their ratio. (To measure another version of reviewer the same way, run this
script from that checkout's root: `python -m reviewer` imports the package found in the
working directory first.)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from languagetool_bench import Texts

from reviewer.config import languagetool_home
from reviewer.languagetool.home import Home
from reviewer.languagetool.install import find_installation, java_executable

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--words", type=int, default=300, help="words per generated article")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    installed = Home.at(languagetool_home(os.environ))
    java = java_executable()
    if find_installation(installed) is None or java is None:
        print("LanguageTool is not installed (or no java): run `reviewer languagetool install`", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cache-rerun-") as scratch:
        first, first_java, again, again_java, first_report, again_report = measure(Path(scratch), java, installed, args)
    if again_report["articles"] != first_report["articles"]:
        raise SystemExit("the cached re-run reported something else than the first run")
    words = sum(article["words"] for article in first_report["articles"])
    print(f"{args.articles} articles, {words} words, --jobs {args.jobs}; reviewer check in a new process each time")
    print(f"{'first run (empty cache)':32s}{first:8.2f} s   java started: {'yes' if first_java else 'no'}")
    print(f"{'unchanged re-run from the cache':32s}{again:8.2f} s   java started: {'yes' if again_java else 'no'}")
    print(f"{'re-run vs first run':32s}{first / again:8.1f}x faster")
    return 0


def measure(
    scratch: Path, java: str, installed: Home, args: argparse.Namespace
) -> tuple[float, int, float, int, dict, dict]:
    """Both runs in `scratch`: seconds and java launches of each, and their reports."""
    home = scratch / "lt"  # the installed jars, a run directory of our own: no background server is used
    home.mkdir()
    (home / installed.version_dir().name).symlink_to(installed.version_dir())
    spy = scratch / "jdk" / "bin" / "java"
    spy.parent.mkdir(parents=True)
    spy.write_text(f'#!/bin/sh\necho "$$" >> "{scratch / "launches"}"\nexec "{java}" "$@"\n')
    spy.chmod(0o755)
    batch = scratch / "batch"
    batch.mkdir()
    texts = Texts()
    for n in range(args.articles):
        (batch / f"a{n:03d}.txt").write_text(texts.article(args.words), encoding="utf-8")
    env = {
        **os.environ,
        "REVIEWER_LT_HOME": str(home),
        "REVIEWER_CACHE_DIR": str(scratch / "cache"),
        "JAVA_HOME": str(spy.parent.parent),
    }
    for name in ("REVIEWER_LANGUAGETOOL_URL", "LTP_JAR_DIR_PATH"):
        env.pop(name, None)

    def run(name: str) -> tuple[float, int, dict]:
        before = launches(scratch)
        began = time.perf_counter()
        command = [sys.executable, "-m", "reviewer", "check", "--rules", str(ROOT / "rules"), str(batch)]
        options = ["--jobs", str(args.jobs), "--require-languagetool", "--format", "json", "--output"]
        done = subprocess.run(
            [*command, *options, str(scratch / f"{name}.json")],
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - began
        if done.returncode not in (0, 1):
            raise SystemExit(f"reviewer check failed ({done.returncode}): {done.stderr.strip()}")
        report = json.loads((scratch / f"{name}.json").read_text(encoding="utf-8"))
        return seconds, launches(scratch) - before, report

    first, first_java, first_report = run("first")
    again, again_java, again_report = run("again")
    return first, first_java, again, again_java, first_report, again_report


def launches(scratch: Path) -> int:
    log = scratch / "launches"
    return len(log.read_text().split()) if log.exists() else 0


if __name__ == "__main__":
    raise SystemExit(main())
