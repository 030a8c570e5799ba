"""Text the tool writes into spreadsheets — the scorecard CSV and the data-entry workbook —
cannot act as a formula when a spreadsheet program opens it (CSV injection). A text cell
starting with `=`, `+`, `-`, `@`, a tab or a carriage return, as OWASP's guidance lists
them, is neutralised with a single quote before it; a plain number (`-3.5`, `+1.22`,
`-4%`) is a number, and is left as it is."""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet program could read `text` as a formula."""
    return text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text)


def inert(value: object) -> object:
    """A CSV cell's value: text a spreadsheet would read as a formula gets a single quote
    before it; anything else is unchanged."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def inert_row(values) -> list:
    return [inert(v) for v in values]


def make_text(cell) -> None:
    """An openpyxl cell holding formula-like text kept as text: a string, never a formula,
    marked with Excel's own quote prefix (what typing a leading ' does), so it stays text
    when someone edits it; its value reads back exactly as written."""
    if isinstance(cell.value, str) and formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
