"""`make bench`: build a pack several times and report what a user waits for.

Each run is a fresh process (`cabinet-pack build`), so start-up is included. Reports wall
time, pages per second, peak memory of the build process and bytes per page, for a cold
build (no chart cache) and a rebuild that reuses the chart cache.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_rss_mb(before: int) -> float:
    import resource

    return (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss - 0) / 1024


def _build(folder: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "report", "build", str(folder), "-o", str(out)],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def _pages(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(str(pdf)).pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path, nargs="?", default=Path("inputs/example"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="cabinet-bench-"))
    try:
        name = args.folder.resolve().name
        cold, warm = [], []
        for run in range(args.runs):
            out = work / f"cold{run}"
            cold.append(_build(args.folder, out))
            warm.append(_build(args.folder, out))  # same out: charts come from the cache
        pdf = work / "cold0" / f"{name}.pdf"
        pages = _pages(pdf)
        size = pdf.stat().st_size
        rss = _peak_rss_mb(0)
        print(f"pack: {args.folder} ({pages} pages, {size / 1024:.0f} KB, "
              f"{size / pages / 1024:.1f} KB/page)")
        for label, times in (("cold build (no chart cache)", cold),
                             ("rebuild (charts cached)", warm)):
            best, median = min(times), statistics.median(times)
            print(f"{label:30s} best {best:.2f} s  median {median:.2f} s  "
                  f"{pages / best:.1f} pages/s")
        print(f"peak memory of one build process: {rss:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
