"""MQM weights from a file: what the file says applies, and mistakes name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.errors import ConfigError
from reviewer.model import Severity
from reviewer.mqm import DEFAULT_WEIGHTS
from reviewer.scoring.mqm_weights import load_weights


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "weights.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_severities_given_replace_defaults_and_the_rest_keep_theirs(tmp_path):
    weights = load_weights(write(tmp_path, "severity:\n  major: 10\n"))
    assert weights.by_severity == {Severity.MINOR: 1.0, Severity.MAJOR: 10.0, Severity.CRITICAL: 25.0}
    assert weights.overrides == DEFAULT_WEIGHTS.overrides


def test_overrides_replace_the_default_list(tmp_path):
    weights = load_weights(
        write(tmp_path, "overrides:\n  - {category: Fluency/Spelling, severity: minor, weight: 0.5}\n")
    )
    assert weights.overrides == {("Fluency/Spelling", Severity.MINOR): 0.5}
    assert load_weights(write(tmp_path, "overrides: []\n")).overrides == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("severity:\n  minor: 1\n  huge: 3\n", ":3: unknown severity 'huge'"),
        ("severity:\n  minor: -1\n", ":2: minor: points must be a number of 0 or more, not -1"),
        ("severity:\n  major: .nan\n", ":2: major: points must be a number of 0 or more, not nan"),
        ("severity:\n  major: .inf\n", ":2: major: points must be a number of 0 or more, not inf"),
        ("weights: {}\n", ":1: unknown key 'weights' (expected: severity, overrides)"),
        (
            "overrides:\n  - {category: Fluency/Punctation, severity: minor, weight: 0.1}\n",
            ":2: unknown MQM category 'Fluency/Punctation'",
        ),
        (
            "overrides:\n  - {category: Fluency/Spelling, severity: minor}\n",
            ":2: an override needs exactly: category, severity, weight",
        ),
        ("severity: [1, 5]\n", ":1: 'severity' must map minor/major/critical to points"),
        ("severity:\n  minor: [\n", ":3: not valid YAML"),
        ("- 1\n", ":1: MQM weights must be a mapping"),
        pytest.param(
            "severity:\n  minor: " + "9" * 5000 + "\n",
            ":2: not valid YAML: a number of more than 4300 digits",
            id="huge-number",
        ),
        pytest.param("severity: " + "[" * 100_000 + "]" * 100_000 + "\n", ":1: not valid YAML", id="deep-nesting"),
    ],
)
def test_mistakes_name_file_and_line(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load_weights(path)
    assert str(raised.value).startswith(f"{path}{message}")
