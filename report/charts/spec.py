"""Chart specifications from figures: plain, JSON-able data (no matplotlib here)."""

from __future__ import annotations

import hashlib
import json

from report.model import MeasureFigures

CHART_VERSION = 8  # bump when drawing code changes, so cached charts are redrawn


def trend_spec(m: MeasureFigures, width: float, height: float, style: dict) -> dict:
    revised = any(p.reported is not None and p.reported != p.value for p in m.series)
    return {
        "kind": "trend", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(height, 2), "style": style, "unit": m.unit, "decimals": m.decimals,
        "labels": [p.label.replace(" ", "\n", 1) for p in m.series],
        "outturn": [p.reported if p.reported is not None else p.value for p in m.series],
        "recalculated": [p.value for p in m.series] if revised else None,
        "target": [p.target for p in m.series],
        "latest_index": next(i for i, p in enumerate(m.series) if p.period == m.period),
    }


def chart_key(spec: dict) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:20]


def quartile_spec(m: MeasureFigures, width: float, height: float, style: dict,
                  council: str) -> dict:
    q = m.quartiles
    return {
        "kind": "quartiles", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(height, 2), "style": style, "unit": m.unit, "decimals": m.decimals,
        "boundaries": list(q.boundaries), "value": q.value, "polarity": m.polarity,
        "council": council, "current": q.current,
    }


def area_spec(m: MeasureFigures, width: float, style: dict) -> dict:
    areas = m.areas
    shown = [(a.area, a.value) for a in areas.values if not a.suppressed]
    shown.sort(key=lambda pair: pair[1], reverse=m.polarity != "lower")
    return {
        "kind": "areas", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(60 + 19 * max(len(shown), 1), 2), "style": style, "unit": m.unit,
        "decimals": m.decimals, "areas": [name for name, _ in shown],
        "values": [value for _, value in shown], "overall": m.value, "target": m.target,
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
    return {
        "kind": "spc", "version": CHART_VERSION, "width": round(width, 2),
        "height": round(height, 2), "style": style, "colours": colours, "unit": m.unit,
        "decimals": m.decimals, "two_sigma": two_sigma,
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
        "revised": [i for i, p in enumerate(spc.points) if p.period in revised],
    }
