"""The input contract: one declaration per input file, a docstring per field.

These models check the shape and type of each file on its own. Checks that need more
than one file (unknown measure ids, periods out of range, ...) live in `crosscheck.py`.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

# Letters and signs that print as nothing: the Braille blank and the Hangul fillers.
_BLANKS = frozenset("\u2800\u3164\u115f\u1160\uffa0")


def _visible(value: object) -> object:
    """Text with nothing a reader would see (only control or format characters such as a
    byte-order mark or a zero-width space, marks with no letter to sit on, blank signs,
    and spaces) is refused, as empty text is."""
    import unicodedata

    if isinstance(value, str) and all(
            c.isspace() or c in _BLANKS
            or unicodedata.category(c) in ("Cc", "Cf", "Mn", "Me") for c in value):
        raise ValueError("holds only characters a reader cannot see (such as a byte-order "
                         "mark or a zero-width space); write some text")
    return value


IDENTIFIER = r"^[a-z][a-z0-9_]*$"  # a measure's, theme's or layout's id
Identifier = Annotated[str, Field(pattern=IDENTIFIER, max_length=60)]
Text = Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(_visible)]
# Text that sits in a table cell or a heading must fit on a page: shorter limits.
Title = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_visible)]
Line = Annotated[str, Field(min_length=1, max_length=150), AfterValidator(_visible)]
Note = Annotated[str, Field(min_length=1, max_length=1_500), AfterValidator(_visible)]
def _month_text(value: object) -> object:
    import datetime

    if isinstance(value, datetime.date):
        raise ValueError(f"{value.isoformat()} is a full date; write just the month in quotes, "
                         f'e.g. "{value:%Y-%m}"')
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"{value} is a number; write the month in quotes as YYYY-MM, "
                         'e.g. "2019-03"')
    return value


def _not_true_or_false(value: object) -> object:
    """A count (points, a number, months) is never yes or no: YAML reads an unquoted yes,
    no, true, on as true or false, which Python would take as 1 and 0."""
    if isinstance(value, bool):
        raise ValueError(f"'{str(value).lower()}' is true or false, not a number (write "
                         "digits, e.g. 1)")
    return value


NotYesOrNo = BeforeValidator(_not_true_or_false)
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a pack's months may fall in


def _plausible_month(value: str) -> str:
    if not FIRST_YEAR <= int(value[:4]) <= LAST_YEAR:
        raise ValueError(f"'{value}' is not a plausible month (the year should be between "
                         f"{FIRST_YEAR} and {LAST_YEAR})")
    return value


MonthKey = Annotated[str, BeforeValidator(_month_text),
                     Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$"), AfterValidator(_plausible_month)]
Status = Annotated[Literal["GREEN", "AMBER", "RED"],
                   BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v)]
# A figure's size: beyond these a value is a typing slip or a unit mix-up, and the sums
# made from it (changes, quartile distances) would lose their precision or overflow.
LARGEST, SMALLEST = 1e12, 1e-9


def _sensible_number(value: object) -> object:
    """Digits only (Python would read `3_649` as 3649), and a size a figure can have. Other
    text, NaN and infinity are left for the number parser to refuse in its own words."""
    if isinstance(value, bool):  # YAML reads an unquoted yes, no, true, on as these
        raise ValueError(f"'{str(value).lower()}' is true or false, not a number (write "
                         "digits, e.g. 9.49)")
    if isinstance(value, str):
        text = value.strip()
        if "_" in text:
            raise ValueError(f"'{text}' is not a number (write digits only, e.g. "
                             f"{text.replace('_', '')})")
        if text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
            return value
        try:
            number: float | int = float(text)
        except ValueError:
            return value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            return value
        number = value
    else:
        return value
    try:
        size = abs(float(number))
    except OverflowError:  # an integer beyond any float
        size = math.inf
    if size > LARGEST:
        raise ValueError(f"'{value}' is too large for a figure (numbers must lie between "
                         "-1,000,000,000,000 and 1,000,000,000,000)")
    if 0 < size < SMALLEST:
        raise ValueError(f"'{value}' is too close to zero for a figure (write 0, or a number "
                         "of at least 0.000000001)")
    return value


Number = Annotated[float, BeforeValidator(_sensible_number), Field(allow_inf_nan=False)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=False)


# --- pack.yaml -------------------------------------------------------------------------
class Appendix(Strict):
    """A partner report or other PDF merged in at the end of the pack."""

    title: Line
    """Its title in the outline and the contents."""
    file: Text
    """Path of the PDF, relative to the pack folder (it may not leave that folder)."""

    @field_validator("file")
    @classmethod
    def _plain_path(cls, value: str) -> str:
        control = next((c for c in value if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0), None)
        if control is not None:
            raise ValueError(f"contains a control character (\\x{ord(control):02x}); a file "
                             "name is plain text, e.g. appendices/report.pdf")
        return value


class StatusOverride(Strict):
    status: Status
    """GREEN, AMBER or RED."""
    reason: Note
    """Why the status is set by hand; kept in the figures export."""
    carried_from: MonthKey | None = None
    """Written by `new-period`: the data period the status was set for. The build warns
    until someone confirms the status for this month by deleting this line."""


RuleSet = Literal["nhsr-0.2.2", "mdc-2023"]  # the SPC rule sets report/compute/spc.py knows


class SpcPack(Strict):
    """`spc:` in pack.yaml: how every measure's SPC chart is read (see report/compute/spc.py)."""

    rule_set: RuleSet = "nhsr-0.2.2"
    """`nhsr-0.2.2` reproduces NHSRplotthedots 0.2.2; `mdc-2023` counts points beyond the
    process limits towards two-of-three and allows runs of 6."""
    run_length: Literal[6, 7] = 7
    """Points in a row that make a run (above or below the mean, rising or falling)."""
    minimum_points: Annotated[int, NotYesOrNo, Field(ge=2, le=120)] = 13
    """Points the latest period of limits needs before the pack shows icons."""
    screen_outliers: bool = True
    """Leave moving ranges of 3.267 times the average or more out of the limits."""


class PackFile(Strict):
    """`pack.yaml`: the pack as a whole."""

    title: Line
    """Pack title without the month, e.g. "Cabinet Scorecard"."""
    organisation: Line
    """Council name as printed on the cover, e.g. "Example City Council"."""
    authority: Line
    """The council's name as it appears in benchmarking tables, e.g. "Example City"."""
    directorate: Line
    produced_by: Note
    """The "Produced by ..." line on the cover."""
    pack_month: MonthKey
    """The month the pack goes to Cabinet, `YYYY-MM`."""
    data_period: MonthKey
    """The latest month of data the pack reports, `YYYY-MM`."""
    summary_label: Literal["month", "quarter", "month-of-quarter"] = "month"
    """How the summary names performance: the month's name, "Q4", or "M2"."""
    period_note: Note | None = None
    """Printed on the cover and carried to the top of every scorecard page: a short note."""
    layout: Identifier = "cabinet"
    focus_measures: list[Identifier] = Field(default_factory=list)
    """Measure ids shown in the summary front section, in order."""
    appendices: list[Appendix] = Field(default_factory=list)
    draft: bool = False
    protective_marking: Text | None = None
    """e.g. "OFFICIAL"; printed in every page's header."""
    contact: Text
    """Who to ask for the pack in another format."""
    status_overrides: dict[Identifier, StatusOverride] = Field(default_factory=dict)
    # a pack's glossary has tens of terms; a printed glossary of more than this is not read
    glossary: dict[Annotated[str, Field(min_length=1, max_length=40)], Note] = Field(
        default_factory=dict, max_length=1_000)
    spc: SpcPack = Field(default_factory=SpcPack)


# --- measures.yaml ---------------------------------------------------------------------
class Theme(Strict):
    id: Identifier
    number: Annotated[int, NotYesOrNo, Field(ge=1, le=999)]
    title: Line


class Benchmark(Strict):
    unit_label: Annotated[str, Field(min_length=1, max_length=30), AfterValidator(_visible)]
    """What one real unit is called in quartile tables, e.g. "Beds/day", "People"."""
    unit_factor: Annotated[Number, Field(gt=0.0)] | None = None
    """Real units per one unit of the measure (e.g. 8.4 beds/day per point of rate)."""


class SpcRebase(Strict):
    period: Annotated[str, BeforeValidator(_month_text), Field(min_length=1, max_length=20)]
    """The first period of the new limits, in the measure's frequency."""
    reason: Note
    """Why the process changed there; printed with the chart."""


MOST_EVENTS = 8  # on one measure's charts: a label's row each, above the data


class Event(Strict):
    """What the service changed, marked on the measure's trend and SPC charts."""

    period: Annotated[str, BeforeValidator(_month_text), Field(min_length=1, max_length=20)]
    """When, in the measure's frequency: a period within its data."""
    label: Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_visible)]
    """What changed, on one line: "New review team"."""
    rebase: bool = False
    """Restart the SPC limits at this period (Making Data Count: at a sustained shift
    with a known cause)."""
    reason: Note | None = None
    """Why the limits restart here; required with `rebase: true`."""

    @field_validator("label")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if not value.strip():
            raise ValueError('is blank (say what changed, e.g. "New review team")')
        if any(c in value for c in "\n\r\u2028\u2029"):
            raise ValueError('holds a line break (write it on one line of at most 40 '
                             'characters, e.g. "New review team")')
        return value

    @model_validator(mode="after")
    def _reason_with_rebase(self) -> Event:
        if self.rebase and self.reason is None:
            raise ValueError("has rebase: true but no reason (add reason: why the process "
                             "changed here, e.g. the new team's first month)")
        if self.reason is not None and not self.rebase:
            raise ValueError("has a reason but no rebase: true (a reason explains a rebase; "
                             "add rebase: true or remove the reason)")
        return self


class SpcMeasure(Strict):
    """A measure's own `spc:`: what differs from the pack's, its baseline and rebases."""

    rule_set: RuleSet | None = None
    run_length: Literal[6, 7] | None = None
    fix_after_n_points: Annotated[int, NotYesOrNo, Field(ge=12, le=120)] | None = None
    """Work the limits out from the first n points of each period of limits only."""
    rebases: list[SpcRebase] = Field(default_factory=list)


class Measure(Strict):
    id: Identifier
    number: Annotated[int, NotYesOrNo, Field(ge=1, le=999)] | None = None
    """Printed as "1."; left out of every measure, measures are numbered in pack order."""
    theme: Identifier
    title: Title
    short_name: Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_visible)]
    """Used in "Next: ..." links and the outline."""
    description: Note
    unit: Literal["percent", "rate", "count", "days", "score"]
    unit_text: Annotated[str, Field(min_length=1, max_length=60)] | None = None
    """What the numbers count, as the chart's axis prints it ("beds per 100,000 18+
    population"); left out, it is read off the unit and title (report/compute/units.py)."""
    decimals: Annotated[int, Field(ge=0, le=4, strict=True)] = 1
    polarity: Literal["higher", "lower", "none"]
    """Which way is better; `none` for measures tracked without a preferred direction."""
    frequency: Literal["monthly", "quarterly", "annual"] = "monthly"
    release_lag: Annotated[int, NotYesOrNo, Field(ge=0, le=24)] = 0
    """Months the data may trail the pack's data period because of its release schedule."""
    target: Number | dict[str, Number] | None = None
    """One value for every period, or a profile `{period: value}`."""
    eoy_target: Number | None = None
    """End-of-year target; defaults to the single target."""
    target_carried_from: Annotated[str, Field(pattern=r"^\d{4}/\d{2}$")] | None = None
    """Written by `new-period` in a new financial year: the year a single target was set
    for. The build warns until someone confirms it for the new year by deleting this line
    (or gives a profile)."""
    no_target: Literal["DoT Only", "N/A"] | None = None
    """Text shown instead of a target for measures without one."""
    tolerance: Annotated[Number, Field(ge=0.0)] = 0.0
    """How far a missed target may be and still count as AMBER."""
    rate_per: Annotated[int, Field(gt=0, le=1_000_000_000, strict=True)] | None = None
    """For rates with numerator and denominator: the population base, e.g. 100000."""
    source: Note
    owner: Line
    """The Measure Owner: a role title."""
    responsible_officer: Line
    faq: Text | None = None
    area_breakdown: bool = False
    benchmark: Benchmark | None = None
    spc: SpcMeasure | None = None
    events: list[Event] = Field(default_factory=list)
    """What the service changed and when: `[{period: "2018-06", label: "New review
    team"}]`, each marked on the charts; `rebase: true` with a `reason` restarts the SPC
    limits there."""

    @field_validator("events")
    @classmethod
    def _few_events(cls, value: list[Event]) -> list[Event]:
        if len(value) > MOST_EVENTS:
            raise ValueError(
                f"marks {len(value)} events; a chart marks at most {MOST_EVENTS}, so that "
                "each label has a row of its own above the data and the data keep their "
                "height: keep the changes that matter most, and say the rest in the "
                "commentary")
        return value

    @field_validator("unit_text")
    @classmethod
    def _one_line(cls, value):
        if value is not None and not value.strip():
            raise ValueError("is blank (write what the numbers count, e.g. people)")
        if value is not None and any(c in value for c in "\n\r\u2028\u2029"):
            raise ValueError("holds a line break (write it on one line, e.g. "
                             "\"beds per 100,000 18+ population\")")
        return value

    @field_validator("target")
    @classmethod
    def _profile_not_empty(cls, value):
        if isinstance(value, dict) and not value:
            raise ValueError('is an empty profile; give one value, or a value per period, '
                             'e.g. {"2019-03": 7.95}')
        return value

    @model_validator(mode="after")
    def _target_or_text(self) -> Measure:
        if self.target is None and self.no_target is None:
            raise ValueError("needs a target, or no_target: DoT Only / N/A")
        if self.target is not None and self.no_target is not None:
            raise ValueError(f"has a target and no_target: {self.no_target}; keep one")
        if self.target is not None and self.polarity == "none":
            raise ValueError("has a target but polarity none; a target needs polarity "
                             "higher or lower")
        if self.eoy_target is not None and self.target is None:
            raise ValueError("has eoy_target but no target")
        return self


class MeasuresFile(Strict):
    """`measures.yaml`: themes and measures, in pack order."""

    themes: Annotated[list[Theme], Field(min_length=1)]
    measures: Annotated[list[Measure], Field(min_length=1)]


# --- CSV rows --------------------------------------------------------------------------
def _blank_is_none(value: object) -> object:
    return None if isinstance(value, str) and value.strip() == "" else value


OptionalNumber = Annotated[Number | None, BeforeValidator(_blank_is_none)]


class DataRow(Strict):
    """`data.csv`: one value of one measure for one period."""

    measure: Identifier
    period: Text
    value: Number
    """The current figure (recalculated if revised)."""
    reported: OptionalNumber = None
    """The figure as first published; blank when unchanged."""
    numerator: OptionalNumber = None
    denominator: OptionalNumber = None


class QuartileRow(Strict):
    """`benchmarks/quartiles.csv`: national quartile boundaries, worst to best."""

    measure: Identifier
    year: Text
    source: Text
    worst: Number
    third: Number
    second: Number
    first: Number
    best: Number


class ComparatorRow(Strict):
    """`benchmarks/comparators.csv`: one authority's value for a measure and year."""

    measure: Identifier
    year: Text
    authority: Line
    value: OptionalNumber = None


class EnglandRow(Strict):
    """`benchmarks/england.csv`: the England (national average) value."""

    measure: Identifier
    year: Text
    value: Number


class AreaRow(Strict):
    """`benchmarks/areas.csv`: a measure by constituency or locality."""

    measure: Identifier
    period: Text
    area: Line
    value: Number
    numerator: OptionalNumber = None
    denominator: OptionalNumber = None



# --- areas.yaml (the analysis layout only) -----------------------------------------------
class FocusArea(Strict):
    """One "area of focus": a table of its measures, comments and footnotes."""

    title: Line
    measures: list[Identifier] = Field(default_factory=list)
    """Measure ids shown in the area's table, in order; none for a comments-only area."""
    comments: list[Text] = Field(default_factory=list)
    """Bullets; **bold** is allowed."""
    footnotes: list[Text] = Field(default_factory=list)


class AreasFile(Strict):
    """`areas.yaml`: what only the "Performance and Report Analysis" layout uses."""

    title: Text = "Performance and Report Analysis"
    strap_line: Text | None = None
    overview: list[Text] = Field(default_factory=list)
    """The "Performance Overview" bullets."""
    areas: Annotated[list[FocusArea], Field(min_length=1)]
