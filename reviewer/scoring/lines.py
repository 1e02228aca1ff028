"""Line-aligned plain-text files, read the way sacrebleu's CLI reads them, so that
`reviewer score --mt A --ref B` and `sacrebleu B -i A` see the same lines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewer.errors import InputError
from reviewer.scoring.bundle import TestSet


def read_lines(path: str | Path) -> list[str]:
    """One segment per line, trailing whitespace dropped (as sacrebleu does); a UTF-8
    byte-order mark is accepted."""
    try:
        with open(path, encoding="utf-8-sig", newline="\n") as handle:
            lines = [line.rstrip() for line in handle]
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"not UTF-8 (byte {error.start})") from None
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror}") from None
    if not lines:
        raise InputError(str(path), "is empty")
    return lines


def line_test_set(hypothesis_paths: Sequence[str], reference_path: str) -> TestSet:
    """Each hypothesis file is a system, named by its path, as in sacrebleu's `-i`."""
    references = read_lines(reference_path)
    systems = []
    for path in hypothesis_paths:
        lines = read_lines(path)
        if len(lines) != len(references):
            raise InputError(path, f"has {len(lines)} lines but {reference_path} has {len(references)}")
        systems.append((path, lines))
    return TestSet(references=references, systems=systems, articles=[], labels=[])
