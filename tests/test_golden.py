"""Golden reports: `reviewer check --no-languagetool` on every sample in corpora/, in the
JSON and the text format, compared with the files checked in under tests/golden/.

A change in what is flagged, in a message, an offset, an issue id or a score shows up as a
diff of those files in review. After a deliberate change, write them anew with
`make golden` (`pytest -m golden --update-golden`) and commit the diff. Only what changes
without the output changing is masked: the tool's version and the hashes and versions in
signatures.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from reviewer import __version__
from reviewer.cli import main

pytestmark = pytest.mark.golden

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SIDECARS = (".src.txt", ".ref.txt")
SAMPLES = sorted(p.name for p in (ROOT / "corpora").iterdir() if p.is_file() and not p.name.endswith(SIDECARS))
MASK = "…"
SIGNATURE_KEYS = {"signature", "signatures"}
# In signatures: sacrebleu's version, reviewer's, and the rule packs' hashes
MASKED_IN_SIGNATURES = [
    (re.compile(r"version:\d[\w.]*"), f"version:{MASK}"),
    (re.compile(r"\b(reviewer) " + re.escape(__version__) + ";"), rf"\1 {MASK};"),
    (re.compile(r"\b(\w+) [0-9a-f]{12}\b"), rf"\1 {MASK}"),
]


def masked(value: Any, in_signature: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: MASK if k == "sha256" else masked(v, in_signature or k in SIGNATURE_KEYS) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(v, in_signature) for v in value]
    if isinstance(value, str) and in_signature:
        for pattern, replacement in MASKED_IN_SIGNATURES:
            value = pattern.sub(replacement, value)
    return value


def check(sample: str, form: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", "--no-languagetool", "--no-cache", "--format", form, f"corpora/{sample}"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def as_json(code: int, out: str, err: str) -> str:
    report = json.loads(out)
    report["tool"]["version"] = MASK
    return json.dumps(masked(report), indent=2, ensure_ascii=False) + "\n"


def as_text(code: int, out: str, err: str) -> str:
    return out + (f"--- stderr\n{err}" if err else "") + f"--- exit {code}\n"


@pytest.fixture(autouse=True)
def from_the_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in the reports are as a user at the root of the checkout types them, and the
    packs are the checkout's `rules/`."""
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("form, render", [("json", as_json), ("text", as_text)], ids=["json", "text"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_report_matches_the_golden_file(
    sample: str, form: str, render: Any, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    actual = render(*check(sample, form, capsys))
    golden = GOLDEN / f"{sample}.{form}"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), f"no golden report {golden.relative_to(ROOT)}: run `make golden` and review it"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{sample} --format {form} differs from {golden.relative_to(ROOT)} (make golden)"
