"""Rendered-image checks for the pages whose look matters, against approved images.

After an intended change to the look, look at the new images and approve them:
    make approve        (APPROVE=1: writes only the images that changed, and names them)

Pages are compared region by region, not as a whole: a changed digit changes one small
region a lot, which a whole-page mean would average away.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from tests.golden_files import check_image

PAGES = {  # name -> outline title of the page
    "cover": "Cover",
    "scorecard": "Scorecard",
    "measure-dtoc": "1. DToC Total",
    "quartiles-dtoc": "DToC Total quartiles",
    "areas-direct-payments": "Direct payments uptake areas",
    "comparators": "Comparator group",
}
SCALE = 0.6  # about 43 dpi: enough to see layout, small to commit


def render(path: Path, page_number: int):
    page = pypdfium2.PdfDocument(str(path))[page_number - 1]
    return page.render(scale=SCALE, grayscale=True).to_pil().convert("L")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_looks_as_approved(built, name, tmp_path):
    from tests.pdfcheck import BuiltPdf

    pdf = BuiltPdf(built[1])
    number = next(page for _, title, page in pdf.outline if title == PAGES[name])
    check_image(name, render(built[1], number), tmp_path)
