"""Marked content recorded during a build pass, for the structure tree built afterwards.

Sections ask a `Tagger` for structure elements while they build the story (reading
order); flowables record each marked-content sequence they draw on a `MarkRecorder`
(page, MCID, element, where on the page). Every pass starts both afresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def measuring(canv) -> bool:
    """True on a pass that only finds where things land: its pages, and the marks made on
    them, are thrown away, so content need not be drawn (anchors still record their
    pages). The pass's canvas says so (`report.pdf.doc`)."""
    return getattr(canv, "measuring_only", False)


@dataclass(frozen=True, slots=True)  # tens of thousands in a large pack
class Mark:
    page: int  # 1-based
    mcid: int
    element: int
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 on the page


@dataclass
class MarkRecorder:
    marks: list[Mark] = field(default_factory=list)
    drawn: set[int] = field(default_factory=set)  # elements with content so far
    # elements whose drawn lines break a word: the whole words, read instead (ActualText)
    spoken: dict[int, str] = field(default_factory=dict)
    _next: dict[int, int] = field(default_factory=dict)

    def begin(self, page: int, element: int, box) -> int:
        mcid = self._next.get(page, 0)
        self._next[page] = mcid + 1
        self.marks.append(Mark(page, mcid, element, tuple(box)))
        self.drawn.add(element)
        return mcid


class Tagger:
    """Hands out structure elements while a story is built (once per pass)."""

    def __init__(self):
        self._next = 0
        self.parents: dict[int, int | None] = {}
        self.roles: dict[int, str] = {}
        self.alt: dict[int, str] = {}
        self.attributes: dict[int, dict[str, str | int]] = {}
        # Link elements: the anchor key each goes to and, in words, what is there
        self.links: dict[int, tuple[str, str]] = {}
        self._stack: list[int] = []

    def element(self, role: str, alt: str | None = None,
                attributes: dict[str, str | int] | None = None) -> int:
        self._next += 1
        self.roles[self._next] = role
        self.parents[self._next] = self._stack[-1] if self._stack else None
        if alt:
            self.alt[self._next] = alt
        if attributes:
            self.attributes[self._next] = attributes
        return self._next

    def link(self, key: str, destination: str) -> int:
        """A Link element holding a link's visible text; its annotations join it when
        the structure tree is built."""
        number = self.element("Link")
        self.links[number] = (key, destination)
        return number

    def open(self, role: str, **kw) -> int:
        """A grouping element (Sect, L, LI, Table, TR) that following elements belong to."""
        number = self.element(role, **kw)
        self._stack.append(number)
        return number

    def close(self) -> None:
        self._stack.pop()
