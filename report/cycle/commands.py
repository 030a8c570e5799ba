"""The monthly cycle's commands on the command line: `new-period`, `status`, `template`.

`report/cli.py` adds them with `add_commands` and hands their arguments to `run`; input
problems are raised as InputProblems and printed there like every other command's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

COMMANDS = ("new-period", "status", "template")


def add_commands(commands) -> None:
    new = commands.add_parser(
        "new-period", help="make next month's pack folder from this month's",
        description="Copy a pack folder for the next month: pack_month and data_period move on "
                    "one month, data and benchmarks are carried for the new rows to be added, "
                    "and each commentary file is marked as last month's text not yet updated.")
    new.add_argument("folder", type=Path, help="this month's pack folder, e.g. inputs/may-2019")
    new.add_argument("new_folder", type=Path, nargs="?", default=None,
                     help="the folder to make (default: beside FOLDER, its name with the month "
                          "moved on, e.g. inputs/june-2019, or FOLDER-YYYY-MM); never "
                          "overwritten")
    status = commands.add_parser(
        "status", help="what this month's pack still needs, measure by measure",
        description="A readiness report: for each measure, whether the data and the target for "
                    "the period are there, whether its commentary was updated and names the "
                    "right month and quarter, and whether it has an owner and a source; then "
                    "the exact lines to fix, and every warning the build would print, under "
                    "the measure it concerns.")
    status.add_argument("folder", type=Path, help="the pack's input folder")
    status.add_argument("--strict", action="store_true",
                        help="exit 2 unless the pack is ready, with no warning (for scripts)")
    template = commands.add_parser(
        "template", help="write a workbook with this period's data rows ready to fill",
        description="Write FOLDER/data-template.xlsx: sheet 'data' with the columns of data.csv "
                    "and one row per measure for the period it is due, its value to fill in.")
    template.add_argument("folder", type=Path, help="the pack's input folder")


def run(args) -> int:
    if args.command == "new-period":
        return _new_period(args)
    if args.command == "status":
        from report.cycle.readiness import print_status

        return print_status(args.folder, strict=args.strict)
    from report.cycle.template import write_template

    path, rows = write_template(args.folder)
    print(f"wrote {path.as_posix()} ({rows} rows to fill in; copy them into the data sheet "
          "or data.csv)")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'es' if noun.endswith('s') else 's'}" if number != 1 else \
        f"1 {noun}"


def _new_period(args) -> int:
    from report.cycle.newperiod import new_period

    made = new_period(args.folder, args.new_folder)
    shown = made.folder.as_posix()
    print(f"wrote {shown}: the pack for {made.pack_month.long}, data to "
          f"{made.data_period.long}")
    print(f"  carried: the data and benchmarks (add the {made.data_period.long} rows), "
          f"{len(made.carried)} commentary file{'s' if len(made.carried) != 1 else ''} "
          "marked as last month's text")
    last = made.data_period.shift(-1)
    carried = [f"{_count(made.statuses, 'status')} an officer set for {last.long}"] * bool(
        made.statuses) + [f"{_count(made.targets, 'single target')} set for "
                          f"{last.fy_label}"] * bool(made.targets)
    if carried:
        print(f"  to confirm: {' and '.join(carried)}, marked as carried (confirm each, then "
              "delete its carried_from line)")
    print(f"  next: add the new rows, update each commentary (then delete its first line), "
          f"and run: cabinet-pack status {shown}")
    sys.stdout.flush()
    return 0
