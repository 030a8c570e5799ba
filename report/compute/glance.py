"""The at-a-glance overview's figures: every measure in one line each, by theme, and how
many measures wear each status.

It repeats what the scorecard and the measure pages say (status, change, quartile) in
the same words, adds the recent course as a sparkline, and counts the statuses, so a
councillor sees the whole pack on one page before reading any of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from report.compute import format as fmt
from report.model import MeasureFigures, PackFigures, Point
from report.periods import Period

SPARKLINE_PERIODS = 13  # a year and the same month a year before
STATUSES = ("GREEN", "AMBER", "RED", "CONTEXT")
NONE = "\u2013"
OFFICER_SET = "\u2020"  # as the scorecard marks it


@dataclass(frozen=True)
class GlanceRow:
    """One measure on the at-a-glance page, every string as it prints."""

    measure: str  # the measure's id (its page is found from it)
    name: str  # "1. DToC Total"
    status: str | None  # GREEN / AMBER / RED, CONTEXT for a context measure, None
    latest: str  # "9.49 (Feb)"
    target: str  # "Target 7.95", "DoT Only"
    change: str  # "Up (Red) 1.6%", "–" when there is nothing to compare with
    quartile: str  # "4th", "–" when not benchmarked
    points: tuple[Point, ...]  # the sparkline: up to 13 periods to the latest
    alt: str  # what a screen reader says for the sparkline
    status_mark: str = ""  # "†" after a status an officer set for the period


@dataclass(frozen=True)
class GlanceTheme:
    title: str  # "1. Use of Resources"
    rows: tuple[GlanceRow, ...]


@dataclass(frozen=True)
class Glance:
    """The at-a-glance overview: every measure by theme, with the count by status."""

    counts: str  # "6 GREEN · 3 AMBER · 5 RED · 1 CONTEXT"
    note: str  # what the sparkline draws
    themes: tuple[GlanceTheme, ...]


def at_a_glance(figures: PackFigures) -> Glance:
    themes = []
    for theme in figures.themes:
        rows = tuple(_row(figures.measures[m]) for m in theme.measures)
        themes.append(GlanceTheme(f"{theme.number}. {theme.title}", rows))
    shown = [row.status for theme in themes for row in theme.rows]
    counts = [f"{shown.count(s)} {s}" for s in STATUSES]
    if shown.count(None):
        counts.append(f"{shown.count(None)} without a status")
    note = (f"Trend: up to {SPARKLINE_PERIODS} periods to the latest value (a dot); the "
            "target dashed.")
    if any(row.status_mark for theme in themes for row in theme.rows):
        note += f" {OFFICER_SET} after a status: set by an officer for this period."
    return Glance(" \u00b7 ".join(counts), note, tuple(themes))


def badge_status(m: MeasureFigures) -> str | None:
    """The status a measure wears: its RAG status, or CONTEXT for a context measure."""
    return m.status.word or ("CONTEXT" if m.status.basis == "context" else None)


def _row(m: MeasureFigures) -> GlanceRow:
    points = tuple(p for p in m.trend.points
                   if Period.parse(p.period) <= Period.parse(m.latest.period))[-SPARKLINE_PERIODS:]
    return GlanceRow(
        measure=m.id, name=f"{m.number}. {m.short_name}", status=badge_status(m),
        latest=m.latest.with_period,
        target=f"Target {m.target.short}" if m.target.value is not None else m.target.text,
        change=_unbroken(m.change.text) if m.change.text else NONE,
        quartile=m.benchmarks.quartiles.current if m.benchmarks.quartiles is not None else NONE,
        points=points, alt=_alt(m, points),
        status_mark=status_mark(m))


def status_mark(m: MeasureFigures) -> str:
    """What follows a status an officer set for the period rather than the figures: "†",
    on the scorecard and here alike; "" for a worked-out status."""
    return OFFICER_SET if m.status.basis == "set in pack.yaml" and m.status.word else ""


def _unbroken(change: str) -> str:
    """"Down (Red) 0.2 pp" breaks only before its size in a narrow cell: the direction
    stays with its colour and the size with its unit."""
    return change.replace(" (", "\u00a0(", 1).replace(" pp", "\u00a0pp")


def _alt(m: MeasureFigures, points) -> str:
    """A short sentence for the sparkline: its span, its two ends and the target (the
    measure page's chart has the whole story)."""
    shown = [(p, p.reported if p.reported is not None else p.value) for p in points
             if p.value is not None]

    def value(v: float) -> str:
        return fmt.value(v, m.unit, m.decimals)

    text = f"Sparkline of {m.short_name}"
    if len(shown) > 1:
        (first, a), (last, b) = shown[0], shown[-1]
        text += (f", {Period.parse(first.period).long} to {Period.parse(last.period).long}: "
                 f"{value(a)} to {value(b)}")
    elif shown:
        text += f": one value, {value(shown[0][1])} in {Period.parse(shown[0][0].period).long}"
    if m.target.value is not None:
        text += f"; target {value(m.target.value)}"
    return text + "."
