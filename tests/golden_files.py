"""Golden files compared exactly, approved by showing the diff and writing only what changed
(pelican's functional tests, ruff's snapshot review).

    make approve        # APPROVE=1: each changed file's diff is printed, then written

Approving writes the file and then compares as always, so a golden test passes only against
a file that is there and holds what was made: never because approval was asked for.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
TILE = 16  # pixels: about a character's cell at the golden images' scale
TOLERANCE = 1.0  # largest mean absolute difference in any tile, 0-255


def approving() -> bool:
    return bool(os.environ.get("APPROVE"))


def approving_images() -> bool:
    return approving() or bool(os.environ.get("APPROVE_IMAGES"))


def check_text(name: str, actual: str) -> None:
    """`actual` must equal tests/golden/text/<name>; with APPROVE set, a difference is
    shown and the file rewritten first (an unchanged file is left alone)."""
    path = GOLDEN / "text" / name
    if approving():
        _approve_text(path, name, actual)
    expected = path.read_text(encoding="utf-8") if path.exists() else None
    if expected == actual:
        return
    shown = "".join(_diff(name, expected, actual).splitlines(keepends=True)[:120])
    raise AssertionError(f"{name} differs from the approved copy (look at the diff; if it is "
                         f"intended, run `make approve`):\n{shown}")


def _approve_text(path: Path, name: str, actual: str) -> None:
    expected = path.read_text(encoding="utf-8") if path.exists() else None
    if expected == actual:
        return
    print(f"\n--- approving tests/golden/text/{name}:\n{_diff(name, expected, actual)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(actual, encoding="utf-8")


def _diff(name: str, expected: str | None, actual: str) -> str:
    return "".join(difflib.unified_diff(
        (expected or "").splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"approved {name}", tofile=f"now {name}", n=2))


def check_image(name: str, image, failed: Path) -> None:
    """`image` (a greyscale PIL image) must look like tests/golden/<name>.png, tile by tile;
    with APPROVE (or APPROVE_IMAGES) set, a changed image is written first. A page that
    differs is saved into the folder `failed` to look at."""
    golden = GOLDEN / f"{name}.png"
    if approving_images():
        _approve_image(golden, image)
    actual = _pixels(image)
    approved = _pixels(golden) if golden.exists() else None
    assert approved is not None, f"no approved image: run make approve and look at {golden}"
    assert actual.shape == approved.shape, f"{name}: page size changed"
    worst = tile_difference(actual, approved)
    if worst[0] > TOLERANCE:
        image.save(failed / f"{name}.png")
    assert worst[0] <= TOLERANCE, (f"{name} looks different near pixel {worst[1]} (a tile "
                                   f"differs by {worst[0]:.2f}); see {failed / (name + '.png')}")


def _approve_image(golden: Path, image) -> None:
    actual = _pixels(image)
    approved = _pixels(golden) if golden.exists() else None
    worst = (tile_difference(actual, approved)
             if approved is not None and approved.shape == actual.shape else None)
    if worst is None or worst[0] > TOLERANCE:
        print(f"\napproving {golden} (was: {worst and round(worst[0], 2)})")
        image.save(golden, optimize=True)


def _pixels(image_or_path):
    import numpy
    from PIL import Image

    image = image_or_path
    if isinstance(image_or_path, Path):
        with Image.open(image_or_path) as opened:
            image = opened.convert("L")
    return numpy.asarray(image.convert("L"), dtype=float)


def tile_difference(actual, approved) -> tuple[float, tuple[int, int]]:
    """The largest mean difference of any TILE x TILE region, and where it is (x, y)."""
    import numpy

    rows, cols = (-(-n // TILE) for n in actual.shape)
    padded = numpy.zeros((rows * TILE, cols * TILE))
    padded[:actual.shape[0], :actual.shape[1]] = numpy.abs(actual - approved)
    means = padded.reshape(rows, TILE, cols, TILE).mean(axis=(1, 3))
    y, x = numpy.unravel_index(int(means.argmax()), means.shape)
    return float(means[y, x]), (int(x) * TILE, int(y) * TILE)


def page_texts(pdf: Path) -> str:
    """Every page's text in reading order, page by page, as a reviewer reads a diff."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    pages = []
    for index in range(len(document)):
        text = document[index].get_textpage().get_text_range().replace("\r\n", "\n")
        pages.append(f"=== page {index + 1} ===\n{text.rstrip()}\n")
    return "".join(pages)
