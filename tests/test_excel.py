"""Excel as a first-class input: data.xlsx and benchmarks.xlsx read like the CSVs, with
dates Excel made read as the periods they were, problems by sheet and cell, and the
data-entry template; and the summary of a problem repeated row after row."""

from __future__ import annotations

import csv
import datetime
import io
import os
import sys
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from report.cli import main
from report.compute.pack import compute_pack
from report.export import figures_json
from report.inputs import excel
from report.inputs.load import load_pack
from report.problems import InputProblems
from tests.conftest import EXAMPLE


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def typed(cell: str, column: str):
    """A CSV cell as Excel would hold it: numbers as numbers, months as dates."""
    if cell == "":
        return None
    if column == "period" and len(cell) == 7 and cell[4] == "-":
        return datetime.datetime(int(cell[:4]), int(cell[5:]), 1)
    try:
        return float(cell)
    except ValueError:
        return cell


def workbook_from(sheets: dict[str, Path], target: Path) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, path in sheets.items():
        sheet = book.create_sheet(name)
        header, *rows = csv_rows(path)
        sheet.append(header)
        for row in rows:
            sheet.append([typed(cell, column) for cell, column in zip(row, header)])
    book.save(target)


def test_data_and_benchmark_workbooks_give_the_same_figures(pack_copy):
    """Every month Excel made a date of comes back as the month it was."""
    workbook_from({"data": pack_copy / "data.csv"}, pack_copy / "data.xlsx")
    bench = pack_copy / "benchmarks"
    workbook_from({name: bench / f"{name}.csv" for name in
                   ("quartiles", "comparators", "england", "areas")},
                  pack_copy / "benchmarks.xlsx")
    (pack_copy / "data.csv").unlink()
    for path in bench.glob("*.csv"):
        path.unlink()
    sheet = openpyxl.load_workbook(pack_copy / "data.xlsx")["data"]
    assert isinstance(sheet["B2"].value, datetime.datetime)  # as Excel keeps "2017-04"
    got = compute_pack(load_pack(pack_copy))
    expected = compute_pack(load_pack(EXAMPLE))
    got = replace(got, name=expected.name)
    assert figures_json(got, {}) == figures_json(expected, {})


def test_both_data_csv_and_data_xlsx_is_a_problem(pack_copy):
    workbook_from({"data": pack_copy / "data.csv"}, pack_copy / "data.xlsx")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [str(p) for p in raised.value.problems] == [
        ("pack/data.xlsx: the data table is both in data.csv and in this workbook's sheet "
         "'data'; keep one (delete data.csv, or the sheet), so the pack cannot print old "
         "figures from the other")]


def test_problems_name_the_sheet_and_cell(pack_copy):
    workbook_from({"data": pack_copy / "data.csv"}, pack_copy / "data.xlsx")
    (pack_copy / "data.csv").unlink()
    book = openpyxl.load_workbook(pack_copy / "data.xlsx")
    sheet = book["data"]
    sheet["C24"] = "nine"
    sheet["B14"] = datetime.datetime(2019, 4, 15)
    sheet["A30"] = "dtox"
    book.save(pack_copy / "data.xlsx")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [str(p) for p in raised.value.problems] == [
        ("pack/data.xlsx: sheet data, cell B14: period: 15/04/2019 is a date; write the period "
         "as text (2019-04, 2019/20 Q1 or 2019/20): format the column as Text before typing"),
        ("pack/data.xlsx: sheet data, cell C24: value: 'nine' is not a number (write digits, "
         "e.g. 9.49)"),
        ("pack/data.xlsx: sheet data, cell A30: measure: 'dtox' is not a measure id in "
         "measures.yaml (did you mean 'dtoc'?)")]


def test_a_workbook_without_its_sheet_or_not_a_workbook(pack_copy):
    (pack_copy / "data.csv").unlink()
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(pack_copy / "data.xlsx")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [str(p) for p in raised.value.problems] == [
        ("pack/data.xlsx: has no sheet named 'data' (its sheets: Sheet1; name the data's sheet "
         "data)")]
    (pack_copy / "data.xlsx").write_text("measure,period\n")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [str(p) for p in raised.value.problems] == [
        ("pack/data.xlsx: cannot be read: it is not an Excel workbook (.xlsx), or it is damaged "
         "(save it from Excel as 'Excel Workbook (*.xlsx)')")]


def test_a_notes_column_is_ignored_with_one_warning(pack_copy):
    path = pack_copy / "data.csv"
    rows = csv_rows(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([row + ["note" if i else "notes"] for i, row in
                                      enumerate(rows)])
    inputs = load_pack(pack_copy)
    assert [str(w) for w in inputs.warnings if "data.csv:1" in str(w)] == [
        ("pack/data.csv:1: column 'notes' not read (the pack reads measure, period, value, "
         "reported, numerator, denominator); ignored")]
    assert len(inputs.data) == len(rows) - 1


def test_periods_excel_turned_into_dates_are_one_problem(pack_copy):
    """312 rows would be 312 problems: one problem says how many and where the first are."""
    path = pack_copy / "data.csv"
    text = path.read_text(encoding="utf-8")
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for year in (2017, 2018, 2019):
        for number, name in enumerate(months, 1):
            text = text.replace(f",{year}-{number:02d},", f",{name}-{year % 100},")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    problems = [str(p) for p in raised.value.problems]
    monthly = sum(len(row[1]) == 7 and row[1][4] == "-" for row in csv_rows(EXAMPLE / "data.csv"))
    assert monthly == 287
    assert problems == [
        ("pack/data.csv:2: period: 287 rows of data.csv have this problem (first at lines 2, "
         "3, 4, 5, 6, …): 'Apr-17' looks like the month 2017-04 that Excel turned into a date "
         "(format the period column as Text and type 2017-04, or save from Excel as 'CSV "
         "UTF-8' once the periods are text)")]


EXCEL_NOTE = ("(format the period column as Text and type {0}, or save from Excel as 'CSV "
              "UTF-8' once the periods are text)")
US_NOTE = "(format the period column as Text, so Excel keeps it as typed)"


@pytest.mark.parametrize("order", ["month-first", "day-first"])
def test_dates_are_read_in_the_order_the_column_is_written(pack_copy, order):
    """04/01/2017 is April 2017 in a CSV saved with US settings, not January; 01/01/2018,
    January either way, is worded as the rest of its column."""
    path = pack_copy / "data.csv"
    text = path.read_text(encoding="utf-8")
    for month in ("2017-04", "2017-05", "2018-01"):
        day_month = [month[5:], "01"] if order == "month-first" else ["01", month[5:]]
        text = text.replace(f"dtoc,{month},", f"dtoc,{'/'.join(day_month)}/{month[:4]},", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    if order == "month-first":
        assert [str(p) for p in raised.value.problems] == [
            f"pack/data.csv:{line}: period: '{date}' looks like a US-style date "
            f"(month/day/year): write the period as {month} {US_NOTE}"
            for line, date, month in ((2, "04/01/2017", "2017-04"), (3, "05/01/2017", "2017-05"),
                                      (11, "01/01/2018", "2018-01"))]
    else:
        assert [str(p) for p in raised.value.problems] == [
            f"pack/data.csv:{line}: period: '{date}' looks like the month {month} that Excel "
            f"turned into a date {EXCEL_NOTE.format(month)}"
            for line, date, month in ((2, "01/04/2017", "2017-04"), (3, "01/05/2017", "2017-05"),
                                      (11, "01/01/2018", "2018-01"))]


def test_five_repeats_are_still_listed_one_by_one(pack_copy):
    path = pack_copy / "data.csv"
    text = path.read_text(encoding="utf-8")
    for month in ("2017-04", "2017-05", "2017-06", "2017-07", "2017-08"):
        text = text.replace(f"dtoc,{month},", f"dtoc,{month[:4]}/{month[5:]},", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [p.line for p in raised.value.problems] == [2, 3, 4, 5, 6]


def test_repeats_in_a_sheet_are_one_problem_naming_cells(pack_copy):
    workbook_from({"data": pack_copy / "data.csv"}, pack_copy / "data.xlsx")
    (pack_copy / "data.csv").unlink()
    book = openpyxl.load_workbook(pack_copy / "data.xlsx")
    for row in range(2, 12):
        book["data"][f"C{row}"] = "n/a"
    book.save(pack_copy / "data.xlsx")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [str(p) for p in raised.value.problems] == [
        ("pack/data.xlsx: sheet data, cell C2: value: 10 rows of sheet data have this problem "
         "(first at cells C2, C3, C4, C5, C6, …): 'n/a' is not a number (write digits, e.g. "
         "9.49)")]


def test_template_round_trip(tmp_path, capsys):
    """new-period, then the template: last month's rows and one row per measure due this
    month; filled in and saved as data.xlsx (data.csv deleted), the pack validates."""
    from report.cycle.newperiod import new_period

    may = new_period(EXAMPLE, tmp_path / "may").folder
    assert main(["template", str(may)]) == 0
    assert capsys.readouterr().out == (f"wrote {may.as_posix()}/data-template.xlsx (12 rows to "
                                       "fill in; copy them into the data sheet or data.csv)\n")
    assert main(["template", str(may)]) == 2  # never overwritten
    assert "data-template.xlsx: already exists" in capsys.readouterr().err
    book = openpyxl.load_workbook(may / "data-template.xlsx")
    sheet = book["data"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("measure", "period", "value", "reported", "numerator", "denominator",
                       "notes")
    to_fill = [r for r in rows[1:] if r[2] is None]
    assert [(r[0], r[1]) for r in to_fill][:3] == [("dtoc", "2019-03"),
                                                   ("good_provider", "2019-04"),
                                                   ("reviews", "2019-04")]
    assert len(rows) - 1 - len(to_fill) == len(csv_rows(EXAMPLE / "data.csv")) - 1
    last = {}
    for row in sheet.iter_rows(min_row=2):
        if row[2].value is None:
            row[2].value = last[row[0].value]  # the same as last month
        last[row[0].value] = row[2].value
    book.save(may / "data.xlsx")
    (may / "data.csv").unlink()
    inputs = load_pack(may)
    # the template wrote the notes column: kept, it is accepted without a word
    assert [str(w) for w in inputs.warnings if "data.xlsx" in str(w)] == []
    old = {(r.row.measure, r.row.period): r.row for r in load_pack(EXAMPLE).data}
    new = {(r.row.measure, r.row.period): r.row for r in inputs.data}
    assert {k: new[k] for k in old} == old
    assert new[("dtoc", "2019-03")].value == old[("dtoc", "2019-02")].value == 9.49
    # a column the template did not write is still named
    sheet.cell(row=1, column=8, value="checked by")
    book.save(may / "data.xlsx")
    assert [str(w) for w in load_pack(may).warnings if "data.xlsx" in str(w)] == [
        (f"{may.as_posix()}/data.xlsx: sheet data, row 1: column 'checked by' not read (the "
        "pack reads measure, period, value, reported, numerator, denominator); ignored")]


def test_benchmarks_workbook_beside_its_csv_and_a_sheet_it_does_not_read(pack_copy):
    bench = pack_copy / "benchmarks"
    workbook_from({"england": bench / "england.csv", "Notes": bench / "england.csv"},
                  pack_copy / "benchmarks.xlsx")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [str(p) for p in raised.value.problems] == [
        ("pack/benchmarks.xlsx: the england table is both in england.csv and in this "
         "workbook's sheet 'england'; keep one (delete england.csv, or the sheet), so the pack "
         "cannot print old figures from the other")]
    (bench / "england.csv").unlink()
    inputs = load_pack(pack_copy)
    assert [str(w) for w in inputs.warnings if "benchmarks.xlsx" in w.file] == [
        ("pack/benchmarks.xlsx: sheet 'Notes' not read (the sheets read are: quartiles, "
         "comparators, england, areas)")]
    assert len(inputs.england) == len(csv_rows(EXAMPLE / "benchmarks" / "england.csv")) - 1


# --- broken, hostile and near-miss workbooks --------------------------------------------
SHEET = "xl/worksheets/sheet1.xml"


def data_workbook(pack: Path) -> Path:
    """The example's data as pack/data.xlsx, data.csv deleted."""
    workbook_from({"data": pack / "data.csv"}, pack / "data.xlsx")
    (pack / "data.csv").unlink()
    return pack / "data.xlsx"


def rewrite_part(book: Path, name: str, write) -> None:
    """The workbook with its part `name` written anew by `write(stream, old_bytes)`."""
    with zipfile.ZipFile(book) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == name:
                with target.open(name, "w", force_zip64=True) as stream:
                    write(stream, data)
            else:
                target.writestr(info, data)


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_at_once(pack_copy):
    """A 1 MB data.xlsx holding 3,000,000 rows: refused from the sizes its parts declare,
    before a row is read (reading it took minutes and gigabytes)."""
    book = data_workbook(pack_copy)
    row = (b'<row><c t="inlineStr"><is><t>dtoc</t></is></c><c t="inlineStr"><is><t>2019-01'
           b'</t></is></c><c><v>1</v></c></row>')

    def bomb(stream, old):
        stream.write(old[:old.index(b"<sheetData>") + len(b"<sheetData>")])
        for _ in range(300):
            stream.write(row * 10_000)
        stream.write(b"</sheetData></worksheet>")

    rewrite_part(book, SHEET, bomb)
    assert book.stat().st_size < 2 * 1024 * 1024
    started = time.perf_counter()
    assert problems_of(pack_copy) == [
        ("pack/data.xlsx: unpacks to 318 MB in 9 parts, more than the 50 MB in 1,000 parts a "
        "pack's workbook may hold (a pack's data takes a few MB; is it the right file?)")]
    assert time.perf_counter() - started < 3  # reading it all took 160 s


def test_a_sheet_is_read_as_the_rows_it_holds_and_refused_past_the_most_a_pack_has(
        pack_copy, monkeypatch):
    """The sheet's size record is not trusted (Excel ignores it; a program that wrote the
    file may leave it wrong): one claiming 3,000,000 rows is read as the rows it holds, at
    once, and one claiming two rows loses none of the rest; a sheet holding more rows than
    any pack has is refused as they are read."""
    book = data_workbook(pack_copy)
    rewrite_part(book, SHEET, lambda stream, old: stream.write(
        old.replace(b'<dimension ref="A1:F308"/>', b'<dimension ref="A1:F3000000"/>')))
    started = time.perf_counter()
    rows = len(load_pack(pack_copy).data)
    assert time.perf_counter() - started < 3  # reading 3,000,000 empty rows took 160 s
    rewrite_part(book, SHEET, lambda stream, old: stream.write(
        old.replace(b'<dimension ref="A1:F3000000"/>', b'<dimension ref="A1:F2"/>')))
    assert len(load_pack(pack_copy).data) == rows > 300  # every row read, not the first
    monkeypatch.setattr(excel, "ROW_LIMIT", 300)  # the example's data has 307 rows
    assert problems_of(pack_copy) == [
        ("pack/data.xlsx: sheet 'data' has more than 300 rows; a pack's table has at most 300 "
        "(is it the right file?)")]


def test_a_cell_at_the_sheet_s_far_edge_is_not_read_as_thousands_of_columns(pack_copy):
    """A blank-looking cell in column XFD (the 16,384th) on every row: each row was held
    16,384 cells wide, and 10,000 such rows took 1.35 GB. The rows are read as far as a
    table can go; a value written beyond that is said, not dropped."""
    import tracemalloc

    book = data_workbook(pack_copy)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["data"]
    for row in range(sheet.max_row + 1, sheet.max_row + 2001):
        sheet.cell(row=row, column=16384, value=" ")
    workbook.save(book)
    tracemalloc.start()
    try:
        rows = len(load_pack(pack_copy).data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rows == 307 and peak < 100 * 1024 * 1024  # 2,000 rows held whole took 260 MB
    workbook = openpyxl.load_workbook(book)
    workbook["data"].cell(row=5, column=300, value="a note far to the right")
    workbook.save(book)
    assert problems_of(pack_copy) == [
        ("pack/data.xlsx: sheet 'data' has a value in row 5 beyond column 200, far past any "
         "table a pack has (is it the right file? if not, delete the columns to its right)")]


def flip_crc(book: Path, name: str) -> None:
    """The recorded checksum of part `name` made wrong, in both places a zip keeps it."""
    with zipfile.ZipFile(book) as archive:
        info = archive.getinfo(name)
    raw = bytearray(book.read_bytes())
    crc = info.CRC.to_bytes(4, "little")
    wrong = (info.CRC ^ 0xFFFFFFFF).to_bytes(4, "little")
    assert raw.count(crc) == 2
    book.write_bytes(bytes(raw).replace(crc, wrong))


def test_a_damaged_sheet_is_named(pack_copy):
    """A bad checksum, a part that does not unpack, XML cut short: one line naming the
    workbook and the sheet, never an internal error."""
    book = data_workbook(pack_copy)
    good = book.read_bytes()
    damaged = ("pack/data.xlsx: sheet 'data' is damaged and cannot be read (open the workbook "
               "in Excel, let it repair the file, and save it)")
    flip_crc(book, SHEET)
    assert problems_of(pack_copy) == [damaged]
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        info = archive.getinfo(SHEET)
    raw = bytearray(good)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + 10] ^= 0xFF  # inside the compressed stream
    book.write_bytes(bytes(raw))
    assert problems_of(pack_copy) == [damaged]
    book.write_bytes(good)
    rewrite_part(book, SHEET, lambda stream, old: stream.write(old[:len(old) // 2]))
    assert problems_of(pack_copy) == [damaged]
    book.write_bytes(good)  # a cell naming a shared text that is not there
    rewrite_part(book, SHEET, lambda stream, old: stream.write(
        old.replace(b'"inlineStr"><is><t>measure</t></is>', b'"s"><v>99999</v>', 1)))
    assert problems_of(pack_copy) == [damaged]


def test_a_damaged_benchmarks_sheet_is_named_as_written(pack_copy):
    bench = pack_copy / "benchmarks"
    workbook_from({"Quartiles ": bench / "quartiles.csv"}, pack_copy / "benchmarks.xlsx")
    (bench / "quartiles.csv").unlink()
    rewrite_part(pack_copy / "benchmarks.xlsx", SHEET,
                 lambda stream, old: stream.write(old.replace(b"</row>", b"</rw>", 1)))
    assert problems_of(pack_copy) == [
        ("pack/benchmarks.xlsx: sheet 'Quartiles ' is damaged and cannot be read (open the "
        "workbook in Excel, let it repair the file, and save it)")]


def test_a_workbook_protected_with_a_password_says_so(pack_copy):
    from msoffcrypto.format.ooxml import OOXMLFile

    book = data_workbook(pack_copy)
    locked = io.BytesIO()
    with book.open("rb") as plain:
        OOXMLFile(plain).encrypt("secret", locked)
    book.write_bytes(locked.getvalue())
    assert problems_of(pack_copy) == [
        ("pack/data.xlsx: is protected with a password, so it cannot be read; open it in "
        "Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, "
        "clear it) and save it, or save an unprotected copy")]
    book.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))  # the older format
    assert problems_of(pack_copy) == [
        ("pack/data.xlsx: is an Excel 97-2003 workbook (.xls); open it in Excel and save it as "
        "'Excel Workbook (*.xlsx)'")]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and named pipes")
def test_a_workbook_linked_from_outside_or_a_pipe_is_refused_unread(pack_copy, tmp_path):
    book = data_workbook(pack_copy)
    book.rename(tmp_path / "elsewhere.xlsx")
    book.symlink_to(tmp_path / "elsewhere.xlsx")
    assert problems_of(pack_copy) == [
        ("pack/data.xlsx: is a link to a file outside the pack folder; copy the file into the "
        "folder instead")]
    book.unlink()
    os.mkfifo(book)
    assert problems_of(pack_copy) == [
        ("pack/data.xlsx: is a named pipe, not a file (save the data as an ordinary file in "
        "the pack folder)")]


def test_formulas_linked_elsewhere_or_never_calculated_are_named_by_cell(pack_copy):
    """A figure from another workbook may be stale, and a formula no program calculated
    would read as an empty cell: each is a problem at its cell. A formula with its result
    saved is read as that result."""
    book = data_workbook(pack_copy)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["data"]
    sheet["C2"] = "=[1]Sheet1!A1"
    sheet["C3"] = "=2*4"
    sheet["C4"] = "=1+1"
    workbook.save(book)
    rewrite_part(book, SHEET, lambda stream, old: stream.write(
        old.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
           .replace(b"<f>[1]Sheet1!A1</f><v></v>", b"<f>[1]Sheet1!A1</f><v>9.5</v>")))
    assert problems_of(pack_copy) == [
        ("pack/data.xlsx: sheet data, cell C2: value: holds a formula linked to another "
        "workbook ('=[1]Sheet1!A1'), so its figure may be out of date; open both workbooks "
        "in Excel, then copy the cells and paste them as values (Paste Special > Values) and "
        "save"),
        ("pack/data.xlsx: sheet data, cell C3: value: holds a formula with no saved result "
        "(the program that wrote the workbook did not calculate it); open the workbook in "
        "Excel and save it, or paste the values as values (Paste Special > Values)")]
    workbook = openpyxl.load_workbook(book)
    workbook["data"]["C2"] = 11.54
    workbook["data"]["C3"] = 11.09
    workbook.save(book)
    rewrite_part(book, SHEET, lambda stream, old: stream.write(
        old.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")))
    row = next(r for r in load_pack(pack_copy).data if r.line == 4)
    assert row.row.value == 2


def test_benchmark_sheets_match_in_any_case_and_with_spaces(pack_copy):
    """"Quartiles" and "comparators " are the quartiles and comparators sheets; a sheet
    named like a missing one, but not as it, is a problem rather than a table left out."""
    bench = pack_copy / "benchmarks"
    names = {"Quartiles": "quartiles", "comparators ": "comparators", " ENGLAND": "england",
             "Areas": "areas"}
    workbook_from({sheet: bench / f"{table}.csv" for sheet, table in names.items()},
                  pack_copy / "benchmarks.xlsx")
    for path in bench.glob("*.csv"):
        path.unlink()
    got = compute_pack(load_pack(pack_copy))
    expected = compute_pack(load_pack(EXAMPLE))
    got = replace(got, name=expected.name)
    assert figures_json(got, {}) == figures_json(expected, {})
    names = {"Quartile data": "quartiles", "England": "england", "england ": "england"}
    workbook_from({sheet: EXAMPLE / "benchmarks" / f"{table}.csv"
                   for sheet, table in names.items()}, pack_copy / "benchmarks.xlsx")
    assert problems_of(pack_copy) == [
        ("pack/benchmarks.xlsx: has two sheets named england ('England' and 'england '); "
        "keep one")]
    del names["england "]
    workbook_from({sheet: EXAMPLE / "benchmarks" / f"{table}.csv"
                   for sheet, table in names.items()}, pack_copy / "benchmarks.xlsx")
    assert problems_of(pack_copy) == [
        ("pack/benchmarks.xlsx: sheet 'Quartile data' is not read: name it quartiles (the "
        "sheets read are named quartiles, comparators, england, areas)")]


def test_a_near_miss_beside_missing_data_is_named(pack_copy):
    book = data_workbook(pack_copy)
    book.rename(pack_copy / "data.xlsm")
    assert problems_of(pack_copy) == [
        ("pack/data.csv: file is missing (every pack folder needs its data: data.csv, or a "
        "workbook data.xlsx with a sheet named data); the folder has data.xlsm: save it from "
        "Excel as data.xlsx (Excel Workbook)")]
    (pack_copy / "data.xlsm").rename(pack_copy / "Data.csv.txt")
    assert problems_of(pack_copy) == [
        ("pack/data.csv: file is missing (every pack folder needs its data: data.csv, or a "
        "workbook data.xlsx with a sheet named data); the folder has Data.csv.txt: save it "
        "as data.csv (CSV UTF-8)")]


def problems_of(pack: Path) -> list[str]:
    with pytest.raises(InputProblems) as raised:
        load_pack(pack)
    return [str(p) for p in raised.value.problems]


def test_template_text_is_never_a_formula(pack_copy, capsys):
    """A period cell of data.csv reading '=1+2' is written to the template as text that
    Excel keeps as text (its quote prefix), reading back exactly as written."""
    with (pack_copy / "data.csv").open("a", encoding="utf-8") as handle:
        handle.write('dtoc,"=1+2",1,,,\ndtoc,"@SUM(A1)",2,,,\n')
    assert main(["template", str(pack_copy)]) == 0
    template = pack_copy / "data-template.xlsx"
    with zipfile.ZipFile(template) as archive:
        assert b"<f>" not in archive.read(SHEET)
    sheet = openpyxl.load_workbook(template)["data"]
    cells = [row[1] for row in sheet.iter_rows(min_row=2) if row[1].value in ("=1+2", "@SUM(A1)")]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ("=1+2", "s", True), ("@SUM(A1)", "s", True)]
    assert not sheet["B2"].quotePrefix  # a period like 2017-04 is plain text


def test_template_on_a_full_disk_or_read_only_folder_leaves_nothing(pack_copy, monkeypatch,
                                                                    capsys):
    import errno

    from openpyxl import Workbook

    before = sorted(p.name for p in pack_copy.iterdir())
    for code, said in ((errno.ENOSPC, ("cabinet-pack: the disk holding pack/data-template.xlsx "
                                      "is full; free some space and run template again\n")),
                       (errno.EACCES, ("cabinet-pack: cannot write pack/data-template.xlsx: "
                                      "permission denied (the folder or file is read-only, or "
                                      "open in another program such as Excel; close it and "
                                      "run template again)\n"))):
        def failing(book, stream, code=code):
            stream.write(b"PK half a workbook")
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(Workbook, "save", failing)
        assert main(["template", str(pack_copy)]) == 2
        assert capsys.readouterr().err == said
        assert sorted(p.name for p in pack_copy.iterdir()) == before


def test_a_disk_filling_while_the_template_is_written_says_one_line(pack_copy, monkeypatch,
                                                                    capsys):
    """The workbook is made whole in memory, then written: a zip writer stopped half way
    by a full disk was left to close itself later, and printed a traceback after the
    one-line message."""
    import builtins
    import errno
    import gc
    import io

    from report.cycle import template

    real_open = builtins.open

    class Full(io.RawIOBase):
        def writable(self):
            return True

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def full_open(path, mode="r", *args, **kwargs):
        if str(path).endswith(".partial"):
            real_open(path, mode).close()  # made, and then the disk is full
            return Full()
        return real_open(path, mode, *args, **kwargs)

    before = sorted(p.name for p in pack_copy.iterdir())
    monkeypatch.setattr(template, "open", full_open, raising=False)
    ignored = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    assert main(["template", str(pack_copy)]) == 2
    gc.collect()
    assert capsys.readouterr().err == ("cabinet-pack: the disk holding pack/data-template.xlsx "
                                       "is full; free some space and run template again\n")
    assert ignored == []
    assert sorted(p.name for p in pack_copy.iterdir()) == before


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and named pipes")
def test_template_refuses_data_it_cannot_read_and_never_hangs(pack_copy, tmp_path):
    """A template without last month's rows would lose them: data linked from outside the
    pack, or a named pipe where the data should be, stops it (in a child process with a
    time limit, so a hang fails the test)."""
    from tests.test_hostile_inputs import command

    (pack_copy / "data.csv").rename(tmp_path / "elsewhere.csv")
    (pack_copy / "data.csv").symlink_to(tmp_path / "elsewhere.csv")
    done = command("template", "pack", timeout=30)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "The inputs have 1 problem; nothing was written.\n"
        "  pack/data.csv: is a link to a file outside the pack folder; copy the file into the "
        "folder instead\n")
    (pack_copy / "data.csv").unlink()
    os.mkfifo(pack_copy / "data.csv")
    done = command("template", "pack", timeout=30)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "The inputs have 1 problem; nothing was written.\n"
        "  pack/data.csv: is a named pipe, not a file (save the data as an ordinary file in "
        "the pack folder)\n")
    assert not os.path.lexists(pack_copy / "data-template.xlsx")


def test_a_column_named_twice_in_other_capitals_is_named_in_csv_and_workbook(pack_copy):
    """"Value" beside "value": which holds the figures cannot be guessed, so neither is read
    as the other, and the message names both, not the blanks of the wrong one."""
    path = pack_copy / "data.csv"
    header, *rows = csv_rows(path)
    at = header.index("reported")
    header[at] = "Value"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header] + rows)
    assert problems_of(pack_copy) == [
        ("pack/data.csv:1: Value: names the column 'value' again, in other capitals; keep one "
        "of the two (the pack reads 'value')")]
    data_workbook(pack_copy)
    assert problems_of(pack_copy) == [
        ("pack/data.xlsx: sheet data, cell D1: Value: names the column 'value' (cell C1) "
        "again, in other capitals; keep one of the two (the pack reads 'value')")]


def test_merged_cells_are_named_as_merged_not_as_blank(pack_copy):
    """Excel saves a merged range's value in its first cell only: the rows below would read
    as missing figures, where the sheet shows one across them."""
    book_path = data_workbook(pack_copy)
    book = openpyxl.load_workbook(book_path)
    book["data"].merge_cells("C5:C7")
    book.save(book_path)
    assert problems_of(pack_copy) == [
        f"pack/data.xlsx: sheet data, cell {cell}: value: is merged into C5 (cells C5:C7 are "
        "merged, and Excel keeps a value only in C5); unmerge them (Home > Merge & Center) "
        "and give each cell its own value" for cell in ("C6", "C7")]


def test_a_figure_typed_in_a_column_with_no_name_is_named_not_ignored(pack_copy):
    """A CSV refuses a row with more cells than its header; a workbook's cell beside the
    table, under no column name, was read past without a word."""
    book_path = data_workbook(pack_copy)
    book = openpyxl.load_workbook(book_path)
    sheet = book["data"]
    sheet.cell(row=72, column=8, value=78.1)
    sheet.cell(row=90, column=8, value=12)  # the same column again: named once
    book.save(book_path)
    assert problems_of(pack_copy) == [
        ("pack/data.xlsx: sheet data, row 72: cell H72 holds '78.1', but its column has no "
        "name in row 1, so it is not read: name the column (the pack reads measure, period, "
        "value, reported, numerator, denominator) or clear it")]
