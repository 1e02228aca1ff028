"""How well our HTER agrees with the HTER published with a post-editing data set.

Usage:  .venv/bin/python bench/hter_agreement.py [PATH/TO/dev.jsonl]

The file has one JSON object per segment with `mt`, `pe` and the authors' `hter` (0-1),
as in MLQE-PE (../shared/data/pe-et-en/dev.jsonl by default). For every combination of
TER options we score each segment with `reviewer.scoring.hter` and print the Pearson
correlation with the authors' values, the mean absolute difference and the share of
segments that agree to 4 decimals; the best-agreeing options come first.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
from pathlib import Path

from reviewer.scoring import ScoringOptions, hter

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "pe-et-en" / "dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"no post-edit data at {args.data}: pass the MLQE-PE dev.jsonl path; skipped")
        return 0
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    theirs = [float(row["hter"]) for row in rows]
    results = []
    for case_sensitive, normalized, no_punct in itertools.product((True, False), repeat=3):
        options = ScoringOptions(ter_case_sensitive=case_sensitive, ter_normalized=normalized, ter_no_punct=no_punct)
        ours = [hter(row["mt"], row["pe"], options).score / 100 for row in rows]
        pearson = statistics.correlation(ours, theirs)
        mean_abs = statistics.fmean(abs(a - b) for a, b in zip(ours, theirs))
        exact = sum(abs(a - b) < 5e-5 for a, b in zip(ours, theirs)) / len(rows)
        label = f"case_sensitive={case_sensitive!s:<5} normalized={normalized!s:<5} no_punct={no_punct!s:<5}"
        signature = hter(rows[0]["mt"], rows[0]["pe"], options).signature
        results.append((pearson, exact, mean_abs, label, signature, ours))
    results.sort(key=lambda r: (-r[1], -r[0], r[2]))
    print(f"{len(rows)} segments from {args.data}; authors' mean HTER {statistics.fmean(theirs):.4f}")
    print(f"{'pearson':>8} {'exact':>7} {'mean |d|':>9}  options")
    for pearson, exact, mean_abs, label, *_ in results:
        print(f"{pearson:8.4f} {exact:7.1%} {mean_abs:9.4f}  {label}")
    best = results[0]
    print(f"\nbest: {best[3]}\n      signature {best[4]}")
    for row, ours, published in zip(rows, best[5], theirs):
        if abs(ours - published) >= 5e-5:
            print(f"differs: {row['id']}: ours {ours:.6f}, theirs {published:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
