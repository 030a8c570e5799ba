"""matplotlib drawing, imported only when a chart must actually be drawn."""

from __future__ import annotations

import io
from functools import lru_cache

import matplotlib

matplotlib.use("pdf")
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from report.layout.config import PROJECT  # noqa: E402

_FONT_FILES = [PROJECT / "fonts" / "PackChartSans.ttf", PROJECT / "fonts" / "PackChartSans-Bold.ttf"]


@lru_cache(maxsize=1)
def _setup() -> None:
    for path in _FONT_FILES:  # DejaVu Sans cut down for charts: see report/charts/fonts.py
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update({
        "pdf.fonttype": 42,  # embed TrueType subsets: real text, small files
        "pdf.compression": 6,
        "font.family": "Pack Chart Sans",
        "svg.hashsalt": "cabinet-pack",
        "axes.spines.top": False,
        "axes.spines.right": False,
    })


def draw(spec: dict) -> bytes:
    _setup()
    if spec["kind"] == "trend":
        return _trend(spec)
    raise ValueError(f"unknown chart kind {spec['kind']}")


def _fmt(value: float, spec: dict) -> str:
    text = f"{value:,.{spec['decimals']}f}"
    return text + "%" if spec["unit"] == "percent" else text


def _trend(spec: dict) -> bytes:
    style = spec["style"]
    size = style["font_size"]
    fig = Figure(figsize=(spec["width"] / 72, spec["height"] / 72))
    ax = fig.add_axes((0.09, 0.29, 0.84, 0.66))
    labels = spec["labels"]
    xs = list(range(len(labels)))
    last = spec["latest_index"]

    def points(values):
        return [(x, v) for x, v in zip(xs, values) if v is not None]

    handles = []
    outturn = points(spec["outturn"])
    if outturn:
        ox, oy = zip(*outturn)
        handles += ax.plot(ox, oy, color=style["outturn"], linewidth=2.2, marker="o",
                           markersize=5, label="Reported outturn", zorder=3)
        ax.annotate(_fmt(oy[-1], spec), (ox[-1], oy[-1]), xytext=(6, 6),
                    textcoords="offset points", fontsize=size, color=style["outturn"],
                    fontweight="bold")
    if spec["recalculated"]:
        recalc = points(spec["recalculated"])
        rx, ry = zip(*recalc)
        handles += ax.plot(rx, ry, color=style["recalculated"], linewidth=1.6, linestyle="--",
                           marker="s", markersize=4.5, markerfacecolor="white",
                           label="Recalculated", zorder=2)
    target = spec["target"]
    solid = [(x, v) for x, v in zip(xs, target) if v is not None and x <= last]
    dotted = [(x, v) for x, v in zip(xs, target) if v is not None and x >= last]
    if solid:
        tx, ty = zip(*solid)
        handles += ax.plot(tx, ty, color=style["target"], linewidth=1.8, drawstyle="steps-mid"
                           if len(solid) > 1 else "default", label="Target", zorder=1)
    if len(dotted) > 1:
        dx, dy = zip(*dotted)
        handles += ax.plot(dx, dy, color=style["target"], linewidth=1.8, linestyle=":",
                           label="Target to year end", zorder=1)
        ax.annotate(f"EoY {_fmt(dy[-1], spec)}", (dx[-1], dy[-1]), xytext=(-4, 6),
                    textcoords="offset points", fontsize=size, color=style["target"],
                    ha="right")
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_xticks(xs)
    # Level two-line labels ("Feb / 19"): easier to read on paper than turned text.
    step = 1 if len(xs) <= 18 else 2
    ax.set_xticklabels([label if i % step == 0 else "" for i, label in enumerate(labels)],
                       fontsize=size, linespacing=1.1)
    ax.tick_params(axis="y", labelsize=size)
    ax.yaxis.set_major_formatter(lambda v, _pos: _fmt(v, {**spec, "decimals": max(
        0, spec["decimals"] - 1)}))
    ax.grid(axis="y", color="#CCCCCC", linewidth=0.6)
    ax.set_axisbelow(True)
    if handles:
        fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 4),
                   fontsize=size, frameon=False, handlelength=2.2, columnspacing=1.2,
                   bbox_to_anchor=(0.5, 0.0))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="pdf", metadata={"Creator": None, "Producer": None,
                                                "CreationDate": None})
    return buffer.getvalue()
