"""Input problems, collected so that every one is reported at once."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SUMMARY_AFTER = 5  # more rows of one file with the same kind of problem become one problem
QUOTE_LIMIT = 60  # characters of the user's own text a message quotes
_LONG_QUOTE = re.compile(rf"'([^'\n]{{{QUOTE_LIMIT + 1},}}?)'(?=[\s),;:.]|$)")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the inputs, in words a non-programmer understands."""

    file: str
    line: int | None
    field: str
    message: str
    sheet: str = ""   # a workbook's sheet: `line` is then its row
    column: str = ""  # and the field's column letter, where the field is a column
    measure: str = ""  # the measure it concerns, where it concerns one (`status` groups by it)

    def __str__(self) -> str:
        return f"{self.where}:{f' {self.field}:' if self.field else ''} {self.message}"

    @property
    def where(self) -> str:
        """`data.csv:24`, or `data.xlsx: sheet data, cell C24` for a workbook."""
        if not self.sheet:
            return f"{self.file}:{self.line}" if self.line else self.file
        if self.line and self.column:
            return f"{self.file}: sheet {self.sheet}, cell {self.column}{self.line}"
        if self.line:
            return f"{self.file}: sheet {self.sheet}, row {self.line}"
        return f"{self.file}: sheet {self.sheet}"


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
    # A table read from a workbook keeps its CSV name in the checks; its problems name the
    # workbook, sheet and cell: {csv path: (workbook, sheet, {column: letter})}
    sheets: dict[str, tuple[Path, str, dict[str, str]]] = field(default_factory=dict)

    def break_file(self, path: Path) -> None:
        """Mark a file unreadable, so checks that count its rows stay quiet."""
        self.broken.add(path.as_posix())

    def is_broken(self, path: Path) -> bool:
        return path.as_posix() in self.broken

    def display(self, path: Path) -> str:
        """The path as the user typed the pack folder, with forward slashes."""
        return path.as_posix()

    def add(self, path: Path, line: int | None, field_name: str, message: str) -> None:
        self.problems.append(self._problem(path, line, field_name, message))

    def warn(self, path: Path, line: int | None, field_name: str, message: str,
             measure: str = "") -> None:
        self.warnings.append(self._problem(path, line, field_name, message, measure))

    def _problem(self, path: Path, line: int | None, field_name: str, message: str,
                 measure: str = "") -> Problem:
        field_name, message = shortened(field_name), shorten_quotes(message)
        sheet = self.sheets.get(path.as_posix())
        if sheet is None:
            return Problem(self.display(path), line, field_name, message, measure=measure)
        workbook, name, letters = sheet
        return Problem(self.display(workbook), line, field_name, message, name,
                       letters.get(field_name, ""), measure)

    def summarised(self) -> list[Problem]:
        """Every problem once, in file order, with repeats summarised."""
        seen: set[Problem] = set()
        unique = [p for p in self.problems if not (p in seen or seen.add(p))]
        return summarise(in_file_order(unique))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputProblems(self.summarised())


def _kind(message: str) -> str:
    """A message with its quoted values and numbers taken out: what kind of problem."""
    return re.sub(r"\d+(?:\.\d+)?", "#", re.sub(r"'[^']*'", "'…'", message))


def summarise(problems: list[Problem]) -> list[Problem]:
    """More than SUMMARY_AFTER rows of one file with the same kind of problem (a column
    Excel turned into dates) become one problem at the first of them, saying how many rows
    and where the first few are, instead of hundreds of lines."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        if p.line is not None:
            groups.setdefault((p.file, p.sheet, p.field, _kind(p.message)), []).append(p)
    out: list[Problem] = []
    for p in problems:
        group = groups.get((p.file, p.sheet, p.field, _kind(p.message)), [])
        if p.line is None or len(group) <= SUMMARY_AFTER:
            out.append(p)
        elif p is group[0]:
            rows = sorted({q.line for q in group})
            first = [f"{q.column}{q.line}" if q.column else str(q.line) for q in group[:5]]
            at = "cells" if p.column else ("rows" if p.sheet else "lines")
            table = f"sheet {p.sheet}" if p.sheet else Path(p.file).name
            out.append(Problem(p.file, p.line, p.field,
                               f"{len(rows)} rows of {table} have this problem (first at {at} "
                               f"{', '.join(first)}, …): {p.message}", p.sheet, p.column))
    return out


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`1 problem`, `2 problems`: a count with its noun agreeing (`plural` where adding an
    s is wrong)."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


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
