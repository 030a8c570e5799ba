"""The revision audit: every period whose figure as first published (`reported`) differs
from its value now, so a councillor sees what was restated since it was reported."""

from __future__ import annotations

from dataclasses import dataclass

from report.compute import format as fmt
from report.periods import Period


@dataclass(frozen=True)
class Revision:
    period: str
    label: str  # "November 2018"
    reported: float  # as published
    value: float  # now
    difference: float  # now less as published
    reported_text: str
    value_text: str
    difference_text: str  # "-0.08", "+0.1 pp"


def revisions(series, unit: str, decimals: int) -> tuple[Revision, ...]:
    out = []
    for p in series:
        if p.reported is None or p.value is None or p.reported == p.value:
            continue
        difference = p.value - p.reported
        text = fmt.value(abs(difference), unit, decimals).rstrip("%")
        sign = "+" if difference > 0 else "-" if text.strip("0.") else ""
        out.append(Revision(p.period, Period.parse(p.period).long, p.reported, p.value,
                            difference, fmt.value(p.reported, unit, decimals),
                            fmt.value(p.value, unit, decimals),
                            sign + text + (" pp" if unit == "percent" else "")))
    return tuple(out)
