"""Draw every chart a pack needs, in worker processes while the main process lays the
pages out, reusing drawings kept in the cache (report/cache.py) under each chart's spec.

A rebuild in which no chart's data changed neither draws a chart nor imports matplotlib.
Chart bytes depend only on their spec, so the PDF is the same whatever the worker count.
Where the platform forks, workers come from a fork server that has imported matplotlib
once and built a figure for each kind of chart (report/charts/warm.py); a build that will
probably draw starts it first thing (`warm_up`), so that it imports matplotlib while this
process reads the inputs: in the example's cold build the charts are what the pages wait
for.
"""

from __future__ import annotations

import math
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from report.charts.spec import distinct
from report.paths import LAYOUTS

if TYPE_CHECKING:  # multiprocessing is imported only when there is something to draw
    from concurrent.futures import Future, ProcessPoolExecutor

CHARTS_PER_WORKER = 4  # fewer than this and another process costs more than it saves


def _draw_many(specs: list[dict]) -> tuple[list[bytes], float]:
    """The charts' PDFs, and this worker's peak memory in MB (for `make bench`: workers
    forked by a fork server are not this process's children, so it cannot ask the system)."""
    from report.charts.draw import draw

    drawn = [draw(spec) for spec in specs]
    return drawn, peak_rss_mb()


def peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


PEAK_WORKER_RSS_MB = 0.0  # the largest chart worker this process has heard from

# Charts being drawn, from the moment their workers start until they are waited for or
# stopped. A Ctrl-C can land before the build holds what `start_charts` returns; the
# command then stops these before it exits (`stop_all`), as workers left behind would wait
# for charts for ever.
_LIVE: set[PendingCharts] = set()


def _fork_server():
    """Where the platform forks (Linux, macOS) and no start method has been chosen: a
    context whose workers are forked from one server process that has imported matplotlib
    and drawn a chart of each kind, rather than each importing it (~0.5 s of processor time
    apiece) and building its figures. Else None."""
    import multiprocessing

    method = multiprocessing.get_start_method(allow_none=True)
    if method in (None, "fork") and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["report.charts.warm"])
        return context
    return None


# How much lower than the main process's the workers' scheduling priority is (Unix
# niceness). The main process lays the pages out, which is what a build waits for; the
# workers draw beside it. With equal priority, two workers and the main process took turns
# on two cores, each at two thirds of one, and the layout ran a third slower than alone.
WORKER_NICENESS = 10


def _worker_started() -> None:
    """Ctrl-C is for the main process: it stops the build and then the workers, which
    would otherwise each print a traceback. A worker yields the processor to the main
    process (`WORKER_NICENESS`)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):  # not on Windows
        try:
            os.nice(WORKER_NICENESS)
        except OSError:
            pass


def chart_pool(workers: int, context=None) -> ProcessPoolExecutor:
    """Worker processes for drawing: from the fork server where there is one, else the
    platform's way (spawned on Windows)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=context or _fork_server(),
                               initializer=_worker_started)


def warm_up() -> None:
    """Start the fork server now, so it imports matplotlib while this process reads the
    inputs and lays out pages. Returns at once; does nothing where there is no fork server."""
    _start_fork_server()


def _start_fork_server() -> bool:
    """Start the fork server, if there is one and it is not running, deaf to Ctrl-C: the
    signal is for this process, which then stops the workers. (The server ignores it too,
    but only once it has imported matplotlib; a Ctrl-C before then printed a traceback.)
    A process inherits an ignored signal, so SIGINT is ignored while the server starts;
    it is also blocked, so that a Ctrl-C meanwhile waits and then reaches this process
    (Linux ignores no blocked signal). False: there is no fork server."""
    if _fork_server() is None:
        return False
    import signal
    import threading
    from multiprocessing import forkserver

    here = threading.current_thread() is threading.main_thread()  # where handlers are set
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN) if here else None
    try:
        forkserver.ensure_running()
    except OSError:
        return False  # the workers will be spawned instead (see PendingCharts.start)
    finally:
        if here:
            signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return True


CHART_INPUTS = ("pack.yaml", "measures.yaml", "areas.yaml", "data.csv")  # and benchmarks/*.csv


def drawn_marker(folder: Path, layouts: list[str] | None, cache: Path) -> str:
    """The key of a "drawn" entry standing for "a build from these chart inputs finished":
    the pack's data files (not its commentary or appendices), the layouts and (as with
    every key) the program's code. If it exists, a build will likely draw nothing. A guess
    only, used to decide whether to warm up; the cache itself decides what is drawn."""
    from report.cache import file_digest

    files = [(name, folder / name) for name in CHART_INPUTS]
    files += [(f"benchmarks/{p.name}", p) for p in sorted((folder / "benchmarks").glob("*.csv"))]
    files += [(f"layouts/{p.name}", p) for p in sorted(LAYOUTS.glob("*.yaml"))]
    return file_digest(files, repr(layouts))


def worker_count(charts: int, workers: int | None = None) -> int:
    from report import settings

    available = workers or settings.current().workers or os.cpu_count() or 1
    return max(1, min(available, math.ceil(charts / CHARTS_PER_WORKER)))


def batched(items: list, workers: int) -> list[list]:
    """Small batches, taken by whichever worker is free: none idles while another still
    has a queue (the main process competes with them for the cores while it lays pages
    out)."""
    size = min(CHARTS_PER_WORKER, math.ceil(len(items) / workers))
    return [items[i:i + size] for i in range(0, len(items), size)]


@dataclass(eq=False)  # each is itself: kept in `_LIVE` by identity
class PendingCharts:
    """Charts being drawn; `result()` waits for them, fills the cache and returns every
    chart's PDF by its key (`chart_digest(spec)`)."""

    ready: dict[str, bytes]
    cache: Path | None
    jobs: list[tuple[list[str], Future]] = field(default_factory=list)
    pool: ProcessPoolExecutor | None = None
    starter: threading.Thread | None = None
    failure: BaseException | None = None
    progress: object | None = None  # a report.progress.Progress, on a terminal
    fonts_kept: set[str] = field(default_factory=set)  # embedded whole in a chart kept

    def start(self, batches: list[tuple[list[str], list[dict]]], workers: int) -> None:
        """Start the workers from a thread: a fork server answers only once it has imported
        matplotlib, and this process has pages to lay out meanwhile. (The server itself is
        started here, so that it is started deaf to Ctrl-C.)"""
        _start_fork_server()
        _LIVE.add(self)

        def submit_all(pool: ProcessPoolExecutor) -> None:
            self.pool, self.jobs = pool, []
            for keys, specs in batches:
                future = pool.submit(_draw_many, specs)
                if self.progress is not None:
                    drawn = len(keys)
                    future.add_done_callback(
                        lambda _, drawn=drawn: self.progress.charts_drawn(drawn))
                self.jobs.append((keys, future))

        def submit():
            try:
                try:
                    submit_all(chart_pool(workers))
                except OSError:  # no fork server here (e.g. no room for its socket)
                    import multiprocessing

                    if self.pool is not None:
                        self.pool.shutdown(wait=False, cancel_futures=True)
                    submit_all(chart_pool(workers, multiprocessing.get_context("spawn")))
            except BaseException as exc:
                self.failure = exc

        self.starter = threading.Thread(target=submit, name="chart-workers", daemon=True)
        self.starter.start()

    def result(self) -> dict[str, bytes]:
        global PEAK_WORKER_RSS_MB
        try:
            if self.starter is not None:
                self.starter.join()
                self.starter = None
            if self.failure is not None:
                raise self.failure
            for keys, future in self.jobs:
                drawn, rss = future.result()
                PEAK_WORKER_RSS_MB = max(PEAK_WORKER_RSS_MB, rss)
                for key, data in zip(keys, drawn):
                    self._store(key, data)
                    self.ready[key] = self._kept(data)
            self.jobs = []
        except BaseException:
            self.cancel()
            raise
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None
        _LIVE.discard(self)
        return self.ready

    def cancel(self) -> None:
        """Stop drawing: queued charts are dropped, and the workers finish the batch in
        hand and exit (waited for, so none outlives the command)."""
        if self.starter is not None:
            self.starter.join()
            self.starter = None
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        _LIVE.discard(self)

    def _kept(self, data: bytes) -> bytes:
        """What this process keeps of a chart until the pack is saved: the whole PDF for
        the first chart in each set of chart fonts, the others' pages naming those fonts
        only (at 200 measures the fonts were 10 MB of the 12 MB of charts held)."""
        from report.pdf import chart_page

        ours = chart_page.read(data)
        if ours is None or not ours.fonts:
            return data
        if not set(ours.fonts) <= self.fonts_kept:
            self.fonts_kept |= set(ours.fonts)
            return data
        return chart_page.without_fonts(data)

    def _store(self, key: str, data: bytes) -> None:
        from report import cache as store

        store.write_bytes(self.cache, "chart", _stored(key), data, "pdf")


def stop_all() -> None:
    """Stop every chart worker this process started and still has (see `_LIVE`)."""
    for pending in list(_LIVE):
        pending.cancel()


def _stored(key: str) -> str:
    """A chart's key in the cache: its spec's, with the program's code and libraries."""
    from report import cache as store

    return store.digest_of(key.encode(), "chart")


def start_charts(specs: list[dict], cache: Path | None, workers: int | None = None,
                 progress=None) -> PendingCharts:
    """Begin drawing the charts not in the cache; returns at once."""
    from report import cache as store

    pending = PendingCharts({}, cache, progress=progress)
    missing: dict[str, dict] = {}
    for key, spec in distinct(specs).items():
        cached = store.read_bytes(cache, "chart", _stored(key), "pdf")
        if cached is not None:
            pending.ready[key] = pending._kept(cached)
        else:
            missing[key] = spec
    if not missing:
        return pending
    count = worker_count(len(missing), workers)
    batches = [(keys, [missing[key] for key in keys]) for keys in batched(list(missing), count)]
    if progress is not None:
        progress.charts_started(len(missing))
    pending.start(batches, count)
    return pending
