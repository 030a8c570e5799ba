"""The pack as a councillor reads it: the small things a reader stumbles on, each pinned
(quartile tables and distances, the appendix footer, the glossary, headings, status
marks read aloud, the icon key's words, the cover title, a quarterly measure's label)."""

from __future__ import annotations

import re

import pikepdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from report.compute import format as fmt
from report.layout.context import STATUS_SHAPES
from tests.pdfcheck import BuiltPdf

FONT = "DejaVuSans"


@pytest.fixture(scope="module")
def font():
    from reportlab.pdfbase.pdfmetrics import registerFont
    from reportlab.pdfbase.ttfonts import TTFont

    from tests.conftest import PROJECT

    registerFont(TTFont(FONT, str(PROJECT / "fonts" / "DejaVuSans.ttf")))
    return FONT


@pytest.fixture(scope="module")
def pdf(built):
    return BuiltPdf(built[1])


def _page_of(pdf, title: str) -> int:
    return next(page for level, name, page in pdf.outline if name == title)


# --- quartiles ------------------------------------------------------------------------
def test_a_percentage_measures_distance_is_in_percentage_points(example_figures):
    m = example_figures.measures["mh_employment"]
    q = m.benchmarks.quartiles
    assert m.unit == "percent" and q.unit_factor is None and q.current != "1st"
    assert q.next_text == f"{fmt.number(q.next_difference, m.decimals)} pp"
    assert q.top_text == f"{fmt.number(q.top_difference, m.decimals)} pp"
    assert "%" not in q.next_text + q.top_text
    # a count keeps its own terms
    assert fmt.distance(12.0, "count", 0) == "12"


def test_a_column_empty_in_every_row_is_left_out(pdf, example_figures):
    without = example_figures.measures["mh_employment"]
    text = pdf.texts[_page_of(pdf, f"{without.short_name} quartiles") - 1]
    assert without.benchmarks.quartiles.unit_label == "People"  # a label, but no factor to fill it
    assert "People Difference" not in text and "Difference" in text
    with_units = example_figures.measures["dtoc"]
    text = pdf.texts[_page_of(pdf, f"{with_units.short_name} quartiles") - 1]
    assert f"{with_units.benchmarks.quartiles.unit_label} Difference" in text


def test_the_quartile_table_prints_percentages_a_reader_can_check(pdf, example_figures):
    """Each row's % is its printed difference over the printed council value."""
    for m in example_figures.in_order():
        q = m.benchmarks.quartiles
        if q is None:
            continue
        text = pdf.texts[_page_of(pdf, f"{m.short_name} quartiles") - 1]
        shown = float(q.value_text.rstrip("%").replace(",", ""))
        for row, texts in zip(q.rows, q.row_texts):
            if row.is_council:
                continue
            difference, percent = float(texts[1].replace(",", "")), texts[2]
            assert f"{row.label} {texts[0]} {texts[1]} {percent}" in text
            assert percent == fmt.percent(difference / shown * 100), (m.id, row.label)


# --- running footer of an appendix --------------------------------------------------
def test_a_long_appendix_footer_is_shortened_by_whole_words(font):
    from report.pdf.appendices import footer_title

    pack = "Cabinet Scorecard \u2013 April 2019"
    title = "Partner report: Carers' Forum annual summary"
    whole = f"{pack} \u00b7 Appendix: {title}"
    assert footer_title(pack, title, font, 10, 1000) == whole
    words = whole.split()
    least = stringWidth(f"{pack} \u00b7 Appendix\u2026", font, 10)
    for room in range(int(least) + 1, int(stringWidth(whole, font, 10)), 5):
        shown = footer_title(pack, title, font, 10, room)
        assert stringWidth(shown, font, 10) <= room
        assert shown.startswith(pack) and shown.endswith("\u2026")  # the pack's title whole
        kept = shown.rstrip("\u2026").split()
        # whole words only: each kept word is the word of the title (less a colon at the cut)
        assert kept[:-1] == words[:len(kept) - 1], (room, shown)
        assert words[len(kept) - 1].rstrip(":") == kept[-1], (room, shown)


def test_the_example_appendix_footer_names_the_appendix_whole(built):
    pdf = BuiltPdf(built[1])
    last = " ".join(pdf.texts[-1].split())
    assert "Cabinet Scorecard \u2013 April 2019 \u00b7 Appendix: Partner report: Carers' Forum" \
        in last
    assert not re.search(r"\w\u2026", last.replace("Forum\u2026", "")), last  # no word cut


# --- glossary -------------------------------------------------------------------------
def test_the_glossary_holds_every_abbreviation_the_pages_print(pdf, example_figures):
    from report.compute.glossary import _ABBREVIATION, _PLAIN_WORDS

    glossary_page = _page_of(pdf, "Glossary")
    glossary = pdf.texts[glossary_page - 1]
    generated = [t for n, t in enumerate(pdf.texts, start=1)
                 if n != glossary_page and "Appendix:" not in t]
    printed = {w for t in generated for w in _ABBREVIATION.findall(t)}
    printed -= _PLAIN_WORDS | {example_figures.protective_marking}
    assert {"SPC", "XmR", "DoT"} <= printed  # the pack prints them: the test means something
    missing = {w for w in printed if not re.search(rf"^{re.escape(w)} ", glossary, re.M)}
    assert not missing


# --- headings -------------------------------------------------------------------------
def test_quartile_and_area_pages_have_headings_of_their_own(built, pdf, example_figures):
    """A screen reader's list of headings names each page once: the measure's title,
    repeated on its quartile and area pages, is no heading there."""
    from tests.readaloud import Reader

    reader = Reader(built[1])
    headings: dict[int, list[str]] = {}
    for role, text, page in reader.items(reader.document()):
        if re.fullmatch(r"H\d", role) and text:
            headings.setdefault(page, []).append(text)
    checked = 0
    for m in example_figures.in_order():
        for kind, words in (("quartiles", "performance against national quartiles"),
                            ("areas", "by area, ")):
            if (m.benchmarks.quartiles if kind == "quartiles" else m.benchmarks.areas) is None:
                continue
            page = _page_of(pdf, f"{m.short_name} {kind}") - 1
            assert f"{m.number}. {m.title}" in " ".join(pdf.texts[page].split()) or \
                m.title[:30] in pdf.texts[page]  # still printed, for the reader on paper
            assert f"{m.number}. {m.title}" not in headings.get(page, []), (m.id, kind)
            assert [h for h in headings[page] if h.startswith(f"{m.short_name}: {words}")]
            checked += 1
    assert checked == 9  # seven quartile pages, two area pages


# --- status marks read aloud ----------------------------------------------------------
def test_a_status_cell_reads_as_its_word(built, example_figures):
    from tests.readaloud import Reader

    reader = Reader(built[1])
    words = {"GREEN", "AMBER", "RED", "CONTEXT"}
    cells = [text for role, text, _ in reader.items(reader.document())
             if role in ("TD", "TH") and text and set(text.split(",")[0].split()) & words]
    assert len(cells) >= 2 * len(example_figures.measures)  # at a glance and scorecard
    assert not [c for c in cells if set(c) & set(STATUS_SHAPES.values())]
    assert "GREEN, set by an officer" in cells


def test_a_status_badge_carries_its_word_as_actual_text(built):
    pdf = pikepdf.open(built[1])
    spoken = []
    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC" and str(operands[0]) == "/Span" \
                    and "/ActualText" in operands[1]:
                spoken.append(str(operands[1].ActualText))
    words = {"GREEN", "AMBER", "RED", "CONTEXT"}
    assert {"GREEN", "RED"} <= set(spoken) <= words | {f"{w}, set by an officer" for w in words}


# --- keys -----------------------------------------------------------------------------
def test_the_analysis_key_says_which_icon_is_which(built):
    analysis = BuiltPdf(built[0] / "example.analysis.pdf")
    pages = [" ".join(t.split()) for t in analysis.texts if "ENG: England value" in t]
    assert pages
    for text in pages:
        assert "blue circle improvement" in text and "orange diamond concern" in text


# --- cover ----------------------------------------------------------------------------
def test_the_cover_title_keeps_month_and_year_together(example_figures, font):
    from dataclasses import replace

    from reportlab.platypus import Paragraph

    from report.layout.cover import cover_title

    style = ParagraphStyle("title", fontName=font, fontSize=28, leading=34)
    figures = replace(example_figures, full_title="Adult Social Care Cabinet Scorecard \u2013 "
                                                  "August 2019", pack_month_label="August 2019")
    title = cover_title(figures)
    assert title.replace("\u00a0", " ") == figures.full_title
    for width in range(300, 700, 10):
        paragraph = Paragraph(title, style)
        paragraph.wrap(width, 1000)
        lines = [" ".join(line[1]) for line in paragraph.blPara.lines]
        assert not any(line.startswith("2019") for line in lines), (width, lines)


# --- the summary's label --------------------------------------------------------------
def test_a_quarterly_measure_names_its_own_quarter_in_the_summary(example_figures):
    from report.periods import Period, measure_summary_label

    assert measure_summary_label("M1", Period.parse("2018/19 Q4")) == "Q4"
    assert measure_summary_label("M1", Period.parse("2017/18")) == "2017/18"
    assert measure_summary_label("M1", Period.parse("2019-03")) == "M1"
    for m in example_figures.in_order():
        own = Period.parse(m.latest.period).short
        expected = example_figures.summary_label if m.frequency == "monthly" else own
        assert m.latest.summary_label == expected, m.id


# --- the key and the scorecard on paper -----------------------------------------------
def test_one_key_page_comes_before_the_first_page_that_uses_the_marks(pdf, example_figures):
    from report.layout.key import AREA_MARKS, CHART_MARKS, EVENT_MARK

    key = _page_of(pdf, "Key")
    first_use = min(_page_of(pdf, title) for title in ("At a glance", "Summary", "Scorecard"))
    assert key < first_use
    text = " ".join(pdf.texts[key - 1].split())
    for status in ("GREEN", "AMBER", "RED", "CONTEXT"):
        assert f"{STATUS_SHAPES[status]} {status}" in text  # the status symbols
    for words in ("Special cause improvement", "Special cause concern", "Common cause variation",
                  "Consistently passes the target", "Consistently fails the target",
                  "Hit and miss", "Chart marks", "Up / Down / Static"):
        assert words in text, words
    for mark in CHART_MARKS + (EVENT_MARK, AREA_MARKS):  # the example has events and areas
        assert mark.split(":")[0].lower() in text.lower(), mark
    # nothing of the key is left on the scorecard's pages
    scorecard = _page_of(pdf, "Scorecard")
    assert not [n for n in (scorecard, scorecard + 1) if "Meaning" in pdf.texts[n - 1]]


def test_every_page_that_uses_the_marks_points_to_the_key(pdf):
    key = _page_of(pdf, "Key")
    pointers = [link for link in pdf.links if link.target == key]
    for title in ("At a glance", "Summary", "Scorecard"):
        page = _page_of(pdf, title)
        assert [link for link in pointers if link.page == page and link.text == str(key)], title
        assert f"explained in the key, page {key}." in " ".join(pdf.texts[page - 1].split())


def test_the_scorecard_of_fifteen_measures_takes_two_pages_at_ten_points_or_more(pdf):
    scorecard = _page_of(pdf, "Scorecard")
    after = _page_of(pdf, "1. DToC Total")
    assert after - scorecard == 2
    assert [p for p in pdf.size_problems() if scorecard <= p[0] < after] == []
    assert "Scorecard \u2013 April 2019 (continued)" in pdf.texts[scorecard]


# --- methods, technical notes and revisions -------------------------------------------
PRODUCERS_WORDS = ("pack.yaml", "nhsr-0.2.2", "1.7733", "2.66", "3.267", "SHA-256",
                   "Digest", "cabinet-pack")


def test_methods_read_in_a_readers_words_on_one_page_then_the_technical_notes(pdf):
    methods = _page_of(pdf, "Methods")
    notes = _page_of(pdf, "Technical notes")
    reader = " ".join(pdf.texts[methods - 1].split()).split("Technical notes")[0]
    assert "A worked example:" in reader  # the guide and its example on the one page
    assert not [w for w in PRODUCERS_WORDS if w in reader]
    technical = " ".join(" ".join(pdf.texts[n - 1].split()) for n in range(notes, notes + 3))
    technical = technical[technical.index("Technical notes"):]
    assert {"nhsr-0.2.2", "1.7733", "2.66", "SHA-256", "Fingerprint of the input files"} \
        <= {w for w in ("nhsr-0.2.2", "1.7733", "2.66", "SHA-256",
                        "Fingerprint of the input files") if w in technical}


@pytest.fixture(scope="module")
def with_methods():
    """The example's figures as a build has them, with the Methods page's words."""
    from report.figures import pack_figures
    from tests.conftest import EXAMPLE

    return pack_figures(EXAMPLE)


def test_the_worked_example_is_read_from_the_packs_figures(pdf, with_methods):
    example = with_methods.methods.example
    heading, sentences = example
    m = next(m for m in with_methods.in_order() if heading.endswith(f": {m.short_name}"))
    text = " ".join(sentences)
    quartiles = m.benchmarks.quartiles
    # the table's "37 People" (a heading word) is "37 people" in a sentence
    number, unit = quartiles.next_text.split(" ", 1)
    assert unit[0].isupper() and f"{number} {unit.lower()} from the next quartile up" in text
    for printed in (m.latest.text, m.latest.label, m.target.short, m.change.text,
                    m.previous.reported_text, m.spc.variation_text, m.spc.assurance_reason,
                    f"{quartiles.current} quartile"):
        assert printed in text, printed
    assert f"status is {STATUS_SHAPES[m.status.word]} {m.status.word}" in text
    page = " ".join(pdf.texts[_page_of(pdf, "Methods") - 1].split())
    assert heading in page and " ".join(sentences[:2]) in page


@pytest.mark.parametrize("value, status", [(7.0, "GREEN"), (8.0, "AMBER"), (12.345, "RED")])
def test_the_worked_examples_status_sentence_follows_the_figures(example_figures, value,
                                                                 status):
    from dataclasses import replace

    from report.compute.methods import worked_example

    m = example_figures.measures["dtoc"]  # lower is better, target 7.95
    changed = replace(m, latest=replace(m.latest, value=value,
                                        text=fmt.value(value, m.unit, m.decimals)),
                      status=replace(m.status, word=status))
    figures = replace(example_figures, measures={"dtoc": changed}, themes=tuple(
        replace(t, measures=("dtoc",)) for t in example_figures.themes[:1]))
    _, sentences = worked_example(figures)
    said = sentences[1]
    assert f"{STATUS_SHAPES[status]} {status}" in said
    gap = fmt.number(abs(value - m.target.value), m.decimals)
    assert ("meets the target" in said) == (status == "GREEN")
    assert (f"misses the target by {gap}" in said) == (status != "GREEN")


def test_the_figures_file_holds_the_technical_notes(built, with_methods):
    import json

    from report.compute import spc

    notes = json.loads((built[0] / "example.figures.json").read_text())["technical_notes"]
    assert notes["rule_sets"] == ["nhsr-0.2.2"]
    assert notes["constants"]["process_limits"] == spc.LIMIT
    assert re.fullmatch(r"[0-9a-f]{64}", notes["input_digest"])
    assert notes["input_digest"] == with_methods.methods.digest
    assert notes["worked_example"]["sentences"] == list(with_methods.methods.example[1])


def test_no_page_is_mostly_blank(built):
    """The revisions follow the technical notes; every page but the cover is at least
    half used (before, the revisions stood alone on a page three-quarters blank). A
    measure's own pages are at least 40% used, balanced where it runs on to a second
    (tests/test_pagefill.py)."""
    from tests.pagefill import measure_spans, page_use

    pages = page_use(built[1])
    measures = {page for _, first, last in measure_spans(BuiltPdf(built[1]))
                for page in range(first, last + 1)}
    revisions = _page_of(BuiltPdf(built[1]), "Revisions since published")
    assert "Technical notes" in "".join(p.text for p in pages[revisions - 2:revisions]) \
        or "This pack" in pages[revisions - 1].text
    assert [(p.number, round(p.used, 2)) for p in pages[1:-1]
            if p.used < 0.5 and p.number not in measures] == []
    assert len(measures) > 15


def test_the_key_names_event_and_area_marks_only_in_a_pack_that_draws_them(example_figures):
    from dataclasses import replace

    from report.layout.context import Context
    from report.layout.key import AREA_MARKS, EVENT_MARK, chart_marks
    from report.pdf.doc import Refs
    from report.pdf.marks import Tagger
    from report.render import Renderer

    def said(figures) -> str:
        renderer = Renderer(figures, "cabinet", draw_charts=False)
        ctx = Context(figures, renderer.theme, Refs(), Tagger(), renderer.width,
                      renderer.landscape_width, sections=renderer.kinds)
        paragraph = chart_marks(ctx)[-1]
        return getattr(paragraph, "inner", paragraph).text

    plain = replace(example_figures, measures={
        key: replace(m, events=(), benchmarks=replace(m.benchmarks, areas=None))
        for key, m in example_figures.measures.items()})
    for figures, shown in ((example_figures, True), (plain, False)):
        text = said(figures)
        assert (EVENT_MARK in text) is shown and (AREA_MARKS in text) is shown


def test_a_status_an_officer_set_says_what_it_would_otherwise_follow(example_figures):
    """DoLS completed has no target ("DoT Only"): its status would follow the direction of
    travel, so the page must not say it was "not worked out from the target"."""
    from report.layout.measure import officer_set_words

    words = {m.id: officer_set_words(m) for m in example_figures.measures.values()
             if m.status.basis == "set in pack.yaml"}
    assert words == {"dols_completed": "Status set by an officer for this period, not "
                                       "worked out from the direction of travel"}
    assert officer_set_words(example_figures.measures["dtoc"]).endswith("from the target")


def test_the_revisions_table_names_each_measure_s_page(built, pdf, example_figures):
    """On paper a link goes nowhere: each measure's first row says its page."""
    from tests.pagefill import measure_spans
    from tests.readaloud import Reader

    first_page = {title.split(". ", 1)[1]: first for title, first, _ in measure_spans(pdf)}
    reader = Reader(built[1])
    items = [(role, " ".join(text.split())) for role, text, _ in reader.items(reader.document())
             if text]
    start = items.index(("H1", "Revisions since published"))
    cells = [text for role, text in items[start:] if role in ("TD", "Link")]
    revised = [m for m in example_figures.in_order() if m.revisions]
    assert len(revised) == 3
    for m in revised:  # its name, then (after the figures) its page, once
        name = cells.index(f"{m.number}. {m.short_name}")
        assert str(first_page[m.short_name]) in cells[name + 1:name + 7], m.id
