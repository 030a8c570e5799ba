"""CSV tables: header checked, each row validated by its model, errors with their line."""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from report.inputs.messages import describe, errors_of
from report.inputs.text import decode
from report.problems import Collector

Row = TypeVar("Row", bound=BaseModel)


@dataclass(frozen=True)
class Lined(Generic[Row]):
    """A validated row and the line of the file it came from."""

    row: Row
    line: int


def load_csv(path: Path, model: type[Row], collector: Collector,
              required: bool = True, failed: set[str] | None = None) -> list[Lined[Row]]:
    """Rows that pass their model; the `measure` cell of rows that fail goes to `failed`,
    so later checks do not pile consequential complaints on the same measure."""
    if not path.exists():
        if required:
            collector.add(path, None, "", "file is missing (every pack folder needs it)")
            collector.break_file(path)
        return []
    text = decode(path, path.read_bytes(), collector)
    if text is None:
        collector.break_file(path)
        return []
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        collector.add(path, 1, "", "file is empty (the first line names the columns: "
                                   f"{','.join(model.model_fields)})")
        collector.break_file(path)
        return []
    if ";" in lines[0] and "," not in lines[0]:
        collector.add(path, 1, "", "looks separated by semicolons; save it as 'CSV UTF-8 "
                                   "(comma delimited)'")
        collector.break_file(path)
        return []
    reader = csv.reader(lines)
    header = [name.strip() for name in next(reader)]
    known = list(model.model_fields)
    ok = True
    ignored = []
    for name in header:
        if name not in known:
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
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            collector.add(path, number, "", f"has {len(cells)} cells but the header has "
                                            f"{len(header)} columns")
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
