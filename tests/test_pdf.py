"""The example pack's PDF, read back: pages, text, links, outline, metadata, fonts, sizes."""

from __future__ import annotations

import json
import re

import pikepdf
import pytest

from report.compute import format as fmt

from tests.pdfcheck import BuiltPdf


@pytest.fixture(scope="module")
def pdf(built):
    return BuiltPdf(built[1])


def test_page_count(pdf, example_figures):
    # cover + the key + at a glance + summary with its points to note (4) + scorecard (2)
    # + 15 measure pages, each one page, 2 area pages, 7 quartile pages + comparator
    # appendix (3) + commentary annex (4) + methods, its technical notes and the revisions
    # (3) + glossary + the one-page appendix PDF. Pinned: a change here is a layout change
    # to look at.
    assert len(pdf.texts) == 45


def test_cover(pdf):
    cover = pdf.texts[0]
    for text in ("Example City Council", "Cabinet Scorecard \u2013 April 2019",
                 "Adult Social Care", "Produced by the Adult Social Care Performance",
                 "Other formats.", "asc.performance@example.gov.uk"):
        assert text in cover
    assert "Page 1 of 45" in cover


def test_every_page_has_header_and_footer(pdf):
    total = len(pdf.texts)
    for number, text in enumerate(pdf.texts, start=1):
        assert f"Page {number} of {total}" in text
        assert "OFFICIAL" in text
        if number > 1:
            assert "Cabinet Scorecard \u2013 April 2019" in text


def test_scorecard_page(pdf):
    number = pdf.page_with("\nScorecard \u2013 April 2019\n")
    text = " ".join(pdf.texts[number - 1].split())  # a narrow cell wraps "9.49 (Feb)"
    for expected in ("1. Use of Resources", "Measure", "Status", "Target", "Last",
                     "\u2716 RED", "\u25cf GREEN", "\u25c6 CONTEXT", "9.49", "(Feb)", "Up (Red)",
                     "7.95", "N/A", "Page"):
        assert expected in text, expected
    assert "(EoY 7.95)" not in text  # the year-end target only where it differs
    later = pdf.texts[number]
    assert "Scorecard (continued)" in later and "Measure" in later  # title and header repeat


def measure_page(pdf, number: int) -> int:
    """The page the outline gives for measure `number`."""
    return next(page for level, title, page in pdf.outline if title.startswith(f"{number}. ")
                and level == 1 and page > 9)


def test_measure_page_delayed_transfers(pdf):
    number = measure_page(pdf, 1)
    text = pdf.texts[number - 1]
    for expected in ("Theme: Use of Resources", "\u2716 RED", "Change: Up (Red) 1.6%",
                     "Last Month", "This Month", "Target", "9.34", "9.49", "7.95",
                     "(EoY 7.95)", "Source:", "Process limits", "Commentary"):
        assert expected in text, expected
    # one page: the rest of the commentary is in the annex, and the page says where
    quartiles = next(page for _, title, page in pdf.outline if title == "DToC Total quartiles")
    assert "Measure Owner" in text and "Responsible Officer" in text
    assert f"Next: DToC Total quartiles, page {quartiles} >" in text
    scorecard = next(page for _, title, page in pdf.outline if title == "Scorecard")
    assert f"Return to Scorecard, page {scorecard}" in text
    assert "(continued)" not in pdf.texts[number]


def test_measure_page_direct_payments_shows_the_recalculation(pdf):
    number = measure_page(pdf, 6)
    text = pdf.texts[number - 1]
    assert "Recalculated: 29.8%" in text
    assert "Change: Up (Green) 0.5 pp" in text
    assert "\u25cf GREEN" in text
    assert "Process limits" in text and "Revised" in text  # the SPC chart's legend


def test_every_link_lands_where_it_says(pdf, example_figures):
    links = pdf.links
    total = len(pdf.texts)
    by_short = {m.short_name: m for m in example_figures.in_order()}
    stops = sum(1 + m.has_areas + m.benchmarkable for m in example_figures.in_order())
    scorecard = pdf.page_with("\nScorecard \u2013 April 2019\n")
    checked = {"see also": 0, "nav": 0, "scorecard": 0, "return": 0}
    for link in links:
        assert 1 <= link.target <= total
        landed = pdf.texts[link.target - 1].replace("\n", " ")
        if re.fullmatch(r"\d+", link.text):  # "(see also pages N and M)"
            assert int(link.text) == link.target
            checked["see also"] += 1
        elif link.text == f"Return to Scorecard, page {scorecard}":
            assert link.target == scorecard
            checked["return"] += 1
        elif match := re.fullmatch(r"(?:< Previous: (.+), page (\d+)|Next: (.+), page (\d+) >)",
                                   link.text):
            label = match[1] or match[3]
            assert int(match[2] or match[4]) == link.target
            kind = "measure"
            for suffix in (" quartiles", " areas"):
                if label.endswith(suffix):
                    label, kind = label[:-len(suffix)], suffix.strip()
            measure = by_short[label]
            assert f"{measure.number}. {measure.title[:30]}" in landed
            if kind == "quartiles":
                assert f"{label}: performance against national quartiles" in landed
            elif kind == "areas":
                assert f"{label}: by area" in landed
            else:
                assert "Change:" in landed
            checked["nav"] += 1
        elif match := re.match(r"(\d+)\. (.+)", link.text):
            measure = next(m for m in example_figures.in_order() if m.number == int(match[1]))
            assert f"Theme: {measure.theme_title}" in landed and "Change:" in landed
            checked["scorecard"] += 1
    focus = [example_figures.measures[i] for i in example_figures.focus]
    words = [" ".join(text.split()) for text in pdf.texts]
    annexed = sum(text.count("in the commentary annex, page") +  # the pointers there, and back
                  text.count("continued from page") for text in words)
    flags = sum(bool(m.reading.flags) for m in example_figures.in_order())
    revisions = sum(bool(m.revisions) for m in example_figures.in_order())
    # the summary's "see also" pages, the at-a-glance and scorecard page columns, the
    # annex's both ways, the pointers to the key; the points to note and the revisions
    # link each measure
    to_key = sum(text.count("are explained in the key, page") for text in words)
    assert to_key == 3
    assert checked["see also"] == sum(1 + m.has_areas + m.benchmarkable
                                      for m in focus) + 30 + annexed + to_key
    assert checked["return"] == stops and checked["scorecard"] == 15 + flags + revisions
    assert checked["nav"] == 2 * (stops - 1)


def test_outline_mirrors_sections_and_measures(pdf, example_figures):
    outline = pdf.outline
    top = [title for level, title, _ in outline if level == 0]
    assert top == ["Cover", "Key", "At a glance", "Summary", "Scorecard", "Measures",
                   "Comparator group", "Commentary annex", "Methods",
                   "Revisions since published", "Glossary", "Appendices"]
    annex = next(page for _, title, page in outline if title == "Commentary annex")
    measures = [(title, page) for level, title, page in outline if level == 1
                and re.match(r"\d+\. ", title) and page < annex
                and not title.startswith(("1. Use", "2. Pers", "3. Comm", "4. Keep"))]
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
        placed = [x.objgen for page in pdf.pages
                  for name, x in (page.Resources.get("/XObject") or {}).items()
                  if x.get("/Subtype") == "/Form" and name.startswith("/Chart")]
    assert images == []
    # trend or SPC, quartile, area charts, at-a-glance sparklines, and the 12 SPC charts'
    # legends: the same few legends, each in the file once
    assert len(placed) == 15 + 7 + 2 + 15 + 12
    assert 15 + 7 + 2 + 15 < len(set(placed)) <= 15 + 7 + 2 + 15 + 6


def _page_of(pdf, title: str) -> int:
    return next(page for level, name, page in pdf.outline if name == title)


def test_quartile_page_for_delayed_transfers(pdf):
    text = pdf.texts[_page_of(pdf, "DToC Total quartiles") - 1]
    assert "DToC Total: performance against national quartiles" in text
    assert "Benchmarking data is taken from 2017/18 ASCOF" in text
    lines = text.splitlines()
    table = lines[lines.index("Figure %") + 1:]
    rows = [line for line in table if line.startswith(("Worst ", "Example City ", "3rd ", "2nd ",
                                                       "1st ", "Best "))]
    assert rows[:6] == ["Worst 17.70 8.21 87% 69", "Example City 9.49", "3rd 4.90 -4.59 -48% -39",
                        "2nd 2.90 -6.59 -69% -55", "1st 1.40 -8.09 -85% -68",
                        "Best 0.00 -9.49 -100% -80"]
    assert "Current Quartile 4th" in text
    assert "Distance to next quartile 39 Beds/day" in text  # reference: 38 (unrounded data)
    assert "Distance to top quartile 68 Beds/day" in text


def test_quartile_page_for_direct_payments(pdf):
    text = pdf.texts[_page_of(pdf, "Direct payments uptake quartiles") - 1]
    assert "2nd 28.0% -2.2 -7% -182" in text
    assert "Example City 30.2%" in text
    assert "Distance to next quartile 264 Packages" in text
    assert "Distance to top quartile 264 Packages" in text


def test_quartile_page_without_a_unit_factor_explains_the_blank(pdf, example_figures):
    m = example_figures.measures["mh_employment"]
    text = pdf.texts[_page_of(pdf, f"{m.short_name} quartiles") - 1]
    assert m.quartiles.unit_factor is None
    q = m.quartiles
    shown = fmt.distance(q.next_difference, m.unit, m.decimals)  # "3.2 pp"
    assert f"Distance to next quartile {shown}" in text
    assert ("in the measure's own terms: how many people they stand for is not known"
            in " ".join(text.split()))
    assert "*" not in text.split("Distance to next quartile")[1]  # "*" means suppressed


def test_area_page_suppresses_small_numbers(pdf):
    text = pdf.texts[_page_of(pdf, "Direct payments uptake areas") - 1]
    assert "Direct payments uptake: by area, March 2019" in text
    assert "Harbour Quay * * *" in text
    assert "Fewer than 5" in text
    assert "Hillcrest 34.6% 297 859" in text


def test_comparator_appendix_ranks(pdf):
    number = pdf.page_with("Comparator group benchmarking")
    text = pdf.texts[number - 1]
    rank_line = next(line for line in text.splitlines() if line.startswith("Example City rank"))
    # dtoc 2016/17, 2017/18 | long-term admissions | direct payments (2017/18: tie with Marshgate)
    assert rank_line == "Example City rank 15 of 16 15 of 16 12 of 16 8 of 16 7 of 16 7 of 16"
    assert "Marshgate 4.30 3.03 578.5 540.7 25.2% 26.8%" in text
    assert "England average" in text


def test_appendix_is_merged_with_the_pack_footer_and_an_outline_entry(pdf, built):
    last = pdf.texts[-1]
    assert "Example City Carers' Forum" in last
    assert "Appendix: Partner report: Carers' Forum" in last
    assert "OFFICIAL \u00b7 Page 45 of 45" in last
    assert (1, "Partner report: Carers' Forum annual summary", 45) in pdf.outline
    figures = json.loads((built[0] / "example.figures.json").read_text())
    assert any("is not a tagged PDF" in w for w in figures["warnings"])


def test_the_band_tiles_and_owner_boxes_end_at_one_right_edge(pdf):
    """On every measure page the theme band, the three tiles and the owner boxes end at
    the same right edge: the frame's."""
    page_number = measure_page(pdf, 3)
    page = pdf.plumbed.pages[page_number - 1]
    words = page.extract_words()

    def right_edge_near(text: str) -> float:
        top = next(w["top"] for w in words if w["text"] == text)
        edges = [r["x1"] for r in page.rects + page.lines
                 if r["top"] - 2 <= top <= r["bottom"] + 2 or abs(r["top"] - top) < 14]
        return max(edges)

    edges = {name: round(right_edge_near(name), 1) for name in ("Theme:", "Target", "Officer")}
    assert len(set(edges.values())) == 1, edges
    assert abs(edges["Theme:"] - (float(page.width) - 1.8 / 2.54 * 72)) < 1, edges
