"""Writing results: to stdout, or atomically to a file so a reader never sees half a report."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO, TypeVar, cast

from reviewer.errors import ConfigError, OutputError

_Result = TypeVar("_Result")


def _read_umask() -> int:
    """The process umask (readable only by setting it): read once, at import, before any
    worker thread exists, so that a report file gets the permissions any other file would."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_read_umask()


def write_text(text: str, path: str | None) -> None:
    """Write `text` to `path`, or to stdout when path is None or '-'.

    A regular file (or a new one) is replaced atomically: temp file, fsync, rename; an
    existing file keeps its mode, and a read-only one is refused. Anything else that exists
    (a device such as /dev/null, a FIFO) is written to in place, since renaming over it
    would replace the device itself."""
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
        _replace_atomically(target, text, existing_mode(path))
    except OSError as error:
        raise ConfigError(f"{path}: cannot write here: {error.strerror or error}") from None


def existing_mode(path: str) -> int | None:
    """The permission bits of the file at `path` (None: there is none yet), or ConfigError
    when they make it read-only. Checked on the bits, not with os.access: root may write
    anything, but a file someone made read-only is not to be replaced behind their back
    (a rename would not even need its write permission)."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigError(f"{path}: cannot write here: {error.strerror or error}") from None
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise ConfigError(f"{path}: is read-only; not changing it")
    return mode


def _replace_atomically(target: Path, text: str, mode: int | None) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE if mode is None else mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class GuardedStdout:
    """Stands in for stdout while a command runs, so that every command's output error is
    one line and exit 2 however it writes (a report, `print`): a write or flush that fails
    (a full disk, an I/O error) raises OutputError. A closed pipe (BrokenPipeError) passes
    through untouched: the reader has gone, which the CLI treats as no error."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._guard(self._stream.write, text)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _guard(self, operation: Callable[..., _Result], *args: Any) -> _Result:
        try:
            return operation(*args)
        except BrokenPipeError:
            raise
        except OSError as error:
            self._discard()
            raise OutputError(f"cannot write to stdout: {error.strerror or error}") from None

    def _discard(self) -> None:
        """Point stdout at the null device, so that the output still buffered (which
        Python would try to flush again at exit, and fail) goes nowhere, quietly."""
        try:
            fd = self._stream.fileno()
        except (OSError, ValueError):
            return  # not a file (a test's capture): nothing flushes it at exit
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)


@contextmanager
def guarded_stdout() -> Iterator[None]:
    """Run a command with stdout guarded (see GuardedStdout), flushed before it ends so
    that an error in output still buffered is the command's too, not an interpreter
    message at exit."""
    original = sys.stdout
    guarded = GuardedStdout(original)
    sys.stdout = cast(TextIO, guarded)
    try:
        yield
        guarded.flush()
    finally:
        sys.stdout = original
