"""MQM penalty weights from a YAML file, for teams whose guidelines weigh errors differently.

    severity:            # points per issue; a severity left out keeps its default
      minor: 1
      major: 5
      critical: 25
    overrides:           # replaces the default list (minor Fluency/Punctuation = 0.1)
      - {category: Fluency/Punctuation, severity: minor, weight: 0.1}

Errors name the file and line, so a typo in a category is not silently ignored.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml

from reviewer.errors import ConfigError
from reviewer.model import Severity
from reviewer.mqm import CATEGORIES, DEFAULT_WEIGHTS, Weights
from reviewer.rules.source import line_of, parse_yaml

_TOP_KEYS = ("severity", "overrides")
_OVERRIDE_KEYS = ("category", "severity", "weight")


def load_weights(path: str | Path) -> Weights:
    """The weights in the YAML file at `path`; raises ConfigError naming file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8"
        raise ConfigError(f"{path}: cannot read MQM weights: {reason}") from None
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML: {getattr(error, 'problem', None) or error}") from None
    return _weights(data, str(path))


def _fail(path: str, value: Any, problem: str, line: int = 1) -> ConfigError:
    """An error at the line `value` came from (numbers carry none: then at `line`)."""
    return ConfigError(f"{path}:{line_of(value, line)}: {problem}")


def _weights(data: Any, path: str) -> Weights:
    if not isinstance(data, dict):
        raise _fail(path, data, "MQM weights must be a mapping with 'severity' and/or 'overrides'")
    for key in data:
        if key not in _TOP_KEYS:
            raise _fail(path, key, f"unknown key {key!r} (expected: {', '.join(_TOP_KEYS)})", line_of(data, 1))
    by_severity = dict(DEFAULT_WEIGHTS.by_severity)
    severities = data.get("severity", {})
    if not isinstance(severities, dict):
        raise _fail(path, severities, "'severity' must map minor/major/critical to points", line_of(data, 1))
    for name, points in severities.items():
        by_severity[_severity(path, name, line_of(severities, 1))] = _points(path, points, name, line_of(severities, 1))
    overrides = dict(DEFAULT_WEIGHTS.overrides)
    if "overrides" in data:
        entries = data["overrides"]
        if not isinstance(entries, list):
            raise _fail(path, entries, "'overrides' must be a list of {category, severity, weight}", line_of(data, 1))
        overrides = {}
        for entry in entries:
            line = line_of(entry, line_of(entries, 1))
            if not isinstance(entry, dict) or set(entry) != set(_OVERRIDE_KEYS):
                raise _fail(path, entry, "an override needs exactly: category, severity, weight", line)
            if entry["category"] not in CATEGORIES:
                raise _fail(path, entry["category"], f"unknown MQM category {entry['category']!r}", line)
            severity = _severity(path, entry["severity"], line)
            overrides[(str(entry["category"]), severity)] = _points(path, entry["weight"], "weight", line)
    return Weights(by_severity=by_severity, overrides=overrides)


def _severity(path: str, name: Any, line: int) -> Severity:
    try:
        return Severity.parse(str(name))
    except ValueError as error:
        raise _fail(path, name, str(error), line) from None


def _points(path: str, value: Any, name: Any, line: int) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < math.inf:
        raise _fail(path, value, f"{name}: points must be a number of 0 or more, not {value!r}", line)
    return float(value)
