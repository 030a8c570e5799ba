"""Each chart of a measure explains itself: which way is better, its target named at its
line's end above the limits (or an arrow at the edge when far beyond the data), a value
axis fitted to the data and the limits with at least three labelled ticks, and an SPC
legend naming only what its chart draws, in at most two lines. Read from the chart specs
and the matplotlib figures, not from pixels.

Facts from the example (inputs/example/): Shared Lives counts 69-76 people (limits 70-75)
against a target of 140; User satisfaction runs 60.2-62.8% against 65.0%; DToC (lower is
better) runs 9.05-13.42 with limits 9.67-11.66 against 7.95, its data ending in February
2019 with the year-end target dotted to March; Contacts is a context measure (no polarity).
"""

from __future__ import annotations

import pytest

from tests.test_charts import _figure, specs  # noqa: F401 - the fixture


def _measure(chart_id: str) -> str:
    return chart_id.split("-", 1)[1].replace("legend-spc-", "")


def _texts(fig, gid: str) -> list:
    return [t for t in fig.findobj(lambda a: getattr(a, "get_gid", lambda: None)() == gid)
            if hasattr(t, "get_text")]


# -- which way is better ------------------------------------------------------------------

def test_every_chart_of_a_measure_says_which_way_is_better(specs, example_figures):
    kinds = set()
    for chart_id, spec in specs.items():
        if spec["kind"] not in ("trend", "spc", "quartiles", "areas"):
            continue
        m = example_figures.measures[_measure(chart_id)]
        words = [t.get_text() for t in _texts(_better_figure(specs, chart_id), "better")]
        if m.polarity == "none":
            assert spec["better"] is None and not words, chart_id
            kinds.add("none")
            continue
        expected = {"higher": "Higher is better", "lower": "Lower is better"}[m.polarity]
        assert spec["better"] == expected, chart_id
        assert len(words) == 1 and words[0].startswith(expected), chart_id
        kinds.add(spec["kind"])
    assert kinds == {"trend", "spc", "quartiles", "areas", "none"}


def _better_figure(specs, chart_id: str):
    """The figure that says which way is better: an SPC chart's legend says it for the
    charts that share it (drawn once), over the chart at the same place; others their own."""
    spec = specs[chart_id]
    return _figure(specs[f"legend-{chart_id}"] if spec["kind"] == "spc" else spec)


def test_which_way_is_better_stays_clear_of_the_unit(specs):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for chart_id, spec in specs.items():
        if spec["kind"] not in ("trend", "spc", "quartiles", "areas") or not spec["better"]:
            continue
        fig, words = _figure(spec), _better_figure(specs, chart_id)
        (better,), (unit,) = _texts(words, "better"), _texts(fig, "unit")
        a = better.get_window_extent(FigureCanvasAgg(words).get_renderer())
        b = unit.get_window_extent(FigureCanvasAgg(fig).get_renderer())
        if spec["kind"] in ("trend", "spc"):  # level with the unit, at the plot's right
            plot = fig.axes[0].get_window_extent(FigureCanvasAgg(fig).get_renderer())
            assert abs(a.y0 - b.y0) < 1 and abs(a.x1 - plot.x1) < 1, chart_id
        assert not a.overlaps(b), chart_id
        assert 0 <= a.x0 and a.x1 <= fig.bbox.width and 0 <= a.y0 and a.y1 <= fig.bbox.height


# -- the target ----------------------------------------------------------------------------

def test_the_far_target_rule():
    from report.charts.spec import value_axis

    shared_lives = value_axis("count", [69, 72, 76], [70.0, 72.5, 75.0], [140] * 3)
    assert shared_lives["target_far"] == "above"
    assert (shared_lives["low"], shared_lives["high"]) == (69, 76)
    assert shared_lives["from_zero"] is False  # 69-76 fill the axis, cut at its foot
    satisfaction = value_axis("percent", [60.2, 62.8], [], [65.0])
    assert satisfaction["target_far"] is None and satisfaction["high"] == 65.0
    dtoc = value_axis("rate", [9.05, 13.42], [9.67, 11.66], [7.95, 7.95, None])
    assert dtoc["target_far"] is None and dtoc["low"] == 7.95
    below = value_axis("rate", [80, 90], [], [20])  # lower is better, aiming far lower
    assert below["target_far"] == "below" and below["low"] == 80
    # from zero, a count of 5-10 against 16 keeps its target on the axis: 6 of 16 beyond
    assert value_axis("count", [5, 10], [], [16])["target_far"] is None
    assert value_axis("count", [5, 10], [], [21])["target_far"] == "above"


def test_the_target_is_named_at_its_lines_end_above_the_limits(specs, example_figures):
    """Its value as the pack prints it, at the line's end (or, where the values crowd the
    end, as near it along the line as is clear of them: MH employment's hug its 7.0%),
    over the gridlines and the limits, heavier than any limit and in a dash of its own."""
    from report.compute import format as fmt

    seen = set()
    for chart_id, spec in specs.items():
        if spec["kind"] not in ("trend", "spc") or spec["target_far"]:
            continue
        m = example_figures.measures[_measure(chart_id)]
        fig = _figure(spec)
        ax = fig.axes[0]
        lines = [line for line in ax.get_lines() if line.get_gid() in ("target", "target-ahead")]
        if not lines:
            assert spec["target_label"] is None, chart_id
            continue
        end = max((x, y) for line in lines for x, y in zip(line.get_xdata(), line.get_ydata()))
        assert spec["target_label"] == f"Target {fmt.value(float(end[1]), m.unit, m.decimals)}"
        (label,) = _texts(fig, "target-label")
        assert label.get_text() == spec["target_label"]
        vertices = {(x, y) for line in lines for x, y in zip(line.get_xdata(), line.get_ydata())}
        assert tuple(label.xy) in vertices, chart_id  # on the line
        if chart_id in ("spc-dtoc", "spc-good_provider", "spc-reviews"):
            assert tuple(label.xy) == end, chart_id  # at its end, where that is clear
        limits = [c for c in ax.collections if (c.get_gid() or "").startswith("legend:")]
        grid = [c for c in ax.collections if c.get_gid() == "gridlines"]
        assert grid, chart_id
        for line in lines:
            assert line.get_zorder() > max([c.get_zorder() for c in limits + grid]
                                           + [ax.yaxis.get_zorder()]), chart_id
            # in greyscale: half as heavy again as any limit or gridline, and in a dash no
            # limit uses (limits dashed, 2-sigma dotted thin, the mean solid)
            assert all(line.get_linewidth() >= 1.5 * max(c.get_linewidths())
                       for c in limits + grid), chart_id
            if limits:
                assert line.get_linestyle() in ("-.", ":"), chart_id
        seen.add(chart_id)
    assert {"spc-dtoc", "spc-good_provider", "spc-mh_employment",
            "trend-reablement_91_days", "trend-user_satisfaction"} <= seen
    assert "Target 7.95" == specs["spc-dtoc"]["target_label"]  # not "EoY 7.95"


def test_a_far_target_is_an_arrow_at_the_edge_not_a_flattened_series(specs):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    spec = specs["spc-shared_lives"]
    assert spec["target_far"] == "above"
    assert spec["target_label"] == "Target 140 \u2191"
    fig = _figure(spec)
    ax = fig.axes[0]
    bottom, top = ax.get_ylim()
    assert top < 140 and not [line for line in ax.get_lines()
                              if line.get_gid() in ("target", "target-ahead")]
    # the values fill the axis with their limits (66-80): 69-76 take nearly half its
    # height, where reaching the target left them 5% of it
    assert (max(spec["values"]) - min(spec["values"])) / (top - bottom) > 0.45
    (label,) = _texts(fig, "target-label")
    renderer = FigureCanvasAgg(fig).get_renderer()
    box, plot = label.get_window_extent(renderer), ax.get_window_extent(renderer)
    assert plot.y1 - 20 <= box.y0 and box.y1 <= plot.y1 and box.x1 <= plot.x1  # top right
    points = ax.transData.transform(list(enumerate(spec["values"])))
    assert all(y < box.y0 for _, y in points)  # above every value


# -- the value axis ------------------------------------------------------------------------

def _ticks(fig, axis: str):
    """The value axis's labelled ticks inside its range: (value, label). A trend or SPC
    chart draws its value ticks as words of their own (gid "value-tick"), the area chart
    its ticks' labels under the plot (gid "xtick-label")."""
    ax = fig.axes[0]
    assert not [t for t in ax.get_yticklabels() + ax.get_xticklabels()
                if t.get_text()]  # none of the axis's
    if axis == "y":
        bottom, top = ax.get_ylim()
        return [(t.xy[1], t.get_text()) for t in ax.texts
                if t.get_gid() == "value-tick" and bottom <= t.xy[1] <= top]
    left, right = ax.get_xlim()
    return [(t.get_position()[0], t.get_text()) for t in ax.texts
            if t.get_gid() == "xtick-label" and left <= t.get_position()[0] <= right]


def test_every_value_axis_has_three_labelled_ticks_and_a_broken_one_labels_its_foot(specs):
    broken = 0
    for chart_id, spec in specs.items():
        if spec["kind"] not in ("trend", "spc", "areas"):
            continue
        fig = _figure(spec)
        ticks = _ticks(fig, "x" if spec["kind"] == "areas" else "y")
        assert len([t for t in ticks if t[1]]) >= 3, (chart_id, ticks)
        assert len({t[1] for t in ticks}) == len(ticks), chart_id  # no label twice
        if spec["kind"] == "areas" or spec["from_zero"]:
            continue
        values = [v for v in spec.get("values") or spec["outturn"] if v is not None]
        assert min(t[0] for t in ticks) <= min(values), chart_id  # a tick at the foot
        broken += 1
    assert broken >= 10


def test_an_axis_from_zero_has_three_labelled_ticks(specs):
    from report.charts.spec import value_axis

    spec = dict(specs["trend-reablement_91_days"])
    spec.update(outturn=[10.0, 40.0, 20.0, 60.0, 80.0], recalculated=None, target=[90.0] * 5)
    axis = value_axis("percent", spec["outturn"], [], spec["target"])
    spec.update(from_zero=axis["from_zero"], axis={"low": axis["low"], "high": axis["high"]})
    assert spec["from_zero"]
    fig = _figure(spec)
    assert fig.axes[0].get_ylim()[0] == 0
    ticks = _ticks(fig, "y")
    assert len([t for t in ticks if t[1]]) >= 3 and ticks[0] == (0.0, "0%")


# -- the SPC legend ------------------------------------------------------------------------

def test_the_spc_legend_names_only_what_its_chart_draws_in_two_lines(specs):
    from report.charts.spec import LEGEND_LINES, legend_labels

    legends = set()
    for chart_id, spec in specs.items():
        if spec["kind"] != "spc":
            continue
        fig = _figure(spec)
        drawn = {a.get_gid()[len("legend:"):] for a in fig.axes[0].get_children()
                 if (a.get_gid() or "").startswith("legend:")}
        words = legend_labels(spec)
        assert set(words) == drawn, chart_id
        legend = _figure(specs[f"legend-{chart_id}"])
        entries = [t for t in legend.texts if t.get_text() and t.get_gid() != "better"]
        lines = {round(t.get_position()[1], 4) for t in entries}
        assert [t.get_text() for t in entries] == words
        assert len(lines) <= LEGEND_LINES, chart_id
        legends.add(chart_id)
    assert "spc-dtoc" in legends and "spc-shared_lives" in legends


def test_a_chart_with_every_mark_keeps_its_legend_to_two_lines(specs):
    from report.charts.draw import _legend_columns
    from report.charts.spec import LEGEND_LINES, legend_labels

    spec = dict(specs["spc-dtoc"])
    spec["types"] = list(spec["types"])
    spec["types"][:3] = ["special_cause_neutral_high", "special_cause_concern",
                         "special_cause_improvement"]
    words = legend_labels(spec)
    assert len(words) == 8
    columns = _legend_columns(words, spec["style"]["font_size"], spec["width"])
    assert -(-len(words) // columns) <= LEGEND_LINES


@pytest.mark.parametrize("chart_id", ["spc-dtoc", "spc-shared_lives", "spc-good_provider"])
def test_the_legend_has_no_target_entry_the_line_is_named(specs, chart_id):
    from report.charts.spec import legend_labels

    assert not [w for w in legend_labels(specs[chart_id]) if "Target" in w]


def test_a_count_with_one_value_still_labels_three_ticks(specs):
    """A new measure's first month (12 champions trained): no range to fit, yet three
    whole-number ticks from its foot."""
    from report.charts.spec import value_axis

    spec = dict(specs["trend-reablement_91_days"])
    spec.update(unit="count", decimals=0, labels=["Mar\n19"], outturn=[12.0],
                recalculated=None, target=[None], latest_index=0, target_label=None)
    axis = value_axis("count", spec["outturn"], [], spec["target"])
    spec.update(from_zero=axis["from_zero"], axis={"low": axis["low"], "high": axis["high"]})
    ticks = _ticks(_figure(spec), "y")
    assert [label for _, label in ticks] == ["12", "13", "14"]


def test_a_far_target_below_is_an_arrow_under_every_value(specs):
    """Lower is better, aiming at 20.0% from 80-90%: the arrow and its words sit at the
    foot of the plot, under the lowest value even where the latest value is the lowest."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from report.charts.spec import value_axis

    spec = dict(specs["trend-reablement_91_days"])
    spec.update(outturn=[85.0, 85.0, 90.0, 88.0, 80.0], recalculated=None, target=[20.0] * 5)
    axis = value_axis("percent", spec["outturn"], [], spec["target"])
    assert axis["target_far"] == "below"
    spec.update(from_zero=axis["from_zero"], axis={"low": axis["low"], "high": axis["high"]},
                target_far="below", target_label="Target 20.0% \u2193")
    fig = _figure(spec)
    ax = fig.axes[0]
    (label,) = _texts(fig, "target-label")
    renderer = FigureCanvasAgg(fig).get_renderer()
    box, plot = label.get_window_extent(renderer), ax.get_window_extent(renderer)
    assert plot.y0 <= box.y0 and box.x1 <= plot.x1
    lowest = ax.transData.transform((4, 80.0))[1]
    assert box.y1 < lowest - 3  # clear of the lowest point (a marker's radius below it)
    assert not [line for line in ax.get_lines() if line.get_gid() == "target"]


def test_the_target_words_cross_no_value_and_no_other_label(specs):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    checked = 0
    for chart_id, spec in specs.items():
        if spec["kind"] not in ("trend", "spc") or spec["target_far"] or not spec["target_label"]:
            continue
        fig = _figure(spec)
        ax = fig.axes[0]
        renderer = FigureCanvasAgg(fig).get_renderer()
        (label,), (latest,) = _texts(fig, "target-label"), _texts(fig, "latest")
        box = label.get_window_extent(renderer)
        assert not box.overlaps(latest.get_window_extent(renderer)), chart_id
        values = spec.get("values") or spec["outturn"]
        points = ax.transData.transform([(x, v) for x, v in enumerate(values) if v is not None])
        assert not [p for p in points if box.x0 - 2 <= p[0] <= box.x1 + 2
                    and box.y0 - 2 <= p[1] <= box.y1 + 2], chart_id
        checked += 1
    assert checked >= 10


def test_the_legend_stands_clear_of_the_period_labels(specs):
    """Under the two-line period labels (Q4 / 18/19), the legend keeps its distance: on
    every trend chart of the example (those of the measures too short for SPC)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    checked = 0
    for chart_id, spec in specs.items():
        if spec["kind"] != "trend":
            continue
        fig = _figure(spec)
        renderer = FigureCanvasAgg(fig).get_renderer()
        labels = [t.get_window_extent(renderer) for t in _texts(fig, "xtick-label")]
        words = [t.get_window_extent(renderer) for t in _texts(fig, "legend-words")]
        assert labels and words, chart_id
        assert max(w.y1 for w in words) < min(b.y0 for b in labels) - 2, chart_id
        checked += 1
    assert checked >= 2


def test_the_latest_value_is_printed_level_with_its_point(specs):
    """Beside its point and at its height, on a white ground: "9.49" drawn above the point
    read as the value of the mean line it sat on."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    checked = 0
    for chart_id, spec in specs.items():
        if spec["kind"] not in ("trend", "spc"):
            continue
        fig = _figure(spec)
        ax = fig.axes[0]
        renderer = FigureCanvasAgg(fig).get_renderer()
        (latest,) = _texts(fig, "latest")
        values = spec.get("values") or spec["outturn"]
        index = spec.get("latest_index", len(values) - 1)
        x, y = ax.transData.transform((index, values[index]))
        box = latest.get_window_extent(renderer)
        assert abs((box.y0 + box.y1) / 2 - y) < 0.25 * (box.y1 - box.y0), chart_id
        assert x < box.x0 < x + 12, chart_id  # just right of it
        assert latest.get_bbox_patch().get_facecolor()[:3] == (1.0, 1.0, 1.0), chart_id
        checked += 1
    assert checked >= 15


def test_a_long_unit_is_shortened_before_it_reaches_which_way_is_better(specs):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    spec = dict(next(s for s in specs.values() if s["kind"] == "trend" and s.get("better")))
    spec["unit_text"] = "ADULTS REVIEWED OR REASSESSED IN THE LAST TWELVE MONTHS (%)"
    fig = _figure(spec)
    renderer = FigureCanvasAgg(fig).get_renderer()
    (unit,), (better,) = _texts(fig, "unit"), _texts(fig, "better")
    assert unit.get_text().endswith("\u2026") and unit.get_text().startswith("ADULTS REVIEWED")
    assert unit.get_window_extent(renderer).x1 < better.get_window_extent(renderer).x0
    spec["unit_text"] = "people"  # one that fits is whole
    assert _texts(_figure(spec), "unit")[0].get_text() == "people"


@pytest.mark.parametrize("council", ["Example City", "The Royal Borough of Kensington and "
                                     "Chelsea Adult Social Care Directorate " * 3])
def test_the_council_s_quartile_label_stays_inside_the_chart(specs, council):
    """Over its marker wherever that is, a long council name shortened by whole words, its
    figure and quartile always shown (a 150-character name ran off the page)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    checked = 0
    for spec in (s for s in specs.values() if s["kind"] == "quartiles"):
        fig = _figure(dict(spec, council=council.strip()))
        renderer = FigureCanvasAgg(fig).get_renderer()
        (label,) = _texts(fig, "council")
        box = label.get_window_extent(renderer)
        assert 0 <= box.x0 and box.x1 <= fig.bbox.width, label.get_text()
        assert label.get_text().endswith(f"({spec['current']} quartile)")
        assert label.get_text().startswith(council.split(" ")[0])
        checked += 1
    assert checked == 7
