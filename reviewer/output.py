"""Writing results: to stdout, or atomically to a file so a reader never sees half a report."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from reviewer.errors import ConfigError


def _umask() -> int:
    """The process umask (readable only by setting it), so a report gets ordinary permissions."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(text: str, path: str | None) -> None:
    """Write `text` to `path` (atomically: temp file + rename), or to stdout when path is None or '-'."""
    if path in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    except OSError as error:
        raise ConfigError(f"{path}: cannot write here: {error.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
