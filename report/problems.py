"""Input problems, collected so that every one is reported at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
        self.problems.append(Problem(self.display(path), line, field_name, message))

    def warn(self, path: Path, line: int | None, field_name: str, message: str) -> None:
        self.warnings.append(Problem(self.display(path), line, field_name, message))

    def raise_if_any(self) -> None:
        if self.problems:
            seen: set[Problem] = set()
            unique = [p for p in self.problems if not (p in seen or seen.add(p))]
            raise InputProblems(in_file_order(unique))


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """File by file, then line by line, so a report reads like the files."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0))
