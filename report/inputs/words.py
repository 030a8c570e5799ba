"""Words too long to print: a run of characters without a space longer than any word or
web address a pack prints is a slip (text pasted without its spaces, a cell filled by
dragging), and split across lines it would fill a page. Every free text the pack prints
is checked, with the file, line and field, before anything is laid out.
"""

from __future__ import annotations

import re
from pathlib import Path

from report.problems import Collector

# A line of body text holds about 90 characters: a word of more than two lines is not one.
# Long web addresses (a publication's page, ~150 characters) still fit within it.
MAX_WORD = 200
_LONG = re.compile(rf"\S{{{MAX_WORD + 1},}}")
_NOT_PRINTED = {"file"}  # an appendix's path: read, never printed


def long_word(text: str) -> str | None:
    match = _LONG.search(text)
    return match[0] if match else None


def message(word: str) -> str:
    return (f"has a word of {len(word):,} characters ('{word[:20]}…'), too long to print; "
            f"put spaces in it (a word may have at most {MAX_WORD} characters)")


def check_words(inputs, collector: Collector) -> None:
    """The YAML files' texts and the CSV columns that print (commentary:
    `check_commentary_words`, as it is read)."""
    # with validation only: a rebuild reading commentary imports no validation (pydantic)
    from report.inputs.messages import field_path

    for doc in (inputs.pack_doc, inputs.measures_doc, inputs.focus_areas_doc):
        if doc is None:
            continue
        for loc, text in _texts(doc.data, ()):
            word = long_word(text)
            if word is not None:
                collector.add(doc.path, _line_of(doc, loc, word),
                              field_path(loc, doc.data), message(word))
    bench = inputs.folder / "benchmarks"
    columns = ((bench / "quartiles.csv", inputs.quartiles, "source"),
               (bench / "comparators.csv", inputs.comparators, "authority"),
               (bench / "areas.csv", inputs.areas, "area"))
    for path, rows, column in columns:
        for lined in rows:
            word = long_word(getattr(lined.row, column))
            if word is not None:
                collector.add(path, lined.line, column, message(word))


def check_commentary_words(path: Path, text: str, collector: Collector) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        word = long_word(line)
        if word is not None:
            collector.add(path, number, "text", message(word))


def _texts(value, loc: tuple):
    """(location, text) of every string in a YAML document (its keys are names the schema
    keeps short)."""
    if isinstance(value, str):
        if not (loc and loc[-1] in _NOT_PRINTED):
            yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, loc + (index,))


def _line_of(doc, loc: tuple, word: str) -> int | None:
    """The line holding the word: at or after its key's line (a folded text runs over
    several lines, but never breaks a word)."""
    start = doc.line_of(loc) or 1
    try:
        lines = doc.path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return start
    return next((n for n in range(start, len(lines) + 1) if word[:40] in lines[n - 1]), start)
