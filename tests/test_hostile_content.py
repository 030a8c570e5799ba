"""Input text is content: markup-like text prints literally; long text flows over pages."""

from __future__ import annotations

import shutil

import pikepdf
import pytest

from report.cli import main
from tests.conftest import EXAMPLE
from tests.pdfcheck import BuiltPdf

HOSTILE = '<img src="/etc/passwd"> & <b>not bold</b> <a href="https://example.org">x</a> &amp;'


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    pack = root / "pack"
    shutil.copytree(EXAMPLE, pack)
    commentary = pack / "commentary" / "shared_lives.md"
    words = " ".join(f"word{i}" for i in range(3000))
    commentary.write_text(
        "## What happened\n- " + HOSTILE + "\n\n## Commentary\n" + HOSTILE + "\n\n" +
        "\n\n".join(words[i:i + 900] for i in range(0, len(words), 900)) + "\n",
        encoding="utf-8")
    measures = pack / "measures.yaml"
    text = measures.read_text(encoding="utf-8")
    measures.write_text(text.replace("short_name: Shared Lives", "short_name: Shared <Lives> & co", 1),
                        encoding="utf-8")
    assert main(["build", str(pack), "-o", str(root / "out")]) == 0
    return BuiltPdf(root / "out" / "pack.pdf")


def test_markup_in_commentary_prints_literally(hostile_pdf):
    text = " ".join(" ".join(hostile_pdf.texts).split())
    assert text.count('<img src="/etc/passwd"> & <b>not bold</b>') >= 2
    assert '<a href="https://example.org">x</a> &amp;' in text
    assert "Shared <Lives> & co" in text


def test_markup_never_becomes_an_image_or_an_outside_link(hostile_pdf):
    with pikepdf.open(hostile_pdf.path) as pdf:
        assert all(not page.get_images() for page in pdf.pages)
        for page in pdf.pages:
            for annot in page.get("/Annots") or []:
                assert "/A" not in annot or annot.A.get("/S") != "/URI"


def test_long_commentary_continues_under_a_repeated_heading(hostile_pdf):
    first = next(level_page for level, title, level_page in hostile_pdf.outline
                 if title.startswith("9. ") and level == 1 and level_page > 8)
    continued = [n for n, text in enumerate(hostile_pdf.texts, start=1)
                 if n > first and "(continued)" in text and "9. The number of people" in text]
    assert len(continued) >= 2
    assert "word2999" in "\n".join(hostile_pdf.texts)
