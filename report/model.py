"""The computed pack: frozen dataclasses, every figure the pack prints, as text and number.

Computed once (report/compute/pack.py) and then only read: layout reads these and never
computes; the figures export is these, as JSON, joined with what the render returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from report.content import Block

if TYPE_CHECKING:
    from report.compute.methods import Methods
    from report.compute.reading import Reading
    from report.compute.revisions import Revision
    from report.compute.spc import Spc


class ReadOnly(dict):
    """A mapping in the figures (measures by id, the glossary, a comparator column's values):
    built once, then any change raises, as it does on the frozen dataclasses around it."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("the figures are read only: build new ones with dataclasses.replace")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self):  # a copy, or the build cache, makes it afresh from its items
        return (ReadOnly, (dict(self),))


@dataclass(frozen=True)
class Point:
    """One period on a measure's trend chart."""

    period: str  # input form: 2019-02, 2018/19 Q4, 2017/18
    label: str  # axis form: Feb 19
    value: float | None  # current (recalculated) figure; None after the latest data
    reported: float | None  # as first published; None when never revised
    target: float | None


@dataclass(frozen=True)
class Event:
    """What the service changed and when, marked on the measure's charts."""

    period: str  # input form
    period_label: str  # June 2018
    axis: str  # Jun 18, as the chart's axis names the period
    label: str  # "New review team"
    rebase: bool  # the SPC limits restart here
    reason: str | None  # why, when they do
    on_trend_chart: bool  # within the trend chart's year


@dataclass(frozen=True)
class Quartiles:
    year: str
    source: str
    boundaries: tuple[float, float, float, float, float]  # worst, 3rd, 2nd, 1st, best
    value: float
    current: str
    rows: tuple  # rules.QuartileRow
    next_distance: int | None
    top_distance: int | None
    next_difference: float | None
    top_difference: float | None
    unit_label: str | None
    unit_factor: float | None
    # as printed: the boundaries and the council's value; per row (score, difference,
    # percent, units); the distances to the next and the top quartile; the chart's alt text
    boundaries_text: tuple[str, ...] = ()
    value_text: str = ""
    row_texts: tuple[tuple[str, str, str, str], ...] = ()
    next_text: str = ""
    top_text: str = ""
    alt: str = ""


@dataclass(frozen=True)
class England:
    year: str
    value: float
    difference: float  # latest - England, signed
    difference_text: str


@dataclass(frozen=True)
class AreaValue:
    area: str
    value: float | None  # None when suppressed
    value_text: str  # "*" when suppressed
    numerator: float | None
    denominator: float | None
    suppressed: bool
    numerator_text: str = ""  # as printed: "1,004"; "*" when suppressed
    denominator_text: str = ""


@dataclass(frozen=True)
class Areas:
    period: str
    period_label: str
    values: tuple[AreaValue, ...]  # best first, suppressed last: the chart's order
    threshold: int
    any_suppressed: bool
    alt: str = ""  # what a screen reader hears for the area chart


@dataclass(frozen=True)
class ComparatorColumn:
    measure: str
    year: str
    values: dict[str, float | None]
    ranks: dict[str, int]
    council_rank: int | None
    ranked: int  # how many authorities have a value
    england: float | None
    # as printed: each authority's value ("–" where none), the council's rank, England's
    values_text: dict[str, str] = field(default_factory=ReadOnly)
    rank_text: str = "\u2013"
    england_text: str = "\u2013"


@dataclass(frozen=True)
class Latest:
    """The measure's latest figure: its period, its value and how the pack prints them."""

    period: str  # latest data period, input form
    label: str  # October 2019 / Q4 2018/19 / 2017/18
    value: float
    text: str  # "9.49"
    with_period: str  # scorecard: "86.1% (Q1)" when not this month's
    summary_label: str  # the summary's "Q4" of "Q4 performance": the measure's own period
    lag_note: str | None  # "(February data due to release schedule)"


@dataclass(frozen=True)
class Previous:
    """The figure the change is measured from: every field None when the measure has no
    earlier period."""

    period: str | None
    label: str | None
    reported: float | None  # as published: what the change is measured from
    reported_text: str | None
    with_period: str | None  # scorecard: "9.34 (Jan)" beside "9.49 (Feb)"
    value: float | None  # as now recalculated
    recalculated_text: str | None  # shown only when the figure was revised


@dataclass(frozen=True)
class Status:
    """The measure's status and how it was decided."""

    word: str | None  # GREEN / AMBER / RED; None for a context measure or nothing to judge
    basis: str  # "target", "direction of travel", "set in pack.yaml", "context", "none"
    reason: str | None  # why, when an officer set it in pack.yaml


@dataclass(frozen=True)
class Change:
    """The direction of travel since the previous period as published: every field None
    when there is no earlier period to compare with."""

    direction: str | None  # Up / Down / Static
    colour: str | None  # Green / Red / Amber; None for a context measure
    size: float | None
    unit: str | None  # "pp" or "%"
    text: str | None  # "Up (Red) 1.6%", "Down (Red) 3.2 pp since 2016/17"
    heading: str | None  # the scorecard's "Up (Red)", with its "since …" if any


NO_CHANGE = Change(None, None, None, None, None, None)


@dataclass(frozen=True)
class Target:
    """The target for the latest period and the year's end, as numbers and as printed."""

    value: float | None  # for the latest period; None without a target
    eoy: float | None  # for the end of the financial year
    eoy_text: str | None  # the year-end target as printed: "7.95"; None without a target
    text: str  # "85.0% (EoY 85.0%)", "DoT Only", "N/A"
    short: str  # the summary's "Target: 7.95"


@dataclass(frozen=True)
class Trend:
    """The trend chart: 12 months (4 quarters, 4 years) before the latest data to the
    financial year's end, and what a screen reader hears for it."""

    points: tuple[Point, ...]
    alt: str = ""


@dataclass(frozen=True)
class Benchmarks:
    """How the measure compares: national quartiles, England, the areas within the
    council and the comparator group; each None (or empty) where the inputs have none."""

    quartiles: Quartiles | None = None
    england: England | None = None
    areas: Areas | None = None
    comparators: tuple[ComparatorColumn, ...] = ()


@dataclass(frozen=True)
class MeasureFigures:
    """One measure: who and what it is, then its figures, one group per meaning."""

    id: str
    number: int
    theme: str
    theme_number: int
    theme_title: str
    title: str
    short_name: str
    description: str
    unit: str
    unit_text: str  # what the numbers count, as a chart prints it: "%", "people"
    decimals: int
    polarity: str
    preferred_travel: str | None  # "Upwards" / "Downwards" for measures with no target
    frequency: str
    source: str
    owner: str
    responsible_officer: str
    faq: str | None

    latest: Latest
    previous: Previous
    target: Target
    status: Status
    change: Change

    trend: Trend  # the trend chart
    spc: Spc  # the XmR chart of every period with a value
    benchmarks: Benchmarks = Benchmarks()
    commentary: dict[str, tuple[Block, ...]] = field(default_factory=ReadOnly)
    events: tuple[Event, ...] = ()  # marked on the trend and SPC charts
    reading: Reading | None = None  # the combined reading: report/compute/reading.py
    revisions: tuple[Revision, ...] = ()  # periods restated since first published

    @property
    def benchmarkable(self) -> bool:
        return self.benchmarks.quartiles is not None

    @property
    def has_areas(self) -> bool:
        return self.benchmarks.areas is not None


@dataclass(frozen=True)
class Theme:
    id: str
    number: int
    title: str
    measures: tuple[str, ...]


@dataclass(frozen=True)
class Appendix:
    title: str
    path: str  # absolute, checked to lie inside the pack folder


@dataclass(frozen=True)
class PackFigures:
    name: str  # the input folder's name: out/<name>.pdf
    title: str  # "Cabinet Scorecard"
    full_title: str  # "Cabinet Scorecard – April 2019"
    organisation: str
    authority: str
    directorate: str
    produced_by: str
    pack_month: str
    pack_month_label: str
    data_period: str
    data_period_label: str
    summary_label: str  # "Q4"
    period_note: str | None
    layout: str
    draft: bool
    protective_marking: str | None
    contact: str
    glossary: dict[str, str]
    themes: tuple[Theme, ...]
    measures: dict[str, MeasureFigures]
    focus: tuple[str, ...]
    appendices: tuple[Appendix, ...]
    comparator_years: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    # SPC rebases to consider, with the file and line they belong to: the build prints
    # them with the warnings; the figures file has each as its measure's `spc.shift`
    suggestions: tuple[str, ...] = ()
    analysis: Analysis | None = None
    methods: Methods | None = None  # how the figures were worked out: compute/methods.py

    def in_order(self) -> list[MeasureFigures]:
        return [self.measures[m] for theme in self.themes for m in theme.measures]


@dataclass(frozen=True)
class AnalysisRow:
    measure: str
    title: str
    values: tuple[str, ...]  # one per month column; "" where there is no value
    england: str
    difference: str  # latest - England, signed: "+1.42"
    target: str
    unit: str = ""  # what the figures count: "%", "number", "per 100,000 18+ population"
    versus_england: str | None = None  # DIFF by polarity: "better", "worse", "same"
    unpublished: tuple[int, ...] = ()  # month columns blank because the data trail
    lag_note: str | None = None  # "March 2019 not yet published: the data are released …"
    revised: tuple[int, ...] = ()  # month columns recalculated since first published


@dataclass(frozen=True)
class FocusArea:
    anchor: str  # its page's link target: "area-1"
    title: str
    rows: tuple[AnalysisRow, ...]
    comments: tuple  # content.Para
    footnotes: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    """The "Performance and Report Analysis" layout's extra figures (areas.yaml)."""

    title: str
    strap_line: str | None
    overview: tuple  # content.Para
    months: tuple[str, ...]  # column labels: the financial year's months to date
    years: tuple[tuple[str, int], ...]  # the year row: ("2018", 9), ("2019", 3)
    areas: tuple[FocusArea, ...]
    glossary: tuple[tuple[str, str], ...] = ()  # the pack's entries these pages print
