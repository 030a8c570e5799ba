"""Input files are UTF-8 text, ordinary files inside the pack folder, and of a size a pack
plausibly has; anything else is a problem naming the file (and the line, where there is
one), found before the file is read into memory."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from report.problems import Collector

MB = 1024 * 1024
# The largest file of each kind that is read: far beyond any real pack (the example's
# measures.yaml is 13 KB, a 400-measure data.csv 0.3 MB), small enough that reading one
# never threatens the machine's memory.
SIZE_LIMITS = {".yaml": 5 * MB, ".csv": 10 * MB, ".md": 1 * MB}
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
MISSING = "file is missing (every pack folder needs it)"


def read_text(path: Path, collector: Collector, missing: str | None = MISSING) -> str | None:
    """The file's text, or None with a problem said: missing (with the message `missing`,
    or none if that is None), a link leading out of the pack folder, not an ordinary file,
    too large, or not UTF-8. A refused file is never opened, so nothing of what a link
    points to can reach a message."""
    data = read_bytes(path, collector, missing)
    return None if data is None else decode(path, data, collector)


def read_bytes(path: Path, collector: Collector, missing: str | None = MISSING) -> bytes | None:
    problem = outside_problem(path, collector.root)
    if problem:
        where, message = problem
        collector.add(where, None, "", message)
        return None
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        said = broken_link(path)
        if said:
            collector.add(path, None, "", said)
        elif not isinstance(exc, FileNotFoundError):
            collector.add(path, None, "", f"cannot be read ({_reason(exc)})")
        elif missing:
            collector.add(path, None, "", missing)
        return None
    kind = special_kind(info.st_mode)
    if kind:
        collector.add(path, None, "", f"is {kind}, not a file (save the data as an "
                                      "ordinary file in the pack folder)")
        return None
    limit = SIZE_LIMITS.get(path.suffix.lower(), 5 * MB)
    if info.st_size > limit:
        collector.add(path, None, "", f"is {info.st_size / MB:.1f} MB, more than the "
                                      f"{limit // MB} MB a pack's {path.suffix} file may be "
                                      "(is it the right file?)")
        return None
    try:
        # Non-blocking: a file replaced by a pipe since the check above cannot hang.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) |
                         getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                collector.add(path, None, "", "is not an ordinary file (save the data as an "
                                              "ordinary file in the pack folder)")
                return None
            with os.fdopen(handle, "rb", closefd=False) as stream:
                data = stream.read(limit + 1)
        finally:
            os.close(handle)
    except OSError as exc:
        collector.add(path, None, "", f"cannot be read ({_reason(exc)})")
        return None
    if len(data) > limit:  # it grew since it was looked at
        collector.add(path, None, "", f"is more than the {limit // MB} MB a pack's "
                                      f"{path.suffix} file may be (is it the right file?)")
        return None
    return data


def broken_link(path: Path) -> str | None:
    """What to say of `path` when it is a link that leads nowhere (to nothing there, or
    round in a loop): an input that is there but cannot be reached, never taken as one
    left out. None for anything else."""
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except FileNotFoundError:
        return ("is a link to something that does not exist; put the file or folder itself "
                "in the pack folder")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return ("is a link whose links lead round in a loop; put the file or folder "
                    "itself in the pack folder")
    return None


def special_kind(mode: int) -> str | None:
    """"a named pipe", "a folder", ... for anything that is not an ordinary file."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return None if stat.S_ISREG(mode) else "not an ordinary file"


def outside_problem(path: Path, root: Path) -> tuple[Path, str] | None:
    """Where `path` (below `root`) leaves the pack folder through a symbolic link: the
    link (the file itself, or a folder on the way) and what to say of it; else None."""
    try:
        real_root = os.path.realpath(root)
        if _inside(os.path.realpath(path), real_root):
            return None
        relative = Path(os.path.relpath(path, root))
    except (OSError, ValueError):
        return None  # reading it says what is wrong
    if relative.parts[:1] == ("..",):
        return None  # not below the pack folder at all: the caller's business
    step = Path(root)
    for part in relative.parts:
        step = step / part
        if not _inside(os.path.realpath(step), real_root):
            if not os.path.isdir(step):
                return step, ("is a link to a file outside the pack folder; copy the file "
                              "into the folder instead")
            return step, ("is a link to a folder outside the pack folder; copy the folder "
                          "into the pack folder instead")
    return None


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _reason(exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return getattr(exc, "strerror", None) or str(exc)


def decode(path: Path, data: bytes, collector: Collector) -> str | None:
    """UTF-8 text, byte-order marks at its start taken off (Excel may write one, and a file
    saved twice two), or a problem naming the line."""
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        collector.add(path, line, "", "is not UTF-8 text; save the file as UTF-8 (in Excel: "
                                      "'CSV UTF-8'; in Notepad: encoding UTF-8)")
        return None
