"""`reviewer check` does not pay for the TUI: importing the CLI leaves Textual unloaded.

The layers themselves (the core never imports the TUI or the CLI, nor Textual) are
import-linter contracts in pyproject.toml, run by `make lint`. import-linter sees every
import, including the CLI's deferred one of the TUI, so this one is asked at run time.
"""

import subprocess
import sys


def test_importing_the_cli_does_not_import_textual() -> None:
    probe = "import sys, reviewer.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"reviewer.cli pulls in Textual: {out.strip()}"
