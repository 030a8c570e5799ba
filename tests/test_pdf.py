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
    # cover + the key + at a glance + summary with its points to note (3) + scorecard (2)
    # + 15 measures, 2 of them running on to a second page, 2 area pages, 7 quartile pages
    # + comparator appendix (2) + methods, its technical notes and the revisions (3)
    # + glossary + the one-page appendix PDF. Pinned: a change here is a layout change to
    # look at.
    assert len(pdf.texts) == 41


def test_cover(pdf):
    cover = pdf.texts[0]
    for text in ("Example City Council", "Cabinet Scorecard \u2013 April 2019",
                 "Adult Social Care", "Produced by the Adult Social Care Performance",
                 "Other formats.", "asc.performance@example.gov.uk"):
        assert text in cover
    assert f"Page 1 of {len(pdf.texts)}" in cover


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
    """The page the outline gives for measure `number` (under "Measures", not the
    scorecard's theme of that number)."""
    start = next(i for i, (level, title, _) in enumerate(pdf.outline)
                 if level == 0 and title == "Measures")
    return next(page for level, title, page in pdf.outline[start:]
                if title.startswith(f"{number}. ") and level == 1)


def measure_text(pdf, number: int) -> str:
    """The text of measure `number`'s own pages (the first, and any it runs on to), its
    words joined by single spaces."""
    first = measure_page(pdf, number)
    following = min(page for _, _, page in pdf.outline if page > first)
    return " ".join(" ".join(pdf.plain_texts[p - 1].split()) for p in range(first, following))


def test_measure_page_delayed_transfers(pdf, example_figures):
    text = measure_text(pdf, 1)
    # the badge's shape as drawn (a screen reader and pdfium read its word: ActualText)
    assert "\u2716 RED" in pdf.texts[measure_page(pdf, 1) - 1]
    for expected in ("Theme: Use of Resources", "Change: Up (Red) 1.6%",
                     "Last Month", "This Month", "Target", "9.34", "9.49", "7.95",
                     "(EoY 7.95)", "Source:", "Process limits", "Commentary"):
        assert expected in text, expected
    # a long commentary runs on to the very next page, with the owners and the links
    number = measure_page(pdf, 1)
    assert "Continued on the next page" in pdf.texts[number - 1]
    assert "1. DToC Total (continued)" in pdf.texts[number]
    quartiles = next(page for _, title, page in pdf.outline if title == "DToC Total quartiles")
    assert quartiles == number + 2
    assert "Measure Owner" in text and "Responsible Officer" in text
    assert f"Next: DToC Total quartiles, page {quartiles} >" in text
    scorecard = next(page for _, title, page in pdf.outline if title == "Scorecard")
    row = pdf.page_with("1. Daily average", scorecard)  # its scorecard row's page
    assert f"Return to Scorecard, page {row}" in text


def test_measure_page_direct_payments_shows_the_recalculation(pdf):
    text = measure_text(pdf, 6)
    assert "Recalculated: 29.8%" in text
    assert "Change: Up (Green) 0.5 pp" in text
    assert "\u25cf GREEN" in pdf.texts[measure_page(pdf, 6) - 1]
    assert "Process limits" in text and "Revised" in text  # the SPC chart's legend


def test_every_link_lands_where_it_says(pdf, example_figures):
    links = pdf.links
    total = len(pdf.texts)
    by_short = {m.short_name: m for m in example_figures.in_order()}
    stops = sum(1 + m.has_areas + m.benchmarkable for m in example_figures.in_order())
    checked = {"see also": 0, "nav": 0, "scorecard": 0, "return": 0}
    for link in links:
        assert 1 <= link.target <= total
        landed = pdf.texts[link.target - 1].replace("\n", " ")
        if re.fullmatch(r"\d+", link.text):  # "(see also pages N and M)"
            assert int(link.text) == link.target
            checked["see also"] += 1
        elif link.text.startswith("Return to Scorecard, page "):
            # the page of the measure's own row: the title is there, linked
            assert int(link.text.rsplit(" ", 1)[1]) == link.target
            assert any(other.target != link.target and other.page == link.target
                       and re.match(r"\d+\. ", other.text) for other in links)
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
    flags = sum(bool(m.reading.flags) for m in example_figures.in_order())
    revisions = sum(bool(m.revisions) for m in example_figures.in_order())
    # the summary's "see also" pages, the at-a-glance and scorecard page columns, the
    # points to note and the revisions (its name, and its page) link each measure; the
    # pointers to the key
    words = [" ".join(text.split()) for text in pdf.texts]
    to_key = sum(text.count("are explained in the key, page") for text in words)
    assert to_key == 3
    assert checked["see also"] == sum(1 + m.has_areas + m.benchmarkable
                                      for m in focus) + 30 + to_key + revisions
    assert checked["return"] == stops and checked["scorecard"] == 15 + flags + revisions
    assert checked["nav"] == 2 * (stops - 1)


def test_outline_mirrors_sections_and_measures(pdf, example_figures):
    outline = pdf.outline
    top = [title for level, title, _ in outline if level == 0]
    assert top == ["Cover", "Key", "At a glance", "Summary", "Scorecard", "Measures",
                   "Comparator group", "Methods", "Revisions since published", "Glossary",
                   "Appendices"]
    after = next(page for _, title, page in outline if title == "Comparator group")
    measures = [(title, page) for level, title, page in outline if level == 1
                and re.match(r"\d+\. ", title) and page < after
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
    assert m.benchmarks.quartiles.unit_factor is None
    q = m.benchmarks.quartiles
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
    # dtoc 2016/17, 2017/18 | long-term admissions | direct payments (2017/18: tie with
    # Marshgate) | user satisfaction
    assert rank_line == ("Example City rank 15 of 16 15 of 16 12 of 16 8 of 16 7 of 16 7 of 16 "
                         "10 of 16 11 of 16")
    assert "Marshgate 4.30 3.03 578.5 540.7 25.2% 26.8%" in text
    assert "England average" in text


def test_appendix_is_merged_with_the_pack_footer_and_an_outline_entry(pdf, built):
    last = pdf.texts[-1]
    assert "Example City Carers' Forum" in last
    assert "Appendix: Partner report: Carers' Forum" in last
    assert f"OFFICIAL \u00b7 Page {len(pdf.texts)} of {len(pdf.texts)}" in last
    assert (1, "Partner report: Carers' Forum annual summary", len(pdf.texts)) in pdf.outline
    figures = json.loads((built[0] / "example.figures.json").read_text())
    assert any("is not a tagged PDF" in w for w in figures["warnings"])


def test_the_band_tiles_and_owner_boxes_end_at_one_right_edge(pdf):
    """On every measure page the theme band, the three tiles and the owner boxes end at
    the same right edge: the frame's."""
    first = measure_page(pdf, 3)

    def right_edge_near(text: str) -> float:  # on the measure's page it is on
        page = next(page for page in pdf.plumbed.pages[first - 1:first + 1]
                    if any(w["text"] == text for w in page.extract_words()))
        top = next(w["top"] for w in page.extract_words() if w["text"] == text)
        edges = [r["x1"] for r in page.rects + page.lines
                 if r["top"] - 2 <= top <= r["bottom"] + 2 or abs(r["top"] - top) < 14]
        return max(edges)

    edges = {name: round(right_edge_near(name), 1) for name in ("Theme:", "Target", "Officer")}
    assert len(set(edges.values())) == 1, edges
    width = float(pdf.plumbed.pages[first - 1].width)
    assert abs(edges["Theme:"] - (width - 1.8 / 2.54 * 72)) < 1, edges


def test_a_status_an_officer_set_is_marked_and_explained_on_its_measure_page(
        pdf, example_figures):
    """The scorecard's † after the badge, and once below the tiles what it means and the
    officer's reason in full; a worked-out status has neither."""
    from report.compute.glance import status_mark

    for m in example_figures.in_order():
        text = measure_text(pdf, m.number)
        marked = bool(status_mark(m))
        drawn = pdf.texts[measure_page(pdf, m.number) - 1]  # as drawn, not as read out
        assert (f"{m.status.word} \u2020" in drawn) == marked, m.id
        assert ("\u2020 Status set by an officer for this period" in text) == marked, m.id
        if marked:
            assert " ".join(m.status.reason.split()) in text
        assert "status set:" not in text


def test_the_spc_icons_say_what_they_mean_in_words_that_do_not_run_together(pdf,
                                                                            example_figures):
    from report.compute.spc import ICON_WORDS

    for m in example_figures.in_order():
        if m.spc is None or m.spc.variation is None:
            continue
        text = measure_text(pdf, m.number)
        said = [ICON_WORDS[m.spc.variation]] + ([ICON_WORDS[m.spc.assurance]]
                                                 if m.spc.assurance else [])
        for word in said:  # with its reason, or bare where the line has no room for it
            assert f"{word}:" in text or f"{word}." in text, (m.id, word)
        assert "causeNo" not in text and "Common causeThe" not in text
