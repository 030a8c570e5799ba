"""The charts explain themselves on paper, in greyscale: each says its unit, starts its
value axis at zero or marks the break, and the area chart keeps its value labels clear of
its reference lines and its table in its own order.

Facts from the example (inputs/example/): DToC is a rate whose title counts "beds" "per
100,000 18+ population" and runs 7.95–13.42 with its limits (a break, not zero); Shared
Lives counts people, 69–140 against its target (from zero); Direct Payments by area runs
34.6% (Hillcrest) down to 26.7% (Eastgate), Harbour Quay suppressed, council-wide 30.2%
against a 30.0% target.
"""

from __future__ import annotations

import io

import pytest

EXPECTED_UNITS = {
    "dtoc": "beds per 100,000 18+ population",
    "long_term_admissions": "admissions per 100,000 population aged 65+",
    "contacts": "contacts", "shared_lives": "people",
    "dols_completed": "applications", "dols_waiting": "applications",
    "reviews": "%", "direct_payments": "%", "user_satisfaction": "%",
}


@pytest.fixture(scope="module")
def specs(example_figures):
    """Every chart the cabinet and analysis layouts draw, as the build hands them out."""
    from report.layout.config import load_layout
    from report.layout.registry import layout_specs

    out = {}
    for name in ("cabinet", "analysis"):
        out.update(layout_specs(example_figures, load_layout(name)))
    return out


def _figure(spec):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from report.charts.draw import figure

    fig = figure(spec)
    FigureCanvasAgg(fig).draw()
    return fig


# -- the unit ------------------------------------------------------------------------------

def test_each_measure_unit_is_read_off_its_kind_and_title(example_figures):
    for measure, words in EXPECTED_UNITS.items():
        assert example_figures.measures[measure].unit_text == words, measure


def test_unit_words_rule():
    from report.compute.units import unit_text

    assert unit_text("rate", "Rate of falls", rate_per=1000) == "per 1,000"
    assert unit_text("rate", "Rate of falls") == "rate"
    assert unit_text("rate", "Hours of home care delivered per 1,000 people") == \
        "care per 1,000 people"
    assert unit_text("count", "Number of carers' assessments completed") == "assessments"
    assert unit_text("count", "Carers supported") == "number"
    assert unit_text("count", "Number of DoLS applications", "cases") == "cases"
    assert unit_text("days", "Average wait") == "days"
    long = unit_text("rate", "Emergency readmissions within 30 days per 100,000 people aged "
                             "65 and over living in the city, by month")
    assert long == "per 100,000 people aged 65 and over living in the city"  # fits 60


def test_every_chart_prints_its_unit(specs, example_figures):
    kinds = set()
    for chart_id, spec in specs.items():
        if spec["kind"] not in ("trend", "spc", "areas", "quartiles"):
            continue
        measure = example_figures.measures[chart_id.split("-", 1)[1]]
        assert spec["unit_text"] == measure.unit_text
        printed = [t.get_text() for t in _figure(spec).findobj(
            lambda a: getattr(a, "get_gid", lambda: None)() == "unit")]
        assert printed == [measure.unit_text], chart_id
        kinds.add((spec["kind"], measure.frequency))
    # line and SPC charts, monthly, quarterly and annual, the area bars, the quartile bands
    assert {("spc", "monthly"), ("trend", "quarterly"), ("trend", "annual"),
            ("areas", "monthly"), ("quartiles", "annual")} <= kinds


def test_alt_text_names_the_unit(example_figures):
    dtoc = example_figures.measures["dtoc"]
    assert "Unit: beds per 100,000 18+ population." in dtoc.trend.alt
    assert "Unit: beds per 100,000 18+ population." in dtoc.spc.alt
    assert "Unit: applications." in example_figures.measures["dols_waiting"].spc.alt


def test_the_built_area_and_quartile_charts_alt_names_the_unit(built):
    import pikepdf

    from tests.structure import tree

    with pikepdf.open(built[1]) as pdf:
        alts = [n.alt for n in tree(pdf).walk() if n.role == "Figure" and n.alt]
    areas = [a for a in alts if a.startswith("Direct payments uptake rose")
             and "Bar chart by area" in a]
    assert len(areas) == 1 and areas[0].endswith("Unit: %.")
    assert any(a.startswith("DToC Total rose") and "National quartiles, 2017/18" in a
               and a.endswith("Unit: beds per 100,000 18+ population.") for a in alts)


# -- the baseline --------------------------------------------------------------------------

def test_from_zero_rule():
    from report.charts.spec import from_zero

    assert from_zero("count", [69, 140]) is True  # the movement fills half from zero
    assert from_zero("rate", [7.95, 13.42]) is False  # DToC: too flat from zero
    assert from_zero("percent", [0.0, 2.0]) is True
    assert from_zero("score", [1, 9]) is False  # a score fits its data
    assert from_zero("count", [-3, 4]) is False  # zero is on the axis anyway
    assert from_zero("count", [None, None]) is False


def test_every_value_axis_starts_at_zero_or_shows_its_break(specs):
    seen = set()
    for chart_id, spec in specs.items():
        if spec["kind"] not in ("trend", "spc"):
            continue
        fig = _figure(spec)
        bottom, top = fig.axes[0].get_ylim()
        marks = fig.findobj(lambda a: getattr(a, "get_gid", lambda: None)() == "axis-break")
        if spec["from_zero"]:
            assert bottom == 0 and not marks, chart_id
        else:
            assert bottom > 0 and len(marks) == 2, chart_id
            ticks = [t.xy[1] for t in fig.axes[0].texts if t.get_gid() == "value-tick"]
            assert min(ticks) > bottom  # the break sits below every tick, over no value
        seen.add((chart_id, spec["from_zero"]))
    # Shared Lives' 69-76 fit their axis: its far target of 140 is an arrow at the edge
    assert ("spc-dtoc", False) in seen and ("spc-shared_lives", False) in seen


@pytest.mark.parametrize("low", [999_999_999_999.0, 2.9999999999999996, 0.3, -999_999_999.5,
                                 4_999.999_999_999])
def test_a_broken_axis_starts_at_a_tick_at_or_below_its_lowest_value(specs, low):
    """A value just under a round number (999,999,999,999, every month alike) once made
    the axis's foot the round number above it, with no tick left under the values, and
    the build stopped; the lowest tick is at or below the lowest value, and the axis's foot
    (a break, above zero) at or below that."""
    spec = dict(specs["spc-dtoc"])
    count = len(spec["values"])
    spec.update(values=[low] * count, axis={"low": low, "high": low}, from_zero=False,
                target=[None] * count, target_far=None, groups=[], ahead=[], revised=[],
                types=["common_cause"] * count)
    fig = _figure(spec)
    bottom, _ = fig.axes[0].get_ylim()
    ticks = [t.xy[1] for t in fig.axes[0].texts if t.get_gid() == "value-tick"]
    assert bottom <= min(ticks) <= low


def test_the_target_stays_in_range_above_the_gridlines(specs):
    for chart_id, spec in specs.items():
        if spec["kind"] not in ("trend", "spc"):
            continue
        ax = _figure(spec).axes[0]
        bottom, top = ax.get_ylim()
        targets = [t for t in spec["target"] if t is not None]
        lines = [line for line in ax.get_lines() if line.get_label() == "Target"]
        if spec["target_far"]:  # an arrow at the edge instead: see test_chart_explains.py
            assert not lines and any(t < bottom or t > top for t in targets), chart_id
            continue
        assert all(bottom <= t <= top for t in targets), chart_id
        assert lines or not targets
        grid = ax.yaxis.get_zorder()  # gridlines draw with their axis
        assert all(line.get_zorder() > grid for line in lines), chart_id


# -- the area chart ------------------------------------------------------------------------

def _area_spec(values, overall, target, names=None, width=482.0):
    from report.charts.spec import AREA_FOOT, AREA_LABEL_ROW, AREA_ROW

    names = names or [f"Area {i}" for i in range(len(values))]
    return {"kind": "areas", "version": 0, "width": width,
            "height": AREA_FOOT + 8 + AREA_LABEL_ROW * 2 + AREA_ROW * len(values),
            "style": {"font_size": 10, "outturn": "#1A1A1A", "target": "#1F5FA8"},
            "unit": "percent", "unit_text": "%", "decimals": 1, "areas": names,
            "values": values, "overall": overall, "target": target}


CLOSE_CASES = {
    "the example's 30.2% and 30.0%": ([34.6, 33.1, 30.4, 30.0, 27.6], 30.2, 30.0),
    "lines at the right edge": ([12.0, 11.0, 10.0], 12.0, 11.9),
    "target past every area": ([1.99, 1.5, 1.2], 1.4, 2.0),
    "lines at zero": ([0.0, 0.0], 0.0, 0.0),
    "target far left": ([80.0, 75.0], 78.0, 2.0),
}


def _reference_lines(fig):
    return {line.get_gid(): line for line in fig.axes[0].get_lines()
            if line.get_gid() in ("council-wide", "target")}


def _check_no_label_crossed(fig, where):
    """Every text the chart prints, in display units, against every reference line."""
    lines = _reference_lines(fig)
    assert lines, where
    ax = fig.axes[0]
    texts = fig.texts + ax.texts  # the areas' names and the value axis's labels among them
    boxes = [(t.get_text(), t.get_window_extent()) for t in texts
             if t.get_text() and t.get_visible()]
    for gid, line in lines.items():
        (x0, y0), (x1, y1) = line.get_transform().transform(line.get_xydata())
        assert abs(x1 - x0) < 1e-6
        for text, box in boxes:
            crosses = box.x0 - 0.5 <= x0 <= box.x1 + 0.5 and box.y0 < max(y0, y1) \
                and box.y1 > min(y0, y1)
            assert not crosses, f"{where}: the {gid} line crosses {text!r}"
    labels = [box for text, box in boxes if text.startswith(("Council-wide", "Target"))]
    assert len(labels) == len(lines)
    if len(labels) == 2:
        assert not labels[0].overlaps(labels[1]), where
    width, height = fig.bbox.width, fig.bbox.height
    for text, box in boxes:  # nothing cut at an edge: long names keep their first letters
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height, \
            f"{where}: {text!r} is cut"


def test_the_example_area_charts_keep_labels_clear_of_the_lines(specs):
    areas = {k: s for k, s in specs.items() if s["kind"] == "areas"}
    assert set(areas) == {"areas-direct_payments", "areas-ld_employment"}
    for chart_id, spec in areas.items():
        _check_no_label_crossed(_figure(spec), chart_id)


@pytest.mark.parametrize("case", CLOSE_CASES)
def test_close_reference_lines_keep_their_labels_apart(case):
    values, overall, target = CLOSE_CASES[case]
    _check_no_label_crossed(_figure(_area_spec(values, overall, target)), case)


def test_long_area_names_wrap_and_are_not_cut(example_figures):
    from dataclasses import replace

    from report.charts.spec import area_spec
    from report.model import AreaValue

    m = example_figures.measures["direct_payments"]
    long = "Upper Wharfedale, Lower Wharfedale and the Villages of the Washburn Valley"
    values = (AreaValue(long, 31.0, "31.0%", None, None, False),) + m.benchmarks.areas.values
    spec = area_spec(replace(m, benchmarks=replace(
        m.benchmarks, areas=replace(m.benchmarks.areas, values=values))), 482.0,
                     {"font_size": 10, "outturn": "#1A1A1A", "target": "#1F5FA8"})
    assert spec["areas"][0].count("\n") >= 2 and spec["areas"][0].replace("\n", " ") == long
    fig = _figure(spec)
    _check_no_label_crossed(fig, "long name")
    name = next(t for t in fig.axes[0].texts if t.get_text() == spec["areas"][0])
    assert name.get_window_extent().x0 >= 0


def test_the_most_areas_with_the_longest_names_fit_their_page(example_figures):
    """Thirty areas (the most areas.csv takes) each named in 150 characters (the longest
    name it takes) once made a chart taller than a page, and the build stopped. The names
    then take fewer lines, each cut short with "…" (the table beneath names every area
    whole); a few long names still wrap whole."""
    from dataclasses import replace

    from report.charts.spec import AREA_NAME_CHARACTERS, area_room, area_spec
    from report.layout.config import load_layout
    from report.model import AreaValue

    m = example_figures.measures["direct_payments"]
    room = area_room(load_layout("cabinet").page)
    words = "Upper Wharfedale and the Villages of the Washburn Valley beside the Moors "
    name = (words * 3)[:150].strip()
    values = tuple(AreaValue(f"{index} {name}"[:150].strip(), 31.0 - index,
                             f"{31.0 - index:.1f}%", None, None, False) for index in range(30))
    many = replace(m, benchmarks=replace(m.benchmarks, areas=replace(m.benchmarks.areas,
                                                                     values=values)))
    style = {"font_size": 10, "outturn": "#1A1A1A", "target": "#1F5FA8"}
    spec = area_spec(many, 482.0, style, room)
    assert len(spec["areas"]) == 30 and spec["height"] <= 740
    for shown, area in zip(spec["areas"], values):
        assert shown.endswith("\u2026") and area.area.startswith(shown[:-1].replace("\n", " "))
        assert all(len(line) <= AREA_NAME_CHARACTERS + 1 for line in shown.split("\n"))
    _figure(spec)
    few = replace(many, benchmarks=replace(many.benchmarks, areas=replace(
        many.benchmarks.areas, values=values[:3])))
    spec = area_spec(few, 482.0, style, room)
    assert spec["height"] <= room
    assert [shown.replace("\n", " ") for shown in spec["areas"]] == [a.area for a in values[:3]]


def test_reference_lines_differ_in_dash_and_weight(specs):
    lines = _reference_lines(_figure(specs["areas-direct_payments"]))
    council, target = lines["council-wide"], lines["target"]
    assert council.get_linewidth() * 2 <= target.get_linewidth()
    from report.charts.draw import COUNCIL_LINE, TARGET_LINE

    assert COUNCIL_LINE["linestyle"] != TARGET_LINE["linestyle"]  # dashes, dots: rendered below


def _render(spec, scale=4):
    """The chart as drawn into the pack (its PDF), rendered, with its figure to map
    data to pixels."""
    import pypdfium2

    from report.charts.draw import draw

    fig = _figure(spec)
    page = pypdfium2.PdfDocument(io.BytesIO(draw(spec)))[0]
    image = page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil()
    return fig, image


def _runs(column):
    """Lengths of the dark runs down one pixel column."""
    runs, length = [], 0
    for dark in column:
        if dark:
            length += 1
        elif length:
            runs.append(length)
            length = 0
    return runs + ([length] if length else [])


def test_close_reference_lines_stay_apart_in_greyscale_print():
    """30.2% and 30.0% drawn a point or two apart, beside no bar: in greyscale the
    council-wide line is long thin dashes, the target short heavy dots, both dark."""
    scale = 4
    fig, image = _render(_area_spec([12.0, 10.0, 8.0], 30.2, 30.0), scale)
    k = 72 / fig.dpi * scale  # display pixels to rendered pixels
    grey, rgb = image.convert("L"), image.convert("RGB")
    ax = fig.axes[0]
    y_top, y_bottom = image.height - ax.bbox.y1 * k, image.height - ax.bbox.y0 * k
    rows = range(int(y_top) + 2, int(y_bottom) - 2)
    found = {}
    for gid, line in _reference_lines(fig).items():
        x = int(round(line.get_transform().transform(line.get_xydata())[0][0] * k))
        columns = [[grey.getpixel((x + dx, y)) < 128 for y in rows] for dx in range(-6, 7)]
        darkest = max(columns, key=sum)
        found[gid] = (_runs(darkest), sum(1 for c in columns if sum(c) > 0.2 * len(c)),
                      sum(darkest) / len(darkest), [rgb.getpixel((x, y)) for y in rows])
    council_runs, council_width, council_ink, _ = found["council-wide"]
    target_runs, target_width, target_ink, target_colours = found["target"]
    assert council_ink > 0.4 and target_ink > 0.2  # both print dark enough in grey
    median = lambda runs: sorted(runs)[len(runs) // 2]  # noqa: E731
    assert median(council_runs) >= 2 * median(target_runs)  # dashes against dots
    assert target_width > council_width  # the heavier line
    assert any(b > r + 60 for r, g, b in target_colours)  # in colour, the target's hue


def test_area_table_follows_the_chart(built, example_figures):
    import pypdfium2

    m = example_figures.measures["direct_payments"]
    order = [a.area for a in m.benchmarks.areas.values]
    assert order[0] == "Hillcrest" and order[-2] == "Eastgate" and order[-1] == "Harbour Quay"
    shown = [a.value for a in m.benchmarks.areas.values if not a.suppressed]
    assert shown == sorted(shown, reverse=True)
    pdf = pypdfium2.PdfDocument(built[1])
    page = next(p for p in pdf if ": by area, March 2019" in p.get_textpage().get_text_range()
                and "Uptake of Direct Payments" in p.get_textpage().get_text_range())
    text = page.get_textpage().get_text_range()
    table = text[text.index("Denominator"):]
    chart = text[:text.index("Denominator")]
    assert sorted(order, key=table.index) == order  # the table in the chart's order
    assert sorted(order[:-1], key=chart.index) == order[:-1]
    assert "Harbour Quay" not in chart


def test_a_given_unit_text_is_the_one_printed(pack_copy):
    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack

    measures = pack_copy / "measures.yaml"
    text = measures.read_text()
    measures.write_text(text.replace("    unit: count\n    decimals: 0\n    polarity: none\n",
                                     "    unit: count\n    unit_text: contacts logged\n"
                                     "    decimals: 0\n    polarity: none\n", 1))
    m = compute_pack(load_pack(pack_copy)).measures["contacts"]
    assert m.unit_text == "contacts logged"
    assert "Unit: contacts logged." in m.trend.alt


def test_the_spc_chart_dots_the_target_on_to_the_year_end(specs, example_figures):
    """As the trend chart does: after the latest value the target runs on, dotted, to the
    year's end, named at its end with the year-end target (DToC's data end in February
    2019; March's 7.95 is the year-end target)."""
    from report.charts.draw import spc_figure

    m = example_figures.measures["dtoc"]
    spec = specs["spc-dtoc"]
    assert spec["ahead"] == [["Mar\n19", m.target.eoy]]
    fig = _figure(spec)
    ahead = [line for line in fig.axes[0].lines if line.get_label() == "Target to year end"]
    assert len(ahead) == 1 and ahead[0].get_linestyle() == ":"
    assert list(ahead[0].get_xdata()) == [len(spec["values"]) - 1, len(spec["values"])]
    assert list(ahead[0].get_ydata())[-1] == m.target.eoy
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert f"Target {m.target.eoy_text}" in texts
    # a measure whose data reach the year's end has nothing ahead
    full = next(s for key, s in specs.items() if key.startswith("spc-") and not s["ahead"])
    assert not [line for line in spc_figure(full).axes[0].lines
                if line.get_label() == "Target to year end"]


def test_every_period_has_its_tick_and_every_legend_entry_its_sample(specs):
    """The period axis ticks every period (labels every second where they are many), and
    the legend under each chart shows every entry's words beside its own sample, inside the
    chart, no two entries overlapping. An SPC chart's legend is a chart of its own laid
    over the chart's foot: its words stay below the chart's period labels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from report.charts.spec import legend_labels

    for key, spec in specs.items():
        if spec["kind"] not in ("spc", "trend"):
            continue
        fig = _figure(spec)
        ax = fig.axes[0]
        periods = len(spec["labels"]) + len(spec.get("ahead") or [])
        ticked = list(ax.get_xticks()) + [x for line in ax.lines
                                          if line.get_marker() == 3  # TICKDOWN
                                          for x in line.get_xdata()]
        assert sorted(ticked) == list(range(periods)), key
        # each period's label under its own tick, the first period's among them
        names = spec["labels"] + [label for label, _ in spec.get("ahead") or []]
        labels = [t for t in ax.texts if t.get_gid() == "xtick-label"]
        assert labels and labels[0].get_position()[0] == 0, key
        assert all(t.get_text() == names[int(t.get_position()[0])] for t in labels), key
        legend = fig if spec["kind"] == "trend" else _figure(specs[f"legend-{key}"])
        renderer = FigureCanvasAgg(legend).get_renderer()
        words = [t for t in legend.texts if t.get_text() and t.get_position()[1] < 0.3]
        if spec["kind"] == "spc":
            assert [t.get_text() for t in words] == legend_labels(spec), key
            assert (legend.bbox.width, legend.bbox.height) == (fig.bbox.width, fig.bbox.height)
            chart = FigureCanvasAgg(fig).get_renderer()
            foot = min(t.get_window_extent(chart).y0 for t in labels)
            assert max(t.get_window_extent(renderer).y1 for t in words) < foot, key
        # at least the value and the target (unless far: an arrow, not a line) or the mean
        assert len(words) >= (1 if spec.get("target_far") else 2), key
        boxes = [t.get_window_extent(renderer) for t in words]
        width = legend.bbox.width
        assert all(0 <= b.x0 and b.x1 <= width and 0 <= b.y0 for b in boxes), key
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), key
        samples = [a for a in legend.artists if a.get_label() in {t.get_text() for t in words}]
        assert {a.get_label() for a in samples} == {t.get_text() for t in words}, key
