"""`cabinet-pack`: validate a pack folder, or build its PDF and figures.

Exit status: 0 done, 2 bad input (every problem listed), 1 internal error.
Validation imports neither matplotlib nor reportlab, so it starts quickly.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import time
from pathlib import Path

from report import __version__
from report.problems import InputProblems, counted, printable

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cabinet-pack",
        description="Build the Adult Social Care cabinet pack from a folder of inputs.")
    parser.add_argument("--version", action="version", version=f"cabinet-pack {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a pack folder and list every problem")
    validate.add_argument("folder", type=Path, help="the pack's input folder, e.g. inputs/example")

    build = commands.add_parser("build", help="build the pack's PDF, figures and scorecard")
    build.add_argument("folder", type=Path, help="the pack's input folder, e.g. inputs/example")
    build.add_argument("-o", "--out", type=Path, default=Path("out"),
                       help="output folder (default: out)")
    build.add_argument("--layout", action="append", default=None, metavar="NAME",
                       help="layout from layouts/ (cabinet, analysis); repeat for several; "
                            "default: the one pack.yaml names")
    build.add_argument("--draft", action="store_true",
                       help="mark every page DRAFT (as draft: true in pack.yaml does)")
    build.add_argument("--split", action="store_true",
                       help="also write the cabinet pack in parts to OUT/<pack>/NN-<part>.pdf "
                            "(summary and scorecard, each theme, comparators, glossary, "
                            "appendices), keeping the full pack's page numbers")
    build.add_argument("--figures-only", action="store_true",
                       help="write the figures export and scorecard CSV, but no PDF")
    synth = commands.add_parser("synth", help="write a synthetic pack folder for benchmarks")
    synth.add_argument("folder", type=Path,
                       help="a new folder to write (a folder synth made before is replaced)")
    synth.add_argument("--measures", type=int, default=200, help="how many measures (200)")
    synth.add_argument("--seed", type=int, default=1, help="random seed (1)")
    from report.cycle.commands import add_commands

    add_commands(commands)  # new-period, status, template, requests, collect
    return parser


# A build makes many objects, few reference cycles, and lasts seconds: look for cycles
# every 100,000 new objects rather than every 700. A rebuild is ~4% faster; a 200-measure
# pack takes ~4% more memory.
GC_THRESHOLD = (100_000, 10, 10)


def run() -> None:
    """The command itself (`cabinet-pack`, `python -m report`): `main`, then exit at once.
    Everything has been written, closed and renamed into place by then; tearing the
    interpreter down would only free memory the system frees anyway (~0.1 s)."""
    import gc
    import os

    gc.set_threshold(*GC_THRESHOLD)
    from report import interrupt

    if sys.stdout is not None and sys.stderr is not None:  # None without a console (pythonw)
        sys.stdout, sys.stderr = ReaderMayLeave(sys.stdout), ReaderMayLeave(sys.stderr)
    try:
        interrupt.install()
        code = main()
        interrupt.hold()  # done: a Ctrl-C now is too late to stop anything
    except KeyboardInterrupt:  # before the command's handler was in place, or after
        print("cabinet-pack: interrupted; nothing was written", file=sys.stderr)
        code = EXIT_INTERNAL
    interrupt.hold()
    workers = sys.modules.get("report.charts.workers")  # imported only if charts were drawn
    if workers is not None:
        workers.stop_all()  # none outlives the command (exiting at once skips their clean-up)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


class ReaderMayLeave:
    """A standard stream whose reader may stop reading before the end, as `head` does
    (`cabinet-pack status FOLDER | head -1`): once the pipe is closed, the rest of what
    the command prints is dropped, and the command finishes and exits as it would have,
    with no traceback and no "internal error" for what was never an error."""

    def __init__(self, stream):
        self._stream = stream
        self.left = False  # the reader has gone

    def write(self, text: str) -> int:
        if not self.left:
            try:
                return self._stream.write(text)
            except OSError as exc:
                self._gone(exc)
        return len(text)

    def flush(self) -> None:
        if not self.left:
            try:
                self._stream.flush()
            except OSError as exc:
                self._gone(exc)

    def _gone(self, exc: OSError) -> None:
        # Windows says a closed pipe with EINVAL where other systems say EPIPE
        if not isinstance(exc, BrokenPipeError) and exc.errno not in (errno.EPIPE,
                                                                      errno.EINVAL):
            raise exc
        self.left = True

    def __getattr__(self, name: str):
        return getattr(self._stream, name)  # encoding, isatty, fileno: the stream's own


def main(argv: list[str] | None = None) -> int:
    from report import interrupt

    args = _parser().parse_args(argv)
    with interrupt.watching():
        return _command(args)


WRITING = ("build", "new-period", "template", "requests", "collect")  # commands that write


def _command(args) -> int:
    from report.transaction import OutputError

    try:
        if args.command == "validate":
            return _validate(args)
        if args.command == "synth":
            from report.synth import synthesise

            try:
                synthesise(args.measures, args.folder, args.seed)
            except ValueError as exc:
                print(f"cabinet-pack synth: {exc}", file=sys.stderr)
                return EXIT_BAD_INPUT
            print(f"wrote {args.folder} ({args.measures} measures)")
            return EXIT_OK
        from report.cycle.commands import COMMANDS
        from report.cycle.commands import run as run_cycle

        if args.command in COMMANDS:
            return run_cycle(args)
        return _build(args)
    except InputProblems as exc:
        _print_problems(exc, writes=args.command in WRITING)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("cabinet-pack: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERNAL
    except OutputError as exc:  # the user's own folder or disk: theirs to mend
        print(f"cabinet-pack: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (OSError, RuntimeError) as exc:
        said = _path_problem(exc)
        if said is None:
            return _internal_error(exc)
        print(f"cabinet-pack: {said}{'; nothing was written' if args.command in WRITING else ''}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:
        return _internal_error(exc)


def _path_problem(exc: Exception) -> str | None:
    """A path the user gave, or one in their pack or output folder, that the system would
    not use (a name too long for the disk, links in a loop, no permission), in one line;
    None for anything else (an error of the program's own)."""
    if isinstance(exc, RuntimeError):  # pathlib's resolve, on links in a loop
        text = str(exc)
        if not text.startswith("Symlink loop from "):
            return None
        where = text.removeprefix("Symlink loop from ").strip("'")
        return f"cannot use {printable(where)}: its links lead round in a loop"
    if not isinstance(exc.filename, str | bytes | os.PathLike):  # none, or a descriptor
        return None
    shown = printable(os.fsdecode(exc.filename))
    reasons = {errno.ENAMETOOLONG: "a name in that path is too long for the disk",
               errno.ELOOP: "its links lead round in a loop",
               errno.EACCES: "permission denied", errno.EPERM: "permission denied",
               errno.ENOTDIR: "part of that path is a file, not a folder"}
    return f"cannot use {shown}: {reasons.get(exc.errno, exc.strerror or type(exc).__name__)}"


def _internal_error(exc: Exception) -> int:
    from report import interrupt, settings

    if interrupt.requested():  # a library turned the Ctrl-C into another error
        print("cabinet-pack: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERNAL
    if type(exc).__name__ == "PageLayoutError":  # input too large for a page
        print(f"cabinet-pack: {exc}\nNothing was written.", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"cabinet-pack: internal error: {type(exc).__name__}: {exc}\n"
          "Nothing was written. Please report this with the inputs that caused it "
          "(run with CABINET_PACK_DEBUG=1 for details).", file=sys.stderr)
    if settings.current().debug:
        raise exc
    return EXIT_INTERNAL


def _print_problems(exc: InputProblems, writes: bool = True) -> None:
    tail = "; nothing was written." if writes else "."
    print(f"The inputs have {counted(len(exc.problems), 'problem')}{tail}", file=sys.stderr)
    for problem in exc.problems:  # the inputs' own text, escaped: it cannot drive the terminal
        print(f"  {printable(str(problem))}", file=sys.stderr)


def _print_warnings(warnings) -> None:
    for warning in warnings:
        print(f"warning: {printable(str(warning))}", file=sys.stderr)


def _validate(args) -> int:
    from report.inputs.load import load_pack

    inputs = load_pack(args.folder)
    from report.compute.pack import rebase_suggestions

    _print_warnings(inputs.warnings + rebase_suggestions(inputs))
    print(f"{args.folder}: valid ({counted(len(inputs.measures.measures), 'measure')}, "
          f"{counted(len(inputs.data), 'data row')})")
    from report.cycle.readiness import readiness_of, report_lines

    print("\n".join(report_lines(readiness_of(inputs, []), sys.stdout.encoding)))
    return EXIT_OK


def _build(args) -> int:
    from report.build import build_pack
    from report.progress import Progress

    started = time.perf_counter()
    progress = Progress.on_terminal(sys.stderr)
    try:
        result = build_pack(args.folder, args.out, layouts=args.layout,
                            figures_only=args.figures_only, draft=args.draft,
                            split=args.split, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    _print_warnings(result.warnings)
    for path in result.written:
        print(f"wrote {path}")
    for path in result.removed:
        print(f"removed {path}/ (split parts of an earlier build; --split writes new ones)")
    if result.drafts_removed:
        # the draft's split parts are the folder `<pack>.DRAFT`; its files have extensions
        shown = ", ".join(f"{p.as_posix()}/" if p.suffix == ".DRAFT" else p.as_posix()
                          for p in result.drafts_removed)
        print(f"removed the draft: {shown} (a final build replaces it)")
    extra = f", {result.pages} pages" if result.pages else ""
    print(f"built in {time.perf_counter() - started:.2f} s{extra}")
    _write_stats()
    return EXIT_OK


def _write_stats() -> None:
    """For `make bench`: peak memory of this process and of its largest worker, and
    whether matplotlib (drawing) or pydantic (validating) was imported here. Written only
    when CABINET_PACK_STATS names a file."""
    import json

    from report import settings

    target = settings.current().stats
    if not target:
        return
    from report import figures
    from report.charts import workers

    stats = {"matplotlib_imported": "matplotlib" in sys.modules,
             "pydantic_imported": "pydantic" in sys.modules,  # validated here
             "figures_reused": figures.REUSED,  # the last build's, commentary read afresh
             "rss_main_mb": workers.peak_rss_mb(), "rss_worker_mb": workers.PEAK_WORKER_RSS_MB}
    Path(target).write_text(json.dumps(stats), encoding="utf-8")
