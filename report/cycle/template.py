"""`cabinet-pack template FOLDER`: a workbook of the pack's data with this period's rows
ready to fill, read back as `data.xlsx` (`report.inputs.excel`)."""

from __future__ import annotations

from pathlib import Path

from report.inputs.excel import DATA_SHEET, TEMPLATE, TEMPLATE_NOTES
from report.problems import InputProblems, Problem


def write_template(folder: Path) -> tuple[Path, int]:
    """FOLDER/data-template.xlsx: the pack's data rows, then for each measure a row for
    every period due this month that has none yet, its value to fill. Periods are text
    cells, so Excel keeps them as written. Never overwrites: InputProblems (exit 2)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from report.periods import Period, oldest_allowed_period
    from report.inputs.load import gather_pack
    from report.inputs.schema import DataRow

    target = folder / TEMPLATE
    if target.exists():
        raise InputProblems([Problem(target.as_posix(), None, "", "already exists; template "
                                     "never overwrites a file (rename or delete it first)")])
    inputs, collector = gather_pack(folder)
    if inputs is None:
        collector.raise_if_any()
    data_period = Period.parse(inputs.pack.data_period)
    columns = list(DataRow.model_fields)
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    sheet.append(columns + [TEMPLATE_NOTES])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for lined in sorted(inputs.data, key=lambda l: l.line):
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
            sheet.append([measure.id, period.key, None, None, None, None,
                          f"to fill: {measure.short_name}, {period.long}"])
            for cell in sheet[sheet.max_row][2:3]:
                cell.fill = to_fill
            added += 1
            period = period.shift(1)
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "@"
    for letter, width in zip("ABCDEFG", (24, 12, 10, 10, 12, 12, 40)):
        sheet.column_dimensions[letter].width = width
    partial = target.with_name(f".{target.name}.partial")
    book.save(partial)
    partial.replace(target)
    return target, added
