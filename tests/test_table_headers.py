"""Every data cell's tagged headers are the headers a sighted reader sees: the header
cells drawn above it in its column and beside it in its row. The drawn side comes from
the page itself (cell boxes from the table rules, text from the glyphs); the tagged side
from the structure tree, its RowSpan and ColSpan, and each header's Scope."""

from __future__ import annotations

from collections import defaultdict

import pdfplumber
import pikepdf
import pytest
from pdfplumber.utils import extract_text

from tests.structure import tree


def _words(chars) -> str:
    return " ".join(extract_text(chars).split())


def _grid(table):
    """(row, first column, last column, cell node) for every cell, placed as a reader
    places them: each cell takes the next free column, spans reserve the ones below."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(table.children):
        c = 0
        for cell in row.children:
            while (r, c) in taken:
                c += 1
            rows = int(cell.attributes.get("/RowSpan", 1))
            columns = int(cell.attributes.get("/ColSpan", 1))
            taken |= {(r + i, c + j) for i in range(rows) for j in range(columns)}
            placed.append((r, r + rows - 1, c, c + columns - 1, cell))
            c += columns
    return placed


def _tagged_headers(placed, text_of):
    """Headers by Scope: column headers above in an overlapping column, row headers to
    the left in an overlapping row."""
    out = {}
    for r0, r1, c0, c1, cell in placed:
        if cell.role != "TD":
            continue
        heads = []
        for h0, h1, k0, k1, head in placed:
            if head.role != "TH":
                continue
            scope = head.attributes.get("/Scope")
            if scope == "/Column" and h1 < r0 and k0 <= c1 and c0 <= k1:
                heads.append(text_of(head))
            elif scope == "/Row" and k1 < c0 and h0 <= r1 and r0 <= h1:
                heads.append(text_of(head))
        out[id(cell)] = sorted(h for h in heads if h)
    return out


def _check(path):
    pdf = pikepdf.open(path)
    root = tree(pdf)
    checked = mismatched = 0
    problems = []
    with pdfplumber.open(path) as doc:
        chars_of: dict[tuple[int, int], list] = defaultdict(list)
        boxes: dict[int, list] = {}
        all_chars: dict[int, list] = {}
        for index, page in enumerate(doc.pages):
            all_chars[index] = page.chars
            for char in page.chars:
                if char.get("mcid") is not None:
                    chars_of[index, char["mcid"]].append(char)
            # ruled tables first; a table ruled only between rows is found from its text
            boxes[index] = [table.cells for table in page.find_tables()] + [
                table.cells for table in page.find_tables(
                    {"vertical_strategy": "text", "horizontal_strategy": "text"})]

        def text_of(node):
            return _words([c for n in node.walk() for mark in n.mcids for c in chars_of[mark]])

        for table in (n for n in root.walk() if n.role == "Table"):
            placed = _grid(table)
            tagged = _tagged_headers(placed, text_of)
            data_marks = {mark for _, _, _, _, cell in placed if cell.role == "TD"
                          for n in cell.walk() for mark in n.mcids}
            for *_, cell in placed:
                if cell.role != "TD" or not text_of(cell):
                    continue
                page, mcid = next(mark for n in cell.walk() for mark in n.mcids)
                mine = chars_of[page, mcid]
                x = (min(c["x0"] for c in mine) + max(c["x1"] for c in mine)) / 2
                y = (min(c["top"] for c in mine) + max(c["bottom"] for c in mine)) / 2
                drawn = next(((cells, box) for cells in boxes[page] for box in cells
                              if box[0] <= x <= box[2] and box[1] <= y <= box[3]), None)
                assert drawn is not None, f"page {page + 1}: no ruled cell holds {text_of(cell)!r}"
                cells, box = drawn

                def shown(other, page=page, data_marks=data_marks):
                    inside = [c for c in all_chars[page] if other[0] <= (c["x0"] + c["x1"]) / 2
                              <= other[2] and other[1] <= (c["top"] + c["bottom"]) / 2 <= other[3]]
                    if any((page, c.get("mcid")) in data_marks for c in inside):
                        return ""  # a data cell, not a header
                    return _words(inside)

                above = [shown(o) for o in cells if o[3] <= box[1] + 1 and o[0] <= x <= o[2]]
                beside = [shown(o) for o in cells if o[2] <= box[0] + 1 and o[1] <= y <= o[3]]
                expected = sorted(h for h in above + beside if h)
                checked += 1
                if tagged[id(cell)] != expected:
                    mismatched += 1
                    problems.append((page + 1, text_of(cell), tagged[id(cell)], expected))
    return checked, problems


@pytest.mark.parametrize("name", ["example.pdf", "example.analysis.pdf"])
def test_every_data_cell_is_announced_with_the_headers_drawn_above_and_beside_it(built, name):
    checked, problems = _check(built[0] / name)
    assert checked > (400 if name == "example.pdf" else 50)
    assert problems == []
