"""Figures for the analysis layout: each area's months to date, England and DIFF."""

from __future__ import annotations

from report.compute import format as fmt
from report.periods import Period
from report.compute.rules import england_difference, signed
from report.inputs.commentary import parse_inline
from report.model import Analysis, AnalysisRow, FocusArea, MeasureFigures


def compute_analysis(inputs, measures: dict[str, MeasureFigures], data_period: Period
                     ) -> Analysis | None:
    spec = inputs.focus_areas
    if spec is None:
        return None
    first = Period.month(data_period.fy_start, 4)
    months = []
    period = first
    while period <= data_period:
        months.append(period)
        period = period.shift(1)
    values = {}
    for lined in inputs.data:
        row = lined.row
        values[(row.measure, Period.parse(row.period).end)] = row.value
    areas = []
    for index, area in enumerate(spec.areas, start=1):
        rows = []
        for measure_id in area.measures:
            m = measures[measure_id]
            cells = tuple(
                fmt.number(values[(measure_id, month.end)], m.decimals)
                if (measure_id, month.end) in values else "" for month in months)
            england = difference = ""
            if m.england is not None:
                england = fmt.number(m.england.value, m.decimals)  # as the row's values
                difference = signed(england_difference(m.value, m.england.value), m.decimals)
            target = _plain(m.target) if m.target is not None else ""
            rows.append(AnalysisRow(measure_id, m.title, cells, england, difference, target))
        areas.append(FocusArea(f"area-{index}", area.title, tuple(rows),
                               tuple(parse_inline(c) for c in area.comments),
                               tuple(area.footnotes)))
    return Analysis(spec.title, spec.strap_line, tuple(parse_inline(b) for b in spec.overview),
                    tuple(m.month_name[:3] for m in months),
                    tuple(areas))


def _plain(value: float) -> str:
    """England and target values as published: no trailing zeros (92.2, 100, 9.0 -> 9)."""
    return f"{value:g}"
