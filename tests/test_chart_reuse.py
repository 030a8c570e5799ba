"""Each kind of chart is drawn on one figure per process, emptied between charts
(report/charts/draw.py, `_chart`): a chart drawn after others of its kind must be the same
bytes as drawn first, in a fresh process. Nothing of the chart before may stay: its limits,
ticks, value and period labels, target words and arrows, event marks, legend entries.

Facts from the example (inputs/example/): DoLS waiting marks two events, Shared Lives'
target of 140 is far (an arrow), DToC's axis is broken and its target runs on dotted."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.test_charts import specs  # noqa: F401 - the fixture

KINDS = ("trend", "spc", "spc_legend", "quartiles", "areas", "sparkline")


@pytest.fixture(scope="module")
def charts(specs, example_figures):  # noqa: F811
    """The example's charts, and DoLS waiting's as a trend chart too (its events marked)."""
    from report.charts.spec import trend_spec

    plain = specs["trend-user_satisfaction"]
    busy = trend_spec(example_figures.measures["dols_waiting"], plain["width"],
                      plain["height"], plain["style"])
    assert busy["events"] and not plain["events"]
    # a measure with no data yet: the only chart whose limits matplotlib chooses
    line = specs["sparkline-dtoc"]
    empty = line | {"outturn": [None] * len(line["outturn"]),
                    "target": [None] * len(line["target"])}
    return {**specs, "trend-dols_waiting": busy, "sparkline-empty": empty}


def _drawn_in_a_fresh_process(named: dict[str, dict], folder) -> dict[str, bytes]:
    """Each chart drawn in a new Python process, in turn, by name."""
    (folder / "specs.json").write_text(json.dumps(named), encoding="utf-8")
    script = ("import json, sys\nfrom pathlib import Path\n"
              "from report.charts.draw import draw\n"
              "folder = Path(sys.argv[1])\n"
              "for name, spec in json.loads((folder / 'specs.json').read_text()).items():\n"
              "    (folder / f'{name}.pdf').write_bytes(draw(spec))\n")
    subprocess.run([sys.executable, "-c", script, str(folder)], check=True)
    return {name: (folder / f"{name}.pdf").read_bytes() for name in named}


def _drawn_first(spec: dict) -> bytes:
    """The chart drawn on a figure of its kind built for it, as the first of its kind."""
    from report.charts import draw

    draw._SCAFFOLDS.pop(spec["kind"], None)
    return draw.draw(spec)


def test_every_chart_drawn_after_the_others_is_the_chart_drawn_first(charts):
    """Every chart of the example's layouts, drawn in turn on the one figure of its kind
    (each after a different chart), against the same chart drawn first."""
    from report.charts import draw

    ordered = sorted(charts.items(), key=lambda item: item[1]["kind"])
    after = {key: draw.draw(spec) for key, spec in ordered}
    for kind in KINDS:  # every kind is drawn more than once, so each reuses its figure
        assert sum(1 for _, spec in ordered if spec["kind"] == kind) > 1, kind
    changed = [key for key, spec in ordered if _drawn_first(spec) != after[key]]
    assert not changed, f"drawn after another chart of its kind, these differ: {changed}"


def test_a_busy_chart_leaves_nothing_on_a_plain_one(charts):
    """Both ways round: a busy chart (events, a far target's arrow, the target dotted on)
    drawn just before a plain one of its kind, and the plain one before the busy one."""
    from report.charts import draw

    pairs = [("trend-dols_waiting", "trend-safeguarding_outcomes"),
             ("spc-dols_waiting", "spc-contacts"), ("spc-shared_lives", "spc-dtoc"),
             ("areas-direct_payments", "areas-ld_employment"),
             ("quartiles-dtoc", "quartiles-direct_payments"),
             ("legend-spc-dols_waiting", "legend-spc-contacts"),
             ("sparkline-dtoc", "sparkline-contacts"), ("sparkline-dtoc", "sparkline-empty")]
    for busy, plain in pairs + [(b, a) for a, b in pairs]:
        first = _drawn_first(charts[plain])
        draw.draw(charts[busy])
        assert draw.draw(charts[plain]) == first, f"{plain} after {busy}"


def test_a_chart_after_others_is_the_chart_drawn_alone_in_a_fresh_process(charts, tmp_path):
    """One chart of each kind, the plainest, drawn alone in a fresh process (the first of
    its kind there), and here after the busiest of its kind."""
    from report.charts import draw

    def of(kind):
        return sorted((s for s in charts.values() if s["kind"] == kind),
                      key=lambda s: len(json.dumps(s)))

    chosen = {kind: of(kind)[0] for kind in KINDS}
    fresh = _drawn_in_a_fresh_process(chosen, tmp_path)
    for kind, spec in chosen.items():
        draw.draw(of(kind)[-1])
        assert draw.draw(spec) == fresh[kind], kind


def test_a_chart_worker_draws_each_chart_as_a_fresh_process_does(charts, tmp_path):
    """The build's chart workers (forked, where the platform forks, from a server that drew
    a sample chart of each kind first: report/charts/warm.py) draw the same bytes."""
    from report.charts.workers import _draw_many, chart_pool

    chosen = {kind: next(s for s in charts.values() if s["kind"] == kind) for kind in KINDS}
    fresh = _drawn_in_a_fresh_process(chosen, tmp_path)
    with chart_pool(1) as pool:
        drawn, _ = pool.submit(_draw_many, list(chosen.values())).result()
    for kind, data in zip(chosen, drawn):
        assert data == fresh[kind], kind


@pytest.mark.parametrize("kind", ["trend", "spc"])
def test_the_figure_holds_only_the_last_charts_artists(charts, kind):
    """Drawn again, a chart has as many lines, texts and collections as drawn once."""
    from report.charts import draw

    spec = charts[f"{kind}-dols_waiting"]

    def counted(fig):
        ax = fig.axes[0]
        return (len(ax.lines), len(ax.texts), len(ax.collections), len(ax.patches),
                len(fig.texts), len(fig.artists))

    draw._SCAFFOLDS.pop(kind, None)
    once = counted(draw.figure(spec))
    for _ in range(2):
        draw.figure(spec)
    assert counted(draw.figure(spec)) == once
