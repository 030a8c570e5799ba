"""Draw every chart a pack needs, in worker processes while the main process lays the
pages out, reusing cached drawings keyed by each chart's spec.

A rebuild in which no chart's data changed neither draws a chart nor imports matplotlib.
Chart bytes depend only on their spec, so the PDF is the same whatever the worker count.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from report.charts.spec import chart_key

CHARTS_PER_WORKER = 4  # fewer than this and another process costs more than it saves


def _draw_many(specs: list[dict]) -> list[bytes]:
    from report.charts.draw import draw

    return [draw(spec) for spec in specs]


@dataclass
class PendingCharts:
    """Charts being drawn; `result()` waits for them and fills the cache."""

    ready: dict[str, bytes]
    cache: Path | None
    jobs: list[tuple[list[str], list[str], Future]] = field(default_factory=list)
    pool: ProcessPoolExecutor | None = None

    def result(self) -> dict[str, bytes]:
        try:
            for ids, keys, future in self.jobs:
                for chart_id, key, data in zip(ids, keys, future.result()):
                    self.ready[chart_id] = data
                    self._store(key, data)
        finally:
            if self.pool is not None:
                self.pool.shutdown()
        return self.ready

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)

    def _store(self, key: str, data: bytes) -> None:
        if self.cache is None:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        temp = self.cache / f".{key}.{os.getpid()}.tmp"
        temp.write_bytes(data)
        os.replace(temp, self.cache / f"{key}.pdf")


def start_charts(specs: dict[str, dict], cache: Path | None,
                 workers: int | None = None) -> PendingCharts:
    """Begin drawing the charts not in the cache; returns at once."""
    pending = PendingCharts({}, cache)
    missing: list[tuple[str, str, dict]] = []
    for chart_id, spec in specs.items():
        key = chart_key(spec)
        cached = cache / f"{key}.pdf" if cache else None
        if cached is not None and cached.is_file():
            pending.ready[chart_id] = cached.read_bytes()
        else:
            missing.append((chart_id, key, spec))
    if not missing:
        return pending
    available = workers or int(os.environ.get("CABINET_PACK_WORKERS") or 0) or os.cpu_count() or 1
    count = max(1, min(available, math.ceil(len(missing) / CHARTS_PER_WORKER)))
    pending.pool = ProcessPoolExecutor(count)
    size = math.ceil(len(missing) / count)
    for start in range(0, len(missing), size):
        batch = missing[start:start + size]
        future = pending.pool.submit(_draw_many, [spec for _, _, spec in batch])
        pending.jobs.append(([i for i, _, _ in batch], [k for _, k, _ in batch], future))
    return pending

