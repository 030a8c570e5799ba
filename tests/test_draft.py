"""A draft says so on every page, in words a loose printed page keeps."""

from __future__ import annotations

import pypdfium2

from report.cli import main
from tests.conftest import EXAMPLE


def page_texts(path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def draft_marks(path) -> list[int]:
    """How many times each page paints the DRAFT mark's outline (a path filled with the
    layout's draft colour, translucent), read from the page's drawing."""
    document = pypdfium2.PdfDocument(str(path))
    counts = []
    for page in document:
        counts.append(sum(1 for obj in page.get_objects(max_depth=3)
                          if obj.type == pypdfium2.raw.FPDF_PAGEOBJ_PATH and _translucent(obj)))
    return counts


def _translucent(obj) -> bool:
    r, g, b, a = (pypdfium2.raw.c_uint(), pypdfium2.raw.c_uint(), pypdfium2.raw.c_uint(),
                  pypdfium2.raw.c_uint())
    pypdfium2.raw.FPDFPageObj_GetFillColor(obj, r, g, b, a)
    return 0 < a.value < 255


def test_every_page_of_a_draft_says_draft_in_its_running_footer(tmp_path):
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path)]) == 0
    final = page_texts(tmp_path / "example.pdf")
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path), "--draft"]) == 0
    draft = page_texts(tmp_path / "example.DRAFT.pdf")
    assert len(draft) > 30  # every page, the appendix's too
    # the appendix's pages too: its stamp carries the marking
    assert [n for n, text in enumerate(draft, 1) if "DRAFT \u00b7 OFFICIAL" not in text] == []
    assert len(final) == len(draft)
    assert [n for n, text in enumerate(final, 1) if "DRAFT" in text] == []
    assert all("OFFICIAL" in text for text in final)
    # the mark across the page, on every page, the merged appendix's included; none on a final
    assert [n for n, marks in enumerate(draft_marks(tmp_path / "example.DRAFT.pdf"), 1)
            if not marks] == []
    assert not any(draft_marks(tmp_path / "example.pdf"))
    assert (tmp_path / "example.pdf").exists()  # a draft leaves the final alone
