"""Draw every chart a pack needs, reusing cached drawings keyed by each chart's spec.

A rebuild in which no chart's data changed neither draws a chart nor imports matplotlib.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from report.charts.spec import chart_key

PARALLEL_FROM = 24  # below this many charts, starting worker processes costs more than it saves


def _draw(spec: dict) -> bytes:
    from report.charts.draw import draw

    return draw(spec)


def render_charts(specs: dict[str, dict], cache: Path | None) -> dict[str, bytes]:
    """Chart PDFs by chart id; `cache` is a folder of `<hash>.pdf` files, or None."""
    out: dict[str, bytes] = {}
    missing: dict[str, tuple[str, dict]] = {}
    for chart_id, spec in specs.items():
        key = chart_key(spec)
        cached = cache / f"{key}.pdf" if cache else None
        if cached is not None and cached.is_file():
            out[chart_id] = cached.read_bytes()
        else:
            missing[chart_id] = (key, spec)
    if missing:
        ids = list(missing)
        workers = min(os.cpu_count() or 1, 4)
        if len(ids) >= PARALLEL_FROM and workers > 1:
            with ProcessPoolExecutor(workers) as pool:
                drawn = list(pool.map(_draw, [missing[i][1] for i in ids], chunksize=4))
        else:
            drawn = [_draw(missing[i][1]) for i in ids]
        for chart_id, data in zip(ids, drawn):
            out[chart_id] = data
            if cache is not None:
                cache.mkdir(parents=True, exist_ok=True)
                temp = cache / f".{missing[chart_id][0]}.{os.getpid()}.tmp"
                temp.write_bytes(data)
                os.replace(temp, cache / f"{missing[chart_id][0]}.pdf")
    return out
