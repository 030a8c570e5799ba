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


def layout_specs(figures, layout) -> dict[str, dict]:
    """Every chart one layout draws, by chart id ("trend-dtoc"): each of the layout's
    sections says which (`report.layout.registry`). Plain data, handed to the workers."""
    from reportlab.lib.pagesizes import A4  # two numbers; reportlab.lib alone is cheap

    from report.layout.registry import chart_specs

    width = A4[0] - layout.page.margin_left - layout.page.margin_right
    return chart_specs(figures, layout, width)


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
