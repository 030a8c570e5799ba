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
import io
import os
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from pydantic import BaseModel, ValidationError

from report.inputs.csvfile import Lined, load_csv, same_but_for_capitals
from report.inputs.messages import describe, errors_of
from report.inputs.text import MB, read_bytes
from report.problems import Collector

DATA_BOOK, DATA_SHEET = "data.xlsx", "data"
BENCHMARK_BOOK = "benchmarks.xlsx"
BENCHMARK_SHEETS = ("quartiles", "comparators", "england", "areas")
TEMPLATE = "data-template.xlsx"
# A workbook is a zip of XML parts. The largest real pack's data workbook unpacks to about
# 2 MB; reading a sheet takes about 1 s per MB unpacked, so these bound a read at well under
# a minute, and refuse a small file that would unpack to gigabytes at once.
UNPACKED_LIMIT = 50 * MB
MEMBER_LIMIT = 1_000
ROW_LIMIT = 100_000  # rows a sheet may have; the largest real pack's data has 8,000
# columns read of a row; a pack's widest table has 12. A row reaching further (Excel's last
# column is XFD, the 16,384th) is read as far as this, and anything written beyond it said.
COLUMN_LIMIT = 200
MERGED_LIMIT = 10_000  # merged cells named one by one (past these, each reads as blank)
_COMPOUND_FILE = bytes.fromhex("d0cf11e0a1b11ae1")  # .xls, and a password-protected .xlsx
_NOT_A_WORKBOOK = ("cannot be read: it is not an Excel workbook (.xlsx), or it is damaged "
                   "(save it from Excel as 'Excel Workbook (*.xlsx)')")
TEMPLATE_NOTES = "notes"  # the column `template` writes beside the data, naming each row to fill
_PERIOD_COLUMNS = ("period", "year")


class Tables:
    """The pack's tables, each from its CSV or its workbook sheet; a workbook is read from
    disk once, and its sheet names once."""

    def __init__(self, folder: Path, collector: Collector):
        self.folder, self.collector = folder, collector
        self.books: dict[Path, bytes | None] = {}
        self.sheets: dict[Path, dict[str, str] | None] = {}  # {expected name: its sheet}
        self.found: dict[Path, tuple[str, ...]] = {}  # every sheet name, as written

    def rows(self, table: str, model: type[BaseModel], required: bool = False,
             failed: set[str] | None = None) -> list[Lined]:
        """The rows of `data` or of a benchmarks table."""
        folder, collector = self.folder, self.collector
        if table == "data":
            csv_path, book, sheet = folder / "data.csv", folder / DATA_BOOK, DATA_SHEET
        else:
            csv_path, book, sheet = (folder / "benchmarks" / f"{table}.csv",
                                     folder / BENCHMARK_BOOK, table)
        names = self._sheet_names(book) if os.path.lexists(book) else {}
        if names is None:  # the workbook cannot be read: reported
            collector.break_file(csv_path)
            return []
        if table == "data" and book in self.found and sheet not in names:
            collector.add(book, None, "", f"has no sheet named '{sheet}' (its sheets: "
                          f"{', '.join(self.found[book])}; name the data's sheet {sheet})")
            collector.break_file(csv_path)
            return []
        if sheet in names and os.path.lexists(csv_path):
            collector.add(book, None, "", f"the {table} table is both in {csv_path.name} and "
                          f"in this workbook's sheet '{names[sheet]}'; keep one (delete "
                          f"{csv_path.name}, or the sheet), so the pack cannot print old "
                          "figures from the other")
            collector.break_file(csv_path)
            return []
        if sheet in names:
            return load_sheet(book, names[sheet], model, collector, csv_path, failed=failed,
                              data=self.books[book])
        if required and not os.path.lexists(csv_path):
            collector.add(csv_path, None, "", "file is missing (every pack folder needs its "
                          f"data: data.csv, or a workbook {DATA_BOOK} with a sheet named "
                          f"{DATA_SHEET}){near_miss(folder)}")
            collector.break_file(csv_path)
            return []
        return load_csv(csv_path, model, collector, required=required, failed=failed)

    def _sheet_names(self, book: Path) -> dict[str, str] | None:
        """{expected sheet name: the workbook's sheet of that name, in any case and with any
        spaces around it}, or None when the workbook cannot be read (said)."""
        if book not in self.sheets:
            self.books[book] = read_workbook(book, self.collector)
            workbook = _open(book, self.books[book], self.collector)
            self.sheets[book] = None
            if workbook is not None:
                found = self.found[book] = tuple(workbook.sheetnames)
                workbook.close()
                expected = BENCHMARK_SHEETS if book.name == BENCHMARK_BOOK else (DATA_SHEET,)
                self.sheets[book] = match_sheets(book, found, expected, self.collector)
        return self.sheets[book]


def match_sheets(book: Path, found: tuple[str, ...], expected: tuple[str, ...],
                 collector: Collector) -> dict[str, str] | None:
    """Each expected sheet matched to the workbook's sheet of that name, ignoring case and
    the spaces around it ("Quartiles", "comparators "). In the benchmarks workbook a sheet
    named like none of them, but close to one that is missing, is a problem: its table
    would otherwise be left out; a sheet of notes is left out with a warning."""
    matched: dict[str, str] = {}
    for name in found:
        key = name.strip().lower()
        if key in expected:
            if key in matched:
                collector.add(book, None, "", f"has two sheets named {key} "
                              f"('{matched[key]}' and '{name}'); keep one")
                return None
            matched[key] = name
    if expected == (DATA_SHEET,):
        return matched
    unknown = [n for n in found if n.strip().lower() not in expected]
    missing = [e for e in expected if e not in matched]
    ok = True
    notes = []
    for name in unknown:
        close = difflib.get_close_matches(name.strip().lower(), missing, n=1, cutoff=0.6)
        if close:
            collector.add(book, None, "", f"sheet '{name}' is not read: name it {close[0]} "
                          f"(the sheets read are named {', '.join(expected)})")
            ok = False
        else:
            notes.append(name)
    if notes:
        collector.warn(book, None, "", f"sheet{'s' if len(notes) > 1 else ''} "
                       f"{', '.join(repr(n) for n in notes)} not read (the sheets read are: "
                       f"{', '.join(expected)})")
    return matched if ok else None


def near_miss(folder: Path) -> str:
    """For a pack whose data is missing: a file that is nearly the data file (data.xlsm,
    Data.xls, data.csv.txt), and what to do with it; else ""."""
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        return ""
    for name in names:
        lower = name.lower()
        if name in ("data.csv", DATA_BOOK) or not lower.startswith("data") or \
                lower.startswith("data-template"):
            continue
        suffix = Path(lower).suffix
        if suffix in (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"):
            return (f"; the folder has {name}: save it from Excel as {DATA_BOOK} "
                    "(Excel Workbook)")
        if suffix in (".csv", ".txt", ".tsv"):
            return f"; the folder has {name}: save it as data.csv (CSV UTF-8)"
    return ""


def read_workbook(book: Path, collector: Collector) -> bytes | None:
    """The workbook's bytes, or None with a problem said: as for any input file (a link out
    of the pack folder, not an ordinary file, too large), and a workbook that is not one,
    is protected with a password, or would unpack to far more than any pack holds (a "zip
    bomb": checked from the sizes its members declare, before anything is unpacked)."""
    data = read_bytes(book, collector)
    if data is None:
        return None
    problem = _container_problem(data)
    if problem:
        collector.add(book, None, "", problem)
        return None
    return data


def _container_problem(data: bytes) -> str | None:
    if data.startswith(_COMPOUND_FILE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return ("is protected with a password, so it cannot be read; open it in Excel, "
                    "remove the password (File > Info > Protect Workbook > Encrypt with "
                    "Password, clear it) and save it, or save an unprotected copy")
        return ("is an Excel 97-2003 workbook (.xls); open it in Excel and save it as 'Excel "
                "Workbook (*.xlsx)'")
    oversized = unpacks_to_too_much(data, "a pack's workbook", "a pack's data takes a few MB")
    return _NOT_A_WORKBOOK if oversized is NOT_A_ZIP else oversized


NOT_A_ZIP = ""  # what `unpacks_to_too_much` says of a file that is no zip archive


def unpacks_to_too_much(data: bytes, holder: str, usual: str) -> str | None:
    """A zip archive (a workbook, a Word document) that would unpack to far more than any
    `holder` holds (a "zip bomb"), said from the sizes its parts declare, before anything
    is unpacked; `NOT_A_ZIP` for a file that is no zip archive at all."""
    from report.problems import counted

    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return NOT_A_ZIP
    unpacked = sum(m.file_size for m in members)
    if len(members) > MEMBER_LIMIT or unpacked > UNPACKED_LIMIT:
        return (f"unpacks to {unpacked / MB:,.0f} MB in {counted(len(members), 'part')}, "
                f"more than the {UNPACKED_LIMIT // MB} MB in {MEMBER_LIMIT:,} parts {holder} "
                f"may hold ({usual}; is it the right file?)")
    return None


def _open(book: Path, data: bytes | None, collector: Collector):
    """The workbook, read-only, with each formula's saved result; or None, said."""
    from openpyxl import load_workbook

    if data is None:
        return None
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                             keep_links=False)
    except Exception:
        sheet = _damaged_sheet(data)
        collector.add(book, None, "", _NOT_A_WORKBOOK if sheet is None else
                      _damaged(sheet))
        return None


def _damaged(sheet: str) -> str:
    return (f"sheet '{sheet}' is damaged and cannot be read (open the workbook in Excel, let "
            "it repair the file, and save it)")


def _damaged_part(archive: zipfile.ZipFile) -> str | None:
    """The first part that fails its checksum or does not unpack (the zip's own test stops
    at the first kind only)."""
    for member in archive.infolist():
        try:
            with archive.open(member) as part:
                while part.read(1 << 20):
                    pass
        except Exception:
            return member.filename
    return None


def _damaged_sheet(data: bytes) -> str | None:
    """The name of the first sheet whose part of the workbook fails its checksum or does
    not unpack, where the workbook's own index says which sheet that part is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        bad = _damaged_part(archive)
        if bad is None:
            return None
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "").lstrip("/").removeprefix("xl/")
                   for r in rels}
        index = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    except Exception:
        return None
    for sheet in index.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_RELATION}id"))
        if target and f"xl/{target}" == bad:
            return sheet.get("name")
    return None


def load_sheet(book: Path, sheet: str, model: type[BaseModel], collector: Collector,
               csv_path: Path, failed: set[str] | None = None,
               data: bytes | None = None) -> list[Lined]:
    """Rows that pass their model, each with its row number; problems name sheet and cell."""
    from openpyxl.utils import get_column_letter

    workbook = _open(book, read_workbook(book, collector) if data is None else data, collector)
    read = None if workbook is None else _read_sheet(book, workbook, sheet, collector)
    if read is None:
        collector.break_file(csv_path)
        return []
    rows, formulas = read
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
    doubled = same_but_for_capitals(header, known)
    for name, column in doubled.items():
        collector.add(csv_path, 1, name, f"names the column '{column}' "
                      f"(cell {letters[column]}1) again, in other capitals; keep one of the "
                      f"two (the pack reads '{column}')")
        ok = False
    for name in header:
        if name in known or name in doubled or (name == TEMPLATE_NOTES and sheet == DATA_SHEET
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
    unnamed: dict[int, tuple[int, object]] = {}  # column -> its first filled cell's row, value
    for number, cells in enumerate(rows[1:], start=2):
        values = list(cells) + [None] * (len(header) - len(cells))
        if all(_blank(v) for v in values):
            continue
        for index, value in enumerate(values):
            if (index >= len(header) or not header[index]) and index not in unnamed \
                    and not _blank(value):
                unnamed[index] = (number, value)
        record, bad = {}, False
        for index, name in wanted:
            text, problem = cell_text(values[index], name)
            problem = formulas.get((number, index + 1), problem)
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
    for index, (number, value) in sorted(unnamed.items()):  # a figure typed beside the table
        cell = f"{get_column_letter(index + 1)}{number}"
        shown = str(value) if len(str(value)) <= 40 else str(value)[:40] + "\u2026"
        collector.add(csv_path, number, "", f"cell {cell} holds '{shown}', but its column has "
                      f"no name in row 1, so it is not read: name the column (the pack reads "
                      f"{', '.join(known)}) or clear it")
    return read


def _blank(value: object) -> bool:
    """An empty cell, or one of spaces only."""
    return value is None or (isinstance(value, str) and not value.strip())


def _read_sheet(book: Path, workbook, sheet: str, collector: Collector):
    """(the sheet's rows of values, {(row, column): problem} of its formula cells), or None
    with a problem said: a sheet of more rows than any pack has, or one that is damaged."""
    try:
        try:
            worksheet = workbook[sheet]
            # The rows as they are, not as the sheet's size record says: Excel ignores the
            # record, and a program that wrote the file may have left it wrong (every row
            # past it was dropped, or a sheet of a few rows refused as a million).
            worksheet.reset_dimensions()
            rows = []
            for row in worksheet.iter_rows(values_only=True):
                if len(row) > COLUMN_LIMIT:  # held no longer than this row is looked at
                    beyond = [v for v in set(row[COLUMN_LIMIT:]) if not _blank(v)]
                    if beyond:
                        collector.add(book, None, "", f"sheet '{sheet}' has a value in row "
                                      f"{len(rows) + 1} beyond column {COLUMN_LIMIT}, far "
                                      "past any table a pack has (is it the right file? "
                                      "if not, delete the columns to its right)")
                        return None
                    row = row[:COLUMN_LIMIT]
                rows.append(row)
                if len(rows) > ROW_LIMIT:
                    collector.add(book, None, "", f"sheet '{sheet}' has more than "
                                  f"{ROW_LIMIT:,} rows; a pack's table has at most "
                                  f"{ROW_LIMIT:,} (is it the right file?)")
                    return None
            width = max((len(row) for row in rows), default=0)
            return rows, cell_problems(workbook, worksheet, len(rows), width)
        finally:
            workbook.close()
    except Exception:
        collector.add(book, None, "", _damaged(sheet))
        return None


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_LINKED = re.compile(r"\[[^\[\]]+\][^\[\]!]*!")  # [1]Sheet1!A1, '[Book.xlsx]Sheet 1'!A1
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})"')


def cell_problems(workbook, worksheet, height: int,
                  width: int) -> dict[tuple[int, int], str]:
    """{(row, column): problem} for each cell whose value cannot be trusted as a figure: a
    formula linked to another workbook (its result is as old as that workbook was when
    last opened beside it), or one with no saved result at all (a program that does not
    calculate wrote it), which would otherwise read as an empty cell; and a cell merged
    into the one above or to its left, which Excel saves empty, so a row's figure would
    read as missing where the sheet shows one."""
    from openpyxl.utils.cell import coordinate_to_tuple

    # openpyxl 3.1.5 reads only the saved results (data_only) and, reading a sheet as it
    # streams, no merged cells, so the sheet's own XML says which cells are formulas and
    # which are merged; its path and the open archive are the reader's own.
    with workbook._archive.open(worksheet._worksheet_path) as source:
        xml = source.read()
    found = {}
    for first, last in _MERGED.findall(xml):
        top, left = coordinate_to_tuple(first.decode())
        bottom, right = coordinate_to_tuple(last.decode())
        span = f"{first.decode()}:{last.decode()}"
        # within the rows and columns a pack's table can have: a range claiming a whole
        # sheet costs no more than that (past it, a cell still reads as blank, a problem)
        for row in range(top, min(bottom, height) + 1):
            if len(found) > MERGED_LIMIT:
                break
            for column in range(left, min(right, width) + 1):
                if (row, column) != (top, left):
                    found[(row, column)] = (
                        f"is merged into {first.decode()} (cells {span} are merged, and Excel "
                        f"keeps a value only in {first.decode()}); unmerge them (Home > Merge "
                        "& Center) and give each cell its own value")
    if not _FORMULA.search(xml):
        return found
    for _, element in ElementTree.iterparse(io.BytesIO(xml)):
        if element.tag != f"{_MAIN}c":
            continue
        formula, reference = element.find(f"{_MAIN}f"), element.get("r")
        if formula is not None and reference:
            text = formula.text or ""
            result = element.find(f"{_MAIN}v")
            if _LINKED.search(text):
                found[coordinate_to_tuple(reference)] = (
                    f"holds a formula linked to another workbook ('={text}'), so its figure "
                    "may be out of date; open both workbooks in Excel, then copy the cells and "
                    "paste them as values (Paste Special > Values) and save")
            elif result is None or (not result.text and element.get("t") != "str"):
                found[coordinate_to_tuple(reference)] = (
                    "holds a formula with no saved result (the program that wrote the workbook "
                    "did not calculate it); open the workbook in Excel and save it, or paste "
                    "the values as values (Paste Special > Values)")
        element.clear()
    return found


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
