"""Chart specifications from figures: plain, JSON-able data (no matplotlib here)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the chart workers import this module, and never the pack's model
    from report.model import MeasureFigures

CHART_VERSION = 20  # bump when drawing code changes, so cached charts are redrawn


def trend_spec(m: MeasureFigures, width: float, height: float, style: dict) -> dict:
    revised = any(p.reported is not None and p.reported != p.value for p in m.trend.points)
    events = event_marks(m, [p.period for p in m.trend.points])
    return {
        "kind": "trend", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(height + event_room(events, style), 2), "style": style,
        "unit": m.unit, "decimals": m.decimals, "unit_text": m.unit_text,
        "labels": [p.label.replace(" ", "\n", 1) for p in m.trend.points],
        "outturn": [p.reported if p.reported is not None else p.value for p in m.trend.points],
        "recalculated": [p.value for p in m.trend.points] if revised else None,
        "target": [p.target for p in m.trend.points],
        "latest_index": next(i for i, p in enumerate(m.trend.points)
                             if p.period == m.latest.period),
        "events": events,
    } | explains(m, [v for p in m.trend.points for v in (p.value, p.reported)], [],
                 [p.target for p in m.trend.points])


# Kinds of number read against zero: twice the value is twice as many. A score is not.
_RATIO_UNITS = frozenset({"percent", "rate", "count", "days"})


def from_zero(unit: str, values: list[float | None]) -> bool:
    """Whether the value axis starts at zero. Counts, rates, days and percentages do,
    unless the chart would then show the data's movement (values, targets and limits) in
    less than half its height, too flat to read (DToC's 8–13, Reviews' 70–86%): there the
    axis fits the data and the chart draws a break mark at its foot, so nobody reads the
    bottom of the axis as zero. A score always fits its data. Values below zero put zero
    on the axis anyway."""
    known = [v for v in values if v is not None]
    if unit not in _RATIO_UNITS or not known or min(known) < 0:
        return False
    low, high = min(known), max(known)
    return low <= high - low


def event_marks(m: MeasureFigures, periods: list[str]) -> list[dict]:
    """The measure's events within a chart's periods: where each is marked, and its label."""
    at = {period: index for index, period in enumerate(periods)}
    return [{"x": at[e.period], "label": e.label} for e in m.events if e.period in at]


EVENT_ROW = 1.3  # an event label's row, in the chart's type size


def event_room(events: list[dict], style: dict, below: int = 0) -> float:
    """The points a chart with events is made taller by: the band above its data where the
    labels go (report/charts/draw.py `_event_marks`), with a row for each label, as many
    as there are events at most (labels that would touch go a row lower), and `below`
    rows for the chart's own words (an SPC chart's "Rebased"). The data keep the height a
    chart without events gives them, rather than being squeezed under the labels."""
    if not events:
        return 0.0
    return (below + len(events)) * style["font_size"] * EVENT_ROW + EVENT_GAP


EVENT_GAP = 6  # points between the lowest label row and the data


# -- what a chart of a measure says about itself ----------------------------------------------
# Which way is better, the target named at its line's end, and a value axis fitted to the
# data and the limits: a target far beyond them is named by an arrow at the axis's edge
# rather than stretching the axis until the series is a flat band (Shared Lives' 70-76
# against a target of 140).

BETTER = {"higher": "Higher is better", "lower": "Lower is better"}

# A target is "far" when reaching it would give more than this share of the value axis to
# the space beyond the data and the limits: the data keep at least half the chart's
# height, as `from_zero` keeps them (Shared Lives' 140 against 69-76 is far; User
# satisfaction's 65.0% against 60.2-62.8% is drawn).
FAR_TARGET_SHARE = 1 / 2


def better(polarity: str | None) -> str | None:
    """"Higher is better" / "Lower is better"; nothing for a context measure."""
    return BETTER.get(polarity or "none")


def value_axis(unit: str, data: list[float | None], levels: list[float | None],
               targets: list[float | None]) -> dict:
    """The value axis's range (`low`, `high`: what it must show), whether it starts at
    zero, and where a target too far to show lies (`target_far`: "above", "below" or None).
    The axis shows the data and the limits always, and the targets unless one is far."""
    core = [v for v in data + levels if v is not None]
    aims = [v for v in targets if v is not None]
    if not core:
        core, aims = aims, []
    if not core:
        return {"low": 0.0, "high": 1.0, "from_zero": False, "target_far": None}
    low, high = min(core), max(core)
    foot = 0.0 if from_zero(unit, core) else low
    far = None
    if aims:
        whole = max(high, max(aims)) - min(foot, min(aims))
        if max(aims) - high > whole * FAR_TARGET_SHARE:
            far = "above"
        elif foot - min(aims) > whole * FAR_TARGET_SHARE:
            far = "below"
    shown = core + ([] if far else aims)
    return {"low": min(shown), "high": max(shown), "from_zero": from_zero(unit, shown),
            "target_far": far}


def target_label(m: MeasureFigures, targets: list[float | None], far: str | None
                 ) -> str | None:
    """The words at the end of the target line, its value there as the tiles print it
    ("Target 80.0%"); with an arrow when the target is beyond the axis ("Target 140 ↑")."""
    from report.compute import format as fmt

    aims = [v for v in targets if v is not None]
    if not aims:
        return None
    arrow = {"above": " \u2191", "below": " \u2193"}.get(far or "", "")
    printed = {m.target.eoy: m.target.eoy_text, m.target.value: m.target.short}.get(aims[-1])
    # a profile's value the tiles do not print, in the pack's one format
    return f"Target {printed or fmt.value(aims[-1], m.unit, m.decimals)}{arrow}"


def explains(m: MeasureFigures, data: list[float | None], levels: list[float | None],
             targets: list[float | None]) -> dict:
    """The parts of a trend or SPC chart's spec that make it explain itself: which way is
    better, its value axis, and its target's label."""
    axis = value_axis(m.unit, data, levels, targets)
    return {"better": better(m.polarity), "from_zero": axis["from_zero"],
            "axis": {"low": axis["low"], "high": axis["high"]},
            "target_far": axis["target_far"],
            "target_label": target_label(m, targets, axis["target_far"])}


def chart_digest(spec: dict) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:20]


def distinct(specs) -> dict[str, dict]:
    """Each chart to draw once, by its key, in first-use order: charts with the same spec
    (the legends SPC charts share) are drawn once and shown wherever they are used."""
    return {chart_digest(spec): spec for spec in specs}


def quartile_spec(m: MeasureFigures, width: float, height: float, style: dict,
                  council: str) -> dict:
    q = m.benchmarks.quartiles
    return {
        "kind": "quartiles", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(height, 2), "style": style, "unit": m.unit, "decimals": m.decimals,
        "unit_text": m.unit_text, "boundaries": list(q.boundaries), "value": q.value,
        "polarity": m.polarity, "council": council, "current": q.current,
        "better": better(m.polarity),
    }


# The area chart's rows and margins, in points: one 19 pt row per line of a name, the
# reference lines' labels above the bars (one row each), the axis and its unit below.
AREA_ROW = 19
AREA_LINE = 12
AREA_LABEL_ROW = 13
AREA_FOOT = 48
# Longest line of an area's name on the chart, in characters: longer names wrap, so the
# names' column never takes more than about two fifths of the chart.
AREA_NAME_CHARACTERS = 32


# What an area page prints above its chart, at most: the measure's band, title and the
# page's subtitle. The chart takes at most the rest of a portrait page.
AREA_HEAD = 130


def area_names(m: MeasureFigures, most: float | None = None) -> list[str]:
    """The names as the chart prints them, long ones wrapped at spaces; where the chart
    would then not fit on its page (`most`: the height it may take), in fewer lines, a
    name cut short ending "…" (the table beneath the chart names every area whole)."""
    import textwrap

    wrapped = [textwrap.wrap(a.area, AREA_NAME_CHARACTERS, break_on_hyphens=False) or [a.area]
               for a in m.benchmarks.areas.values if not a.suppressed]
    lines = max([len(name) for name in wrapped] or [1])
    while lines > 1 and most is not None and _area_height(m, len(wrapped), lines) > most:
        lines -= 1
    return ["\n".join(name if len(name) <= lines else
                      name[:lines - 1] + [name[lines - 1].rstrip(" ,;:-") + "\u2026"])
            for name in wrapped]


def area_height(m: MeasureFigures, most: float | None = None) -> float:
    """The area chart's height: its rows, its reference lines' label rows and its foot."""
    names = area_names(m, most)
    return _area_height(m, len(names), max([n.count("\n") + 1 for n in names] or [1]))


def _area_height(m: MeasureFigures, count: int, lines: int) -> float:
    row = AREA_ROW + AREA_LINE * (lines - 1)
    labels = 1 + (m.target.value is not None)
    return round(AREA_FOOT + 8 + AREA_LABEL_ROW * labels + row * max(count, 1), 2)


def area_room(page) -> float:
    """The most an area chart may take on a portrait page with the layout's margins
    (`page`: the layout's page settings), under its page's heading."""
    from reportlab.lib.pagesizes import A4

    return A4[1] - page.margin_top - page.margin_bottom - AREA_HEAD


def area_spec(m: MeasureFigures, width: float, style: dict, most: float | None = None
              ) -> dict:
    """Bars best first (the model's order, which the table below follows too), with the
    council-wide value and the target as labelled reference lines."""
    shown = [a for a in m.benchmarks.areas.values if not a.suppressed]
    return {
        "kind": "areas", "version": CHART_VERSION, "width": round(width, 2),
        "height": area_height(m, most), "style": style, "unit": m.unit,
        "unit_text": m.unit_text, "decimals": m.decimals, "areas": area_names(m, most),
        "values": [a.value for a in shown], "overall": m.latest.value, "target": m.target.value,
        "better": better(m.polarity),
    }


def sparkline_spec(row, width: float, height: float, style: dict) -> dict:
    """A measure's recent course on the at-a-glance page (a `GlanceRow`'s points): the
    outturn as published and the target, no text (the numbers print beside it)."""
    return {
        "kind": "sparkline", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(height, 2), "style": style,
        "outturn": [p.reported if p.reported is not None else p.value for p in row.points],
        "target": [p.target for p in row.points],
    }


def spc_spec(m: MeasureFigures, width: float, height: float, style: dict,
             colours: dict, two_sigma: bool) -> dict:
    """The XmR chart: each point with its type, each period of limits as a step, the
    target, and the revised periods (a published figure since restated)."""
    spc = m.spc
    targets = {p.period: p.target for p in m.trend.points}
    revised = {p.period for p in m.trend.points if p.reported is not None and p.reported != p.value}
    drawn = {p.period for p in spc.points}
    latest = spc.points[-1].period if spc.points else None
    # the periods after the latest value to the year's end, for the target dotted ahead
    ahead = [p for p in m.trend.points if p.period not in drawn and p.target is not None
             and latest is not None and p.period > latest and p.value is None]
    events = event_marks(m, [p.period for p in spc.points])
    rebased = any(g.rebase_reason for g in spc.groups)
    return {
        "kind": "spc", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(height + event_room(events, style, below=int(rebased)), 2),
        "style": style, "colours": colours, "unit": m.unit,
        "unit_text": m.unit_text, "decimals": m.decimals, "two_sigma": two_sigma,
        "labels": [p.label.replace(" ", "\n", 1) for p in spc.points],
        "values": [p.value for p in spc.points],
        "types": [p.point_type for p in spc.points],
        "groups": [{"first": next(i for i, p in enumerate(spc.points) if p.group == index),
                    "last": max(i for i, p in enumerate(spc.points) if p.group == index),
                    "mean": g.mean, "lower": g.lower_limit, "upper": g.upper_limit,
                    "lower_two_sigma": g.lower_two_sigma, "upper_two_sigma": g.upper_two_sigma,
                    "rebase": g.rebase_reason}
                   for index, g in enumerate(spc.groups)],
        "target": [targets.get(p.period) for p in spc.points],
        "ahead": [[p.label.replace(" ", "\n", 1), p.target] for p in ahead],
        "revised": [i for i, p in enumerate(spc.points) if p.period in revised],
        "events": events,
    } | explains(m, [p.value for p in spc.points], _drawn_levels(spc, two_sigma),
                 [targets.get(p.period) for p in spc.points] + [p.target for p in ahead])


def _drawn_levels(spc, two_sigma: bool) -> list[float | None]:
    """The mean and limits the SPC chart draws, which its value axis must show."""
    keys = ("mean", "lower_limit", "upper_limit") + (
        ("lower_two_sigma", "upper_two_sigma") if two_sigma else ())
    return [getattr(g, key) for g in spc.groups for key in keys]


# The SPC chart's marks for special causes: the colour's name in the layout's palette, the
# matplotlib marker, its size and the legend's words (the icons' words: the page's icons
# say "Improvement" beside the same colour).
MARKS = {
    "special_cause_improvement": ("improvement", "o", 7.5, "Improvement"),
    "special_cause_concern": ("concern", "D", 7, "Concern"),
    "special_cause_neutral_high": ("neutral", "h", 8, "Neutral"),
    "special_cause_neutral_low": ("neutral", "h", 8, "Neutral"),
}

# An SPC chart's legend takes at most this many lines under the chart.
LEGEND_LINES = 2


def legend_labels(spec: dict) -> list[str]:
    """The words of an SPC chart's legend, in its order: value, mean, limits, 2-sigma,
    each kind of special cause, revised; only what the chart draws. The target is not in
    it: its line is named at its end ("Target 7.95"), or by an arrow when it is far."""
    limits = any(g["upper"] is not None for g in spec["groups"])
    kinds = list(dict.fromkeys(MARKS[t][3] for t in MARKS if t in spec["types"]))
    return (["Value", "Mean"] + (["Process limits"] if limits else [])
            + (["2-sigma"] if limits and spec["two_sigma"] else []) + kinds
            + (["Revised"] if spec["revised"] else []))


def spc_legend_spec(spc: dict) -> dict:
    """An SPC chart's legend as a chart of its own, placed over the chart's foot. Most of a
    pack's SPC charts show the same entries, so their legends have one spec: drawn once,
    placed once in the PDF and shown under each. (Its entries of words are what an SPC
    chart costs over a trend chart to draw.) It says which way is better, above the plot
    at its right, too: two kinds of words shared by many charts."""
    return {"kind": "spc_legend", "version": CHART_VERSION, "width": spc["width"],
            "height": spc["height"], "style": spc["style"], "colours": spc["colours"],
            "labels": legend_labels(spc), "better": spc["better"]}
