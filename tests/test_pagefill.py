"""Pages a councillor reads on paper: no page stands nearly empty.

Every page is at least 30% used (the box around what is drawn, inside the margins),
unless it is a section's last page or a blank page that says it is blank; a measure's
page fits one page, its commentary continued in the commentary annex when it is long."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pagefill import BLANK, page_use, stubs
from tests.pdfcheck import BuiltPdf


def _described(pages) -> str:
    return "; ".join(f"page {p.number} {p.used:.0%} used: {p.text[80:160]!r}" for p in pages)


@pytest.mark.parametrize("name", ["example.pdf", "example.analysis.pdf"])
def test_no_stub_pages_in_the_example(built, name):
    found = stubs(built[0] / name)
    assert not found, _described(found)


def test_each_measure_page_is_one_page(built):
    pdf = BuiltPdf(built[1])
    first = next(page for level, title, page in pdf.outline if title == "Measures")
    annex = next(page for level, title, page in pdf.outline if title == "Commentary annex")
    measures = [page for level, title, page in pdf.outline
                if level == 1 and title[:1].isdigit() and first <= page < annex]
    assert len(measures) == 15
    for page in measures:  # the page after a measure's own is never "(continued)" of it
        following = pdf.texts[page]  # 0-based: the next page
        assert "(continued)" not in following.splitlines()[1], (page, following[:120])


def test_long_commentary_continues_in_the_annex_with_page_numbers(built):
    pdf = BuiltPdf(built[1])
    annex = pdf.page_with("Commentary annex")
    first = next(page for _, title, page in pdf.outline if title == "Measures")
    measure = pdf.page_with("1. Daily average delayed beds", start=first)
    assert f"commentary annex, page {annex}." in " ".join(pdf.texts[measure - 1].split())
    assert f"Commentary continued from page {measure}." in pdf.texts[annex - 1]
    # each paragraph is on the measure page or in the annex, never both
    opening = "Delayed transfers of care rose by 1.6%"
    assert (opening in pdf.texts[measure - 1]) != (opening in pdf.texts[annex - 1])


@pytest.fixture(scope="session")
def duplex(tmp_path_factory):
    from report.cli import main
    from tests.conftest import EXAMPLE

    out = tmp_path_factory.mktemp("duplex")
    assert main(["build", str(EXAMPLE), "-o", str(out), "--layout", "cabinet-duplex"]) == 0
    return out / "example.cabinet-duplex.pdf"


def test_duplex_blanks_say_so_and_measures_start_on_the_right(duplex):
    pdf = BuiltPdf(duplex)
    uses = page_use(duplex)
    def body(p) -> list[str]:  # what the page says besides its running header and footer
        furniture = ("Cabinet Scorecard \u2013 April 2019", "Adult Social Care \u00b7 data to",
                     "Example City Council")
        return [line.strip() for line in p.text.splitlines()
                if line.strip() and not line.strip().startswith(furniture)]

    empty = [p for p in uses if not body(p) or BLANK in p.text]
    assert empty and all(body(p) == [BLANK] for p in empty), _described(empty)
    first = next(page for level, title, page in pdf.outline if title == "Measures")
    annex = next(page for level, title, page in pdf.outline if title == "Commentary annex")
    starts = [(title, page) for level, title, page in pdf.outline
              if level == 0 and title != "Appendices"
              or (level == 1 and title[:1].isdigit() and first <= page < annex)]
    assert len(starts) > 15
    left = [(t, p) for t, p in starts if p % 2 == 0]
    assert not left, left
    assert not stubs(duplex), _described(stubs(duplex))


def test_a_200_measure_pack_has_no_stub_pages(synth200):
    found = stubs(synth200[1] / "synth.pdf")
    assert not found, _described(found)


@pytest.mark.parametrize("variant", ["the example", "a long glossary and two appendices"])
def test_duplex_appendices_each_start_on_a_right_hand_page(pack_copy, variant):
    """Whatever page the generated pages end on and however long each appendix is: every
    appendix starts on a right-hand (odd) page, and each page left blank for that says so
    (the generated pages end on a right-hand page in the example, on a left-hand one with
    a glossary of two pages; the first appendix is one page long, so a blank follows it)."""
    import shutil

    import yaml

    from report.cli import main

    pack = yaml.safe_load((pack_copy / "pack.yaml").read_text(encoding="utf-8"))
    longer = variant != "the example"
    if longer:
        shutil.copy(pack_copy / "appendices" / "carers-forum-report.pdf",
                    pack_copy / "appendices" / "second.pdf")
        pack["appendices"].append({"title": "Second report", "file": "appendices/second.pdf"})
    if longer:
        pack["glossary"].update({f"X{n:02d}": "An abbreviation defined only to lengthen the "
                                 "glossary past one page" for n in range(40)})
    (pack_copy / "pack.yaml").write_text(yaml.safe_dump(pack), encoding="utf-8")
    assert main(["build", str(pack_copy), "-o", "out", "--layout", "cabinet-duplex"]) == 0
    pdf = BuiltPdf(Path("out") / "pack.cabinet-duplex.pdf")
    appendices = [page for level, title, page in pdf.outline
                  if level == 1 and title in ("Partner report: Carers' Forum annual summary",
                                              "Second report")]
    assert len(appendices) == len(pack["appendices"])
    assert all(page % 2 == 1 for page in appendices), appendices
    generated_end = appendices[0] - 1
    if longer:
        assert BLANK not in pdf.texts[generated_end - 1]  # ended on a left-hand page
    else:
        assert BLANK in pdf.texts[generated_end - 1]
    for page in appendices[1:]:
        assert BLANK in pdf.texts[page - 2]
    assert f"Page {len(pdf.texts)} of {len(pdf.texts)}" in pdf.texts[-1]
