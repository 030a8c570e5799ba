"""What a validated layout is, and what its mistakes are: shared by the loader
(`report.layout.config`) and the schema that validates (`report.layout.schema`).

The layout is frozen dataclasses, one for each model of the schema, field for field
(`tests/test_sections.py` holds them together): the pages are laid out from these, so a
rebuild that reads the layout back from the cache needs neither YAML nor pydantic. Lists
in the layout file are tuples here."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from report.problems import InputProblems


@dataclass(frozen=True)
class Page:
    size: str
    margin_top: float  # points, whatever unit the file wrote
    margin_bottom: float
    margin_left: float
    margin_right: float
    duplex: bool


@dataclass(frozen=True)
class Fonts:
    folder: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


@dataclass(frozen=True)
class TextStyle:
    parent: str | None
    size: float | None
    leading: float | None
    bold: bool | None
    italic: bool | None
    colour: str | None
    align: str | None
    space_before: float | None
    space_after: float | None


@dataclass(frozen=True)
class Chart:
    height: float
    quartile_height: float
    font_size: float
    outturn: str
    recalculated: str
    target: str

    def as_dict(self) -> dict:
        """The chart style as plain data, for the chart specs the workers are handed."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Scorecard:
    landscape: bool


@dataclass(frozen=True)
class SpcChart:
    two_sigma: bool
    show: str  # "trend", "spc" or "both"
    measures: dict[str, str] = field(default_factory=dict)  # a measure's own choice


@dataclass(frozen=True)
class MeasurePage:
    blocks: tuple[str, ...]
    spc_chart: SpcChart
    follow_with: tuple[str, ...]  # page types that follow each measure's own page


@dataclass(frozen=True)
class Layout:
    """A validated layout, its parents merged beneath it (`layout.page.margin_left`)."""

    name: str
    sections: tuple[str, ...]  # page types, in reading order
    page: Page
    fonts: Fonts
    palette: dict[str, str]
    styles: dict[str, TextStyle]
    chart: Chart
    scorecard: Scorecard
    measure_page: MeasurePage | None
    suppression_threshold: int
    strap_line: str | None


class LayoutError(InputProblems):
    """A layout file's mistakes: input problems like any other (exit 2, file and line)."""

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self.problems)
