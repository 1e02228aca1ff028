"""Line-aligned plain-text files, read the way sacrebleu's CLI reads them, so that
`reviewer score --mt A --ref B` and `sacrebleu B -i A` see the same lines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewer.errors import InputError
from reviewer.loaders.reading import read_text
from reviewer.scoring.bundle import TestSet


def read_lines(path: str | Path) -> list[str]:
    """One segment per "\n"-ended line, trailing whitespace dropped (as sacrebleu does).
    Read through the loaders' `read_text`, so a missing, binary, non-UTF-8 or empty file
    gets the same one-line error as an article would."""
    text = read_text(str(path))
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [line.rstrip() for line in lines]


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
