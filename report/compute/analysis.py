"""Figures for the analysis layout: each area's months to date, England and DIFF, and what
a councillor reading the table on paper needs beside them: each row's unit, the year of
each month, whether DIFF is better or worse than England, and which months are blank only
because the data are not published yet."""

from __future__ import annotations

import re

from report.compute import format as fmt
from report.compute.rules import england_difference, is_better, round_half_up, signed
from report.inputs.commentary import parse_inline
from report.model import Analysis, AnalysisRow, FocusArea, MeasureFigures
from report.periods import LENGTH, Period

# The words a unit prints as, for the units that need no more than their name.
UNIT_WORDS = {"percent": "%", "count": "number", "days": "days", "score": "score"}
# A rate's base as its title states it: "… per 100,000 18+ population (social care …)".
_RATE_BASE = re.compile(r"\bper\s+\d[\d,]*\b[^()]*")


def compute_analysis(inputs, measures: dict[str, MeasureFigures], data_period: Period
                     ) -> Analysis | None:
    spec = inputs.focus_areas
    if spec is None:
        return None
    months = financial_year_months(data_period)
    values, revised = {}, set()
    for lined in inputs.data:
        row = lined.row
        values[(row.measure, Period.parse(row.period).end)] = row.value
        if row.reported is not None and row.reported != row.value:
            revised.add((row.measure, Period.parse(row.period).end))
    declared_as = {m.id: m for m in inputs.measures.measures}
    areas = []
    for index, area in enumerate(spec.areas, start=1):
        rows = []
        for measure_id in area.measures:
            m = measures[measure_id]
            cells = tuple(
                fmt.number(values[(measure_id, month.end)], m.decimals)
                if (measure_id, month.end) in values else "" for month in months)
            england = difference = ""
            versus = None
            if m.benchmarks.england is not None:
                england = fmt.number(m.benchmarks.england.value, m.decimals)  # as the row's values
                gap = england_difference(m.latest.value, m.benchmarks.england.value)
                difference = signed(gap, m.decimals)
                versus = versus_england(gap, m.polarity, m.decimals)
            target = _plain(m.target.value) if m.target.value is not None else ""
            declared = declared_as[measure_id]
            unpublished = not_yet_published(Period.parse(m.latest.period), data_period, months)
            rows.append(AnalysisRow(
                measure_id, m.title, cells, england, difference, target,
                unit=unit_label(m.unit, m.title, declared.rate_per),
                versus_england=versus,
                unpublished=tuple(months.index(p) for p in unpublished),
                revised=tuple(index for index, month in enumerate(months)
                              if (measure_id, month.end) in revised),
                lag_note=lag_note(unpublished, Period.parse(m.latest.period),
                                  declared.release_lag)))
        areas.append(FocusArea(f"area-{index}", area.title, tuple(rows),
                               tuple(parse_inline(c) for c in area.comments),
                               tuple(area.footnotes)))
    return Analysis(spec.title, spec.strap_line, tuple(parse_inline(b) for b in spec.overview),
                    tuple(m.month_name[:3] for m in months), month_years(months),
                    tuple(areas))


def financial_year_months(data_period: Period) -> list[Period]:
    """April of the data period's financial year to the data period: the table's columns."""
    first = Period.month(data_period.fy_start, 4)
    return [Period(end, "monthly") for end in range(first.end, data_period.end + 1)]


def month_years(months: list[Period]) -> tuple[tuple[str, int], ...]:
    """The year row above the month columns: each calendar year and how many of the
    columns fall in it ("2018" over April to December, "2019" over January to March)."""
    runs: list[tuple[str, int]] = []
    for month in months:
        year = str(month.year)
        if runs and runs[-1][0] == year:
            runs[-1] = (year, runs[-1][1] + 1)
        else:
            runs.append((year, 1))
    return tuple(runs)


def unit_label(unit: str, title: str, rate_per: int | None = None) -> str:
    """What a row's figures count, from the measure's unit: "%", "number", and for a rate
    its base as the title states it ("per 100,000 18+ population"), else as `rate_per`
    gives it ("per 1,000"), else "rate"."""
    if unit != "rate":
        return UNIT_WORDS[unit]
    if found := _RATE_BASE.search(title):
        return found[0].strip().rstrip(",;:")
    return f"per {rate_per:,}" if rate_per else "rate"


def versus_england(difference: float, polarity: str, decimals: int) -> str | None:
    """DIFF (latest - England) read by the measure's polarity: "better" or "worse" than
    England, "same" where DIFF prints as zero; None for a measure where neither direction
    is better."""
    if polarity not in ("higher", "lower"):
        return None
    shown = round_half_up(difference, decimals)
    if shown == 0:
        return "same"
    return "better" if is_better(shown, 0.0, polarity) else "worse"


def not_yet_published(latest: Period, data_period: Period, months: list[Period]
                      ) -> list[Period]:
    """The month columns left blank only because the measure's data trail the pack: each
    period the measure reports in (every month, each quarter's last month, March for a
    year) after its latest value, up to the data period. Release lags are checked on
    input, so these are due, not missing."""
    length = LENGTH[latest.frequency]
    due = data_period.latest_complete(latest.frequency)
    ends = range(latest.end + length, due.end + 1, length)
    return [month for month in months if month.end in ends]


def lag_note(unpublished: list[Period], latest: Period, release_lag: int) -> str | None:
    """"March 2019 not yet published: the data are released a month in arrears", the
    periods named in the measure's own frequency (a quarter as "Q4 2018/19")."""
    if not unpublished:
        return None
    first, last = (Period(p.end, latest.frequency) for p in (unpublished[0], unpublished[-1]))
    if first == last:
        periods = first.long
    elif first.frequency == "monthly" and first.year == last.year:
        joint = " and " if len(unpublished) == 2 else " to "
        periods = f"{first.month_name}{joint}{last.long}"  # "February and March 2019"
    else:
        periods = f"{first.long} to {last.long}"
    if release_lag == 0:
        return f"{periods} not yet published"
    arrears = "a month" if release_lag == 1 else f"{release_lag} months"
    return f"{periods} not yet published: the data are released {arrears} in arrears"


def _plain(value: float) -> str:
    """England and target values as published: no trailing zeros (92.2, 100, 9.0 -> 9)."""
    return f"{value:g}"
