"""Flag quality, ours against plain LanguageTool, measured in one run on one server.

    .venv/bin/python bench/flag_quality.py [--languagetool-url URL] [--shared DIR]
        [--mqm FILE] [--wmt-dev FILE] [--wmt-all FILE] [--top N]

1. MQM-rated MT (WMT23 zh-en dev): `reviewer check` with its default profile (mt-review),
   plain LanguageTool at its default level and at level=picky (`plain_languagetool.py`),
   each scored by the shared `flag_quality.py`: local_span_F1, issue precision, recall.
2. Human news references (WMT21 de-en, both references of every unit, with their German
   source): every issue there is a false alarm. Per 1,000 words, for our rule packs and
   source-aware checks (`--no-languagetool`), for our whole default run, and for plain
   LanguageTool default and picky on the same text; then our rules' false alarms one by one.

Data and tools are found in `--shared` (default: the first of ../shared and ../../shared
beside this repository); a missing file is said in one line and that part is skipped. A
LanguageTool server is started for the run unless `--languagetool-url` names one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from reviewer.config import languagetool_home
from reviewer.languagetool.home import Home
from reviewer.languagetool.install import find_installation
from reviewer.languagetool.server import start_server

REPO = Path(__file__).resolve().parent.parent
SCORE = re.compile(
    r"local_span_recall\(fluency\)=([\d.]+) issue_precision\(any error\)=([\d.]+) local_span_F1=([\d.]+)"
)


def shared_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    candidates = [REPO.parent / "shared", REPO.parent.parent / "shared"]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def present(path: Path, what: str) -> bool:
    if path.is_file():
        return True
    print(f"skipped {what}: {path} not found")
    return False


def ours_command() -> list[str]:
    return [sys.executable, "-m", "reviewer"]


def run_env(workdir: Path, **extra: str) -> dict[str, str]:
    """A clean environment: no project reviewer.yaml (the work directory is empty), a
    private cache, so every figure comes from this run."""
    env = {**os.environ, "REVIEWER_CACHE_DIR": str(workdir / "cache"), **extra}
    env.pop("REVIEWER_LANGUAGETOOL_URL", None)
    return env


def mqm_scores(mqm: Path, tools: Path, url: str, workdir: Path) -> dict[str, tuple[float, float, float]]:
    runs = {
        "ours (mt-review)": (
            " ".join(ours_command()),
            ["--rules", str(REPO / "rules"), "--languagetool-url", url, "--no-cache"],
        ),
        "plain default": (f"{sys.executable} {tools / 'plain_languagetool.py'}", []),
        "plain picky": (f"{sys.executable} {tools / 'plain_languagetool.py'}", ["--picky"]),
    }
    scores = {}
    for name, (command, extra) in runs.items():
        done = subprocess.run(
            [sys.executable, str(tools / "flag_quality.py"), str(mqm), "--", *extra],
            capture_output=True,
            text=True,
            cwd=workdir,
            env=run_env(workdir, REVIEWER=command, LT_URL=url),
            check=False,
        )
        found = SCORE.search(done.stdout)
        if done.returncode or not found:
            raise SystemExit(f"flag_quality.py failed for {name}: {done.stderr.strip()[-300:] or done.stdout[-300:]}")
        recall, precision, f1 = (float(x) for x in found.groups())
        scores[name] = (f1, precision, recall)
    return scores


def reference_bundle(wmt_dev: Path | None, wmt_all: Path | None) -> list[dict]:
    """Both human references of every unit as articles of a bundle, with the German source."""
    articles, seen = [], set()
    if wmt_all is not None:
        for line in wmt_all.read_text(encoding="utf-8").splitlines():
            unit = json.loads(line)
            for key in ("ref", "ref_alt"):
                articles.append(_article(f"{unit['docid']}.{key}", unit["src"], unit[key]))
            seen.add(unit["docid"])
    if wmt_dev is not None:
        for line in wmt_dev.read_text(encoding="utf-8").splitlines():
            unit = json.loads(line)
            if unit["docid"] in seen:
                continue
            seen.add(unit["docid"])
            for key in ("ref", "ref_alt"):
                articles.append(_article(f"{unit['docid']}.{key}", unit["src"], unit[key]))
    return articles


def _article(name: str, sources: list[str], texts: list[str]) -> dict:
    segments = [{"source": s, "mt": t} for s, t in zip(sources, texts) if t.strip()]
    return {"id": name, "source_lang": "de", "target_lang": "en", "segments": segments}


def ours_on_references(bundle: Path, workdir: Path, extra: list[str]) -> list[dict]:
    done = subprocess.run(
        [
            *ours_command(),
            "check",
            str(bundle),
            "--format",
            "json",
            "--rules",
            str(REPO / "rules"),
            "--no-cache",
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=workdir,
        env=run_env(workdir),
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"reviewer check failed on the references: {done.stderr.strip()[-300:]}")
    return [issue for article in json.loads(done.stdout)["articles"] for issue in article["issues"]]


def plain_on_references(articles: list[dict], tools: Path, url: str, workdir: Path, picky: bool) -> int:
    text_file = workdir / "references.txt"
    text_file.write_text("\n\n".join(s["mt"] for a in articles for s in a["segments"]) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(tools / "plain_languagetool.py"), "check", str(text_file), "--format", "json"]
        + (["--picky"] if picky else []),
        capture_output=True,
        text=True,
        env=run_env(workdir, LT_URL=url),
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"plain_languagetool.py failed: {done.stderr.strip()[-300:]}")
    return len(json.loads(done.stdout)["articles"][0]["issues"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--languagetool-url", help="use this LanguageTool server (default: start one for the run)")
    parser.add_argument("--shared", help="the shared directory with data/ and tools/")
    parser.add_argument("--mqm", help="MQM-rated MT (default: SHARED/data/mqm-zh-en/dev.jsonl)")
    parser.add_argument("--wmt-dev", help="WMT21 de-en dev (default: SHARED/data/wmt-de-en/dev.jsonl)")
    parser.add_argument(
        "--wmt-all", help="WMT21 all systems (default: SHARED/data/wmt21-de-en-all-systems/units.jsonl)"
    )
    parser.add_argument("--top", type=int, default=15, help="rules listed by false alarms (default: 15)")
    args = parser.parse_args()
    shared = shared_dir(args.shared)
    tools = shared / "tools"
    mqm = Path(args.mqm) if args.mqm else shared / "data" / "mqm-zh-en" / "dev.jsonl"
    wmt_dev = Path(args.wmt_dev) if args.wmt_dev else shared / "data" / "wmt-de-en" / "dev.jsonl"
    wmt_all = Path(args.wmt_all) if args.wmt_all else shared / "data" / "wmt21-de-en-all-systems" / "units.jsonl"
    have_tools = present(tools / "flag_quality.py", "everything") and present(
        tools / "plain_languagetool.py", "everything"
    )
    if not have_tools:
        return 0
    server = None
    url = args.languagetool_url
    with tempfile.TemporaryDirectory(prefix="flag-quality-") as scratch:
        workdir = Path(scratch)
        if url is None:
            home = Home(root=languagetool_home(os.environ), run=workdir / "lt-run")
            installation = find_installation(home)
            if installation is None:
                print("skipped: LanguageTool is not installed (reviewer languagetool install)")
                return 0
            server = start_server(installation, home.run)
            url = server.url
        try:
            if present(mqm, "the MQM figures"):
                report_mqm(mqm_scores(mqm, tools, url, workdir))
            dev = wmt_dev if present(wmt_dev, "the WMT21 dev references") else None
            every = wmt_all if present(wmt_all, "the WMT21 all-systems references") else None
            if dev or every:
                report_references(reference_bundle(dev, every), tools, url, workdir, args.top)
        finally:
            if server is not None:
                server.stop()
    return 0


def report_mqm(scores: dict[str, tuple[float, float, float]]) -> None:
    print("\nMQM-rated MT (WMT23 zh-en dev), scored by flag_quality.py")
    print(f"{'':20} {'local_span_F1':>14} {'precision':>10} {'recall':>8}")
    for name, (f1, precision, recall) in scores.items():
        print(f"{name:20} {f1:14.3f} {precision:10.3f} {recall:8.3f}")
    ours, picky, default = scores["ours (mt-review)"], scores["plain picky"], scores["plain default"]
    print(f"ours / plain picky local_span_F1: {ours[0] / max(picky[0], 1e-9):.2f}x (goal >= 1.2)")
    print(f"ours precision - plain default precision: {ours[1] - default[1]:+.3f} (goal >= 0)")


def report_references(articles: list[dict], tools: Path, url: str, workdir: Path, top: int) -> None:
    bundle = workdir / "references.jsonl"
    bundle.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    words = sum(len(s["mt"].split()) for a in articles for s in a["segments"])
    rules_only = ours_on_references(bundle, workdir, ["--no-languagetool"])
    whole = ours_on_references(bundle, workdir, ["--languagetool-url", url])
    plain = {
        level: plain_on_references(articles, tools, url, workdir, level == "picky") for level in ("default", "picky")
    }
    per_1000 = lambda n: 1000 * n / max(words, 1)  # noqa: E731 - one line, used four times
    print(f"\nFalse alarms on human references (WMT21 de-en, {len(articles)} articles, {words} words)")
    print(f"{'':44} {'issues':>7} {'per 1,000 words':>16}")
    for name, count in (
        ("ours: rule packs and source-aware checks", len(rules_only)),
        ("ours: whole default run (with mt-review)", len(whole)),
        ("plain LanguageTool default", plain["default"]),
        ("plain LanguageTool picky", plain["picky"]),
    ):
        print(f"{name:44} {count:7d} {per_1000(count):16.2f}")
    print(f"\nOur rules' false alarms on the references (top {top}):")
    for (checker, rule), count in Counter((i["checker"], i["rule_id"]) for i in rules_only).most_common(top):
        print(f"  {count:4d}  {checker}/{rule}")


if __name__ == "__main__":
    raise SystemExit(main())
