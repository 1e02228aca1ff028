"""Writing results: to stdout, or atomically to a file so a reader never sees half a report."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from reviewer.errors import ConfigError


def _read_umask() -> int:
    """The process umask (readable only by setting it): read once, at import, before any
    worker thread exists, so that a report file gets the permissions any other file would."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_read_umask()


def write_text(text: str, path: str | None) -> None:
    """Write `text` to `path`, or to stdout when path is None or '-'.

    A regular file (or a new one) is replaced atomically: temp file, fsync, rename. Anything
    else that exists (a device such as /dev/null, a FIFO) is written to in place, since
    renaming over it would replace the device itself."""
    if path in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if not path:
        raise ConfigError("the output path is empty")
    target = Path(path)
    try:
        if target.is_dir():
            raise ConfigError(f"{path}: is a directory; give a file name for the output")
        if target.exists() and not target.is_file():
            with open(target, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            return
        _replace_atomically(target, text)
    except OSError as error:
        raise ConfigError(f"{path}: cannot write here: {error.strerror or error}") from None


def _replace_atomically(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
