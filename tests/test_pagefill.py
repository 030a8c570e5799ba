"""Pages a councillor reads on paper: no page stands nearly empty.

Every page is at least 30% used (the box around what is drawn, inside the margins),
unless it is a section's last page or a blank page that says it is blank; a measure's
pages at least 40%, its commentary all there, a long one running on to the next page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pagefill import BLANK, measure_spans, page_use, stubs, wrong_side
from tests.pdfcheck import BuiltPdf


def _described(pages) -> str:
    return "; ".join(f"page {p.number} {p.used:.0%} used: {p.text[80:160]!r}" for p in pages)


@pytest.mark.parametrize("name", ["example.pdf", "example.analysis.pdf"])
def test_no_stub_pages_in_the_example(built, name):
    found = stubs(built[0] / name)
    assert not found, _described(found)


def test_every_measure_page_is_well_used_and_runs_on_only_to_the_next(built):
    """A measure's page is full only when it is: its commentary is all on its own pages,
    and a page it runs on to is the very next one, says so, and is no stub."""
    path = built[1]
    pdf, uses = BuiltPdf(path), page_use(path)
    spans = measure_spans(pdf)
    assert len(spans) == 15
    thin = [uses[page - 1] for _, first, last in spans for page in range(first, last + 1)
            if uses[page - 1].used < 0.40]
    assert not thin, _described(thin)
    ran_on = [(title, first, last) for title, first, last in spans if last > first]
    assert ran_on, "the example has a commentary long enough to run on"
    for title, first, last in ran_on:
        assert "Continued on the next page" in pdf.texts[first - 1], title
        number = title.split(" ", 1)[0]  # the header names it in full where that fits
        for page in range(first + 1, last + 1):
            header = pdf.texts[page - 1].splitlines()[1]
            assert header.startswith(number) and header.endswith("(continued)"), title
    assert not [t for t in pdf.texts if "annex" in t.lower()]


def test_the_commentary_is_on_its_measure_pages_and_nowhere_else(built, example_figures):
    from report.content import COMMENTARY_HEADING, Para

    pdf = BuiltPdf(built[1])
    spans = {title.split(". ", 1)[1]: (first, last) for title, first, last in measure_spans(pdf)}
    for m in example_figures.in_order():
        first, last = spans[m.short_name]
        words = " ".join(" ".join(pdf.texts[p - 1].split()) for p in range(first, last + 1))
        for block in m.commentary.get(COMMENTARY_HEADING, ()):
            if isinstance(block, Para):
                opening = " ".join(block.text.split()[:6])
                assert opening in words, (m.id, opening)


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
    sections = [(title, page) for level, title, page in pdf.outline  # measures: below
                if level == 0 and title not in ("Appendices", "Measures")]
    assert not [(t, p) for t, p in sections if p % 2 == 0]
    # measures on the side their pages call for (tests/pagefill.py `wrong_side`)
    spans = measure_spans(pdf)
    assert len(spans) == 15
    assert not wrong_side(pdf), wrong_side(pdf)
    followers = {page for level, title, page in pdf.outline
                 if level >= 1 and not title[:1].isdigit()}
    # a one-page measure on a left-hand page, facing its quartiles or areas
    assert any(first == last and first % 2 == 0 and last + 1 in followers
               for _, first, last in spans)
    assert any(last > first for _, first, last in spans)
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


def test_what_ends_a_measure_never_goes_over_alone():
    """The blocks a measure's page keeps where it can (its commentary's first lines) never
    leave its navigation to stand alone on the next page: when all of them but not the
    navigation fit, some go over with it."""
    import io

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from report.pdf.flowables import EndTogether

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=15)
    text = Paragraph("word " * 40, style)  # a few lines at this width
    navigation = Paragraph("Next: the following measure, page 12", style)
    canvas = Canvas(io.BytesIO())
    height = text.wrapOn(canvas, 300, 1000)[1]
    assert 2 * 15 < height < 100  # more than the lines kept for overleaf, under the 100 kept
    # room for the text, not for the text and the navigation; it would keep 100 points
    parts = EndTogether([text], navigation, share=0.45, keep=100).splitOn(canvas, 300,
                                                                        height + 5)
    following = parts[-1]
    assert isinstance(following, EndTogether) and following.content, parts


def test_a_long_run_of_blocks_is_measured_a_page_at_a_time():
    """A commentary of thousands of points is split page by page: each split measures
    what this page and the last lines overleaf need, not every block left (which made a
    list of 72,000 points take minutes). The page is filled as if all were measured."""
    import io

    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Spacer

    from report.pdf.flowables import EndTogether

    measured = []

    class Block(Spacer):
        def wrap(self, avail_width, avail_height):
            measured.append(self)
            return super().wrap(avail_width, avail_height)

    blocks = [Block(100, 12) for _ in range(5000)]
    parts = EndTogether(blocks, Block(100, 20), share=0.45).splitOn(Canvas(io.BytesIO()), 400,
                                                                  700)
    assert len(measured) < 200  # a page holds 58; every block and the end were 5,001
    assert parts[:58] == blocks[:58] and parts[58] not in blocks
    following = parts[-1]
    assert isinstance(following, EndTogether) and following.content[0] is blocks[58]
    assert len(following.content) == 5000 - 58


def test_the_example_cabinet_pack_fits_its_page_budget(built):
    """15 measures, their commentary on their own pages, in at most 42 pages: the measure
    page's blocks are compact enough that most measures need one page."""
    pdf = BuiltPdf(built[1])
    assert len(pdf.texts) <= 42
    spans = measure_spans(pdf)
    assert sum(1 for _, first, last in spans if last > first) <= 3  # of 15


def test_the_navigation_shares_a_row_where_both_links_fit(built):
    texts = BuiltPdf(built[1]).texts
    rows = [line for text in texts for line in text.splitlines()
            if line.startswith("< Previous:") and line.endswith(" >")]
    assert len(rows) >= 10  # previous and next on one line on most pages
    assert all(" Next: " in row for row in rows)


def test_comparator_tables_hold_as_many_measures_as_their_columns_fit():
    from report.layout.benchmarks import _by_width

    def measure(years):
        benchmarks = type("B", (), {"comparators": (None,) * years})()
        return type("M", (), {"benchmarks": benchmarks})()

    measures = [measure(2) for _ in range(7)] + [measure(5), measure(1)]
    tables = _by_width(measures, 8)
    assert [[len(m.benchmarks.comparators) for m in table] for table in tables] == [
        [2, 2, 2, 2], [2, 2, 2], [5, 1]]
    before, wide, after = measure(2), measure(9), measure(2)
    assert _by_width([before, wide, after], 8) == [[before], [wide], [after]]
