"""The example's figures file, scorecard CSV and every page's text, compared exactly with
the approved copies in tests/golden/text/ (`make approve` shows the diff and writes only
what changed)."""

from __future__ import annotations

import pytest

from tests.golden_files import check_text, page_texts


def test_figures_file_is_as_approved(built):
    out, _ = built
    check_text("example.figures.json", (out / "example.figures.json").read_text(encoding="utf-8"))


def test_scorecard_csv_is_as_approved(built):
    out, _ = built
    check_text("example.scorecard.csv",
               (out / "example.scorecard.csv").read_text(encoding="utf-8"))


@pytest.mark.parametrize("pdf", ["example.pdf", "example.analysis.pdf"])
def test_every_page_reads_as_approved(built, pdf):
    out, _ = built
    check_text(f"{pdf}.txt", page_texts(out / pdf))


def test_the_figures_file_is_written_as_pythons_own_encoder_indents_it(example_figures):
    import json

    from report import export

    document = json.loads(export.figures_json(example_figures, {"cabinet": {"dtoc": 9}}))
    assert export._indented(document) == json.dumps(document, indent=2, ensure_ascii=False)
    # a text orjson refuses goes to Python's encoder, written as before
    odd = {"measure": "Waits \ud800", "values": [1.5, None]}
    assert export._indented(odd) == json.dumps(odd, indent=2, ensure_ascii=False)
