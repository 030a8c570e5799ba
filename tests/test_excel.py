"""Excel as a first-class input: data.xlsx and benchmarks.xlsx read like the CSVs, with
dates Excel made read as the periods they were, problems by sheet and cell, and the
data-entry template; and the summary of a problem repeated row after row."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import openpyxl
import pytest

from report.cli import main
from report.compute.pack import compute_pack
from report.export import figures_json
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
    got.name = expected.name
    assert figures_json(got, {}) == figures_json(expected, {})


def test_both_data_csv_and_data_xlsx_is_a_problem(pack_copy):
    workbook_from({"data": pack_copy / "data.csv"}, pack_copy / "data.xlsx")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [str(p) for p in raised.value.problems] == [
        "pack/data.xlsx: the data table is both in data.csv and in this workbook's sheet "
        "'data'; keep one (delete data.csv, or the sheet), so the pack cannot print old "
        "figures from the other"]


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
        "pack/data.xlsx: sheet data, cell B14: period: 15/04/2019 is a date; write the period "
        "as text (2019-04, 2019/20 Q1 or 2019/20): format the column as Text before typing",
        "pack/data.xlsx: sheet data, cell C24: value: 'nine' is not a number (write digits, "
        "e.g. 9.49)",
        "pack/data.xlsx: sheet data, cell A30: measure: 'dtox' is not a measure id in "
        "measures.yaml (did you mean 'dtoc'?)"]


def test_a_workbook_without_its_sheet_or_not_a_workbook(pack_copy):
    (pack_copy / "data.csv").unlink()
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(pack_copy / "data.xlsx")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [str(p) for p in raised.value.problems] == [
        "pack/data.xlsx: has no sheet named 'data' (its sheets: Sheet1; name the data's sheet "
        "data)"]
    (pack_copy / "data.xlsx").write_text("measure,period\n")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [str(p) for p in raised.value.problems] == [
        "pack/data.xlsx: cannot be read: it is not an Excel workbook (.xlsx), or it is damaged "
        "(save it from Excel as 'Excel Workbook (*.xlsx)')"]


def test_a_notes_column_is_ignored_with_one_warning(pack_copy):
    path = pack_copy / "data.csv"
    rows = csv_rows(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([row + ["note" if i else "notes"] for i, row in
                                      enumerate(rows)])
    inputs = load_pack(pack_copy)
    assert [str(w) for w in inputs.warnings if "data.csv:1" in str(w)] == [
        "pack/data.csv:1: column 'notes' not read (the pack reads measure, period, value, "
        "reported, numerator, denominator); ignored"]
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
        "pack/data.csv:2: period: 287 rows of data.csv have this problem (first at lines 2, "
        "3, 4, 5, 6, …): 'Apr-17' looks like the month 2017-04 that Excel turned into a date "
        "(format the period column as Text and type 2017-04, or save from Excel as 'CSV "
        "UTF-8' once the periods are text)"]


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
        "pack/data.xlsx: sheet data, cell C2: value: 10 rows of sheet data have this problem "
        "(first at cells C2, C3, C4, C5, C6, …): 'n/a' is not a number (write digits, e.g. "
        "9.49)"]


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
        f"{may.as_posix()}/data.xlsx: sheet data, row 1: column 'checked by' not read (the "
        "pack reads measure, period, value, reported, numerator, denominator); ignored"]


def test_benchmarks_workbook_beside_its_csv_and_a_sheet_it_does_not_read(pack_copy):
    bench = pack_copy / "benchmarks"
    workbook_from({"england": bench / "england.csv", "Notes": bench / "england.csv"},
                  pack_copy / "benchmarks.xlsx")
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    assert [str(p) for p in raised.value.problems] == [
        "pack/benchmarks.xlsx: the england table is both in england.csv and in this "
        "workbook's sheet 'england'; keep one (delete england.csv, or the sheet), so the pack "
        "cannot print old figures from the other"]
    (bench / "england.csv").unlink()
    inputs = load_pack(pack_copy)
    assert [str(w) for w in inputs.warnings if "benchmarks.xlsx" in w.file] == [
        "pack/benchmarks.xlsx: sheet 'Notes' not read (the sheets read are: quartiles, "
        "comparators, england, areas)"]
    assert len(inputs.england) == len(csv_rows(EXAMPLE / "benchmarks" / "england.csv")) - 1
