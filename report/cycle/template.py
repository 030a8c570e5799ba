"""`cabinet-pack template FOLDER`: a workbook of the pack's data with this period's rows
ready to fill, read back as `data.xlsx` (`report.inputs.excel`)."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from report.cells import make_text
from report.inputs.excel import DATA_SHEET, TEMPLATE, TEMPLATE_NOTES
from report.problems import InputProblems, Problem
from report.transaction import OutputError, describe


def write_template(folder: Path) -> tuple[Path, int]:
    """FOLDER/data-template.xlsx: the pack's data rows, then for each measure a row for
    every period due this month that has none yet, its value to fill. Periods are text
    cells, so Excel keeps them as written. Never overwrites: InputProblems (exit 2)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from report.inputs.load import gather_pack
    from report.inputs.schema import DataRow
    from report.periods import Period, oldest_allowed_period

    target = folder / TEMPLATE
    if os.path.lexists(target):
        raise InputProblems([Problem(target.as_posix(), None, "", "already exists; template "
                                     "never overwrites a file (rename or delete it first)")])
    inputs, collector = gather_pack(folder)
    if inputs is None or collector.is_broken(folder / "data.csv"):
        collector.raise_if_any()  # a template without the data read would lose its rows
    data_period = Period.parse(inputs.pack.data_period)
    columns = list(DataRow.model_fields)
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    sheet.append(columns + [TEMPLATE_NOTES])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for lined in sorted(inputs.data, key=lambda read: read.line):
        row = lined.row
        sheet.append([row.measure, row.period, row.value, row.reported, row.numerator,
                      row.denominator, None])
    to_fill = PatternFill("solid", fgColor="FFF2CC")
    added = 0
    for measure in inputs.measures.measures:
        periods = []
        for lined in inputs.data:
            if lined.row.measure == measure.id:
                try:
                    periods.append(Period.parse_as(lined.row.period, measure.frequency))
                except ValueError:
                    pass
        due = oldest_allowed_period(data_period, measure)
        period = max(periods).shift(1) if periods else due
        while period <= due:
            sheet.append([measure.id, period.code, None, None, None, None,
                          f"to fill: {measure.short_name}, {period.long}"])
            for cell in sheet[sheet.max_row][2:3]:
                cell.fill = to_fill
            added += 1
            period = period.shift(1)
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "@"
    for letter, width in zip("ABCDEFG", (24, 12, 10, 10, 12, 12, 40)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows():
        for cell in row:
            make_text(cell)  # a measure's text can never become a formula
    _save(book, target)
    return target, added


def _save(book, target: Path) -> None:
    """Written beside under a temporary name, then renamed: the workbook appears whole or
    not at all; a full disk or a read-only folder is one line (exit 2), leaving nothing."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        if os.path.lexists(partial):
            partial.unlink()  # left by an interrupted run; never written through
        made = io.BytesIO()  # made whole in memory: a zip writer that a full disk stopped
        book.save(made)  # half way was left to close itself later, and said so on stderr
        with open(partial, "xb") as stream:
            stream.write(made.getbuffer())
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise OutputError(describe(exc, target, "run template again")) from None
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
