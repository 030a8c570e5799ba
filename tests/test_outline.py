"""Every outline entry lands on the page of its heading, at or above it: following a
bookmark never leaves a reader on the page before, looking at the end of something else."""

from __future__ import annotations

from collections import defaultdict

import pdfplumber
import pikepdf
import pytest

from report.cli import main
from tests.conftest import EXAMPLE

HEADINGS = {"/H1", "/H2", "/H3", "/H4"}


def _entries(pdf):
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    out = []
    with pdf.open_outline() as outline:
        def walk(items):
            for item in items:
                dest = item.destination
                top = float(dest[3]) if len(dest) > 3 and dest[1] == "/XYZ" \
                    and dest[3] is not None else None
                out.append((item.title, index[dest[0].objgen], top))
                walk(item.children)
        walk(outline.root)
    return out


def _heading_tops(path, pdf):
    """page index -> the tops (PDF units, from the bottom) of every heading's text."""
    heading_marks = set()

    def visit(element, page):
        if "/Pg" in element:
            page = element.Pg.objgen
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        for kid in kids:
            if isinstance(kid, int) and element.get("/S") in HEADINGS:
                heading_marks.add((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/S") is not None:
                visit(kid, page)

    root = pdf.Root.StructTreeRoot
    for kid in (root.K if isinstance(root.K, pikepdf.Array) else [root.K]):
        visit(kid, None)
    tops = defaultdict(list)
    objgens = [page.obj.objgen for page in pdf.pages]
    with pdfplumber.open(path) as doc:
        for i, page in enumerate(doc.pages):
            for char in page.chars:
                if (objgens[i], char.get("mcid")) in heading_marks:
                    tops[i].append(float(page.height) - char["top"])
    return tops


@pytest.fixture(scope="module")
def duplex(tmp_path_factory):
    out = tmp_path_factory.mktemp("duplex")
    assert main(["build", str(EXAMPLE), "-o", str(out), "--layout", "cabinet-duplex"]) == 0
    return out / "example.cabinet-duplex.pdf"


@pytest.mark.parametrize("name", ["example.pdf", "example.analysis.pdf", "duplex"])
def test_every_outline_entry_lands_on_the_page_of_its_heading(built, duplex, name):
    path = duplex if name == "duplex" else built[0] / name
    pdf = pikepdf.open(path)
    entries = _entries(pdf)
    tops = _heading_tops(path, pdf)
    assert len(entries) > (40 if name != "example.analysis.pdf" else 8)
    appendix_first = len(pdf.pages) - 1  # the example's one-page appendix
    for title, page, top in entries:
        if top is None:  # the merged appendix: its first page
            assert page == appendix_first and name != "example.analysis.pdf", title
            continue
        # a heading starts on the entry's page, below where it points (the cover's title
        # sits under its organisation line)
        below = [t for t in tops.get(page, []) if top - 250 <= t <= top]
        assert below, f"{title!r} points at page {page + 1}, no heading there below it"
