"""The SPC reading on the page: icons that say their words, the scorecard's Variation and
Assurance columns and the key beside it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pikepdf
import pytest

from report.compute.spc import ASSURANCE, VARIATION
from report.layout.config import LayoutError, load_layout
from tests.conftest import EXAMPLE


def _spoken(pdf: pikepdf.Pdf) -> Counter:
    """(role, ActualText or Alt) of every structure element that has one."""
    found: Counter = Counter()
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        stack += [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        for name in ("/ActualText", "/Alt"):
            if name in element:
                found[str(element.S)[1:], str(element[name])] += 1
    return found


@pytest.fixture(scope="module")
def spoken(built):
    with pikepdf.open(built[1]) as pdf:
        return _spoken(pdf)


def test_scorecard_icon_cells_say_their_words(spoken, example_figures):
    """Each measure with icons has a Variation and an Assurance cell whose text, to a
    screen reader, is the icon's words (and the key's row header once more each)."""
    measures = list(example_figures.in_order())
    expected = Counter(VARIATION[m.spc.variation][0] for m in measures if m.spc.variation)
    expected += Counter(ASSURANCE[m.spc.assurance][0] for m in measures if m.spc.assurance)
    cells = Counter({text: n for (role, text), n in spoken.items() if role == "TD"
                     and (text in {v[0] for v in VARIATION.values()}
                          or text in {a[0] for a in ASSURANCE.values()})})
    assert cells == expected
    assert spoken["TD", "Special cause improvement: lower"] == 3  # dtoc, long-term, dols
    # only LD employment's limits fit its latest points; the rest have moved away from theirs
    assert spoken["TD", "Consistently fails the target"] == 1
    # the key's rows: an icon, or its H and L side by side ("…: higher or lower")
    keyed = {text for (role, text) in spoken if role == "TH"}
    assert {"Special cause improvement: higher or lower", ("Special cause concern: higher or "
            "lower"), "Special cause variation: higher", "Common cause variation"} <= keyed
    assert {a[0] for a in ASSURANCE.values()} <= keyed


def test_the_cabinet_layout_draws_spc_where_there_are_icons_and_trend_elsewhere(
        example_figures):
    from report.layout.registry import layout_specs

    specs = layout_specs(example_figures, load_layout("cabinet"))
    spc = {key[4:] for key in specs if key.startswith("spc-")}
    trend = {key[6:] for key in specs if key.startswith("trend-")}
    monthly = {m.id for m in example_figures.in_order() if m.frequency == "monthly"}
    assert spc == monthly and len(spc) == 12
    assert trend == set(example_figures.measures) - monthly
    dtoc = specs["spc-dtoc"]
    assert dtoc["kind"] == "spc" and dtoc["two_sigma"] is True
    assert len(dtoc["values"]) == 23 and dtoc["revised"] == [19, 20]  # Nov and Dec 2018
    assert dtoc["types"][0] == "special_cause_concern"
    assert dtoc["types"][-1] == "special_cause_improvement"


def test_a_measure_s_own_chart_choice_and_a_measure_the_pack_lacks(example_figures):
    from report.layout.spcchart import shown, unknown_measures

    layout = load_layout("cabinet")
    dtoc, reablement = example_figures.measures["dtoc"], example_figures.measures[
        "reablement_91_days"]
    assert shown(layout, dtoc) == {"spc"} and shown(layout, reablement) == {"trend"}
    spc = replace(layout.measure_page.spc_chart, measures={"dtoc": "both", "dtco": "trend"})
    layout = replace(layout, measure_page=replace(layout.measure_page, spc_chart=spc))
    assert shown(layout, dtoc) == {"spc", "trend"}
    assert unknown_measures(example_figures, layout) == [
        "measure_page.spc_chart.measures: 'dtco' is not a measure of this pack (known: "
        + ", ".join(sorted(example_figures.measures)) + ")"]


def test_a_wrong_chart_choice_is_a_layout_problem(tmp_path):
    (tmp_path / "base.yaml").write_text((EXAMPLE.parents[1] / "layouts" / "base.yaml").read_text())
    (tmp_path / "odd.yaml").write_text(
        "parent: base\nname: odd\nsections: [measures]\nmeasure_page:\n"
        "  blocks: [title, spc_chart]\n  spc_chart: {show: spark}\n")
    with pytest.raises(LayoutError) as raised:
        load_layout("odd", tmp_path)
    assert "measure_page.spc_chart.show" in str(raised.value)
    assert "spark" in str(raised.value)


def test_spc_chart_alt_text_says_the_signal_first(spoken, example_figures):
    alt = example_figures.measures["mh_employment"].spc.alt
    assert alt.startswith(
        "MH Employment fell from 6.9% to 6.8% in March 2019, against a target of 7.0%; higher "
        "is better. Special cause improvement: higher. Latest point: 10 points in a row above "
        "the mean (Jun 2018\u2013Mar 2019). No assurance icon: the process moved up in June "
        "2018; its limits are due to be recalculated. SPC chart, April 2017 to March 2019. ")
    assert "Mean 6.6%, process limits 6.2% to 7.0%." in alt
    assert spoken["Figure", alt] == 1
    assert spoken["Figure", "Special cause improvement: higher"] == 7
    assert spoken["Figure", "Hit and miss: the target may or may not be met"] == 0
    assert spoken["Figure", "Consistently fails the target"] == 1


def test_too_few_points_no_icons_and_the_page_says_why(built):
    from tests.pdfcheck import BuiltPdf

    pdf = BuiltPdf(built[1])
    text = " ".join(" ".join(pdf.texts).split())
    assert ("SPC: no variation or assurance icons: only 8 quarters of data, Q1 "
            "2017/18\u2013Q4 2018/19, of which the trend chart shows the latest 5; the icons "
            "need at least 13.") in text
    assert "only 4 years of data, 2014/15\u20132017/18; the icons need at least 13." in text


def test_the_analysis_tables_show_the_icons(built):
    """Each focus area's row has its measure's variation and assurance icons."""
    with pikepdf.open(built[0] / "example.analysis.pdf") as pdf:
        found = _spoken(pdf)
    assert found["TD", "Special cause improvement: lower"] >= 1  # delayed transfers
    assert found["TD", "Consistently fails the target"] >= 1


def test_points_to_note_and_the_revision_audit(built, example_figures):
    from tests.pdfcheck import BuiltPdf

    pdf = BuiltPdf(built[1])
    summary = " ".join(pdf.texts[pdf.page_with("Points to note") - 1].split())
    assert "RED, but the process is improving: below the lower process" in summary
    assert summary.index("Points to note") < summary.index("What happened")
    revisions = " ".join(pdf.texts[pdf.page_with("Revisions since published\n") - 1].split())
    # each measure's first row gives its page (tests/test_paper.py)
    assert "1. DToC Total November 2018 9.20 9.12 -0.08 9" in revisions
    assert "1. DToC Total December 2018 9.52 9.41 -0.11" in revisions
    assert "6. Direct payments uptake February 2019 29.7% 29.8% +0.1 pp" in revisions
    methods = " ".join(pdf.texts[pdf.page_with("Technical notes\n") - 1].split())
    assert "process limits at the mean \u00b1 2.66 \u00d7 the average moving range" in methods


def test_a_rebase_is_drawn_and_its_reason_printed_beside_the_chart(pack_copy):
    """Limits restarted at a period with a reason: the SPC chart draws a break labelled
    "Rebased" and a mean for each period of limits, and the page gives the reason."""
    from report.cli import main
    from tests.pdfcheck import BuiltPdf

    measures = pack_copy / "measures.yaml"
    text = measures.read_text(encoding="utf-8")
    own = ("    spc:\n      rebases:\n"
           "        - {period: \"2017-10\", reason: New discharge-to-assess pathway}\n")
    measures.write_text(text.replace("      unit_factor: 8.4\n\n", "      unit_factor: 8.4\n"
                                     + own + "\n", 1), encoding="utf-8")
    assert main(["build", str(pack_copy), "-o", "out"]) == 0
    pdf = BuiltPdf(pack_copy.parent / "out" / "pack.pdf")
    page = pdf.page_with("1. Daily average delayed beds")
    page = pdf.page_with("Process limits", page)  # the SPC chart's legend
    words = " ".join(pdf.texts[page - 1].split())
    assert "limits restarted in October 2017: New discharge-to-assess pathway." in words
    assert "Rebased" in words  # drawn in the chart, at the break
    chart = pdf.plumbed.pages[page - 1]
    mean_lines = [line for line in chart.lines if abs(line["y0"] - line["y1"]) < 0.01
                  and line["linewidth"] == pytest.approx(1.3, abs=0.05)]
    assert len({round(line["y0"], 1) for line in mean_lines}) >= 2, mean_lines  # two means
    # the commentary runs on to the very next page
    assert "Continued on the next page" in pdf.texts[page - 1]
    assert pdf.texts[page].splitlines()[1].endswith("(continued)")


def test_a_measure_page_says_where_its_readings_disagree(built, example_figures):
    """Each flag of the combined reading is on its measure's page, and no page without a
    flag has the line."""
    from tests.pdfcheck import BuiltPdf

    pdf = BuiltPdf(built[1])
    words = [" ".join(text.split()) for text in pdf.texts]
    flagged = [m for m in example_figures.in_order() if m.reading and m.reading.flags]
    assert flagged and len(flagged) < len(example_figures.measures)
    pages = {m.id: next(i for i, text in enumerate(words)
                        if f"{m.number}. {' '.join(m.title.split())}" in text and "Change:" in text)
             for m in example_figures.in_order()}
    for m in example_figures.in_order():
        text = words[pages[m.id]]
        if m in flagged:
            assert "Readings disagree:" in text, m.id
            for flag in m.reading.flags:  # the reason is in the icons' row above it
                assert " ".join(flag.brief.split())[:60] in text, (m.id, flag.brief)
                if flag.kind == "red_improving":
                    assert flag.brief == "RED, but the process is improving"
                    assert m.spc.variation_reason in text
        else:
            assert "Readings disagree:" not in text, m.id
    assert sum("Readings disagree:" in text for text in words) == len(flagged)


def test_the_icons_reason_is_one_line_the_fullest_that_fits(built, example_figures):
    """Beside the icons, one line: the fullest of the reasons that fits, else the bare
    words; the points to note and the figures file keep the whole reasons."""
    from report.layout.spcchart import icon_lines, plain
    from tests.pdfcheck import BuiltPdf

    lines = [line for text in BuiltPdf(built[1]).texts for line in text.splitlines()]
    with_icons = [m for m in example_figures.in_order()
                  if m.spc is not None and m.spc.variation is not None]
    assert len(with_icons) >= 10
    for m in with_icons:
        said = [plain(line) for line in icon_lines(m.spc)]
        printed = [line for line in lines if any(line.endswith(s) for s in said)]
        assert printed, (m.id, said)  # the whole of one of them on one printed line
        assert said[-1].count(".") == (2 if m.spc.assurance or m.spc.assurance_withheld
                                       else 1)  # the bare words, each icon's


def test_one_line_takes_the_first_that_fits():
    from report.layout.spcchart import one_line
    from report.layout.styles import build_theme

    style = build_theme(load_layout("cabinet")).styles["small"]
    lines = ["<b>Improvement:</b> latest point below the lower process limit (Feb 2019).",
             "<b>Improvement.</b>"]
    assert one_line(lines, 1000, style) == lines[0]
    assert one_line(lines, 120, style) == lines[1]
    assert one_line(lines, 5, style) == lines[1]  # nothing fits: the last, the bare word
