"""Every layout builds every pack: synthetic packs of many sizes and two seeds, laid out
single- and double-sided, as drafts, split into parts and as the analysis pack (charts as
empty boxes of their size: the pages are laid out exactly as with charts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.cli import main
from tests.pagefill import wrong_side
from tests.pdfcheck import BuiltPdf

# sizes that crashed the double-sided layout (8, 20, 21, 25, 30), around them and beyond
CASES = [(1, 1), (2, 2), (8, 1), (13, 2), (20, 1), (21, 2), (25, 1), (30, 2), (47, 1),
         (80, 2)]


@pytest.fixture
def no_charts(monkeypatch):
    monkeypatch.setenv("CABINET_PACK_CHARTS", "off")


def _synth(tmp_path: Path, measures: int, seed: int) -> Path:
    folder = tmp_path / "pack"
    assert main(["synth", str(folder), "--measures", str(measures), "--seed", str(seed)]) == 0
    return folder


@pytest.mark.parametrize("measures,seed", CASES)
def test_double_sided_builds_every_size(tmp_path, no_charts, measures, seed):
    folder = _synth(tmp_path, measures, seed)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--layout", "cabinet-duplex",
                 "--draft"]) == 0
    pdf = BuiltPdf(out / "pack.cabinet-duplex.DRAFT.pdf")
    total = len(pdf.plain_texts)
    assert all(f"Page {n} of {total}" in text
               for n, text in enumerate(pdf.plain_texts, start=1))
    assert not wrong_side(pdf), wrong_side(pdf)
    # each section that starts a page starts a right-hand one (the measures by their own
    # rule, above; the revisions follow the methods' technical notes on their page)
    sections = [(title, page) for level, title, page in pdf.outline if level == 0
                and title not in ("Measures", "Appendices", "Revisions since published")]
    assert not [(t, p) for t, p in sections if p % 2 == 0]


@pytest.mark.parametrize("measures,seed", CASES[2::3])
def test_split_parts_keep_the_full_pack_s_pages_at_every_size(tmp_path, no_charts, measures,
                                                               seed):
    folder = _synth(tmp_path, measures, seed)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--split"]) == 0
    whole = BuiltPdf(out / "pack.pdf")
    parts = sorted((out / "pack").glob("*.pdf"))
    assert sum(len(BuiltPdf(part).plain_texts) for part in parts) == len(whole.plain_texts)


def test_split_without_the_cabinet_layout_says_so(tmp_path, capsys):
    from tests.conftest import EXAMPLE

    out = tmp_path / "out"
    assert main(["build", str(EXAMPLE), "-o", str(out), "--layout", "cabinet-duplex",
                 "--split"]) == 2
    assert ("--split: splits the cabinet layout into the parts clerks send; this build has "
            "no cabinet layout (add --layout cabinet)") in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("measures,seed", CASES[::3])
def test_the_analysis_layout_builds_every_size(tmp_path, no_charts, measures, seed):
    folder = _synth(tmp_path, measures, seed)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--layout", "analysis"]) == 0
    pdf = BuiltPdf(out / "pack.analysis.pdf")
    areas = [title for level, title, _ in pdf.outline if level == 1]
    assert areas and all(f"Page {n} of {len(pdf.plain_texts)}" in text
                         for n, text in enumerate(pdf.plain_texts, start=1))
