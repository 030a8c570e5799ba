"""`make bench`: what a user waits for, measured against what it cannot go below.

Every build runs as a fresh `cabinet-pack build` process (start-up included), cold (no
chart cache) unless said otherwise. For the example pack and a synthetic 200-measure pack
the **floor** is measured in the same run: (a) the same build with every chart replaced by
an empty box of the same size (layout, tagging and writing alone) plus (b) drawing the same
charts alone with matplotlib's cheapest vector backend on the same number of worker
processes. Also: a commentary-only rebuild (charts cached), and 100 / 200 / 400 measures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "example"


def build(folder: Path, out: Path, **env: str) -> dict:
    """One build in a fresh process; its wall time, pages, size and memory."""
    stats = out.parent / f"{out.name}.stats.json"
    environment = {**os.environ, "CABINET_PACK_STATS": str(stats), **env}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "report", "build", str(folder), "-o", str(out)],
                   check=True, capture_output=True, env=environment)
    wall = time.perf_counter() - started
    pdf = out / f"{folder.resolve().name}.pdf"
    import pypdf

    pages = len(pypdf.PdfReader(str(pdf)).pages)
    result = {"wall": wall, "pages": pages, "bytes": pdf.stat().st_size,
              **json.loads(stats.read_text())}
    return result


def _draw(batch: list[dict], backend: str) -> int:
    import io

    from report.charts import draw

    original = draw._save

    def save(fig):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=backend, transparent=True)
        return buffer.getvalue()

    draw._save = save if backend != "pdf" else original
    return sum(len(draw.draw(spec)) for spec in batch)


def charts_alone(folder: Path) -> tuple[float, str, int]:
    """(b): the pack's charts drawn alone, cheapest vector backend, same worker count.
    Each backend is timed in a fresh process, from starting the workers (as the build
    does: matplotlib imported once, in the fork server where there is one) to the last
    chart."""
    best = None
    for backend in ("svg", "ps", "pdf"):
        done = subprocess.run([sys.executable, "-m", "report.bench", "--charts-alone",
                               str(folder), backend], check=True, capture_output=True,
                              text=True)
        elapsed, workers = done.stdout.split()
        if best is None or float(elapsed) < best[0]:
            best = (float(elapsed), backend, int(workers))
    return best


def _charts_alone_here(folder: Path, backend: str) -> None:
    from report.charts.render import batched, chart_pool, worker_count
    from report.charts.spec import layout_specs
    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack
    from report.layout.config import load_layout

    specs = list(layout_specs(compute_pack(load_pack(folder)), load_layout("cabinet")).values())
    workers = worker_count(len(specs))
    batches = batched(specs, workers)  # as the build hands them out
    started = time.perf_counter()
    with chart_pool(workers) as pool:
        list(pool.map(_draw, batches, [backend] * len(batches)))
    print(f"{time.perf_counter() - started:.4f} {workers}")


def line(label: str, r: dict) -> str:
    return (f"{label:38s} {r['wall']:6.2f} s  {r['pages']:4d} pages  "
            f"{r['pages'] / r['wall']:6.1f} pages/s  {r['bytes'] / r['pages'] / 1024:5.1f} KB/page  "
            f"RSS main {r.get('rss_main_mb', 0):4.0f} MB, largest worker "
            f"{r.get('rss_worker_mb', 0):4.0f} MB")


def floor_report(label: str, folder: Path, work: Path, actual: dict) -> None:
    boxes = build(folder, work / f"{label}-boxes", CABINET_PACK_CHARTS="off")
    drawing, backend, workers = charts_alone(folder)
    floor = boxes["wall"] + drawing
    print(f"  floor for {label}: (a) empty chart boxes {boxes['wall']:.2f} s + (b) charts alone "
          f"{drawing:.2f} s ({backend}, {workers} workers) = {floor:.2f} s; "
          f"actual / floor = {actual['wall'] / floor:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,200,400",
                        help="synthetic pack sizes in measures (default 100,200,400)")
    parser.add_argument("--charts-alone", nargs=2, metavar=("FOLDER", "BACKEND"),
                        help=argparse.SUPPRESS)  # one measurement of (b), in its own process
    args = parser.parse_args(argv)
    if args.charts_alone:
        _charts_alone_here(Path(args.charts_alone[0]), args.charts_alone[1])
        return 0
    import compileall

    # As on any machine that has run the program before (and as an installed package is):
    # byte-code compiled, even where PYTHONDONTWRITEBYTECODE stops Python writing it.
    compileall.compile_dir(Path(__file__).resolve().parent, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="cabinet-bench-"))
    try:
        print(f"machine: {os.cpu_count()} cores; every build a fresh process, "
              "byte-code compiled\n")
        cold = [build(EXAMPLE, work / f"example-{i}") for i in range(3)]
        best = min(cold, key=lambda r: r["wall"])
        print(line("example pack, cold (best of 3)", best))
        warm = build(EXAMPLE, work / "example-0")
        print(line("example pack, charts cached", warm))
        edited = work / "edited"
        shutil.copytree(EXAMPLE, edited / "example")
        commentary = edited / "example" / "commentary" / "dtoc.md"
        shutil.copytree(work / "example-0" / ".cache", work / "edited-out" / ".cache")
        rebuilds = []
        for number in range(3):  # best of 3, as the cold build is; each after a new edit
            commentary.write_text(commentary.read_text() + f"\nEdit number {number + 1}.\n")
            rebuilds.append(build(edited / "example", work / "edited-out"))
        again = min(rebuilds, key=lambda r: r["wall"])
        print(line("commentary-only rebuild (best of 3)", again))
        print(f"  commentary-only rebuild = {again['wall'] / best['wall']:.0%} of a cold build; "
              f"matplotlib imported: {again['matplotlib_imported']}, last build's "
              f"figures reused: {again['figures_reused']}")
        floor_report("example", EXAMPLE, work, best)
        print()
        from report.synth import synthesise

        results = {}
        for size in [int(s) for s in args.sizes.split(",") if s]:
            folder = synthesise(size, work / f"synth{size}" / f"synth{size}")
            # best of 2, each cold: one run varies by a few per cent on a shared machine,
            # enough to blur a doubling
            results[size] = min((build(folder, work / f"synth{size}-out-{run}")
                                 for run in range(2)), key=lambda r: r["wall"])
            print(line(f"{size} measures, cold (best of 2)", results[size]))
            if size == 200:
                floor_report("200 measures", folder, work, results[size])
        sizes = sorted(results)
        for small, large in zip(sizes, sizes[1:]):
            a, b = results[small], results[large]
            print(f"  {small} -> {large} measures: time x{b['wall'] / a['wall']:.2f}, "
                  f"memory x{b.get('rss_main_mb', 0) / max(a.get('rss_main_mb', 1), 1):.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
