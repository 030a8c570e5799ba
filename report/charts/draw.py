"""matplotlib drawing, imported only when a chart must actually be drawn."""

from __future__ import annotations

import io
from contextlib import contextmanager
from functools import lru_cache
from types import SimpleNamespace

from report.lazy import import_on_first_use

# matplotlib imports fontTools' subsetter (~0.1 s) for what the whole chart fonts below
# never need.
import_on_first_use("fontTools.subset")

import matplotlib  # noqa: E402

matplotlib.use("pdf")
from matplotlib import font_manager  # noqa: E402
from matplotlib.backends import _backend_pdf_ps, backend_pdf  # noqa: E402,F401 - imported once
from matplotlib.figure import Figure  # noqa: E402

from report.paths import FONTS  # noqa: E402

_FONT_FILES = [FONTS / "PackChartSans.ttf", FONTS / "PackChartSans-Bold.ttf"]


@lru_cache(maxsize=1)
def _setup() -> None:
    _embed_whole_fonts()
    for path in _FONT_FILES:  # DejaVu Sans cut down for charts: see report/charts/fonts.py
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update({
        "pdf.fonttype": 42,  # embed TrueType subsets: real text, small files
        # matplotlib's PDF writer sizes its font subsets from ps.fonttype: at its default
        # (3) every character past U+00FF ("←", "→", "–") went to a second subset
        # numbered from 0, and character 0 is the font's .notdef to a PDF reader.
        "ps.fonttype": 42,
        "pdf.compression": 6,
        "font.family": "Pack Chart Sans",
        "svg.hashsalt": "cabinet-pack",
        "axes.spines.top": False,
        "axes.spines.right": False,
    })


class _WholeFont(bytes):
    """A chart font's file, standing in for the subset matplotlib would make."""


class _SameGlyphs(dict):
    """Glyph numbers in the whole font are the font's own."""

    def __missing__(self, glyph):
        return glyph


def _embed_whole_fonts() -> None:
    """Embed the chart fonts whole instead of subsetting them for every chart.

    They are small (see report/charts/fonts.py), and subsetting cost about a quarter of
    each chart's time. The whole file is the same bytes in every chart, so placing the
    charts keeps one copy per pack (report/pdf/post.py). Other fonts subset as usual.
    """
    ours = {str(path): _WholeFont(path.read_bytes()) for path in _FONT_FILES}
    subset, as_file = _backend_pdf_ps.get_glyphs_subset, _backend_pdf_ps.font_as_file

    @contextmanager
    def whole(font):
        yield SimpleNamespace(font=font, glyph_index_map=_SameGlyphs())

    def get_glyphs_subset(fontfile, glyphs):
        font = ours.get(str(fontfile))
        return whole(font) if font is not None else subset(fontfile, glyphs)

    def font_as_file(font):
        return io.BytesIO(font) if isinstance(font, _WholeFont) else as_file(font)

    _backend_pdf_ps.get_glyphs_subset = get_glyphs_subset
    _backend_pdf_ps.font_as_file = font_as_file


def draw(spec: dict) -> bytes:
    if spec["kind"] == "trend":
        return _trend(spec)
    if spec["kind"] == "quartiles":
        return _quartiles(spec)
    if spec["kind"] == "areas":
        return _areas(spec)
    raise ValueError(f"unknown chart kind {spec['kind']}")


_setup()  # here, so a fork server that imports this module sets up every worker it forks


def _tick_formatter(axis, spec: dict):
    """Tick labels with as many decimals as the tick step needs (0.5 steps print 7.5,
    never a second "8%"), in the measure's unit."""

    def label(value, _position):
        ticks = axis.get_ticklocs()
        step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
        decimals = 0
        while decimals < 4 and abs(round(step, decimals) - step) > step * 1e-6:
            decimals += 1
        return _fmt(value, {**spec, "decimals": decimals})

    return label


def _fmt(value: float, spec: dict) -> str:
    text = f"{value:z,.{spec['decimals']}f}"  # z: a tick at -1e-17 reads 0.0, not -0.0
    return text + "%" if spec["unit"] == "percent" else text


def _axes(fig: Figure, box: tuple[float, float, float, float]):
    """Axes without axis titles. Placing the (empty) titles by hand spares matplotlib
    measuring every tick label again to place them: about a tenth of a chart's time."""
    ax = fig.add_axes(box)
    ax.xaxis.set_label_coords(0.5, 0.0)
    ax.yaxis.set_label_coords(0.0, 0.5)
    return ax


def _save(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    # Transparent: the page shows through (a DRAFT mark drawn beneath stays visible).
    fig.savefig(buffer, format="pdf", transparent=True,
                metadata={"Creator": None, "Producer": None, "CreationDate": None})
    return buffer.getvalue()


# Quartile bands from worst to best: light to dark, so greyscale print keeps the order.
_BANDS = ("#F2F2F2", "#D9D9D9", "#B3B3B3", "#595959")  # white on the last: 7:1 contrast


def _quartiles(spec: dict) -> bytes:
    """Four equal bands, worst to best, better always to the right; the council's marker
    sits in its band in proportion to its value. Equal bands keep every label readable
    however skewed the national spread; the table beside gives the real scale."""
    style, size = spec["style"], spec["style"]["font_size"]
    fig = Figure(figsize=(spec["width"] / 72, spec["height"] / 72))
    ax = _axes(fig, (0.05, 0.34, 0.90, 0.34))
    bounds = spec["boundaries"]
    for index in range(4):
        ax.axvspan(index, index + 1, color=_BANDS[index], ec="#404040", lw=0.8)
        ax.text(index + 0.5, 0.5, f"{('4th', '3rd', '2nd', '1st')[index]} quartile", ha="center",
                va="center", fontsize=size, color="#000000" if index < 3 else "#FFFFFF")
    value = spec["value"]
    position = 0.0 if _beyond(bounds[0], value, spec) else 4.0
    for index, (start, end) in enumerate(zip(bounds, bounds[1:])):
        if _between(value, start, end):
            position = index + (0.5 if end == start else (value - start) / (end - start))
            break
    ax.set_xlim(0, 4)
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.set_xticks(range(5))
    ax.set_xticklabels([_fmt(b, spec) for b in bounds], fontsize=size)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.plot([position], [1.1], marker="v", markersize=13, color=style["target"],
            markeredgecolor="#000000", clip_on=False)
    ax.annotate(f"{spec['council']} {_fmt(value, spec)} ({spec['current']} quartile)",
                (position, 1.1), xytext=(0, 11), textcoords="offset points",
                ha="left" if position < 1 else "right" if position > 3 else "center",
                fontsize=size, fontweight="bold", annotation_clip=False)
    ax.annotate("\u2190 Worse", (0.0, -0.75), xycoords="axes fraction", fontsize=size,
                ha="left", color="#404040")
    ax.annotate("Better \u2192", (1.0, -0.75), xycoords="axes fraction", fontsize=size,
                ha="right", color="#404040")
    return _save(fig)


def _between(value: float, start: float, end: float) -> bool:
    return min(start, end) <= value <= max(start, end)


def _beyond(worst: float, value: float, spec: dict) -> bool:
    """True when the value is worse than the national worst."""
    return value > worst if spec["polarity"] == "lower" else value < worst


def _areas(spec: dict) -> bytes:
    style, size = spec["style"], spec["style"]["font_size"]
    fig = Figure(figsize=(spec["width"] / 72, spec["height"] / 72))
    left = 0.26
    bottom = 40 / spec["height"]
    ax = _axes(fig, (left, bottom, 0.70, 1 - bottom - 14 / spec["height"]))
    names, values = spec["areas"], spec["values"]
    ys = list(range(len(names)))
    ax.barh(ys, values, color="#9A9A9A", edgecolor="#000000", linewidth=0.6, height=0.62,
            zorder=2)
    ax.set_yticks(ys)
    ax.set_yticklabels(names, fontsize=size)
    ax.invert_yaxis()
    for y, v in zip(ys, values):
        ax.annotate(_fmt(v, spec), (v, y), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=size, zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})
    handles = [ax.axvline(spec["overall"], color=style["outturn"], linestyle="--", linewidth=1.6, zorder=3,
                          label=f"Council-wide {_fmt(spec['overall'], spec)}")]
    if spec["target"] is not None:
        handles.append(ax.axvline(spec["target"], color=style["target"], linestyle=":",
                                  linewidth=2.0, zorder=3, label=f"Target {_fmt(spec['target'], spec)}"))
    top = max(values + [spec["overall"], spec["target"] or 0]) if values else 1
    ax.set_xlim(0, top * 1.15)
    ax.tick_params(axis="x", labelsize=size)
    ax.xaxis.set_major_formatter(_tick_formatter(ax.xaxis, spec))
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=size,
               frameon=False, bbox_to_anchor=(0.5, 0.0))
    return _save(fig)


def _axis_break(ax) -> None:
    """An axis that does not start at zero says so: a break mark at its foot."""
    bottom, _ = ax.get_ylim()
    if bottom <= 0:
        return
    marks = dict(transform=ax.transAxes, color="#1A1A1A", clip_on=False, linewidth=1.2,
                 zorder=5)
    for y in (0.025, 0.055):
        ax.plot([-0.012, 0.012], [y - 0.015, y + 0.015], **marks)


def _trend(spec: dict) -> bytes:
    style = spec["style"]
    size = style["font_size"]
    fig = Figure(figsize=(spec["width"] / 72, spec["height"] / 72))
    ax = _axes(fig, (0.09, 0.29, 0.84, 0.66))
    labels = spec["labels"]
    xs = list(range(len(labels)))
    last = spec["latest_index"]

    def series(values):
        """NaN where a period has no value, so the line breaks there instead of bridging."""
        return [float("nan") if v is None else v for v in values]

    handles = []
    outturn = spec["outturn"]
    known = [(x, v) for x, v in zip(xs, outturn) if v is not None]
    if known:
        handles += ax.plot(xs, series(outturn), color=style["outturn"], linewidth=2.2,
                           marker="o", markersize=5, label="Reported outturn", zorder=3)
        lx, ly = known[-1]
        ax.annotate(_fmt(ly, spec), (lx, ly), xytext=(6, 6), textcoords="offset points",
                    fontsize=size, color=style["outturn"], fontweight="bold")
    if spec["recalculated"]:
        # only the revised periods, as hollow squares: a line over the outturn hides them
        revised = [v if v is not None and o is not None and v != o else None
                   for v, o in zip(spec["recalculated"], outturn)]
        handles += ax.plot(xs, series(revised), color=style["recalculated"], linestyle="none",
                           marker="s", markersize=7, markerfacecolor="white",
                           markeredgewidth=1.6, label="Recalculated", zorder=4)
    target = spec["target"]
    solid = [(x, v) for x, v in zip(xs, target) if v is not None and x <= last]
    dotted = [(x, v) for x, v in zip(xs, target) if v is not None and x >= last]
    if solid:
        tx, ty = zip(*solid)
        # dashed, over the gridlines, in a hue no status uses: distinct in greyscale too
        handles += ax.plot(tx, ty, color=style["target"], linewidth=2.0, linestyle=(0, (6, 3)),
                           drawstyle="steps-mid" if len(solid) > 1 else "default",
                           label="Target", zorder=2.5)
        ax.annotate(f"Target {_fmt(ty[0], spec)}", (tx[0], ty[0]), xytext=(2, -13),
                    textcoords="offset points", fontsize=size, color=style["target"],
                    ha="left")
    if len(dotted) > 1:
        dx, dy = zip(*dotted)
        handles += ax.plot(dx, dy, color=style["target"], linewidth=2.0, linestyle=":",
                           label="Target to year end", zorder=2.5)
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
    ax.yaxis.set_major_formatter(_tick_formatter(ax.yaxis, spec))
    ax.grid(axis="y", color="#CCCCCC", linewidth=0.6)
    ax.set_axisbelow(True)
    _axis_break(ax)
    if handles:
        fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 4),
                   fontsize=size, frameon=False, handlelength=2.2, columnspacing=1.2,
                   bbox_to_anchor=(0.5, 0.0))
    return _save(fig)
