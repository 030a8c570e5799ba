"""Every setting the program takes from the environment, read in this one place.

Each call of `current()` reads the environment afresh (a test, or `make bench`, may change
it between builds); nothing else in the program looks at `os.environ`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    cache: Path | None  # CABINET_PACK_CACHE: the cache folder (default OUT/.cache)
    draw_charts: bool  # CABINET_PACK_CHARTS=off: empty chart boxes (the bench's floor)
    debug: bool  # CABINET_PACK_DEBUG=1: tracebacks
    stats: Path | None  # CABINET_PACK_STATS: where `make bench` wants a build's statistics
    workers: int | None  # CABINET_PACK_WORKERS: chart worker processes (default: cores)
    source_date_epoch: int | None  # SOURCE_DATE_EPOCH: the PDFs' date, reproducible builds
    # CABINET_PACK_PATCHES: "off" (every patch of report/patches.py off, here "all") or
    # "-name,-name" (those off)
    patches_off: frozenset[str] = frozenset()


def current() -> Settings:
    env = os.environ
    workers = env.get("CABINET_PACK_WORKERS", "").strip()
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    return Settings(
        cache=Path(env["CABINET_PACK_CACHE"]) if env.get("CABINET_PACK_CACHE") else None,
        draw_charts=env.get("CABINET_PACK_CHARTS") != "off",
        debug=bool(env.get("CABINET_PACK_DEBUG")),
        stats=Path(env["CABINET_PACK_STATS"]) if env.get("CABINET_PACK_STATS") else None,
        workers=int(workers) if workers.isdigit() and int(workers) > 0 else None,
        source_date_epoch=int(epoch) if epoch.isdigit() else None,
        patches_off=_patches_off(env.get("CABINET_PACK_PATCHES", "")),
    )


def _patches_off(text: str) -> frozenset[str]:
    if text.strip().lower() == "off":
        return frozenset({"all"})
    return frozenset(part.strip()[1:] for part in text.split(",") if part.strip()[:1] == "-")
