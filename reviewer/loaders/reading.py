"""Bytes to text, with errors that say where a file stops being UTF-8 text.

Every format goes through here, so a binary file, an empty file, a stray Latin-1 byte or
a broken XML tag gets the same one-line explanation whatever the file is called.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
import sys
import xml.etree.ElementTree as ET
from typing import Any

from reviewer.errors import InputError

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and byte column of a byte offset, for pointing an editor at it."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def read_bytes(path: str) -> bytes:
    """The file's bytes, or an InputError a user can act on.

    Only a regular file (after symlinks) is opened: a FIFO would block the run until
    something writes to it, and a device never ends.
    """
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(path, "is a directory")
        if not stat.S_ISREG(mode):
            raise InputError(path, "not a regular file (a pipe, socket or device)")
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None


def decode(path: str, data: bytes) -> str:
    """UTF-8 text with a leading BOM removed; newlines are left exactly as they are."""
    if data.startswith(_UTF16_BOMS):
        raise InputError(path, "is UTF-16 text; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, _ = _line_column(data, nul)
        raise InputError(path, f"looks binary (NUL byte at byte offset {nul}); expected UTF-8 text", line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(data, error.start)
        problem = f"not valid UTF-8: byte 0x{data[error.start]:02x} at byte offset {error.start} (column {column})"
        raise InputError(path, problem, line) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(path, "is empty" if not text else "is empty (only whitespace)")
    return text


def read_text(path: str) -> str:
    """Read and decode `path` (see `decode`)."""
    return decode(path, read_bytes(path))


class JSONProblem(ValueError):
    """Why a JSON text cannot be used, in words for a one-line error; `line` and
    `column` (1-based) when the parser knows where."""

    def __init__(self, problem: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column


def parse_json(text: str) -> Any:
    """`json.loads`, failing only with JSONProblem. Besides syntax errors, valid JSON can
    defeat the parser: an integer longer than Python converts (ValueError) or nesting
    deeper than the stack (RecursionError); from a hostile file those must be that
    file's (or line's) error, never a crash that takes the batch down."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JSONProblem(f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except RecursionError:
        raise JSONProblem("not usable JSON: nested too deeply") from None
    except ValueError:  # the only other one json raises: int() refusing a number that long
        raise JSONProblem(f"not usable JSON: a number of more than {sys.get_int_max_str_digits()} digits") from None


def parse_xml(path: str, text: str) -> ET.Element:
    """The document's root element; a syntax error names its line and column.

    ElementTree never fetches external entities (they fail as undefined), and the expat
    it runs on refuses exponential entity expansion, so untrusted test sets are safe.
    """
    try:
        return ET.fromstring(text)
    except ET.ParseError as error:
        line, column = error.position
        problem = str(error).split(": line ")[0]
        raise InputError(path, f"malformed XML: {problem} (column {column + 1})", line) from None


def local_name(element: ET.Element) -> str:
    """A tag without its `{namespace}`, so XLIFF 1.2 and 2.0 read alike."""
    return element.tag.rpartition("}")[2]
