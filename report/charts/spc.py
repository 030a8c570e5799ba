"""The SPC (XmR) chart: the points, the mean and process limits of each period of limits,
the 2-sigma lines if the layout asks, the target, and each special cause marked by shape
as well as colour (improvement a circle, concern a diamond, neutral a hexagon, as on the
icons), so the chart reads in greyscale. Imported by `report.charts.draw` when drawn."""

from __future__ import annotations

import math

from report.charts.draw import _axes, _fmt, _save, _tick_formatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

# point type -> (palette entry in spec["colours"], marker, size, legend words)
MARKS = {
    "special_cause_improvement": ("improvement", "o", 7.5, "Special cause: improvement"),
    "special_cause_concern": ("concern", "D", 7, "Special cause: concern"),
    "special_cause_neutral_high": ("neutral", "h", 8, "Special cause: neutral"),
    "special_cause_neutral_low": ("neutral", "h", 8, "Special cause: neutral"),
}
LIMIT_INK = "#404040"
MEAN_INK = "#1A1A1A"
LINE_INK = "#8C8C8C"


def _legend_entries(spec: dict) -> int:
    """As many as `draw_spc` adds: value, mean, limits, 2-sigma, each kind of special
    cause, revised, target."""
    limits = any(g["upper"] is not None for g in spec["groups"])
    kinds = {MARKS[t][3] for t in spec["types"] if t in MARKS}
    return (2 + limits + (limits and spec["two_sigma"]) + len(kinds) + bool(spec["revised"])
            + any(t is not None for t in spec["target"]))


def draw_spc(spec: dict) -> bytes:
    style, size, colours = spec["style"], spec["style"]["font_size"], spec["colours"]
    fig = Figure(figsize=(spec["width"] / 72, spec["height"] / 72))
    rows = math.ceil(_legend_entries(spec) / 4)
    bottom = (40 + 14 * rows) / spec["height"]  # two-line tick labels, then the legend
    ax = _axes(fig, (0.09, bottom, 0.84, 0.95 - bottom))
    values, labels = spec["values"], spec["labels"]
    xs = list(range(len(values)))
    ax.plot(xs, values, color=LINE_INK, linewidth=1.6, zorder=2)
    ax.plot(xs, values, linestyle="none", marker="o", markersize=3.5,
            color="#5A5A5A", zorder=3)
    handles = [Line2D([], [], color=LINE_INK, marker="o", markersize=3.5,
                      markerfacecolor="#5A5A5A", markeredgecolor="#5A5A5A", label="Value")]
    for group in spec["groups"]:
        span = (group["first"] - 0.4, group["last"] + 0.4)
        ax.plot(span, [group["mean"]] * 2, color=MEAN_INK, linewidth=1.3, zorder=1)
        if group["upper"] is not None:
            for level in (group["lower"], group["upper"]):
                ax.plot(span, [level] * 2, color=LIMIT_INK, linewidth=1.1, linestyle="--",
                        zorder=1)
            if spec["two_sigma"]:
                for level in (group["lower_two_sigma"], group["upper_two_sigma"]):
                    ax.plot(span, [level] * 2, color=LIMIT_INK, linewidth=0.8,
                            linestyle=(0, (1, 2)), zorder=1)
        if group["rebase"]:
            ax.axvline(group["first"] - 0.5, color=MEAN_INK, linewidth=1.2, zorder=1)
            ax.annotate("Rebased", (group["first"] - 0.5, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(3, -2), textcoords="offset points", ha="left", va="top",
                        fontsize=size, fontweight="bold")
    handles.append(Line2D([], [], color=MEAN_INK, linewidth=1.3, label="Mean"))
    if any(g["upper"] is not None for g in spec["groups"]):
        handles.append(Line2D([], [], color=LIMIT_INK, linewidth=1.1, linestyle="--",
                              label="Process limits"))
        if spec["two_sigma"]:
            handles.append(Line2D([], [], color=LIMIT_INK, linewidth=0.8,
                                  linestyle=(0, (1, 2)), label="2-sigma"))
    shown = set()
    for kind, (colour, marker, marker_size, words) in MARKS.items():
        at = [x for x, t in zip(xs, spec["types"]) if t == kind]
        if not at:
            continue
        ax.plot(at, [values[x] for x in at], linestyle="none", marker=marker,
                markersize=marker_size, color=colours[colour], markeredgecolor="#000000",
                markeredgewidth=0.8, zorder=4)
        if words not in shown:
            shown.add(words)
            handles.append(Line2D([], [], linestyle="none", marker=marker,
                                  markersize=marker_size, color=colours[colour],
                                  markeredgecolor="#000000", label=words))
    if spec["revised"]:
        at = spec["revised"]
        ax.plot(at, [values[x] for x in at], linestyle="none", marker="s", markersize=10,
                markerfacecolor="none", markeredgecolor="#000000", markeredgewidth=1.0,
                zorder=5)
        handles.append(Line2D([], [], linestyle="none", marker="s", markersize=8,
                              markerfacecolor="none", markeredgecolor="#000000",
                              label="Revised"))
    target = [(x, t) for x, t in zip(xs, spec["target"]) if t is not None]
    if target:
        tx, ty = zip(*target)
        handles += ax.plot(tx, ty, color=style["target"], linewidth=1.6, linestyle="-.",
                           drawstyle="steps-mid" if len(target) > 1 else "default",
                           label="Target", zorder=1)
    ax.annotate(_fmt(values[-1], spec), (xs[-1], values[-1]), xytext=(6, 6),
                textcoords="offset points", fontsize=size, fontweight="bold")
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_xticks(xs)
    step = 1 if len(xs) <= 18 else 2 if len(xs) <= 36 else math.ceil(len(xs) / 18)
    ax.set_xticklabels([label if i % step == 0 else "" for i, label in enumerate(labels)],
                       fontsize=size, linespacing=1.1)
    ax.tick_params(axis="y", labelsize=size)
    ax.yaxis.set_major_formatter(_tick_formatter(ax.yaxis, spec))
    ax.grid(axis="y", color="#E0E0E0", linewidth=0.5)
    ax.set_axisbelow(True)
    fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 4),
               fontsize=size, frameon=False, handlelength=2.2, columnspacing=1.0,
               bbox_to_anchor=(0.5, 0.0))
    return _save(fig)
