"""Events: what the service changed, marked on the trend and SPC charts, named in their
alternative text and in the figures file; an event may restart the limits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from report.charts.spec import trend_spec
from report.compute.alt import spc_alt, trend_alt
from report.model import Event

STYLE = {"font_size": 10, "outturn": "#1F3A5F", "recalculated": "#7A4F9A",
         "target": "#1F6FB2"}


@pytest.fixture
def dols(example_figures):
    return example_figures.measures["dols_waiting"]


def test_the_example_events_reach_the_figures(dols):
    assert [(e.period, e.period_label, e.axis, e.label, e.rebase, e.on_trend_chart)
            for e in dols.events] == [
        ("2018-05", "May 2018", "May 18", "Two more Best Interests Assessors", False, True),
        ("2018-10", "October 2018", "Oct 18", "Weekend assessment sessions began", False,
         True)]


def test_events_are_named_in_both_charts_alternative_text(dols):
    named = ("Marked on the chart: Two more Best Interests Assessors (May 2018); Weekend "
             "assessment sessions began (October 2018).")
    assert trend_alt(dols).endswith(named) and spc_alt(dols).endswith(named)
    # an event before the trend chart's year is on the SPC chart only
    early = replace(dols, events=(Event("2017-06", "June 2017", "Jun 17", "Old rota", False,
                                        None, False),))
    assert "Old rota" not in trend_alt(early)
    assert spc_alt(early).endswith("Marked on the chart: Old rota (June 2017).")


def test_a_rebasing_event_restarts_the_limits_with_its_reason(pack_copy):
    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack

    measures = pack_copy / "measures.yaml"
    measures.write_text(measures.read_text(encoding="utf-8").replace(
        '{period: "2018-05", label: "Two more Best Interests Assessors"}',
        '{period: "2018-05", label: "Two more Best Interests Assessors", rebase: true, '
        'reason: "assessor capacity doubled"}'), encoding="utf-8")
    m = compute_pack(load_pack(pack_copy)).measures["dols_waiting"]
    assert [(g.start, g.rebase_reason) for g in m.spc.groups] == [
        ("2017-04", None), ("2018-05", "assessor capacity doubled")]
    assert m.spc.shift is None  # the suggestion is taken up
    assert "Two more Best Interests Assessors (May 2018, limits restarted)" in m.spc.alt


def _label_boxes(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_gid() == "event-label"]
    return ax, [t.get_window_extent() for t in labels], labels


def test_event_labels_sit_above_the_data_and_apart(dols):
    from report.charts.draw import figure

    spec = trend_spec(dols, 480, 200, STYLE)
    assert spec["events"] == [{"x": 2, "label": "Two more Best Interests Assessors"},
                              {"x": 7, "label": "Weekend assessment sessions began"}]
    fig = figure(spec)
    ax, boxes, labels = _label_boxes(fig)
    assert [t.get_text() for t in labels] == [e["label"] for e in spec["events"]]
    assert len([line for line in ax.lines if line.get_gid() == "event"]) == 2
    highest = max(ax.transData.transform((0, v))[1] for v in spec["outturn"] if v is not None)
    plot = ax.get_window_extent()
    for box in boxes:
        assert box.y0 > highest + 2  # in the headroom above every point
        assert plot.x0 <= box.x0 and box.x1 <= plot.x1 + 1
    (a, b) = boxes
    assert not a.overlaps(b)


def _data_height(spec) -> float:
    """The points the chart's data span, top value to bottom value, as drawn."""
    from report.charts.draw import figure

    fig = figure(spec)
    ax = fig.axes[0]
    values = [v for v in spec.get("outturn") or spec["values"] if v is not None]
    return ax.transData.transform((0, max(values)))[1] - ax.transData.transform(
        (0, min(values)))[1]


@pytest.mark.parametrize("kind", ["trend", "spc"])
def test_event_labels_make_the_chart_taller_rather_than_squeeze_its_data(dols, kind):
    """Two events' labels, a row each, above the data: the chart grows by their band, and
    the page's box with it, so the data keep the height they have without events (DoLS
    waiting's 400-700 was squeezed into the lower half of its chart)."""
    from report.charts.spec import spc_spec

    def spec(m):
        if kind == "trend":
            return trend_spec(m, 480, 200, STYLE)
        return spc_spec(m, 480, 200, STYLE, {"improvement": "#1F77B4", "concern": "#F5A623",
                                             "neutral": "#7F7F7F", "common": "#5A5A5A"}, True)

    plain = replace(dols, events=())
    with_events, without = spec(dols), spec(plain)
    assert without["height"] == 200
    assert with_events["height"] == 200 + 2 * 10 * 1.3 + 6  # two rows of 10-point labels
    assert _data_height(with_events) == pytest.approx(_data_height(without), rel=0.08)
    assert _data_height(with_events) >= 0.95 * _data_height(without)


def test_a_chart_without_events_is_unchanged(example_figures):
    from report.charts.draw import figure

    m = example_figures.measures["reviews"]
    spec = trend_spec(m, 480, 200, STYLE)
    assert spec["events"] == []
    ax, boxes, _ = _label_boxes(figure(spec))
    assert boxes == [] and not [line for line in ax.lines if line.get_gid() == "event"]


def test_the_figures_file_lists_the_events(pack_copy):
    import json
    from pathlib import Path

    from report.cli import main

    assert main(["build", str(pack_copy), "-o", "out", "--figures-only"]) == 0
    figures = json.loads(Path("out/pack.figures.json").read_text(encoding="utf-8"))
    dols = next(m for m in figures["measures"] if m["id"] == "dols_waiting")
    assert dols["events"][0] == {"period": "2018-05", "period_label": "May 2018",
                                 "axis": "May 18", "label": "Two more Best Interests Assessors",
                                 "rebase": False, "reason": None, "on_trend_chart": True}
    assert dols["spc"]["shift"]["event"] == {"period": "2018-05",
                                             "label": "Two more Best Interests Assessors"}


def test_every_chart_box_on_the_pages_is_its_chart_s_own_height(example_figures):
    """A chart is placed at its own size in the box the page kept for it: a chart made
    taller by its events' labels gets a taller box, so it never runs into the text above."""
    from report.pdf.doc import Refs
    from report.pdf.flowables import ChartBox
    from report.render import Renderer

    renderer = Renderer(example_figures, "cabinet", draw_charts=False)
    story, _ = renderer._story(Refs(), renderer.layout.sections)
    by_name = {renderer.names[key]: spec for key, spec in renderer.specs.items()}

    def boxes(flowables):
        for flowable in flowables:
            inner = getattr(flowable, "inner", None)
            if isinstance(flowable, ChartBox):
                yield flowable
            elif inner is not None:
                yield from boxes([inner])
            elif isinstance(getattr(flowable, "_content", None), list):
                yield from boxes(flowable._content)

    found = list(boxes(story))
    assert {by_name[box.name]["kind"] for box in found} >= {"spc", "trend", "quartiles"}
    taller = [box for box in found if by_name[box.name]["kind"] in ("trend", "spc")
              and box.height > renderer.layout.chart.height + 0.01]
    assert taller and all(by_name[box.name].get("events") for box in taller)
    for box in found:
        assert (box.width, box.height) == pytest.approx(
            (by_name[box.name]["width"], by_name[box.name]["height"]), abs=0.01), box.name


def test_the_most_events_a_chart_marks_never_put_one_label_on_another(dols):
    """Eight events, most of them close together at the chart's right edge, where a label
    can only go to the left of its mark: each finds a row where it touches no other label,
    within the band the chart was made taller by."""
    from report.charts.draw import figure
    from report.inputs.schema import MOST_EVENTS

    periods = [p.period for p in dols.trend.points]
    events = tuple(Event(period, period, period, f"A longer label, number {i}", False, None,
                         True) for i, period in enumerate(periods[-MOST_EVENTS:]))
    spec = trend_spec(replace(dols, events=events), 480, 200, STYLE)
    assert len(spec["events"]) == MOST_EVENTS
    ax, boxes, labels = _label_boxes(figure(spec))
    assert len(boxes) == MOST_EVENTS
    for i, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[i + 1:]), labels[i].get_text()
    highest = max(ax.transData.transform((0, v))[1] for v in spec["outturn"] if v is not None)
    assert min(box.y0 for box in boxes) > highest  # all above the data


def test_a_label_wider_than_the_room_either_side_of_its_line_is_moved_inside(dols):
    """Forty wide letters at a mark near the middle fit on neither side of its line: the
    label is moved in to lie inside the plot, rather than cut at the chart's edge."""
    from report.charts.draw import figure

    periods = [p.period for p in dols.trend.points]
    event = Event(periods[4], periods[4], periods[4], "W" * 40, False, None, True)
    spec = trend_spec(replace(dols, events=(event,)), 480, 200, STYLE)
    fig = figure(spec)
    ax, (box,), _ = _label_boxes(fig)
    plot = ax.get_window_extent()
    assert plot.x0 - 1 <= box.x0 and box.x1 <= plot.x1 + 1
