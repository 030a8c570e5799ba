"""The example pack's PDF, read back: pages, text, links, outline, metadata, fonts, sizes."""

from __future__ import annotations

import re

import pikepdf
import pytest

from tests.pdfcheck import BuiltPdf


@pytest.fixture(scope="module")
def pdf(built):
    return BuiltPdf(built[1])


def test_page_count(pdf, example_figures):
    # cover + summary (4) + scorecard (3) + 15 measure pages, some with a continuation page
    # + glossary. Pinned: a change here is a layout change to look at.
    assert len(pdf.texts) == 33


def test_cover(pdf):
    cover = pdf.texts[0]
    for text in ("Example City Council", "Cabinet Scorecard \u2013 April 2019",
                 "Adult Social Care", "Produced by the Adult Social Care Performance",
                 "Other formats.", "asc.performance@example.gov.uk"):
        assert text in cover
    assert "Page 1 of 33" in cover


def test_every_page_has_header_and_footer(pdf):
    total = len(pdf.texts)
    for number, text in enumerate(pdf.texts, start=1):
        assert f"Page {number} of {total}" in text
        assert "OFFICIAL" in text
        if number > 1:
            assert "Cabinet Scorecard \u2013 April 2019" in text


def test_scorecard_page(pdf):
    number = pdf.page_with("\nScorecard \u2013 April 2019\n")
    text = pdf.texts[number - 1]
    for expected in ("1. Use of Resources", "Measure", "Status", "Target", "Last",
                     "\u2716 RED", "\u25cf GREEN", "\u25b2 AMBER", "9.49 (Feb)", "Up (Red)",
                     "7.95 (EoY 7.95)", "N/A"):
        assert expected in text, expected
    later = pdf.texts[number]
    assert "Scorecard (continued)" in later and "Measure" in later  # title and header repeat


def measure_page(pdf, number: int) -> int:
    """The page the outline gives for measure `number`."""
    return next(page for level, title, page in pdf.outline if title.startswith(f"{number}. ")
                and level == 1 and page > 8)


def test_measure_page_delayed_transfers(pdf):
    number = measure_page(pdf, 1)
    text = pdf.texts[number - 1]
    for expected in ("Theme: Use of Resources", "\u2716 RED", "Change: Up (Red) 1.6%",
                     "Last Month", "This Month", "Target", "9.34", "9.49", "7.95",
                     "(EoY 7.95)", "Source:", "Reported outturn", "Commentary"):
        assert expected in text, expected
    rest = pdf.texts[number]  # commentary continues overleaf under a repeated heading
    assert "1. Daily average delayed beds" in rest and "(continued)" in rest
    assert "Measure Owner" in rest and "Responsible Officer" in rest
    assert "Return to Scorecard" in rest and "Next: Good provider all >" in rest


def test_measure_page_direct_payments_shows_the_recalculation(pdf):
    number = measure_page(pdf, 6)
    text = pdf.texts[number - 1]
    assert "Recalculated: 29.8%" in text
    assert "Change: Up (Green) 0.5 pp" in text
    assert "\u25cf GREEN" in text
    assert "Reported outturn" in text and "Recalculated" in text  # chart legend


def test_every_link_lands_where_it_says(pdf, example_figures):
    links = pdf.links
    assert len(links) > 60
    total = len(pdf.texts)
    by_short = {m.short_name: m for m in example_figures.in_order()}
    scorecard = pdf.page_with("\nScorecard \u2013 April 2019\n")
    checked = {"see also": 0, "nav": 0, "scorecard": 0, "return": 0}
    for link in links:
        assert 1 <= link.target <= total
        landed = pdf.texts[link.target - 1]
        if re.fullmatch(r"\d+", link.text):  # "(see also pages N and M)"
            assert int(link.text) == link.target
            checked["see also"] += 1
        elif link.text == "Return to Scorecard":
            assert link.target == scorecard
            checked["return"] += 1
        elif match := re.fullmatch(r"(?:< Previous: (.+)|Next: (.+) >)", link.text):
            measure = by_short[match[1] or match[2]]
            assert f"{measure.number}. {measure.title[:30]}" in landed.replace("\n", " ")
            checked["nav"] += 1
        elif match := re.match(r"(\d+)\. (.+)", link.text):
            measure = next(m for m in example_figures.in_order() if m.number == int(match[1]))
            assert f"Theme: {measure.theme_title}" in landed
            checked["scorecard"] += 1
    assert checked["see also"] == 5
    assert checked["return"] == 15 and checked["scorecard"] == 15
    assert checked["nav"] == 28  # 15 measures: 14 previous + 14 next


def test_outline_mirrors_sections_and_measures(pdf, example_figures):
    outline = pdf.outline
    top = [title for level, title, _ in outline if level == 0]
    assert top == ["Cover", "Summary", "Scorecard", "Measures", "Glossary"]
    measures = [(title, page) for level, title, page in outline if level == 1
                and re.match(r"\d+\. ", title) and not title.startswith(("1. Use", "2. Pers",
                                                                         "3. Comm", "4. Keep"))]
    assert len(measures) == 15
    for title, page in measures:
        number = int(title.split(".")[0])
        measure = next(m for m in example_figures.in_order() if m.number == number)
        assert title == f"{number}. {measure.short_name}"
        assert f"{number}. {measure.title[:25]}" in pdf.texts[page - 1].replace("\n", " ")


def test_metadata(pdf):
    info = pdf.reader.metadata
    assert info.title == "Cabinet Scorecard \u2013 April 2019"
    assert info.author == "Example City Council"
    assert info.subject == "Adult Social Care performance, data to March 2019"
    root = pdf.reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert root["/PageMode"] == "/UseOutlines"


def test_every_font_is_embedded(built):
    seen = 0
    with pikepdf.open(built[1]) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
                subtype = obj.get("/Subtype")
                if subtype == "/Type0":
                    descriptor = obj.DescendantFonts[0].FontDescriptor
                elif subtype == "/Type3":
                    continue  # drawn glyphs, nothing to embed
                else:
                    descriptor = obj.get("/FontDescriptor")
                assert descriptor is not None, f"font {obj.get('/BaseFont')} has no descriptor"
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                    f"font {obj.get('/BaseFont')} is not embedded"
                seen += 1
    assert seen >= 3


def test_nothing_is_smaller_than_10pt_charts_included(pdf):
    assert pdf.size_problems(10.0) == []


def test_charts_are_vector_not_images(built):
    with pikepdf.open(built[1]) as pdf:
        images = [image for page in pdf.pages for image in page.get_images()]
        forms = sum(1 for page in pdf.pages
                    for _, x in (page.Resources.get("/XObject") or {}).items()
                    if x.get("/Subtype") == "/Form")
    assert images == []
    assert forms == 15
