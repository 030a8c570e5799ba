"""Rendered-image checks for the pages whose look matters, against approved images.

After an intended change to the look, look at the new images and approve them:
    make approve-images        (APPROVE_IMAGES=1 pytest tests/test_golden.py)
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy
import pypdfium2
import pytest

GOLDEN = Path(__file__).parent / "golden"
PAGES = {  # name -> outline title of the page
    "cover": "Cover",
    "scorecard": "Scorecard",
    "measure-dtoc": "1. DToC Total",
    "quartiles-dtoc": "DToC Total quartiles",
    "areas-direct-payments": "Direct payments uptake areas",
    "comparators": "Comparator group",
}
SCALE = 0.6  # about 43 dpi: enough to see layout, small to commit
TOLERANCE = 1.5  # mean absolute difference per pixel, 0-255


def render(path: Path, page_number: int):
    page = pypdfium2.PdfDocument(str(path))[page_number - 1]
    return page.render(scale=SCALE, grayscale=True).to_pil().convert("L")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_looks_as_approved(built, name, tmp_path):
    from tests.pdfcheck import BuiltPdf

    pdf = BuiltPdf(built[1])
    number = next(page for _, title, page in pdf.outline if title == PAGES[name])
    image = render(built[1], number)
    golden = GOLDEN / f"{name}.png"
    if os.environ.get("APPROVE_IMAGES"):
        image.save(golden, optimize=True)
    assert golden.exists(), f"no approved image: run make approve-images and look at {golden}"
    from PIL import Image

    approved = numpy.asarray(Image.open(golden).convert("L"), dtype=float)
    actual = numpy.asarray(image, dtype=float)
    assert actual.shape == approved.shape, f"{name}: page size changed"
    difference = numpy.abs(actual - approved).mean()
    if difference > TOLERANCE:
        image.save(tmp_path / f"{name}.png")
    assert difference <= TOLERANCE, (f"{name} looks different ({difference:.2f}); see "
                                     f"{tmp_path / (name + '.png')}")
