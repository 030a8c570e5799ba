"""What the chart workers' fork server imports (report/charts/workers.py): the drawing code,
and then one small chart of each kind, drawn and thrown away, so that every worker forked
from the server starts with each kind's figure built (report/charts/draw.py, `_chart`), the
chart fonts loaded and matplotlib's other first-use work done. A worker paid that before
its first chart of each kind: about 90 ms, two charts' worth, on the example pack.

The sample charts' numbers are made up and never shown; a chart drawn after them is the
same bytes as drawn first (tests/test_chart_reuse.py)."""

from __future__ import annotations

import gc

from report.charts import draw

_STYLE = {"font_size": 10.0, "outturn": "#1A1A1A", "recalculated": "#5A5A5A",
          "target": "#1F5FA8"}
_COLOURS = {"improvement": "#289DE0", "concern": "#FAB428", "neutral": "#361475",
            "common": "#A6A6A6"}
_LABELS = [f"{month}\n19" for month in ("Jan", "Feb", "Mar", "Apr", "May", "Jun")]
_VALUES = [4.0, 5.5, 5.0, 6.5, 8.0, 7.5]


def samples() -> list[dict]:
    """One chart of each kind, with some of everything a chart of its kind can draw."""
    common = {"version": 0, "width": 480.0, "height": 170.0, "style": _STYLE,
              "unit": "rate", "decimals": 1, "unit_text": "per 1,000",
              "better": "Higher is better"}
    line = common | {"from_zero": False, "axis": {"low": 4.0, "high": 8.0},
                     "target_far": None, "target_label": "Target 6.0",
                     "events": [{"x": 3, "label": "New service"}]}
    groups = [{"first": 0, "last": 2, "mean": 5.0, "lower": 3.0, "upper": 7.0,
               "lower_two_sigma": 3.7, "upper_two_sigma": 6.3, "rebase": None},
              {"first": 3, "last": 5, "mean": 7.3, "lower": 5.5, "upper": 9.1,
               "lower_two_sigma": 6.1, "upper_two_sigma": 8.5, "rebase": "moved"}]
    spc = line | {"kind": "spc", "colours": _COLOURS, "two_sigma": True, "labels": _LABELS,
                  "values": _VALUES, "groups": groups, "target": [6.0] * 6,
                  "types": ["common_cause"] * 3 + ["special_cause_improvement",
                                                   "special_cause_concern",
                                                   "special_cause_neutral_high"],
                  "ahead": [["Jul\n19", 6.0]], "revised": [2]}
    return [
        line | {"kind": "trend", "labels": _LABELS, "outturn": _VALUES,
                "recalculated": [4.0, 5.6] + _VALUES[2:], "target": [6.0] * 6,
                "latest_index": 5},
        spc,
        {"kind": "spc_legend", "width": 480.0, "height": 170.0, "style": _STYLE,
         "colours": _COLOURS, "better": "Higher is better",
         "labels": ["Value", "Mean", "Process limits", "2-sigma", "Improvement", "Revised"]},
        common | {"kind": "quartiles", "height": 130.0, "boundaries": [2.0, 4.0, 6.0, 8.0, 9.0],
                  "value": 6.5, "polarity": "higher", "council": "Council", "current": "2nd"},
        common | {"kind": "areas", "height": 150.0, "areas": ["North", "South"],
                  "values": [7.0, 5.0], "overall": 6.0, "target": 6.5},
        {"kind": "sparkline", "width": 55.0, "height": 24.0, "style": _STYLE,
         "outturn": _VALUES, "target": [6.0] * 6},
    ]


for _sample in samples():
    draw.draw(_sample)
# What the server holds now is never freed: kept out of the garbage collector's reach, it
# stays shared with the workers, which would otherwise copy the memory it lies in the first
# time they collect (a fifth of their page faults and about 1 ms a chart on the example)
gc.freeze()
