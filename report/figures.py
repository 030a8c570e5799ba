"""A build's figures: validated and computed from the pack folder, or, where only the
commentary changed since the last build into the same output folder, that build's figures
with the commentary read afresh.

Commentary is what changes between most builds of a month's pack: its author rewrites a
paragraph and rebuilds to see the page. Every other file in the folder (YAML, CSV,
appendices) is part of the cache entry's key, as are the commentary files' names, so
anything else that changed means a full validation, as on a first build.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from report import cache as entries
from report.model import PackFigures
from report.problems import InputProblems, Problem, in_file_order

REUSED = False  # whether this build's figures were the last build's (for `make bench`)


@dataclass
class Reusable:
    figures: PackFigures
    warnings: list[Problem]  # those not about the commentary's own text


def pack_figures(folder: Path, cache: Path | None = None) -> PackFigures:
    """The pack's figures (InputProblems lists every problem); `cache`: a folder to keep
    them in for the next build."""
    global REUSED
    REUSED = False
    key = _key(folder) if cache is not None and folder.is_dir() else None
    kind = f"figures-{entries.short_digest(folder.resolve().as_posix())}"  # one per pack
    reused = entries.read(cache, kind, key) if key else None
    if isinstance(reused, Reusable):
        from report.inputs.commentary import read_commentary

        commentary, notes = read_commentary(folder)
        notes.raise_if_any()
        figures = reused.figures
        for measure in figures.measures.values():
            measure.commentary = commentary.get(measure.id, {})
        figures.warnings = tuple(str(w) for w in in_file_order(reused.warnings + notes.warnings))
        REUSED = True
        return figures

    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack

    inputs = load_pack(folder)
    figures = compute_pack(inputs)
    if key is not None:
        own = {id(w) for w in inputs.commentary_warnings}
        entries.write(cache, kind, key,
                      Reusable(figures, [w for w in inputs.warnings if id(w) not in own]))
    return figures


def _key(folder: Path) -> str:
    """Every file in the folder but the commentary's text (its files' names count), and
    the fonts the glyph warnings are checked against."""
    commentary = folder / "commentary"
    files = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        if path.parent == commentary and path.suffix.lower() == ".md":
            files.append((name, None))  # present; its text is read on every build
        else:
            files.append((name, path))
    return entries.file_digest(files, folder.as_posix(), folder.resolve().as_posix(),
                               *_glyph_fonts())


def _glyph_fonts() -> list[str]:
    """The fonts whose character maps the glyph warnings come from, by size and time."""
    from report.inputs.glyphs import FONT_FILES
    from report.paths import FONTS

    stamps = []
    for name in FONT_FILES:
        try:
            stat = (FONTS / name).stat()
            stamps.append(f"{name} {stat.st_size} {stat.st_mtime_ns}")
        except OSError:
            stamps.append(f"{name} missing")
    return stamps


def pack_figures_meanwhile(folder: Path, cache: Path | None) -> Callable[[], PackFigures]:
    """Start working out the figures in a forked process, so that this one can import the
    page-layout code meanwhile (a rebuild has no charts to draw, so the second core is
    free); call the result for them. Where there is no fork (Windows, macOS), or this
    process runs threads, or CABINET_PACK_DEBUG asks for whole tracebacks, the figures are
    worked out here when asked for, as by `pack_figures`."""
    here = lambda: pack_figures(folder, cache)  # noqa: E731
    import threading

    if (not sys.platform.startswith("linux") or threading.active_count() > 1
            or os.environ.get("CABINET_PACK_DEBUG")):
        return here
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return here
    if pid == 0:
        _work_out(folder, cache, read_end, write_end)  # never returns
    os.close(write_end)

    def figures() -> PackFigures:
        global REUSED
        import pickle

        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        if not data:
            return here()  # the process died (killed?): do the work here
        outcome, value, REUSED = pickle.loads(data)
        if outcome == "problems":
            raise InputProblems(value)
        if outcome == "error":
            raise value
        return value

    return figures


def _work_out(folder: Path, cache: Path | None, read_end: int, write_end: int) -> None:
    """The forked process: figures (or what went wrong) down the pipe, then exit at once."""
    import pickle
    import signal

    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
        os.close(read_end)
        try:
            payload = pickle.dumps(("figures", pack_figures(folder, cache), REUSED))
        except InputProblems as exc:
            payload = pickle.dumps(("problems", exc.problems, False))
        except Exception as exc:  # noqa: BLE001 - reported by the main process
            try:
                payload = pickle.dumps(("error", exc, False))
            except Exception:  # noqa: BLE001 - an exception that cannot be pickled
                payload = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}"),
                                        False))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
    except BaseException:  # noqa: BLE001 - nothing may escape a forked process
        status = 1
    finally:
        os._exit(status)
