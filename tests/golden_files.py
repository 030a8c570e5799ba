"""Golden files compared exactly, approved by showing the diff and writing only what changed
(pelican's functional tests, ruff's snapshot review).

    make approve        # APPROVE=1: each changed file's diff is printed, then written
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def approving() -> bool:
    return bool(os.environ.get("APPROVE"))


def check_text(name: str, actual: str) -> None:
    """`actual` must equal tests/golden/text/<name>; with APPROVE set, a difference is
    shown and the file rewritten (an unchanged file is left alone)."""
    path = GOLDEN / "text" / name
    expected = path.read_text(encoding="utf-8") if path.exists() else None
    if expected == actual:
        return
    diff = "".join(difflib.unified_diff(
        (expected or "").splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"approved {name}", tofile=f"now {name}", n=2))
    if approving():
        print(f"\n--- approving tests/golden/text/{name}:\n{diff}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    shown = "".join(diff.splitlines(keepends=True)[:120])
    raise AssertionError(f"{name} differs from the approved copy (look at the diff; if it is "
                         f"intended, run `make approve`):\n{shown}")


def page_texts(pdf: Path) -> str:
    """Every page's text in reading order, page by page, as a reviewer reads a diff."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    pages = []
    for index in range(len(document)):
        text = document[index].get_textpage().get_text_range().replace("\r\n", "\n")
        pages.append(f"=== page {index + 1} ===\n{text.rstrip()}\n")
    return "".join(pages)
