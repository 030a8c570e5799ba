"""Chart specifications from figures: plain, JSON-able data (no matplotlib here)."""

from __future__ import annotations

import hashlib
import json

from report.model import MeasureFigures

CHART_VERSION = 1  # bump when drawing code changes, so cached charts are redrawn


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
