"""The monthly cycle's commands on the command line: `new-period`, `status`, `template`,
`requests`, `collect`.

`report/cli.py` adds them with `add_commands` and hands their arguments to `run`; input
problems are raised as InputProblems and printed there like every other command's.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from report.problems import counted

COMMANDS = ("new-period", "status", "template", "requests", "collect")


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
    requests = commands.add_parser(
        "requests", help="write a Word document per measure owner asking for their commentary",
        description="For each measure owner in measures.yaml, a Word document with their "
                    "measures' figures and charts and a box for each part of the commentary, "
                    "filled with the text the pack has now, to edit and send back.")
    requests.add_argument("folder", type=Path, help="the pack's input folder")
    requests.add_argument("-o", "--out", type=Path, default=None,
                          help="folder for the documents (default: out/<pack>-requests)")
    collect = commands.add_parser(
        "collect", help="read the owners' returned documents into the commentary files",
        description="Read returned request documents into commentary/<measure>.md: all are "
                    "checked first, and nothing is written if any has a problem. The text "
                    "each changed file had before is kept for one undo (--undo).")
    collect.add_argument("folder", type=Path, help="the pack's input folder")
    collect.add_argument("files", type=Path, nargs="*", metavar="FILE",
                         help="the returned Word documents (.docx)")
    collect.add_argument("--undo", action="store_true",
                         help="put back the commentary as it was before the last collect")


def run(args) -> int:
    if args.command == "new-period":
        return _new_period(args)
    if args.command == "requests":
        return _requests(args)
    if args.command == "collect":
        return _collect(args)
    if args.command == "status":
        from report.cycle.readiness import print_status

        return print_status(args.folder, strict=args.strict)
    from report.cycle.template import write_template

    path, rows = write_template(args.folder)
    print(f"wrote {path.as_posix()} ({counted(rows, 'row')} to fill in; copy "
          f"{'it' if rows == 1 else 'them'} into the data sheet or data.csv)")
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
          f"{counted(len(made.carried), 'commentary file')} "
          "marked as last month's text")
    last = made.data_period.shift(-1)
    carried = [f"{_count(made.statuses, 'status')} an officer set for {last.long}"] * bool(
        made.statuses) + [(f"{_count(made.targets, 'single target')} set for "
                          f"{last.fy_label}")] * bool(made.targets)
    if carried:
        print(f"  to confirm: {' and '.join(carried)}, marked as carried (confirm each, then "
              "delete its carried_from line)")
    print(f"  next: add the new rows, update each commentary (then delete its first line), "
          f"and run: cabinet-pack status {shown}")
    sys.stdout.flush()
    return 0


def _requests(args) -> int:
    from report.cycle.requests import write_requests

    written, requests = write_requests(args.folder, args.out)
    for path, request in zip(written, requests):
        count = len(request.measures)
        print(f"wrote {path.as_posix()}: {request.owner}, {count} "
              f"measure{'s' if count != 1 else ''}")
    print(f"  next: send each document to its owner; when they come back, run: "
          f"cabinet-pack collect {args.folder.as_posix()} FILE...")
    return 0


def _collect(args) -> int:
    from report.cycle import collect

    shown = args.folder.as_posix()
    if args.undo:
        if args.files:
            print("cabinet-pack collect: --undo takes no documents", file=sys.stderr)
            return 2
        restored = collect.undo(args.folder)
        names = ", ".join(p.as_posix() for p in restored) or "no commentary file"
        print(f"put back the commentary as it was before the last collect: {names}")
        return 0
    if not args.files:
        print("cabinet-pack collect: name the returned documents, e.g. "
              f"cabinet-pack collect {shown} returned/*.docx", file=sys.stderr)
        return 2
    result = collect.collect(args.folder, args.files)
    for line in collect_lines(result):
        print(line)
    for doubt in collect.emptied_boxes(result) + collect.sign_off_doubts(result, date.today()):
        print(doubt, file=sys.stderr)
    return 0


def collect_lines(result) -> list[str]:
    """What a collect did, measure by measure, then the files written."""
    from report.cycle.collect import UNCHANGED, UPDATED
    from report.problems import printable

    count = len(result.returned)
    out = [(f"collected {count} document{'s' if count != 1 else ''} for the pack with data to "
           f"{result.data_period.long}:")]
    signed = {d.path: d for d in result.returned}
    for outcome in result.outcomes:
        document = signed[outcome.file]
        if outcome.state == UPDATED:
            parts = [h + (" emptied" if h in outcome.emptied else "") for h in outcome.sections]
            what = f"updated ({', '.join(parts)})"
        elif outcome.state == UNCHANGED:
            what = ("unchanged: still last month's text" if outcome.carried
                    else "unchanged")
        else:
            what = "unchanged since it was last collected"
        sign = (f"signed off by {document.signed_by}"
                + (f" on {document.signed_on}" if document.signed_on else "")
                if document.signed_by else "not signed off")
        line = f"  {outcome.measure}: {what}; {sign} ({outcome.file.name})"
        if outcome.left_out:
            parts = [f"{n} {what}{'s' if n != 1 else ''}"
                     for what, n in sorted(outcome.left_out.items())]
            line += f"; left out: {', '.join(parts)} (the pack carries text only)"
        out.append(printable(line))
    if result.written:
        names = ", ".join(p.as_posix() for p in result.written)
        out.append(f"wrote {names}")
        out.append("  the text before is kept: cabinet-pack collect "
                   f"{result.written[0].parent.parent.as_posix()} --undo puts it back")
    else:
        out.append("no commentary file changed")
    return out
