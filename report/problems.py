"""Input problems, collected so that every one is reported at once."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

QUOTE_LIMIT = 60  # characters of the user's own text a message quotes
_LONG_QUOTE = re.compile(r"'([^'\n]{%d,}?)'(?=[\s),;:.]|$)" % (QUOTE_LIMIT + 1))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the inputs, in words a non-programmer understands."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f" {self.field}:" if self.field else ""
        return f"{where}:{subject} {self.message}"


class InputProblems(Exception):
    """Raised once validation has finished, carrying every problem it found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the inputs")
        self.problems = problems


@dataclass
class Collector:
    """Gathers problems and warnings for one pack folder."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # files that could not be read at all

    def break_file(self, path: Path) -> None:
        """Mark a file unreadable, so checks that count its rows stay quiet."""
        self.broken.add(path.as_posix())

    def is_broken(self, path: Path) -> bool:
        return path.as_posix() in self.broken

    def display(self, path: Path) -> str:
        """The path as the user typed the pack folder, with forward slashes."""
        return path.as_posix()

    def add(self, path: Path, line: int | None, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.display(path), line, shortened(field_name),
                                     shorten_quotes(message)))

    def warn(self, path: Path, line: int | None, field_name: str, message: str) -> None:
        self.warnings.append(Problem(self.display(path), line, shortened(field_name),
                                     shorten_quotes(message)))

    def raise_if_any(self) -> None:
        if self.problems:
            seen: set[Problem] = set()
            unique = [p for p in self.problems if not (p in seen or seen.add(p))]
            raise InputProblems(in_file_order(unique))


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """File by file, then line by line, so a report reads like the files."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


def shortened(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text`, or its start and "…" when it is longer than `limit`: a message quotes enough
    of a value to find it, never kilobytes of it."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def shorten_quotes(message: str) -> str:
    """Every quoted value in `message` ('like this') cut to `QUOTE_LIMIT` characters."""
    return _LONG_QUOTE.sub(lambda m: f"'{shortened(m[1])}'", message)


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control characters (C0, DEL, C1), invisible
    format characters (bidirectional overrides, byte-order marks, zero-width ones), line
    and paragraph separators and lone surrogates shown as escapes (\\x1b, \\u202e), so
    the user's text can neither drive the terminal nor hide or reorder what a message
    says."""
    if text.isprintable():
        return text
    return "".join(_escaped(c) if unicodedata.category(c) in _HIDDEN else c for c in text)


_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _escaped(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
