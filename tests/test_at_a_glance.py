"""The at-a-glance page after the cover and the key: every measure on a line, by theme, under the
count by status; a table a screen reader reads row by row; page numbers that are true."""

from __future__ import annotations

import re

import pikepdf
import pytest

from tests.pdfcheck import BuiltPdf
from tests.structure import tree

KEY, GLANCE = 2, 3  # the example's key page, and at a glance after it


@pytest.fixture(scope="module")
def pdf(built):
    return BuiltPdf(built[1])


def _glance_pages(pdf: BuiltPdf) -> list[int]:
    first = next(page for _, title, page in pdf.outline if title == "At a glance")
    last = next(page for _, title, page in pdf.outline if title == "Summary") - 1
    return list(range(first, last + 1))


def test_it_is_the_page_after_the_key_with_the_count_by_status(pdf, example_figures):
    assert _glance_pages(pdf) == [GLANCE]  # the example's 15 measures fit one page
    text = pdf.texts[GLANCE - 1]
    assert "At a glance \u2013 April 2019" in text
    # the example's statuses, as the scorecard shows them
    assert "7 GREEN \u00b7 1 AMBER \u00b7 6 RED \u00b7 1 CONTEXT" in text
    shown = [m.status.word or ("CONTEXT" if m.status.basis == "context" else None)
             for m in example_figures.in_order()]
    for status in ("GREEN", "AMBER", "RED", "CONTEXT"):
        assert f"{shown.count(status)} {status}" in text
    for head in ("Measure", "Trend", "Latest", "Status", "Change", "Quartile", "Page"):
        assert head in text
    for line in ("1. Use of Resources", "1. DToC Total", "9.49 (Feb)", "Target 7.95",
                 "\u2716 RED", "4th", "5. Contacts", "\u25c6 CONTEXT", "Up 5.3%",
                 "\u25b2 AMBER", "DoT Only", "9. Shared Lives", "Target 140"):
        assert line in text, line  # (text on one line of its cell)


def test_every_measure_has_its_row_and_its_real_page(pdf, example_figures):
    """The page column's numbers are links, each landing on the page it names, which is
    the measure's own page (from the outline), in pack order."""
    measure_pages = [next(p for level, title, p in pdf.outline if level == 1
                          and title == f"{m.number}. {m.short_name}" and p > GLANCE)
                     for m in example_figures.in_order()]
    numbers = [link for link in pdf.links if link.page == GLANCE and link.target != KEY
               and re.fullmatch(r"\d+", link.text)]
    assert [int(link.text) for link in numbers] == measure_pages
    assert [link.target for link in numbers] == measure_pages
    assert measure_pages[0] == 9 and measure_pages[-1] == 34  # DToC and DoLS waiting


def test_it_is_a_table_per_theme_a_row_per_measure_its_sparkline_a_figure(built,
                                                                           example_figures):
    with pikepdf.open(built[1]) as document:
        nodes = tree(document).children[0].children
    start = next(i for i, n in enumerate(nodes) if n.role == "H1"
                 and min(n.pages) == GLANCE - 1)
    themes = example_figures.themes
    # the count, the note and the pointer to the key; a heading and a table per theme
    assert [n.role for n in nodes[start:start + 4 + 2 * len(themes)]] == \
        ["H1", "P", "P", "P"] + ["H2", "Table"] * len(themes)
    measures = example_figures.in_order()
    measure_rows = []
    for number, theme in enumerate(themes):
        table = nodes[start + 5 + 2 * number]
        rows = table.children
        assert [c.role for c in rows[0].children] == ["TH"] * 7
        assert len(rows) == 1 + len(theme.measures)
        measure_rows += rows[1:]
    assert len(measure_rows) == len(measures)
    for row, m in zip(measure_rows, measures):
        cells = row.children
        assert [c.role for c in cells] == ["TH"] + ["TD"] * 6
        (figure,) = cells[1].children
        assert figure.role == "Figure" and figure.mcids
        assert figure.alt.startswith(f"Sparkline of {m.short_name}")
        (link,) = cells[6].children  # the page number is the link to the measure page
        assert link.role == "Link" and m.title in link.alt
    dtoc = measure_rows[0].children[1].children[0]
    assert dtoc.alt == ("Sparkline of DToC Total, February 2018 to February 2019: 10.37 to "
                        "9.49; target 7.95.")


def test_its_sparklines_are_vector_charts_with_no_text(built):
    with pikepdf.open(built[1]) as document:
        page = document.pages[GLANCE - 1]
        forms = [page.Resources.XObject[name] for name in page.Resources.XObject.keys()]
        assert len(forms) == 15 and all(f.Subtype == "/Form" for f in forms)
        for form in forms:
            operators = {str(op) for _, op in pikepdf.parse_content_stream(form)}
            assert "Tj" not in operators and "TJ" not in operators  # numbers print beside
            assert {"m", "l", "S"} <= operators  # drawn as lines


def test_a_long_pack_runs_on_with_the_same_grid(synth40):
    """40 measures: the tables continue over the pages they need, the column heads on each,
    every page number true."""
    import json

    _, out = synth40
    pdf = BuiltPdf(out / "synth.pdf")
    measures = json.loads((out / "synth.figures.json").read_text())["measures"]
    pages = _glance_pages(pdf)
    assert len(pages) == 3
    for page in pages[1:]:
        text = pdf.texts[page - 1]
        assert "At a glance (continued)" in text
        assert all(head in text for head in ("Measure", "Trend", "Status", "Quartile", "Page"))
    key = next(page for _, title, page in pdf.outline if title == "Key")
    numbers = [link for link in pdf.links if link.page in pages and link.target != key
               and re.fullmatch(r"\d+", link.text)]
    assert [int(link.text) for link in numbers] == [m["pages"]["cabinet"] for m in measures]


def test_a_status_an_officer_set_is_marked_as_on_the_scorecard(example_figures):
    from report.compute.glance import OFFICER_SET, at_a_glance

    glance = at_a_glance(example_figures)
    rows = {row.measure: row for theme in glance.themes for row in theme.rows}
    set_by_officer = {m.id for m in example_figures.measures.values()
                      if m.status.basis == "set in pack.yaml"}
    assert set_by_officer and {m for m, row in rows.items() if row.status_mark} == set_by_officer
    assert all(rows[m].status_mark == OFFICER_SET for m in set_by_officer)
    assert f"{OFFICER_SET} after a status: set by an officer" in glance.note
