"""Rendered-image checks for the pages whose look matters, against approved images.

After an intended change to the look, look at the new images and approve them:
    make approve        (APPROVE=1: writes only the images that changed, and names them)

Pages are compared region by region, not as a whole: a changed digit changes one small
region a lot, which a whole-page mean would average away.
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
TILE = 16  # pixels: about a character's cell at this scale
TOLERANCE = 1.0  # largest mean absolute difference in any tile, 0-255


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
    from PIL import Image

    from tests.golden_files import approving

    actual = numpy.asarray(image, dtype=float)
    approved = (numpy.asarray(Image.open(golden).convert("L"), dtype=float)
                if golden.exists() else None)
    worst = (tile_difference(actual, approved)
             if approved is not None and approved.shape == actual.shape else None)
    if approving() or os.environ.get("APPROVE_IMAGES"):
        if worst is None or worst[0] > TOLERANCE:
            print(f"\napproving {golden} (was: {worst and round(worst[0], 2)})")
            image.save(golden, optimize=True)
        return
    assert approved is not None, f"no approved image: run make approve and look at {golden}"
    assert actual.shape == approved.shape, f"{name}: page size changed"
    if worst[0] > TOLERANCE:
        image.save(tmp_path / f"{name}.png")
    assert worst[0] <= TOLERANCE, (f"{name} looks different near pixel {worst[1]} (a tile "
                                   f"differs by {worst[0]:.2f}); see {tmp_path / (name + '.png')}")


def tile_difference(actual, approved) -> tuple[float, tuple[int, int]]:
    """The largest mean difference of any TILE x TILE region, and where it is (x, y)."""
    rows, cols = (-(-n // TILE) for n in actual.shape)
    padded = numpy.zeros((rows * TILE, cols * TILE))
    padded[:actual.shape[0], :actual.shape[1]] = numpy.abs(actual - approved)
    means = padded.reshape(rows, TILE, cols, TILE).mean(axis=(1, 3))
    y, x = numpy.unravel_index(int(means.argmax()), means.shape)
    return float(means[y, x]), (int(x) * TILE, int(y) * TILE)
