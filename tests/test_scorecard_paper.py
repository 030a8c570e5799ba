"""The scorecard read on paper: whole words in every cell, heads that fit the measures'
frequency, the title and period note on every page, and an officer-set status marked."""

from __future__ import annotations

from dataclasses import replace

import pdfplumber
import pytest
from reportlab.lib.styles import ParagraphStyle

from report.layout.context import shown_status
from report.layout.scorecard import period_note, unbroken_widths, value_heads
from tests.pdfcheck import BuiltPdf


@pytest.fixture(scope="module")
def pdf(built):
    return BuiltPdf(built[1])


def scorecard_pages(pdf) -> list[int]:
    first = pdf.page_with("\nScorecard \u2013 April 2019\n")
    pages = [first]
    while "Scorecard (continued)" in pdf.texts[pages[-1]]:
        pages.append(pages[-1] + 1)
    return pages


def test_every_scorecard_page_has_its_title_and_period_note(pdf, example_figures):
    note = " ".join(period_note(example_figures).split())
    pages = scorecard_pages(pdf)
    assert len(pages) == 2  # the example's scorecard runs over pages: the test means something
    for number in pages:
        text = " ".join(pdf.texts[number - 1].split())
        assert note in text, number
        if number != pages[0]:
            assert "Scorecard \u2013 April 2019 (continued)" in text, number


def test_no_number_period_or_year_is_broken_across_lines(pdf, example_figures):
    """Every word of every value cell is one word on the page ("(2016/17)", not "(" /
    "2016/17" / ")")."""
    with pdfplumber.open(pdf.path) as doc:
        words = {w["text"] for number in scorecard_pages(pdf)
                 for w in doc.pages[number - 1].extract_words()}
    expected = set()
    for m in example_figures.measures.values():
        for text in (m.latest.with_period, m.previous.with_period or "", m.change.heading or "",
                     shown_status(m) or ""):
            expected |= set(text.split())
    assert {"(2016/17)", "CONTEXT"} <= expected  # an annual period, the widest status
    assert expected <= words, expected - words


def test_a_word_too_wide_for_its_column_widens_it_and_the_measure_column_gives_way():
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=10)
    widths = [200.0] + [40.0] * 10
    row = ["a long title", "G", "1,234,567,890.5", "2", "3", "4", "", "", "", "", ""]
    fitted = unbroken_widths(widths, [row], style)
    assert fitted[2] > 75 and sum(fitted) == pytest.approx(sum(widths))
    assert fitted[0] == pytest.approx(200 - (fitted[2] - 40))
    assert fitted[1] == 40 and fitted[3:] == widths[3:]  # short words: left alone


def test_value_heads_follow_the_measures_frequency(example_figures):
    measures = list(example_figures.measures.values())
    monthly = [m for m in measures if m.frequency == "monthly"]
    assert value_heads(monthly) == ("Last Month", "This Month")
    assert value_heads([replace(m, frequency="quarterly") for m in monthly]) == \
        ("Last Quarter", "This Quarter")
    assert value_heads([replace(monthly[0], frequency="annual")]) == ("Last Year", "This Year")
    assert value_heads(measures) == ("Previous", "Latest")


def test_the_heads_on_the_page_follow_each_themes_measures(pdf, example_figures):
    text = "\n".join(pdf.texts[n - 1] for n in scorecard_pages(pdf))
    for theme in example_figures.themes:
        members = [example_figures.measures[i] for i in theme.measures]
        previous, latest = value_heads(members)
        section = text.split(f"{theme.number}. {theme.title}", 1)[1]
        head = " ".join(section.split("Page", 1)[0].split())
        assert f"{previous.split()[0]}" in head and f"{latest.split()[0]}" in head, theme.title
    assert "Previous Latest" in " ".join(text.split())  # a theme that mixes frequencies


def test_a_status_an_officer_set_is_marked_and_the_key_says_so(pdf, example_figures):
    text = " ".join("\n".join(pdf.texts[n - 1] for n in scorecard_pages(pdf)).split())
    set_by_officer = [m for m in example_figures.measures.values()
                      if m.status.basis == "set in pack.yaml"]
    assert set_by_officer
    assert text.count("\u2020") == len(set_by_officer)  # each one
    for m in set_by_officer:
        assert f"{m.status.word} \u2020" in text
    key = " ".join(pdf.texts[pdf.page_with("Key to symbols") - 1].split())
    assert "\u2020 after a status" in key and "set by an officer for this period" in key


def test_the_key_explains_the_mixed_heads(pdf):
    key = pdf.page_with("Key to symbols")
    with pdfplumber.open(pdf.path) as doc:
        page = doc.pages[key - 1]
        left = " ".join(page.crop((0, 0, page.width / 2, page.height)).extract_text().split())
    assert "Previous / Latest" in left and "the heads of a theme that mixes monthly," in left
