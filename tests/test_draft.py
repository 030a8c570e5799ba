"""A draft says so on every page, in words a loose printed page keeps."""

from __future__ import annotations

import pypdfium2

from report.cli import main
from tests.conftest import EXAMPLE


def page_texts(path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def test_every_page_of_a_draft_says_draft_in_its_running_footer(tmp_path):
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path), "--draft"]) == 0
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path)]) == 0
    draft = page_texts(tmp_path / "example.DRAFT.pdf")
    assert len(draft) > 30  # every page, the appendix's too
    # the appendix's pages too: its stamp carries the marking
    assert [n for n, text in enumerate(draft, 1) if "DRAFT \u00b7 OFFICIAL" not in text] == []
    final = page_texts(tmp_path / "example.pdf")
    assert len(final) == len(draft)
    assert [n for n, text in enumerate(final, 1) if "DRAFT" in text] == []
    assert all("OFFICIAL" in text for text in final)
