"""The page types a layout can name, each declared once, beside its code.

Each module named in `MODULES` declares its page types as `SECTIONS` (a tuple of
`Section`) at its top level; a new page type is one module, its name in `MODULES` and a
line in a layout file. What a section declares is everything the rest of the program asks
of it:

- `story`: the flowables of a section that stands in `sections:` (cover, scorecard, …);
- `page` and `applies`: for a page that follows each measure's own page (`follow_with:`,
  in pack order), the page for one measure and whether that measure has one;
- `charts`: the chart specs it draws (plain data, so workers start before layout);
- `needs`: what it needs from the figures, as the problem to report when that is missing;
- `part`: how `--split` cuts the pack: the section starts a part (`PartPlan`), and
  consecutive sections with the same part share it;
- `title`: the pack's title where a layout with the section has its own (the analysis);
- `anchors` and `measure_anchors`: the link targets it provides, and what a link to each
  is called (a screen reader says it);
- `trailing`: pages it brings whole, merged after the laid-out pages (the appendix PDFs);
- `pages`: each measure's page in it, for the figures file (the measure pages);
- `figures`: the figures of its own it shows, worked out from the pack's (the at-a-glance
  overview), once per set of figures: its story reads them with `own_figures`.

The layout schema takes its section names from here, and the split plan from the
sections' `part`s; nothing else lists page types.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

# The modules of report.layout that declare page types, each read for its SECTIONS.
MODULES = ("cover", "key", "at_a_glance", "summary", "scorecard", "measure", "benchmarks",
           "audit", "appendices", "analysis")


@dataclass(frozen=True)
class PartPlan:
    slug: str  # file name after the number: "01-summary-and-scorecard.pdf"
    title: str  # after the pack's title: "Cabinet Scorecard – April 2019: summary and …"
    # one part per theme instead (the measure pages): (theme) -> the anchor it starts at
    by_theme: Callable | None = None


FRONT = PartPlan("summary-and-scorecard", "summary and scorecard")  # one part, from page 1


@dataclass(frozen=True)
class Trailing:
    """Pages a section brings whole, merged after the laid-out pages, in a part of their
    own when the pack is split."""

    pages: Callable  # (figures, layout) -> how many
    warnings: Callable  # (figures) -> what merging them brings or leaves out
    part: PartPlan
    alone: Callable  # (figures, theme, page_offset, total pages) -> the part's PDF bytes


@dataclass(frozen=True)
class Section:
    name: str
    story: Callable | None = None  # (Context) -> flowables, for a `sections:` entry
    page: Callable | None = None  # (Context, MeasureFigures) -> flowables, a follower
    applies: Callable | None = None  # (MeasureFigures) -> bool: this measure has the page
    label: str = ""  # a follower in the Previous/Next chain: "<short name> quartiles"
    anchor: Callable | None = None  # (MeasureFigures) -> the follower page's anchor
    charts: Callable | None = None  # (figures, layout, width, style) -> {chart id: spec}
    needs: Callable | None = None  # (figures, folder) -> (file, message) when it cannot be
    part: PartPlan | None = None
    checks: Callable | None = None  # (figures, layout) -> what the layout names wrongly
    title: Callable | None = None  # (figures) -> the pack's title in this layout, or None
    anchors: dict[str, str] = field(default_factory=dict)  # link target -> what it is called
    # a measure's link target by kind ("quartiles" for "quartiles-dtoc") -> (measure) -> name
    measure_anchors: dict[str, Callable] = field(default_factory=dict)
    trailing: Trailing | None = None
    pages: Callable | None = None  # (figures, anchors) -> {measure id: the page it has}
    figures: Callable | None = None  # (figures) -> the figures of its own that it shows

    @property
    def follows_measures(self) -> bool:
        return self.page is not None


@lru_cache(maxsize=1)
def sections() -> dict[str, Section]:
    """Every declared section by name, from the modules in `MODULES`."""
    return declared(MODULES)


def declared(modules) -> dict[str, Section]:
    """The sections the modules of report.layout named in `modules` declare, by name."""
    found: dict[str, Section] = {}
    for module in modules:
        for section in importlib.import_module(f"report.layout.{module}").SECTIONS:
            if section.name in found:
                raise RuntimeError(f"two page types are named '{section.name}'")
            found[section.name] = section
    return found


def own_figures(name: str, figures):
    """Section `name`'s own figures, worked out from the pack's `figures` the first time
    they are asked for and then kept with them (the figures are never changed)."""
    kept = _OWN.get(id(figures))
    if kept is None or kept[0] is not figures:
        kept = _OWN[id(figures)] = (figures, {})
        while len(_OWN) > 4:  # a build holds one set of figures; tests hold a few
            del _OWN[next(iter(_OWN))]
    own = kept[1]
    if name not in own:
        own[name] = sections()[name].figures(figures)
    return own[name]


_OWN: dict[int, tuple[object, dict]] = {}


def standalone() -> list[str]:
    return sorted(n for n, s in sections().items() if s.story is not None)


def followers() -> list[str]:
    return sorted(n for n, s in sections().items() if s.follows_measures)


def layout_specs(figures, layout) -> dict[str, dict]:
    """Every chart one layout draws, by chart id ("trend-dtoc"): plain data, handed to the
    chart workers."""
    from reportlab.lib.pagesizes import A4  # two numbers; reportlab.lib alone is cheap

    width = A4[0] - layout.page.margin_left - layout.page.margin_right
    return chart_specs(figures, layout, width)


def chart_specs(figures, layout, width: float) -> dict[str, dict]:
    """Every chart the layout's sections and measure followers draw, by chart id."""
    style = layout.chart.as_dict()
    specs: dict[str, dict] = {}
    for section in in_layout(layout):
        if section.charts is not None:
            specs.update(section.charts(figures, layout, width, style))
    return specs


def in_layout(layout) -> list[Section]:
    """The layout's sections and the pages that follow its measure pages, each once."""
    follow_with = layout.measure_page.follow_with if layout.measure_page else []
    return [sections()[name] for name in dict.fromkeys([*layout.sections, *follow_with])]


def title(figures, layout) -> str:
    """The pack's title in this layout: the first a section gives, or the pack's own."""
    for section in in_layout(layout):
        own = section.title(figures) if section.title is not None else None
        if own is not None:
            return own
    return figures.full_title


def trailing(layout) -> Trailing | None:
    """The pages the layout's sections bring whole after the laid-out pages, if any."""
    return next((s.trailing for s in in_layout(layout) if s.trailing is not None), None)


def provider(figures, key: str) -> Section | None:
    """The section that declares link target `key`, if one does."""
    kind, _, measure_id = key.partition("-")
    m = figures.measures.get(measure_id) if measure_id else None
    for section in sections().values():
        if (m is not None and kind in section.measure_anchors) or key in section.anchors:
            return section
    return None


def destination(figures, key: str) -> str:
    """What a link to `key` is called, as the section that provides it names it: the
    measure's title, not its short name ("Uptake of direct payments…, national
    quartiles"); a key no section names is its own name."""
    section = provider(figures, key)
    if section is None:
        return key
    if key in section.anchors:
        return section.anchors[key]
    kind, _, measure_id = key.partition("-")
    return section.measure_anchors[kind](figures.measures[measure_id])
