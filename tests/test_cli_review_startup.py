"""`reviewer review` starts without importing what only the batch commands use (reports,
baselines, mining): the app's first paint waits for every import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reviewer.cli import main

PROBE = """
import sys
from reviewer.cli import main
try:
    main(["review", "--help"])
except SystemExit:
    pass
print(sorted(m for m in ("reviewer.baseline", "reviewer.batch", "reviewer.report", "reviewer.mining") if m in sys.modules))
"""


def test_review_does_not_import_the_batch_commands() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout[-500:]


def test_the_full_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert all(name in shown for name in ("check", "review", "export", "languagetool"))
