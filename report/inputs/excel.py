"""Excel workbooks as a first-class input: `data.xlsx` (sheet `data`) for data.csv and
`benchmarks.xlsx` (sheets `quartiles`, `comparators`, `england`, `areas`) for the CSVs in
benchmarks/, with the same columns.

A sheet's rows pass through the same row models and cross-file checks as the CSV rows, and
keep the CSV table's name there; the collector words their problems by workbook, sheet and
cell. Cells Excel turned into dates read as the months they were typed as (a date on the
1st of April 2019 in a period column is "2019-04"). Both a CSV and the workbook holding
the same table is a problem, never a silent choice. `report.cycle.template` writes a data
workbook for this month's rows.
"""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from report.inputs.csvfile import Lined, load_csv
from report.inputs.messages import describe, errors_of
from report.problems import Collector

DATA_BOOK, DATA_SHEET = "data.xlsx", "data"
BENCHMARK_BOOK = "benchmarks.xlsx"
BENCHMARK_SHEETS = ("quartiles", "comparators", "england", "areas")
TEMPLATE = "data-template.xlsx"
TEMPLATE_NOTES = "notes"  # the column `template` writes beside the data, naming each row to fill
_PERIOD_COLUMNS = ("period", "year")


class Tables:
    """The pack's tables, each from its CSV or its workbook sheet; a workbook's sheet names
    are read once."""

    def __init__(self, folder: Path, collector: Collector):
        self.folder, self.collector = folder, collector
        self.sheets: dict[Path, tuple[str, ...] | None] = {}

    def rows(self, table: str, model: type[BaseModel], required: bool = False,
             failed: set[str] | None = None) -> list[Lined]:
        """The rows of `data` or of a benchmarks table."""
        folder, collector = self.folder, self.collector
        if table == "data":
            csv_path, book, sheet = folder / "data.csv", folder / DATA_BOOK, DATA_SHEET
        else:
            csv_path, book, sheet = (folder / "benchmarks" / f"{table}.csv",
                                     folder / BENCHMARK_BOOK, table)
        names = self._sheet_names(book) if book.is_file() else ()
        if names is None:  # the workbook cannot be read: reported
            collector.break_file(csv_path)
            return []
        if table == "data" and names and sheet not in names:
            collector.add(book, None, "", f"has no sheet named '{sheet}' (its sheets: "
                          f"{', '.join(names)}; name the data's sheet {sheet})")
            collector.break_file(csv_path)
            return []
        if sheet in names and csv_path.exists():
            collector.add(book, None, "", f"the {table} table is both in {csv_path.name} and "
                          f"in this workbook's sheet '{sheet}'; keep one (delete "
                          f"{csv_path.name}, or the sheet), so the pack cannot print old "
                          "figures from the other")
            collector.break_file(csv_path)
            return []
        if sheet in names:
            return load_sheet(book, sheet, model, collector, csv_path, failed=failed)
        if required and not csv_path.exists():
            collector.add(csv_path, None, "", "file is missing (every pack folder needs its "
                          f"data: data.csv, or a workbook {DATA_BOOK} with a sheet named "
                          f"{DATA_SHEET})")
            collector.break_file(csv_path)
            return []
        return load_csv(csv_path, model, collector, required=required, failed=failed)

    def _sheet_names(self, book: Path) -> tuple[str, ...] | None:
        if book not in self.sheets:
            workbook = _open(book, self.collector)
            self.sheets[book] = None if workbook is None else tuple(workbook.sheetnames)
            if workbook is not None:
                workbook.close()
                unknown = [n for n in self.sheets[book]
                           if book.name == BENCHMARK_BOOK and n not in BENCHMARK_SHEETS]
                if unknown:
                    self.collector.warn(book, None, "", f"sheet{'s' if len(unknown) > 1 else ''} "
                                        f"{', '.join(repr(n) for n in unknown)} not read (the "
                                        f"sheets read are: {', '.join(BENCHMARK_SHEETS)})")
        return self.sheets[book]


def _open(book: Path, collector: Collector):
    from openpyxl import load_workbook

    try:
        return load_workbook(book, read_only=True, data_only=True)
    except PermissionError:
        reason = "it is open in another program, or locked"
    except Exception:  # noqa: BLE001 - any failure to read is the same to the user
        reason = "it is not an Excel workbook (.xlsx), or it is damaged"
    collector.add(book, None, "", f"cannot be read: {reason} (save it from Excel as 'Excel "
                  "Workbook (*.xlsx)')")
    return None


def load_sheet(book: Path, sheet: str, model: type[BaseModel], collector: Collector,
               csv_path: Path, failed: set[str] | None = None) -> list[Lined]:
    """Rows that pass their model, each with its row number; problems name sheet and cell."""
    from openpyxl.utils import get_column_letter

    workbook = _open(book, collector)
    if workbook is None:
        collector.break_file(csv_path)
        return []
    try:
        rows = list(workbook[sheet].iter_rows(values_only=True))
    finally:
        workbook.close()
    header = [str(v).strip() if v is not None else "" for v in (rows[0] if rows else ())]
    while header and not header[-1]:
        header.pop()
    letters = {name: get_column_letter(i) for i, name in enumerate(header, start=1) if name}
    collector.sheets[csv_path.as_posix()] = (book, sheet, letters)
    known = list(model.model_fields)
    if not header:
        collector.add(csv_path, 1, "", f"the sheet is empty (row 1 names the columns: "
                                       f"{', '.join(known)})")
        collector.break_file(csv_path)
        return []
    ok = True
    ignored = []
    for name in header:
        if name in known or (name == TEMPLATE_NOTES and sheet == DATA_SHEET
                             and book.name == DATA_BOOK):
            continue  # the template's own notes column, kept when it was filled in: not news
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if close and close[0] not in header:
            collector.add(csv_path, 1, name or "(blank)", f"is not a known column (did you mean "
                          f"'{close[0]}'?)")
            ok = False
        elif name:
            ignored.append(name)
    for name, info in model.model_fields.items():
        if info.is_required() and name not in header:
            collector.add(csv_path, 1, "", f"the column '{name}' is missing from row 1")
            ok = False
    if len(set(header)) != len(header):
        collector.add(csv_path, 1, "", "a column name appears twice in row 1")
        ok = False
    if ignored:
        collector.warn(csv_path, 1, "", f"column{'s' if len(ignored) > 1 else ''} "
                       f"{', '.join(repr(n) for n in ignored)} not read (the pack reads "
                       f"{', '.join(known)}); ignored")
    if not ok:
        collector.break_file(csv_path)
        return []
    read: list[Lined] = []
    wanted = [(i, name) for i, name in enumerate(header) if name in known]
    for number, cells in enumerate(rows[1:], start=2):
        values = list(cells) + [None] * (len(header) - len(cells))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        record, bad = {}, False
        for index, name in wanted:
            text, problem = cell_text(values[index], name)
            if problem:
                collector.add(csv_path, number, name, problem)
                bad = True
            record[name] = text
        if bad:
            if failed is not None:
                failed.add(record.get("measure", ""))
            continue
        try:
            read.append(Lined(model.model_validate(record), number))
        except ValidationError as exc:
            if failed is not None:
                failed.add(record.get("measure", ""))
            for error in errors_of(exc):
                field = ".".join(str(p) for p in error["loc"]) or ""
                collector.add(csv_path, number, field, describe(error, model))
    return read


def cell_text(value: object, column: str) -> tuple[str, str | None]:
    """A cell as the text a CSV would hold, or a problem. A date in a period column is the
    month Excel made it from (typed 2019-04 or Apr-19, it holds 1 April 2019)."""
    if value is None:
        return "", None
    if isinstance(value, (datetime.datetime, datetime.date)):
        shown = f"{value:%d/%m/%Y}"
        if column == "period" and value.day == 1:
            return f"{value.year:04d}-{value.month:02d}", None
        if column in _PERIOD_COLUMNS:
            example = "2019-04, 2019/20 Q1 or 2019/20" if column == "period" else "2019/20"
            return "", (f"{shown} is a date; write the {column} as text ({example}): format "
                        "the column as Text before typing")
        return "", f"{shown} is a date, not a number (format the column as Number)"
    if isinstance(value, bool):
        return str(value).upper(), None
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)), None
    if isinstance(value, datetime.time):
        return "", f"{value} is a time of day; write the value"
    return str(value).strip(), None
