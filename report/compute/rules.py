"""The pack's rules, each a small pure function: status, direction of travel, quartiles,
comparator ranks and England differences. Inputs are full-precision numbers; rounding
happens only when a figure is formatted for print."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Polarity = Literal["higher", "lower", "none"]
QUARTILE_LABELS = ("Worst", "3rd", "2nd", "1st", "Best")


def round_half_up(value: float, places: int = 0) -> float:
    """Round like a person does (2.5 -> 3, -181.5 -> -182), not to even."""
    if not math.isfinite(value) or abs(value) >= 1e15:
        return value  # beyond where half-up and float rounding can differ in print
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def exact_difference(a: float, b: float) -> float:
    """a - b in decimal, so 30.2 - 28.0 is 2.2 and not 2.1999999999999993 (which would
    round 181.5 real units down instead of up)."""
    return float(Decimal(repr(a)) - Decimal(repr(b)))


def is_better(a: float, b: float, polarity: Polarity) -> bool:
    """True when `a` is strictly better than `b`."""
    return a > b if polarity == "higher" else a < b if polarity == "lower" else False


def at_or_beyond(value: float, boundary: float, polarity: Polarity) -> bool:
    return value >= boundary if polarity == "higher" else value <= boundary


def status(value: float, target: float, polarity: Polarity, tolerance: float = 0.0) -> str:
    """GREEN when the target is met, AMBER when missed by no more than the tolerance."""
    if at_or_beyond(value, target, polarity):
        return "GREEN"
    return "AMBER" if abs(value - target) <= tolerance + 1e-12 else "RED"


@dataclass(frozen=True)
class Change:
    direction: Literal["Up", "Down", "Static"]
    colour: Literal["Green", "Red", "Amber"] | None  # None: a context measure, no judgement
    size: float | None  # always >= 0; None when a relative change has no base
    unit: Literal["pp", "%"]
    places: int = 1  # decimals the size prints with
    since: str | None = None  # the period compared with, when not the one before

    @property
    def text(self) -> str:
        """`Up (Red) 1.6%`, `Up (Green) 6.1 pp`, `Static (Amber)`,
        `Down (Red) 3.2 pp since 2016/17`; `Up 5.2%` for a context measure."""
        head = self.heading.split(" since ")[0]
        if self.direction != "Static" and self.size is not None:
            size = f"{round_half_up(self.size, self.places):.{self.places}f}"
            head += f" {size}{' pp' if self.unit == 'pp' else '%'}"
        return f"{head} since {self.since}" if self.since else head

    @property
    def heading(self) -> str:
        """The scorecard's form, without the size: `Up (Red)`, `Down (Red) since 2016/17`."""
        head = f"{self.direction} ({self.colour})" if self.colour else self.direction
        return f"{head} since {self.since}" if self.since else head


RELATIVE_PLACES = 1  # a relative change prints as 1.3%, whatever the measure's decimals


def direction_of_travel(current: float, previous: float, polarity: Polarity,
                        percentage_measure: bool, decimals: int = 1,
                        since: str | None = None) -> Change:
    """Compare this period with the previous period as reported.

    Percentage measures move in percentage points, printed to the measure's own
    `decimals` (a two-decimal percentage moves 0.05 pp, a whole-number one 1 pp); counts
    and rates by relative %, to one decimal. A change that rounds to zero at that
    precision is Static, so the pack never says "Up 0.0%". `since` names the period
    compared with when the one before had no value. A context measure (`polarity: none`)
    has no better direction, so its change carries no colour: `Up 5.2%`.
    """
    unit: Literal["pp", "%"] = "pp" if percentage_measure else "%"
    places = decimals if percentage_measure else RELATIVE_PLACES
    if percentage_measure:
        size: float | None = exact_difference(current, previous)
    else:
        size = (current - previous) / abs(previous) * 100 if previous else None
    moved = current != previous and (size is None or round_half_up(abs(size), places) != 0)
    context = polarity == "none"
    if not moved:
        return Change("Static", None if context else "Amber", 0.0, unit, places, since)
    direction = "Up" if current > previous else "Down"
    colour = None if context else "Green" if is_better(current, previous, polarity) else "Red"
    return Change(direction, colour, None if size is None else abs(size), unit, places, since)


@dataclass(frozen=True)
class QuartileRow:
    label: str
    score: float
    difference: float | None  # boundary - council value
    percent: float | None  # difference / council value as printed, as a percentage
    units: int | None  # difference in real units, rounded to whole units
    is_council: bool = False


@dataclass(frozen=True)
class QuartilePosition:
    current: str  # "1st" .. "4th"
    rows: tuple[QuartileRow, ...]
    next_distance: int | None  # real units to the next better boundary; None in the 1st
    top_distance: int | None
    next_difference: float | None  # the same in the measure's own units
    top_difference: float | None


def quartile_position(value: float, boundaries: tuple[float, float, float, float, float],
                      polarity: Polarity, unit_factor: float | None,
                      council_label: str, decimals: int | None = None) -> QuartilePosition:
    """Place the council among national quartile boundaries (worst, 3rd, 2nd, 1st, best).

    `decimals`: how the measure's values print. The percentage is then the printed
    difference over the printed value, so a reader who divides the table's own figures
    gets the table's percentage (1.40% and 18.80 make 1,343%, not the 1,339% of 1.4033)."""
    worst, third, second, first, best = boundaries
    if at_or_beyond(value, first, polarity):
        current, next_boundary = "1st", None
    elif at_or_beyond(value, second, polarity):
        current, next_boundary = "2nd", first
    elif at_or_beyond(value, third, polarity):
        current, next_boundary = "3rd", second
    else:
        current, next_boundary = "4th", third

    def units(difference: float) -> int | None:
        if unit_factor is None:
            return None
        return int(round_half_up(difference * unit_factor))

    rows: list[QuartileRow] = []
    placed = False
    for label, score in zip(QUARTILE_LABELS, boundaries):
        if not placed and not at_or_beyond(value, score, polarity):
            rows.append(QuartileRow(council_label, value, None, None, None, True))
            placed = True
        difference = exact_difference(score, value)
        percent = _printed_percent(difference, value, decimals)
        rows.append(QuartileRow(label, score, difference, percent, units(difference)))
    if not placed:
        rows.append(QuartileRow(council_label, value, None, None, None, True))
    if current == "1st":
        return QuartilePosition(current, tuple(rows), None, None, None, None)
    next_difference = abs(exact_difference(next_boundary, value))
    top_difference = abs(exact_difference(first, value))
    return QuartilePosition(current, tuple(rows), units(next_difference), units(top_difference),
                            next_difference, top_difference)


def _printed_percent(difference: float, value: float, decimals: int | None) -> float | None:
    """difference / value as a percentage, of the two as printed when `decimals` is given."""
    if decimals is not None:
        difference, value = round_half_up(difference, decimals), round_half_up(value, decimals)
    return difference / value * 100 if value else None


def competition_ranks(values: dict[str, float | None], polarity: Polarity) -> dict[str, int]:
    """Rank 1 = best; ties share the best rank ("1, 2, 2, 4"); missing values get no rank."""
    present = {name: v for name, v in values.items() if v is not None and not math.isnan(v)}
    if polarity == "none":
        return {}
    ordered = sorted(present.values(), reverse=polarity == "higher")
    first_index: dict[float, int] = {}
    for index, v in enumerate(ordered):
        first_index.setdefault(v, index + 1)
    return {name: first_index[v] for name, v in present.items()}


def england_difference(value: float, england: float) -> float:
    """DIFF = latest value - England value, signed."""
    return value - england


def signed(value: float, decimals: int) -> str:
    """`+1.42`, `-12.56`, `0.00`: the DIFF column's form."""
    rounded = round_half_up(value, decimals)
    if rounded == 0:
        return f"{0:.{decimals}f}"
    return f"{rounded:+.{decimals}f}"
