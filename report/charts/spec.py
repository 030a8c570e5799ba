"""Chart specifications from figures: plain, JSON-able data (no matplotlib here)."""

from __future__ import annotations

import hashlib
import json

from report.model import MeasureFigures

CHART_VERSION = 11  # bump when drawing code changes, so cached charts are redrawn


def trend_spec(m: MeasureFigures, width: float, height: float, style: dict) -> dict:
    revised = any(p.reported is not None and p.reported != p.value for p in m.series)
    return {
        "kind": "trend", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(height, 2), "style": style, "unit": m.unit, "decimals": m.decimals,
        "unit_text": m.unit_text,
        "labels": [p.label.replace(" ", "\n", 1) for p in m.series],
        "outturn": [p.reported if p.reported is not None else p.value for p in m.series],
        "recalculated": [p.value for p in m.series] if revised else None,
        "target": [p.target for p in m.series],
        "latest_index": next(i for i, p in enumerate(m.series) if p.period == m.period),
        "events": event_marks(m, [p.period for p in m.series]),
        "from_zero": from_zero(m.unit, [v for p in m.series
                                        for v in (p.value, p.reported, p.target)]),
    }


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


def chart_key(spec: dict) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:20]


def distinct(specs) -> dict[str, dict]:
    """Each chart to draw once, by its key, in first-use order: charts with the same spec
    (the legends SPC charts share) are drawn once and shown wherever they are used."""
    return {chart_key(spec): spec for spec in specs}


def quartile_spec(m: MeasureFigures, width: float, height: float, style: dict,
                  council: str) -> dict:
    q = m.quartiles
    return {
        "kind": "quartiles", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(height, 2), "style": style, "unit": m.unit, "decimals": m.decimals,
        "unit_text": m.unit_text, "boundaries": list(q.boundaries), "value": q.value,
        "polarity": m.polarity, "council": council, "current": q.current,
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


def area_names(m: MeasureFigures) -> list[str]:
    """The names as the chart prints them, long ones wrapped at spaces."""
    import textwrap

    return ["\n".join(textwrap.wrap(a.area, AREA_NAME_CHARACTERS, break_on_hyphens=False))
            or a.area for a in m.areas.values if not a.suppressed]


def area_height(m: MeasureFigures) -> float:
    """The area chart's height: its rows, its reference lines' label rows and its foot."""
    names = area_names(m)
    lines = max([name.count("\n") + 1 for name in names] or [1])
    row = AREA_ROW + AREA_LINE * (lines - 1)
    labels = 1 + (m.target is not None)
    return round(AREA_FOOT + 8 + AREA_LABEL_ROW * labels + row * max(len(names), 1), 2)


def area_spec(m: MeasureFigures, width: float, style: dict) -> dict:
    """Bars best first (the model's order, which the table below follows too), with the
    council-wide value and the target as labelled reference lines."""
    shown = [a for a in m.areas.values if not a.suppressed]
    return {
        "kind": "areas", "version": CHART_VERSION, "width": round(width, 2),
        "height": area_height(m), "style": style, "unit": m.unit,
        "unit_text": m.unit_text, "decimals": m.decimals, "areas": area_names(m),
        "values": [a.value for a in shown], "overall": m.value, "target": m.target,
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
    targets = {p.period: p.target for p in m.series}
    revised = {p.period for p in m.series if p.reported is not None and p.reported != p.value}
    drawn = {p.period for p in spc.points}
    latest = spc.points[-1].period if spc.points else None
    # the periods after the latest value to the year's end, for the target dotted ahead
    ahead = [p for p in m.series if p.period not in drawn and p.target is not None
             and latest is not None and p.period > latest and p.value is None]
    return {
        "kind": "spc", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(height, 2), "style": style, "colours": colours, "unit": m.unit,
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
        "events": event_marks(m, [p.period for p in spc.points]),
        "from_zero": from_zero(m.unit, [p.value for p in spc.points]
                               + [targets.get(p.period) for p in spc.points]
                               + [p.target for p in ahead]
                               + [v for g in spc.groups for v in (g.mean, g.lower_limit,
                                                                  g.upper_limit)]),
    }


# The SPC chart's marks for special causes: the colour's name in the layout's palette, the
# matplotlib marker, its size and the legend's words.
MARKS = {
    "special_cause_improvement": ("improvement", "o", 7.5, "Special cause: improvement"),
    "special_cause_concern": ("concern", "D", 7, "Special cause: concern"),
    "special_cause_neutral_high": ("neutral", "h", 8, "Special cause: neutral"),
    "special_cause_neutral_low": ("neutral", "h", 8, "Special cause: neutral"),
}


def legend_labels(spec: dict) -> list[str]:
    """The words of an SPC chart's legend, in its order: value, mean, limits, 2-sigma,
    each kind of special cause, revised, target."""
    limits = any(g["upper"] is not None for g in spec["groups"])
    kinds = list(dict.fromkeys(MARKS[t][3] for t in MARKS if t in spec["types"]))
    return (["Value", "Mean"] + (["Process limits"] if limits else [])
            + (["2-sigma"] if limits and spec["two_sigma"] else []) + kinds
            + (["Revised"] if spec["revised"] else [])
            + (["Target"] if any(t is not None for t in spec["target"]) else [])
            + (["Target to year end"] if spec.get("ahead") and spec["target"][-1] is not None
               else []))


def spc_legend_spec(spc: dict) -> dict:
    """An SPC chart's legend as a chart of its own, placed over the chart's foot. Most of a
    pack's SPC charts show the same entries, so their legends have one spec: drawn once,
    placed once in the PDF and shown under each. (Nine entries of words are what an SPC
    chart costs over a trend chart to draw.)"""
    return {"kind": "spc_legend", "version": CHART_VERSION, "width": spc["width"],
            "height": spc["height"], "style": spc["style"], "colours": spc["colours"],
            "labels": legend_labels(spc)}
