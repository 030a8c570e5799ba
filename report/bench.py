"""`make bench`: what a user waits for, measured against what it cannot go below.

Every build runs as a fresh `cabinet-pack build` process (start-up included), cold (no
chart cache) unless said otherwise. For the example pack and a synthetic 200-measure pack
the **floor** is measured in the same run from two parts: (c) bare layout, the pack's own
flowables (every chart an empty box of its size) laid out and drawn in one pass, page
numbers known beforehand, nothing else (no start-up, no inputs, no second pass, no
structure tree); and (b) drawing the same charts alone with the cheapest vector writer
(matplotlib's SVG and PostScript writers, or the pack's own PDF writer). The floor is the
work that must be done, spread over the cores: the longer of (c) (layout runs in one
process) and (c) and (b) together divided by the cores. Beside it,
(a): this build with every chart an empty box, whole (start-up to written files), which
the layout's milliseconds per page are taken from. Also: a commentary-only rebuild
(charts cached), and 100 / 200 / 400 measures.

Each line is the median of `--rounds` runs, the runs of every line taken in turn (one round
of each, then the next round), so that a spell of load on a shared machine falls on all of
them alike; each is printed beside its goal (`GOALS`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "example"

# What a user should wait for at most, on a 2-core machine (time and memory should grow in
# proportion to the pack: `linear`, the most a doubling may multiply them by).
GOALS = {"example": 1.2, "rebuild": 0.4, "wall 200": 8.0, "pages/s 200": 60.0,
         "layout ms/page": 8.0, "chart ms": 12.0, "rss MB 200": 250.0}
LINEAR = 1.1  # time and memory grow at most this much faster than the pack


def goal(value: float, name: str, unit: str = "", at_least: bool = False) -> str:
    """`value` beside its goal: "(goal <= 1.2 s: met)"."""
    target = GOALS[name]
    met = value >= target if at_least else value <= target
    return f"(goal {'>=' if at_least else '<='} {target:g}{unit}: {'met' if met else 'MISSED'})"


def build(folder: Path, out: Path, **env: str) -> dict:
    """One build in a fresh process; its wall time, pages, size and memory."""
    stats = out.parent / f"{out.name}.stats.json"
    environment = {**os.environ, "CABINET_PACK_STATS": str(stats), **env}
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, "-m", "report", "build", str(folder), "-o", str(out)],
                   check=True, capture_output=True, env=environment)
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu
    pdf = out / f"{folder.resolve().name}.pdf"
    import pypdf

    pages = len(pypdf.PdfReader(str(pdf)).pages)
    result = {"wall": wall, "cpu": cpu, "pages": pages, "bytes": pdf.stat().st_size,
              **json.loads(stats.read_text())}
    return result


def _children_cpu() -> float:
    """CPU seconds of every finished child process and its own waited-for children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _draw(batch: list[dict], backend: str) -> float:
    """Draw a batch in a worker; the worker's CPU seconds for it."""
    import io

    from report.charts import draw

    original = draw._save

    def save(fig):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=backend, transparent=True)
        return buffer.getvalue()

    draw._save = save if backend != "pdf" else original
    started = time.process_time()
    for spec in batch:
        draw.draw(spec)
    return time.process_time() - started


def charts_alone(folder: Path) -> dict:
    """(b): the pack's charts drawn alone with the cheapest vector backend, on the build's
    worker count. Each backend runs in a fresh process, from starting the workers (as the
    build does: matplotlib imported once, in the fork server where there is one) to the
    last chart; its CPU time is the workers' while drawing."""
    best = None
    for backend in ("svg", "ps", "pdf"):
        done = subprocess.run([sys.executable, "-m", "report.bench", "--charts-alone",
                               str(folder), backend], capture_output=True, text=True)
        if done.returncode != 0:  # a backend the chart-font patch does not fit (PostScript)
            continue
        elapsed, cpu, workers, charts = done.stdout.split()
        if best is None or float(cpu) < best["cpu"]:
            best = {"wall": float(elapsed), "cpu": float(cpu), "backend": backend,
                    "workers": int(workers), "charts": int(charts)}
    return best


def _charts_alone_here(folder: Path, backend: str) -> None:
    from report.charts.spec import distinct
    from report.charts.workers import batched, chart_pool, worker_count
    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack
    from report.layout.config import load_layout
    from report.layout.registry import layout_specs

    # each drawn once, as the build draws them (SPC charts share legends)
    specs = list(distinct(layout_specs(compute_pack(load_pack(folder)),
                                       load_layout("cabinet")).values()).values())
    workers = worker_count(len(specs))
    batches = batched(specs, workers)  # as the build hands them out
    started = time.perf_counter()
    with chart_pool(workers) as pool:
        cpu = sum(pool.map(_draw, batches, [backend] * len(batches)))
    print(f"{time.perf_counter() - started:.4f} {cpu:.4f} {workers} {len(specs)}")


def one_pass(folder: Path) -> dict:
    """(c): bare layout, the least a layout could cost: the pack's own story (empty chart
    boxes) made and laid out once, drawn, its page numbers known beforehand, in a process
    that has already read and computed the pack; no second pass, no structure tree, no
    charts placed. The least of three, CPU seconds."""
    done = subprocess.run([sys.executable, "-m", "report.bench", "--one-pass", str(folder)],
                          capture_output=True, text=True, check=True)
    cpu, pages = done.stdout.split()
    return {"cpu": float(cpu), "pages": int(pages)}


def _one_pass_here(folder: Path) -> None:
    cpu, pages = bare_layout(folder)
    print(f"{cpu:.4f} {pages}")


def bare_layout(folder: Path, rounds: int = 3) -> tuple[float, int]:
    """(c) in this process: the least CPU seconds of `rounds`, and the pages laid out."""
    import gc

    from report.cli import GC_THRESHOLD
    from report.figures import pack_figures
    from report.pdf.doc import Refs, build_passes
    from report.render import Renderer

    gc.set_threshold(*GC_THRESHOLD)  # as a build sets it
    figures = pack_figures(folder)
    first = Renderer(figures, "cabinet", draw_charts=False)
    first.full()  # the page numbers, as a build finds them
    known = Refs(dict(first.full_result.anchors), first.full_result.pages
                 + first.trailing_pages)
    specs, layout = first.specs, first.layout
    del first
    least, pages = float("inf"), 0
    for _ in range(rounds):
        gc.collect()  # nothing of the last round kept, nor left to collect
        renderer = Renderer(figures, "cabinet", draw_charts=False, specs=specs,
                            layout=layout)
        started = time.process_time()
        made = renderer._story(known, renderer.layout.sections)
        result = build_passes(figures, renderer.theme, lambda refs, made=made: made,
                              extra_pages=renderer.trailing_pages, title=renderer.title,
                              known=known)
        least, pages = min(least, time.process_time() - started), result.pages
        del renderer, made, result
    return least, pages


def spc_share(folder: Path, build_wall: float, floors: tuple[dict, dict, int]) -> None:
    """What SPC adds to a cold build: working out every measure's XmR chart and icons
    (timed in the computation itself, in the main process: wall time added), and drawing
    SPC charts rather than trend charts (each measure's chart drawn both ways, CPU time in
    the chart workers, which run beside the layout: what it adds to the wall time is what
    it adds to the floor)."""
    import subprocess

    done = subprocess.run([sys.executable, "-m", "report.bench", "--spc-alone", str(folder)],
                          capture_output=True, text=True, check=True)
    compute, charts, count = done.stdout.split()
    boxes, alone, cores = floors
    with_spc = floor(boxes, alone, cores)
    with_trend = floor(boxes, {**alone, "cpu": alone["cpu"] - float(charts)}, cores)
    added = float(compute) + with_spc - with_trend
    # the charts share the cores with the layout: were every extra second of chart CPU
    # taken from the layout's share of them, the wall time would grow by that / cores
    bound = float(compute) + max(with_spc - with_trend, float(charts) / cores, 0.0)
    print(f"  SPC for {count} measures: {1000 * float(compute):.0f} ms to work out; "
          f"{1000 * float(charts):+.0f} ms CPU to draw SPC rather than trend charts, "
          f"which moves the floor by {with_spc - with_trend:+.2f} s; "
          f"{added / build_wall:.1%} of the cold build (at most {bound / build_wall:.1%})")


def _spc_alone_here(folder: Path) -> None:
    import dataclasses

    import report.compute.pack as computing
    from report.charts import draw
    from report.charts.spec import distinct
    from report.inputs.load import load_pack
    from report.layout.config import load_layout
    from report.layout.registry import layout_specs

    spent = [0.0]
    real = computing._spc

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    computing._spc = timed
    figures = computing.compute_pack(load_pack(folder))
    computing._spc = real
    layout = load_layout("cabinet")
    page = layout.measure_page  # the same pages, each with its trend chart instead
    trend = dataclasses.replace(layout, measure_page=dataclasses.replace(
        page, spc_chart=dataclasses.replace(page.spc_chart, show="trend", measures={})))

    def chart_cpu(settings) -> float:
        # each measure's trend or SPC chart, and the SPC charts' legends, drawn once each
        # as the build draws them (most SPC charts share a legend)
        specs = distinct(spec for chart_id, spec in layout_specs(figures, settings).items()
                         if chart_id.startswith(("trend-", "spc-", "legend-spc-"))).values()
        started = time.process_time()
        for spec in specs:
            draw.draw(spec)
        return time.process_time() - started

    chart_cpu(trend)  # matplotlib's first use, paid by either
    # the least of three each, taken in turn: one pass varies by a tenth on a shared
    # machine, as much as the difference being measured
    spc, trends = [], []
    for _ in range(3):
        spc.append(chart_cpu(layout))
        trends.append(chart_cpu(trend))
    difference = min(spc) - min(trends)
    print(f"{spent[0]:.4f} {difference:.4f} {len(figures.measures)}")


def line(label: str, r: dict) -> str:
    return (f"{label:38s} {r['wall']:6.2f} s  {r['pages']:4d} pages  "
            f"{r['pages'] / r['wall']:6.1f} pages/s  "
            f"{r['bytes'] / r['pages'] / 1024:5.1f} KB/page  "
            f"RSS main {r.get('rss_main_mb', 0):4.0f} MB, largest worker "
            f"{r.get('rss_worker_mb', 0):4.0f} MB")


def median(runs: list[dict]) -> dict:
    """Each number the median of the runs' (pages and bytes are the same in every run)."""
    import statistics

    return {key: (statistics.median(run[key] for run in runs)
                  if isinstance(runs[0][key], (int, float)) and not isinstance(runs[0][key], bool)
                  else runs[0][key]) for key in runs[0]}


def floor(boxes: dict, charts: dict, cores: int) -> float:
    """The least wall time a build could take: layout runs in one process, so never less
    than the layout alone; and all the CPU work, layout and charts, spread over every core.
    `boxes`: the layout's cost, as {"wall", "cpu"}: (c) for the floor, (a) for the SPC
    share (what this program's layout costs)."""
    return max(boxes["wall"], (boxes["cpu"] + charts["cpu"]) / cores)


def floor_report(label: str, folder: Path, work: Path, actual: dict) -> tuple[dict, dict, int]:
    """Prints the floor, the ratio to it, and where this build's own layout stands against
    the bare one; returns (a), (b) and the cores."""
    boxes = build(folder, work / f"{label}-boxes", CABINET_PACK_CHARTS="off")
    charts = charts_alone(folder)
    bare = one_pass(folder)
    cores = os.cpu_count() or 1
    least = floor({"wall": bare["cpu"], "cpu": bare["cpu"]}, charts, cores)
    print(f"  floor for {label}: max((c) bare layout {bare['cpu']:.2f} s, ((c) {bare['cpu']:.2f} s"
          f" + (b) chart CPU {charts['cpu']:.2f} s) / {cores} cores) = {least:.2f} s; "
          f"actual / floor = {actual['wall'] / least:.2f}")
    print(f"    (a) this build without charts: {boxes['wall']:.2f} s, {boxes['cpu']:.2f} s CPU "
          f"(start-up, inputs, figures, both passes, structure tree, writing); (c) is "
          f"{bare['cpu'] / boxes['cpu']:.0%} of it")
    per_page = 1000 * boxes["cpu"] / boxes["pages"]
    bare_page = 1000 * bare["cpu"] / bare["pages"]
    per_chart = 1000 * charts["cpu"] / max(charts["charts"], 1)
    print(f"    {per_page:.1f} ms CPU per page laid out {goal(per_page, 'layout ms/page', ' ms')} "
          f"(bare: {bare_page:.1f} ms), {per_chart:.1f} ms CPU per chart "
          f"{goal(per_chart, 'chart ms', ' ms')} ({charts['charts']} charts, "
          f"{charts['backend']}, {charts['workers']} workers)")
    return boxes, charts, cores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,200,400",
                        help="synthetic pack sizes in measures (default 100,200,400)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs of each line, taken in turn; the median is shown (default 3)")
    parser.add_argument("--charts-alone", nargs=2, metavar=("FOLDER", "BACKEND"),
                        help=argparse.SUPPRESS)  # one measurement of (b), in its own process
    parser.add_argument("--spc-alone", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument("--one-pass", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_pass:
        _one_pass_here(Path(args.one_pass))
        return 0
    if args.charts_alone:
        _charts_alone_here(Path(args.charts_alone[0]), args.charts_alone[1])
        return 0
    if args.spc_alone:
        _spc_alone_here(Path(args.spc_alone))
        return 0
    import compileall

    # As on any machine that has run the program before (and as an installed package is):
    # byte-code compiled, even where PYTHONDONTWRITEBYTECODE stops Python writing it.
    compileall.compile_dir(Path(__file__).resolve().parent, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="cabinet-bench-"))
    try:
        print(f"machine: {os.cpu_count()} cores; every build a fresh process, "
              "byte-code compiled\n")
        from report.synth import synthesise

        sizes = [int(size) for size in args.sizes.split(",") if size]
        folders = {size: synthesise(size, work / f"synth{size}" / f"synth{size}")
                   for size in sizes}
        edited = work / "edited"
        shutil.copytree(EXAMPLE, edited / "example")
        commentary = edited / "example" / "commentary" / "dtoc.md"
        runs: dict[str, list[dict]] = {}

        def edit_and_build() -> dict:
            commentary.write_text(commentary.read_text() + "\nAnother edit.\n")
            return build(edited / "example", work / "edited-out")

        build(EXAMPLE, work / "example-warm")  # the cache a rebuild starts from
        shutil.copytree(work / "example-warm" / ".cache", work / "edited-out" / ".cache")
        edit_and_build()  # the first build from this folder keeps its figures for the next
        for _ in range(args.rounds):  # every line once a round, in turn
            shutil.rmtree(work / "example-cold", ignore_errors=True)
            runs.setdefault("example", []).append(build(EXAMPLE, work / "example-cold"))
            runs.setdefault("rebuild", []).append(edit_and_build())
            for size in sizes:
                shutil.rmtree(work / f"synth{size}-out", ignore_errors=True)
                runs.setdefault(size, []).append(build(folders[size], work / f"synth{size}-out"))
        rounds = f"median of {args.rounds}"
        best = median(runs["example"])
        print(line(f"example pack, cold ({rounds})", best), goal(best["wall"], "example", " s"))
        print(line("example pack, charts cached", build(EXAMPLE, work / "example-warm")))
        again = median(runs["rebuild"])
        print(line(f"commentary-only rebuild ({rounds})", again),
              goal(again["wall"], "rebuild", " s"))
        print(f"  commentary-only rebuild = {again['wall'] / best['wall']:.0%} of a cold build; "
              f"matplotlib imported: {again['matplotlib_imported']}, last build's "
              f"figures reused: {again['figures_reused']}")
        floor_report("example", EXAMPLE, work, best)
        print()
        results = {size: median(runs[size]) for size in sizes}
        for size, result in results.items():
            print(line(f"{size} measures, cold ({rounds})", result))
            if size == 200:
                print(f"  {goal(result['wall'], 'wall 200', ' s')} "
                      f"{goal(result['pages'] / result['wall'], 'pages/s 200', ' pages/s', True)} "
                      f"{goal(result.get('rss_main_mb', 0), 'rss MB 200', ' MB')}")
                parts = floor_report("200 measures", folders[size], work, result)
                spc_share(folders[size], result["wall"], parts)
        for small, large in zip(sizes, sizes[1:]):
            a, b = results[small], results[large]
            time_x = b["wall"] / a["wall"]
            memory_x = b.get("rss_main_mb", 0) / max(a.get("rss_main_mb", 1), 1)
            most = LINEAR * large / small
            verdict = {True: "met", False: "MISSED"}
            print(f"  {small} -> {large} measures: time x{time_x:.2f}, memory x{memory_x:.2f} "
                  f"(goal <= x{most:.2f}, linear: time {verdict[time_x <= most]}, "
                  f"memory {verdict[memory_x <= most]})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
