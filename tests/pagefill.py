"""How much of each page is used, measured on the rendered page the way a reader sees it.

A page's use is the share of its frame (inside the margins, so the running header and
footer do not count) covered by the box around everything drawn there."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy
import pypdfium2

from tests.pdfcheck import BuiltPdf

BLANK = "This page is intentionally left blank"
SCALE = 0.5
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE = 2.3 / 2.54 * 72, 2.0 / 2.54 * 72, 1.8 / 2.54 * 72


@dataclass
class PageUse:
    number: int
    used: float  # 0..1 of the frame
    blank_labelled: bool
    last_of_section: bool
    text: str


def page_use(path: Path) -> list[PageUse]:
    pdf = BuiltPdf(path)
    starts = sorted({page for level, _, page in pdf.outline if level == 0})
    document = pypdfium2.PdfDocument(str(path))
    texts = pdf.plain_texts
    out = []
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        image = numpy.asarray(page.render(scale=SCALE, grayscale=True).to_pil().convert("L"))
        top, bottom = int(MARGIN_TOP * SCALE), int((height - MARGIN_BOTTOM) * SCALE)
        left, right = int(MARGIN_SIDE * SCALE), int((width - MARGIN_SIDE) * SCALE)
        frame = image[top:bottom, left:right] < 200
        rows, cols = numpy.nonzero(frame)
        used = 0.0
        if rows.size:
            used = ((rows.max() - rows.min() + 1) * (cols.max() - cols.min() + 1)
                    / frame.size)
        number = index + 1
        following = number + 1  # the next page that is not a blank left for duplex
        while following <= len(texts) and BLANK in texts[following - 1]:
            following += 1
        last = following in starts or following > len(document)
        out.append(PageUse(number, used, BLANK in texts[index], last, texts[index]))
    return out


def measure_spans(pdf) -> list[tuple[str, int, int]]:
    """Each measure's own pages, from the outline: (title, first page, last page)."""
    first = next(page for level, title, page in pdf.outline if title == "Measures")
    after = min(page for level, title, page in pdf.outline if level == 0 and page > first)
    entries = [(title, page) for level, title, page in pdf.outline
               if level >= 1 and first <= page < after]
    spans = []
    for index, (title, page) in enumerate(entries):
        following = entries[index + 1][1] if index + 1 < len(entries) else after
        last = following - 1
        while last > page and BLANK in pdf.plain_texts[last - 1]:  # left blank for duplex
            last -= 1
        if title[:1].isdigit():  # a measure's own pages, not its quartile or area page
            spans.append((title, page, last))
    return spans


def wrong_side(pdf) -> list[tuple[str, int, int]]:
    """Measures on the wrong side of a double-sided pack. One that runs on starts on a
    left-hand (even) page, so that its pages face each other; one of one page on a
    right-hand page, unless pages of its own follow it (its quartiles, its areas): it then
    takes the page that comes, never after a blank, and from a left-hand page faces them."""
    spans = measure_spans(pdf)
    followers = {page for level, title, page in pdf.outline
                 if level >= 1 and not title[:1].isdigit()}
    return [(title, first, last) for title, first, last in spans
            if (last > first and first % 2 == 1)
            or (last == first and last + 1 not in followers and first % 2 == 0)
            or (last == first and last + 1 in followers and BLANK in pdf.plain_texts[first - 2])]


def stubs(path: Path, minimum: float = 0.30) -> list[PageUse]:
    """Pages under `minimum` used that are neither a section's last page nor a labelled
    blank."""
    return [p for p in page_use(path)
            if p.used < minimum and not p.blank_labelled and not p.last_of_section]


if __name__ == "__main__":
    import sys

    for p in page_use(Path(sys.argv[1])):
        stub = p.used < 0.3 and not p.blank_labelled and not p.last_of_section
        flag = "  <-- stub" if stub else ""
        print(f"{p.number:3d} {p.used:5.2f} {'B' if p.blank_labelled else ' '}"
              f"{'L' if p.last_of_section else ' '} {p.text[:60]!r}{flag}".replace("\n", " "))
