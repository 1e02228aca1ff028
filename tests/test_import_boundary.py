"""The core is UI-free: CI and scripts can use it without Textual installed or imported."""

import subprocess
import sys

import pytest

CORE_MODULES = [
    "reviewer.batch",
    "reviewer.pipeline",
    "reviewer.loaders",
    "reviewer.checkers.rules",
    "reviewer.report.json_format",
    "reviewer.report.text_format",
    "reviewer.report.junit_format",
    "reviewer.report.sarif_format",
    "reviewer.report.github_format",
    "reviewer.baseline",
    "reviewer.scoring",
    "reviewer.store",
    "reviewer.export",
    "reviewer.review_session",
    "reviewer.workspace",
    "reviewer.navigation",
    "reviewer.search",
    "reviewer.decisions",
    "reviewer.segment_checks",
    "reviewer.cli",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    probe = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"{module} pulls in Textual: {out.strip()}"
