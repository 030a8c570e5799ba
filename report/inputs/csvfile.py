"""CSV tables: header checked, each row validated by its model, errors with their line."""

from __future__ import annotations

import csv
import difflib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from report.inputs.messages import describe, errors_of
from report.inputs.text import SIZE_LIMITS, read_text
from report.problems import Collector

Row = TypeVar("Row", bound=BaseModel)
CELL_LIMIT = 10_000  # characters; the longest real cell, a source name, has about 100


@dataclass(frozen=True)
class Lined(Generic[Row]):
    """A validated row and the line of the file it came from."""

    row: Row
    line: int


def same_but_for_capitals(header: list[str], known: list[str]) -> dict[str, str]:
    """Column names that are a known column's name in other capitals where that column is
    there too ("Value" beside "value"): one of the two is a mistake, and which column the
    pack should read cannot be guessed. {name: the known column}."""
    wanted = {column.casefold(): column for column in known if column in header}
    return {name: wanted[name.casefold()] for name in header
            if name not in known and name.casefold() in wanted}


def load_csv(path: Path, model: type[Row], collector: Collector,
              required: bool = True, failed: set[str] | None = None) -> list[Lined[Row]]:
    """Rows that pass their model; the `measure` cell of rows that fail goes to `failed`,
    so later checks do not pile consequential complaints on the same measure. Lines are
    the file's own (as an editor numbers them), counted where each row starts."""
    if not os.path.lexists(path):
        if required:
            collector.add(path, None, "", "file is missing (every pack folder needs it)")
            collector.break_file(path)
        return []
    text = read_text(path, collector)
    if text is None:
        collector.break_file(path)
        return []
    first = text.split("\n", 1)[0].rstrip("\r")
    if not text.strip():
        collector.add(path, 1, "", "file is empty (the first line names the columns: "
                                   f"{','.join(model.model_fields)})")
        collector.break_file(path)
        return []
    if ";" in first and "," not in first:
        collector.add(path, 1, "", "looks separated by semicolons; save it as 'CSV UTF-8 "
                                   "(comma delimited)'")
        collector.break_file(path)
        return []
    csv.field_size_limit(max(csv.field_size_limit(), SIZE_LIMITS[".csv"]))
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader)]
    known = list(model.model_fields)
    ok = True
    ignored = []
    doubled = same_but_for_capitals(header, known)
    for name, column in doubled.items():
        collector.add(path, 1, name, f"names the column '{column}' again, in other capitals; "
                      "keep one of the two (the pack reads "
                      f"'{column}')")
        ok = False
    for name in header:
        if name not in known and name not in doubled:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            if name and not (close and close[0] not in header):
                ignored.append(name)  # a column of the team's own, such as notes
                continue
            hint = f"did you mean '{close[0]}'?" if close else f"columns are: {','.join(known)}"
            collector.add(path, 1, name or "(blank)", f"is not a known column ({hint})")
            ok = False
    if ignored:
        collector.warn(path, 1, "", f"column{'s' if len(ignored) > 1 else ''} "
                       f"{', '.join(repr(n) for n in ignored)} not read (the pack reads "
                       f"{', '.join(known)}); ignored")
    for name, info in model.model_fields.items():
        if info.is_required() and name not in header:
            collector.add(path, 1, name, "column is missing from the header line")
            ok = False
    if len(set(header)) != len(header):
        collector.add(path, 1, "", "a column name appears twice in the header line")
        ok = False
    if not ok:
        collector.break_file(path)
        return []
    rows: list[Lined[Row]] = []
    lines: list[str] | None = None  # the file's lines, split only if a quote needs them
    end = reader.line_num
    for cells in reader:
        number, end = end + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if end > number and any("\n" in cell or "\r" in cell for cell in cells):
            if lines is None:  # split as the reader does: at line ends, not at U+2028
                lines = io.StringIO(text, newline="").readlines()
            if _quote_problem(path, lines, number, end, header, cells, collector):
                collector.break_file(path)  # rows went into one cell: counting them misleads
                break
            continue
        if len(cells) != len(header):
            collector.add(path, number, "", f"has {len(cells)} cells but the header has "
                                            f"{len(header)} columns")
            continue
        long = [name for name, cell in zip(header, cells) if len(cell) > CELL_LIMIT]
        if long:
            for name in long:
                collector.add(path, number, name, f"the cell is longer than {CELL_LIMIT:,} "
                              "characters (a cell holds one value; is a quote missing?)")
            continue
        record = {name: cell.strip() for name, cell in zip(header, cells) if name not in ignored}
        try:
            rows.append(Lined(model.model_validate(record), number))
        except ValidationError as exc:
            if failed is not None:
                failed.add(record.get("measure", ""))
            for error in errors_of(exc):
                field = ".".join(str(p) for p in error["loc"]) or ""
                collector.add(path, number, field, describe(error, model))
    if not rows and required and not any(p.file == path.as_posix() for p in collector.problems):
        collector.add(path, 2, "", "has no rows under its header line")
        collector.break_file(path)
    return rows


def _quote_problem(path: Path, lines: list[str], start: int, end: int, header: list[str],
                   cells: list[str], collector: Collector) -> bool:
    """A row that runs over several lines because a quote holds line breaks: said once, at
    the line where the quote opens. True when whole rows went into the quoted cell (the
    quote is never closed, or closes lines later), so the rest of the file is suspect."""
    quotes = 0
    opened = start
    for number in range(start, end + 1):
        before = quotes
        quotes += lines[number - 1].count('"') if number <= len(lines) else 0
        if before % 2 == 0 and quotes % 2:
            opened = number
    broken = next((cell for cell in cells if "\n" in cell or "\r" in cell), "")
    if quotes % 2:
        collector.add(path, opened, "", 'a quote " opened on this line is never closed, so '
                      "the rest of the file reads as one cell (delete the quote, or close it)")
        return True
    if "," in broken:
        collector.add(path, opened, "", f'a quote " opened on this line closes only on line '
                      f"{end}, so the lines between read as one cell (is a quote missing or "
                      "one too many?)")
        return True
    name = header[cells.index(broken)] if cells.index(broken) < len(header) else ""
    collector.add(path, start, name, "holds a line break inside quotes; keep each cell on "
                                     "one line")
    return False
