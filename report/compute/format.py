"""How figures print: one place for decimals, % signs and thousands separators."""

from __future__ import annotations

from report.compute.rules import round_half_up


def number(value: float, decimals: int) -> str:
    """`1,204.5`; a figure that rounds to zero prints `0.0`, never `-0.0`."""
    return f"{round_half_up(value, decimals):z,.{decimals}f}"


def value(value: float, unit: str, decimals: int) -> str:
    """`30.2%`, `9.49`, `1,204`."""
    text = number(value, decimals)
    return f"{text}%" if unit == "percent" else text


def percent(value: float) -> str:
    """Whole-number percentages for the quartile table: `86%`, `-100%`."""
    return f"{round_half_up(value):z,.0f}%"


def distance(value: float, unit: str, decimals: int) -> str:
    """A distance between two values in the measure's own terms: a percentage's in
    percentage points (`3.2 pp`, never `3.2%`, which would read as a relative change)."""
    text = number(value, decimals)
    return f"{text} pp" if unit == "percent" else text
