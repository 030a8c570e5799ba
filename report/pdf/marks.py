"""Marked content recorded during a build pass, for the structure tree built afterwards."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mark:
    page: int  # 1-based
    mcid: int
    role: str
    element: int
    alt: str | None


@dataclass
class MarkRecorder:
    """Per pass: multiBuild-style repeated passes start from an empty recorder."""

    marks: list[Mark] = field(default_factory=list)
    _next: dict[int, int] = field(default_factory=dict)

    def begin(self, page: int, role: str, element: int, alt: str | None) -> int:
        mcid = self._next.get(page, 0)
        self._next[page] = mcid + 1
        self.marks.append(Mark(page, mcid, role, element, alt))
        return mcid


class Tagger:
    """Hands out structure element numbers while a story is built (once per pass)."""

    def __init__(self):
        self._next = 0
        self.parents: dict[int, int | None] = {}
        self.roles: dict[int, str] = {}
        self._stack: list[int] = []

    def element(self, role: str) -> int:
        self._next += 1
        self.roles[self._next] = role
        self.parents[self._next] = self._stack[-1] if self._stack else None
        return self._next

    def open(self, role: str) -> int:
        """A grouping element (Sect, L, Table) that following elements belong to."""
        number = self.element(role)
        self._stack.append(number)
        return number

    def close(self) -> None:
        self._stack.pop()
