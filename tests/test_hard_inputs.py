"""Unusual but valid inputs must build: each case in tests/hard_inputs/ edits a copy of the
example pack (as the bad-input cases do), then the cabinet PDF must build, with the
warnings and the printed text the case names."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from report.cli import main
from report.scripts import visual
from tests.pdfcheck import BuiltPdf
from tests.test_bad_inputs import apply_case

CASES = sorted((Path(__file__).parent / "hard_inputs").glob("*.yaml"))


def generate(case: dict, pack: Path) -> None:
    """`long_commentary: {measure, words}` writes a commentary of that many words;
    `appendix_pages: N` replaces the appendix with an N-page PDF."""
    if case.get("appendix_pages"):
        import pikepdf

        big = pikepdf.new()
        for _ in range(case["appendix_pages"]):
            big.add_blank_page(page_size=(595, 842))
        big.save(pack / "appendices" / "carers-forum-report.pdf")
    spec = case.get("long_commentary")
    if spec:
        words = [f"word{i}" for i in range(spec["words"])]
        paragraphs = [" ".join(words[i:i + 120]) for i in range(0, len(words), 120)]
        text = "## What happened\n- " + " ".join(words[:60]) + "\n\n## Commentary\n" + \
            "\n\n".join(paragraphs) + "\n"
        (pack / "commentary" / f"{spec['measure']}.md").write_text(text, encoding="utf-8")


def test_there_are_enough_cases():
    assert len(CASES) >= 12


@pytest.mark.parametrize("case_path", CASES, ids=[c.stem for c in CASES])
def test_hard_input_builds(case_path, pack_copy, capsys):
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    apply_case(case, pack_copy)
    generate(case, pack_copy)
    assert main(["build", str(pack_copy), "-o", "out"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for warning in case.get("expect_warnings", []):
        assert warning in err
    pdf = BuiltPdf(Path("out") / "pack.pdf")
    # right-to-left text is checked as drawn, in visual order: pdfplumber reads it so;
    # anything else is read with pdfium, ten times faster
    drawn_order = any(visual(t) != t for t in case.get("expect_text", []))
    texts = pdf.texts if drawn_order else pdf.plain_texts
    text = " ".join(" ".join(texts).split())
    for expected in case.get("expect_text", []):
        assert " ".join(visual(expected).split()) in text, expected
    for absent in case.get("absent_text", []):
        assert absent not in text
    if "pages_at_least" in case:
        assert len(texts) >= case["pages_at_least"]
    if "last_page_text" in case:
        expected = case["last_page_text"].format(pages=len(texts))
        assert expected in " ".join(texts[-1].split())
    assert pdf.size_problems(10.0) == []
