"""matplotlib drawing, imported only when a chart must actually be drawn."""

from __future__ import annotations

import io
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import matplotlib

matplotlib.use("pdf")
from matplotlib import font_manager
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from report.charts import words as chart_words
from report.charts import writer as chart_writer
from report.charts.spec import MARKS, legend_labels
from report.paths import FONTS

_FONT_FILES = [FONTS / "PackChartSans.ttf", FONTS / "PackChartSans-Bold.ttf"]


@lru_cache(maxsize=1)
def _setup() -> None:
    for path in _FONT_FILES:  # DejaVu Sans cut down for charts: see report/charts/fonts.py
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update({
        "pdf.fonttype": 42,  # embed TrueType subsets: real text, small files
        # matplotlib's PDF writer sizes its font subsets from ps.fonttype: at its default
        # (3) every character past U+00FF ("←", "→", "–") went to a second subset
        # numbered from 0, and character 0 is the font's .notdef to a PDF reader.
        "ps.fonttype": 42,
        # the fastest compression: at 6 it took 6% of a chart's time, for 5% fewer bytes
        # (most of them in the fonts, of which the pack keeps one copy)
        "pdf.compression": 1,
        "font.family": "Pack Chart Sans",
        "svg.hashsalt": "cabinet-pack",
        "axes.spines.top": False,
        "axes.spines.right": False,
    })


def draw(spec: dict) -> bytes:
    return _save(figure(spec))


def draw_png(spec: dict, dpi: int) -> bytes:
    """The chart as a PNG on white, for a Word document (the PDF's charts stay vector)."""
    buffer = io.BytesIO()
    figure(spec).savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def figure(spec: dict) -> Figure:
    """The chart as a matplotlib figure, before it is saved (tests measure what it drew)."""
    kinds = {"trend": _trend, "quartiles": _quartiles, "areas": _areas,
             "sparkline": _sparkline, "spc": spc_figure, "spc_legend": spc_legend_figure}
    if spec["kind"] not in kinds:
        raise ValueError(f"unknown chart kind {spec['kind']}")
    return kinds[spec["kind"]](_shown(spec))


def _shown(value):
    """The spec with its words as a chart shows them: without Unicode's control and
    format characters (a tab is a space; a line break stays, a label's own; a byte-order
    mark, zero-width spaces and joiners, soft hyphens and direction marks go), which have
    no visible form in a chart, which neither breaks, hyphenates nor reorders its words
    (and matplotlib's own PDF writer, which writes what the pack's cannot, fails on a
    byte-order mark inside a word); and a character no face of the pack's font has (an
    emoji, a Chinese character) as "\ufffd", as the pages print it: PDF/UA allows no
    glyph a font lacks. Accents are set on their letters ("e" and U+0301 are "é"), and an
    accent or other mark that has no letter of its own to join is left out (matplotlib's
    writer draws it as a missing glyph); right-to-left words read as on the page."""
    if isinstance(value, str):
        if value.isascii() and value.replace("\n", "").isprintable():
            return value
        from report.scripts import printed, visual

        return printed(visual(unicodedata.normalize("NFC", value)), _drawn(), _UNSHOWN,
                       keep="\n")
    if isinstance(value, dict):
        return {key: _shown(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_shown(item) for item in value)
    return value


def _period_axes(fig: Figure, ax, spec: dict, periods: list[str], grid: tuple[str, float]
                 ) -> None:
    """What a chart over periods finishes with: a tick at every period, level two-line
    labels ("Feb / 19", easier to read on paper than turned text) at every one up to 18,
    every second up to 36, fewer beyond; the value axis in the measure's unit with its
    gridlines beneath, its baseline or break, and the unit above it."""
    size = spec["style"]["font_size"]
    count = len(periods)
    ax.set_xlim(-0.5, count - 0.5)
    _period_ticks(ax, periods, 1 if count <= 18 else 2 if count <= 36 else math.ceil(count / 18),
                  size)
    ax.set_axisbelow(True)
    _baseline(ax, spec, grid)
    _unit_title(fig, ax, spec)


def _period_ticks(ax, labels: list[str], step: int, size: float) -> None:
    """A tick mark at every period, a label at every `step`-th."""
    every = range(len(labels))
    _ticks_below(ax, list(every), [(index, labels[index]) for index in every[::step]], size,
                 linespacing=1.1)


def _ticks_below(ax, marks: list[float], labels: list[tuple[float, str]], size: float,
                 **text) -> None:
    """Tick marks under the plot at `marks` (in data) and labels at theirs."""
    _ticks(ax, "x", marks, labels, size, **text)


def _ticks(ax, axis: str, marks: list[float], labels: list[tuple[float, str]], size: float,
           **text) -> None:
    """Tick marks on the x axis (below the plot) or the y axis (left of it) at `marks`, and
    labels at theirs, drawn where and as the axis draws its own ticks and labels, but as
    one line of tick marks and a text per label: an axis tick is five artists (two lines,
    two texts, a gridline) and the axis measures every label twice over to place a title
    that no chart here has."""
    from matplotlib.lines import TICKDOWN, TICKLEFT

    rc = matplotlib.rcParams
    length, pad = rc[f"{axis}tick.major.size"], rc[f"{axis}tick.major.pad"]
    if axis == "x":
        ax.set_xticks([])
        marked = {"xdata": marks, "ydata": [0] * len(marks), "marker": TICKDOWN,
                  "transform": ax.get_xaxis_transform()}
        # where the axis puts a tick's label: beyond the tick mark and the tick's padding
        place, va, ha = ax.get_xaxis_text1_transform(length + pad)
    else:
        ax.set_yticks([])
        marked = {"xdata": [0] * len(marks), "ydata": marks, "marker": TICKLEFT,
                  "transform": ax.get_yaxis_transform()}
        place, va, ha = ax.get_yaxis_text1_transform(length + pad)
    _line(ax, linestyle="none", markersize=length, markeredgewidth=rc[f"{axis}tick.major.width"],
          color=rc[f"{axis}tick.color"], clip_on=False, zorder=2.5, gid="tick-marks", **marked)
    for at, words in labels:
        x, y = (at, 0) if axis == "x" else (0, at)
        ax.text(x, y, words, transform=place, va=va, ha=ha, fontsize=size,
                gid=f"{axis}tick-label", **text)


_setup()  # here, so a fork server that imports this module sets up every worker it forks


def _tick_text(value: float, step: float, spec: dict) -> str:
    """A tick's label in the measure's unit, with as many decimals as the step between
    ticks needs (0.5 steps print 7.5, never a second "8%")."""
    decimals = 0
    while decimals < 4 and abs(round(step, decimals) - step) > step * 1e-6:
        decimals += 1
    return _fmt(value, {**spec, "decimals": decimals})


def _fmt(value: float, spec: dict) -> str:
    """The pack's one number format (half up, never -0.0): 2.675 reads 2.68 on the chart as
    on the tile beside it."""
    from report.compute.format import value as formatted

    return formatted(float(value), spec["unit"], spec["decimals"])  # ticks are numpy floats


# -- one figure per kind of chart, reused ------------------------------------------------
# A new figure and axes cost a third of a chart's drawing: matplotlib builds the axes, their
# spines, axis objects and a tick apiece, each with its lines and texts. So each worker
# builds them once per kind of chart and each chart of that kind empties them of the last
# chart's artists and limits, and sets its own. What a chart leaves behind is removed by
# `_emptied`; tests/test_chart_reuse.py holds a chart drawn after others of its kind to
# the same bytes as drawn first in a fresh process.

@dataclass
class _Scaffold:
    fig: Figure
    ax: object | None  # matplotlib Axes, or None for a chart of words and samples only
    kept: frozenset  # the scaffold's own artists: anything else a chart added


_SCAFFOLDS: dict[str, _Scaffold] = {}


def _chart(spec: dict, box: tuple[float, float, float, float] | None = None,
           axis_off: bool = False):
    """The figure (and axes at `box`, in figure fractions) for a chart of this spec's kind,
    at the spec's size and empty: built once per process and kind, emptied thereafter."""
    scaffold = _SCAFFOLDS.get(spec["kind"])
    if scaffold is None:
        scaffold = _SCAFFOLDS[spec["kind"]] = _scaffold(box is not None, axis_off)
    else:
        _emptied(scaffold)
    scaffold.fig.set_size_inches(spec["width"] / 72, spec["height"] / 72)
    if scaffold.ax is not None:
        scaffold.ax.set_position(box)
    return scaffold.fig, scaffold.ax


def _scaffold(with_axes: bool, axis_off: bool) -> _Scaffold:
    """A figure and its axes without axis titles. Placing the (empty) titles by hand spares
    matplotlib measuring every tick label again to place them."""
    fig = Figure()
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0)) if with_axes else None
    if ax is not None:
        ax.xaxis.set_label_coords(0.5, 0.0)
        ax.yaxis.set_label_coords(0.0, 0.5)
        if axis_off:
            ax.set_axis_off()
    kept = set(fig.get_children()) | (set(ax.get_children()) if ax is not None else set())
    return _Scaffold(fig, ax, frozenset(kept))


def _emptied(scaffold: _Scaffold) -> None:
    """The scaffold as built: the last chart's artists removed and the axes' limits back to
    automatic over no data (each chart sets its ticks, limits and spines again)."""
    fig, ax = scaffold.fig, scaffold.ax
    children = fig.get_children() + (ax.get_children() if ax is not None else [])
    for artist in children:
        if artist not in scaffold.kept:
            artist.remove()
    if ax is not None:
        ax.relim()
        ax.set_xlim(0.0, 1.0, auto=True)
        ax.set_ylim(0.0, 1.0, auto=True)


# Lines are added as artists, not through `ax.plot` and `ax.hlines`: those also work out
# units and data limits (as long again as making the line), which no chart here uses, as
# each sets its own limits.

def _line(ax, xdata, ydata, **style) -> Line2D:
    """A line, or a row of marks, drawn as `ax.plot` draws it."""
    line = Line2D(xdata, ydata, **style)
    ax.add_artist(line)
    return line


def _levels(ax, ys, starts, ends, **style) -> None:
    """Horizontal lines from `starts` to `ends` (each one number or one per line) as one
    collection, drawn as `ax.hlines` draws them."""
    count = len(ys)
    starts = starts if isinstance(starts, list) else [starts] * count
    ends = ends if isinstance(ends, list) else [ends] * count
    ax.add_artist(LineCollection([[(a, y), (b, y)] for y, a, b in zip(ys, starts, ends)],
                                 **style))


def _save(fig: Figure) -> bytes:
    """The chart's PDF, written by the pack (report/charts/writer.py); a chart that draws
    something that writer does not write (a word the chart fonts lack, transparency) is
    saved by matplotlib, words and all."""
    faces = _faces()
    if _in_full_faces(fig, faces):  # words the chart fonts lack: the whole font too
        faces = {**faces, **_full_faces()}
    try:
        return chart_writer.written(fig, faces)
    except chart_writer.Unsupported:
        _in_full_faces(fig)
        buffer = io.BytesIO()
        # Transparent: the page shows through (a DRAFT mark drawn beneath stays visible).
        fig.savefig(buffer, format="pdf", transparent=True,
                    metadata={"Creator": None, "Producer": None, "CreationDate": None})
        return buffer.getvalue()


# Control and format characters, and marks set on another letter (accents, strokes).
_UNSHOWN = ("Cc", "Cf", "Mn", "Me")
# The pack's text font whole: the chart fonts are cut from it (report/charts/fonts.py).
_FULL_FILES = {"normal": FONTS / "DejaVuSans.ttf", "bold": FONTS / "DejaVuSans-Bold.ttf"}


def _in_full_faces(fig: Figure, faces: dict | None = None) -> bool:
    """Words in the whole font the chart fonts were cut from (the same glyphs, and the
    letters beyond Latin, Greek and Hebrew among them, that the cut-down fonts leave out):
    every word, or with `faces`, those the chart fonts do not have every letter of. Then
    the pack's writer embeds the whole font, once a pack, and matplotlib's, where it
    writes a chart, draws no missing glyph. Whether any word changed font."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.text import Text

    changed = False
    for text in fig.findobj(Text):
        if faces is not None:
            face = faces.get(chart_words.font_path(text.get_fontproperties()))
            words = text.get_text().replace("\n", "")
            if face is None or all(ord(c) in face.glyphs for c in words):
                continue
        weight = text.get_fontweight()
        bold = weight in ("bold", "heavy", "extra bold", "black") or (
            isinstance(weight, (int, float)) and weight >= 600)
        text.set_fontproperties(FontProperties(
            fname=str(_FULL_FILES["bold" if bold else "normal"]), size=text.get_fontsize()))
        changed = True
    return changed


@lru_cache(maxsize=1)
def _full_faces() -> dict[str, chart_words.Face]:
    return {str(path): chart_words.face(str(path)) for path in _FULL_FILES.values()}


@lru_cache(maxsize=1)
def _drawn() -> frozenset[str]:
    """The characters both faces of the whole font draw, as a chart shows them (not the
    control and format characters, nor marks set on another letter: `_UNSHOWN`)."""
    from matplotlib.ft2font import FT2Font

    maps = [set(FT2Font(str(path)).get_charmap()) for path in _FULL_FILES.values()]
    return frozenset(c for c in map(chr, set.intersection(*maps))
                     if unicodedata.category(c) not in _UNSHOWN)


@lru_cache(maxsize=1)
def _faces() -> dict[str, chart_words.Face]:
    return {str(path): chart_words.face(str(path)) for path in _FONT_FILES}


# Quartile bands from worst to best: light to dark, so greyscale print keeps the order.
_BANDS = ("#F2F2F2", "#D9D9D9", "#B3B3B3", "#595959")  # white on the last: 7:1 contrast


def _quartiles(spec: dict) -> Figure:
    """Four equal bands, worst to best, better always to the right; the council's marker
    sits in its band in proportion to its value. Equal bands keep every label readable
    however skewed the national spread; the table beside gives the real scale."""
    style, size = spec["style"], spec["style"]["font_size"]
    fig, ax = _chart(spec, (0.05, 0.34, 0.90, 0.34))
    bounds = spec["boundaries"]
    for index in range(4):
        # a band the plot's height, as `ax.axvspan` draws it, without its data limits
        ax.add_artist(Rectangle((index, 0), 1, 1, transform=ax.get_xaxis_transform(),
                                color=_BANDS[index], ec="#404040", lw=0.8))
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
    _ticks_below(ax, list(range(5)), [(i, _fmt(b, spec)) for i, b in enumerate(bounds)], size)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    _line(ax, [position], [1.1], marker="v", markersize=13, color=style["target"],
          markeredgecolor="#000000", clip_on=False)
    # the council's label over its marker, inside the chart's width wherever the marker is
    # (a long council name is shortened by whole words, its figure and quartile kept)
    width, box = float(spec["width"]), ax.get_position()
    tail = f" {_fmt(value, spec)} ({spec['current']} quartile)"
    tail_width = _text_width(tail, size, bold=True)
    label = _shortened(spec["council"], size, width - 8 - tail_width, bold=True) + tail
    label_width = _text_width(label, size, bold=True)
    at = (box.x0 + box.width * position / 4) * width  # the marker, in points from the left
    left = min(max(at - label_width / 2, 4.0), width - 4 - label_width)
    ax.annotate(label, (position, 1.1), xytext=(left - at, 11), textcoords="offset points",
                ha="left", fontsize=size, fontweight="bold", annotation_clip=False,
                gid="council")
    worse, better = "\u2190 Worse", f"{spec.get('better') or 'Better'} \u2192"
    ax.annotate(worse, (0.0, -0.75), xycoords="axes fraction", fontsize=size,
                ha="left", color="#404040")
    # better is always to the right; the words say which way the numbers run there
    ax.annotate(better, (1.0, -0.75), xycoords="axes fraction", fontsize=size, ha="right",
                color="#404040", gid="better")
    sides = 2 * max(_text_width(worse, size), _text_width(better, size)) + 24
    ax.annotate(_shortened(spec["unit_text"], size, box.width * width - sides), (0.5, -0.75),
                xycoords="axes fraction", fontsize=size, ha="center", color="#1A1A1A",
                gid="unit")
    return fig


def _between(value: float, start: float, end: float) -> bool:
    return min(start, end) <= value <= max(start, end)


def _beyond(worst: float, value: float, spec: dict) -> bool:
    """True when the value is worse than the national worst."""
    return value > worst if spec["polarity"] == "lower" else value < worst


@lru_cache(maxsize=4096)
def _text_width(text: str, size: float, bold: bool = False) -> float:
    """The widest line's width in points, from the chart font's own metrics, a little
    generous: the drawn text's extent runs up to 3% and a point wider."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    if all(ord(c) in _faces()[str(_FONT_FILES[bold])].glyphs for c in text if c != "\n"):
        prop = FontProperties(family="Pack Chart Sans", size=size,
                              weight="bold" if bold else "normal")
    else:  # as it will be drawn: in the whole font (see `_in_full_faces`)
        prop = FontProperties(fname=str(_FULL_FILES["bold" if bold else "normal"]), size=size)
    return max((TextToPath().get_text_width_height_descent(line, prop, ismath=False)[0]
                * 1.03 + 1.5 for line in text.split("\n")), default=0.0)


# The area chart's reference lines: the council-wide figure thin and dashed in the
# outturn's ink, the target heavy and dotted in the target's hue, so the two stay apart in
# greyscale by dash and weight even a pixel apart; each is named at its top, in its ink.
COUNCIL_LINE = {"linestyle": (0, (6, 3)), "linewidth": 1.2}
TARGET_LINE = {"linestyle": (0, (0.1, 2.2)), "linewidth": 2.8, "dash_capstyle": "round"}
_LABEL_GAP = 3.0  # points between a reference line and its label


def _areas(spec: dict) -> Figure:
    """Horizontal bars best first, from zero (leftwards for a value below it). The values
    stand in a column of their own at the right, beyond the plot, so no reference line can
    run through one; the reference lines are named above the bars, each label beside its
    own line's top and clear of the other line."""
    from report.charts.spec import AREA_FOOT, AREA_LABEL_ROW, AREA_LINE, AREA_ROW

    style, size = spec["style"], spec["style"]["font_size"]
    width, height = spec["width"], spec["height"]
    names, values = spec["areas"], spec["values"]
    texts = [_fmt(v, spec) for v in values]
    left = min(max((_text_width(n, size) for n in names), default=0.0) + 10, width * 0.5)
    right = max((_text_width(t, size) for t in texts), default=0.0) + 12
    lines = max([n.count("\n") + 1 for n in names] or [1])
    plot_height = (AREA_ROW + AREA_LINE * (lines - 1)) * max(len(names), 1)
    fig, ax = _chart(spec, (left / width, AREA_FOOT / height, (width - left - right) / width,
                            plot_height / height))
    ys = list(range(len(names)))
    for y, value in zip(ys, values):  # bars as `ax.barh` draws them, without data limits
        ax.add_artist(Rectangle((0, y - 0.31), value, 0.62, facecolor="#9A9A9A",
                                edgecolor="#000000", linewidth=0.6, zorder=2))
    _ticks(ax, "y", ys, list(zip(ys, names)), size, linespacing=1.0)
    ax.set_ylim(max(len(names), 1) - 0.5, -0.5)  # the best at the top
    for y, text in zip(ys, texts):
        ax.annotate(text, (1.0, y), xycoords=("axes fraction", "data"),
                    xytext=(right - 2, 0), textcoords="offset points", ha="right",
                    va="center", fontsize=size)
    references = [(f"Council-wide {_fmt(spec['overall'], spec)}", spec["overall"],
                   style["outturn"], COUNCIL_LINE)]
    if spec["target"] is not None:
        references.append((f"Target {_fmt(spec['target'], spec)}", spec["target"],
                           style["target"], TARGET_LINE))
    # from zero to the largest value, and past zero to the left for a rate below zero
    top = max(values + [r[1] for r in references] + [0.0])
    foot = min(values + [r[1] for r in references] + [0.0])
    if top == foot:
        top = 1.0
    low, high = foot * 1.08, top * 1.08
    ax.set_xlim(low, high)
    plot_width = width - left - right
    at = [left + (r[1] - low) / (high - low) * plot_width for r in references]
    placed = _place_labels(at, [_text_width(r[0], size) for r in references], width)
    for (words, value, colour, line), (row, align) in zip(references, placed):
        rise = _LABEL_GAP + AREA_LABEL_ROW * row
        _line(ax, [value, value], [0, 1 + (rise + size * 0.8) / plot_height], color=colour,
              transform=ax.get_xaxis_transform(), clip_on=False, zorder=3,
              gid="target" if line is TARGET_LINE else "council-wide", **line)
        ax.annotate(words, (value, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(_LABEL_GAP if align == "left" else -_LABEL_GAP, rise),
                    textcoords="offset points", ha=align, va="bottom", fontsize=size,
                    color=colour, annotation_clip=False)
    ticks = [t for t in _value_ticks(foot, top, spec | {"from_zero": foot == 0})
             if low <= t <= high]
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    _ticks_below(ax, ticks, [(t, _tick_text(t, step, spec)) for t in ticks], size)
    ax.annotate(spec["unit_text"], (0.5, 0.0), xycoords="axes fraction", xytext=(0, -20),
                textcoords="offset points", ha="center", va="top", fontsize=size, gid="unit")
    if spec.get("better"):  # under the areas' names, level with the unit
        fig.text(4 / width, (AREA_FOOT - 20) / height, spec["better"], fontsize=size,
                 ha="left", va="top", color="#1A1A1A", gid="better")
    return fig


def _place_labels(at: list[float], widths: list[float], width: float
                  ) -> list[tuple[int, str]]:
    """A row (0 just above the bars) and a side ("left": the label starts at its line and
    runs right; "right": it ends there) for each reference line's label, so that every
    label lies inside the chart, no two labels share space, and no line crosses another's
    label on its way up to its own. Fewest rows first, then labels running right."""
    from itertools import product

    count = len(at)

    def span(index, align):
        x = at[index]
        return ((x + _LABEL_GAP, x + _LABEL_GAP + widths[index]) if align == "left"
                else (x - _LABEL_GAP - widths[index], x - _LABEL_GAP))

    def fits(rows, aligns):
        spans = [span(i, a) for i, a in enumerate(aligns)]
        if any(lo < 2 or hi > width - 2 for lo, hi in spans):
            return False
        for i, j in product(range(count), repeat=2):
            if i == j:
                continue
            (lo, hi) = spans[i]
            if rows[i] == rows[j] and not (spans[j][1] + 4 <= lo or hi + 4 <= spans[j][0]):
                return False
            if rows[j] > rows[i] and lo - 2 <= at[j] <= hi + 2:  # j's line passes i's label
                return False
        return True

    choices = [(rows, aligns) for rows in product(range(count), repeat=count)
               for aligns in product(("left", "right"), repeat=count) if fits(rows, aligns)]
    if not choices:
        return [(index, "left") for index in range(count)]
    rows, aligns = min(choices, key=lambda c: (max(c[0]), c[1].count("right"), c[0]))
    return list(zip(rows, aligns))


_UNIT_ROOM = 19  # points above a line chart's plot for its unit title


def _unit_title(fig: Figure, ax, spec: dict) -> None:
    """What the numbers are, above the value axis and level, so it reads on paper:
    "%", "applications", "beds per 100,000 18+ population"; shortened by whole words with
    "…" where it would run into which way is better, at the plot's right above it."""
    size = spec["style"]["font_size"]
    room = ax.get_position().width * fig.get_size_inches()[0] * 72
    if spec.get("better"):
        room -= _text_width(spec["better"], size) + 12
    ax.annotate(_shortened(spec["unit_text"], size, room), (0.0, 1.0),
                xycoords="axes fraction", xytext=(0, 5), textcoords="offset points",
                ha="left", va="bottom", fontsize=size, color="#1A1A1A", gid="unit")


def _shortened(text: str, size: float, room: float, bold: bool = False) -> str:
    """`text` as it fits `room` points: whole, else by whole words with "…"."""
    from report.scripts import by_whole_words

    return by_whole_words(text, room, lambda words: _text_width(words, size, bold))


def _baseline(ax, spec: dict, grid: tuple[str, float]) -> None:
    """The value axis from zero where the spec says so, else fitted to the data with a
    break mark at its foot (see `report.charts.spec.from_zero`); either way over the range
    the spec gives (`report.charts.spec.value_axis`), with at least three labelled ticks,
    room above for the latest value's label, and room at the edge for a far target's
    arrow. A broken axis starts at a tick, so its foot is labelled."""
    low, high = spec["axis"]["low"], spec["axis"]["high"]
    if spec["from_zero"]:
        low = 0.0
    if high <= low:
        high = low + (abs(low) * 0.1 or 1.0)
    ticks = _value_ticks(low, high, spec)
    high = max(high, ticks[2])  # a count over fewer than three whole numbers reaches a third
    if not spec["from_zero"]:
        low = max(t for t in ticks if t <= low)
    far = spec.get("target_far")
    room = _TOP_ROOM + (_FAR_ROOM if far == "above" else 0)
    share = room / _plot_height(ax)
    top = (high - share * low) / (1 - share)
    if far == "below":  # room under the lowest tick for the arrow, clear of every value
        room = _FAR_ROOM / _plot_height(ax) * (top - low)
        low = max(low - room, 0.0) if low > 0 else low - room
    ax.set_ylim(low, top)
    shown = [t for t in ticks if low <= t <= top]
    if not spec["from_zero"] and low > 0:
        _axis_break(ax)
    _value_tick_marks(ax, shown, spec, grid)


def _value_tick_marks(ax, ticks: list[float], spec: dict, grid: tuple[str, float]) -> None:
    """The value axis's ticks, labels and gridlines, drawn as the axis draws its own but
    as one line of tick marks, one collection of gridlines and a word per label: an axis
    tick apiece costs about 2 ms of a chart's 45, and a chart labels three to five."""
    from matplotlib.lines import TICKLEFT

    ax.set_yticks([])
    size, length = spec["style"]["font_size"], matplotlib.rcParams["ytick.major.size"]
    place = ax.get_yaxis_transform()  # x across the plot, y in the measure's values
    _levels(ax, ticks, 0, 1, transform=place, colors=grid[0], linewidth=grid[1], zorder=0.5,
            gid="gridlines")
    _line(ax, [0] * len(ticks), ticks, transform=place, linestyle="none", marker=TICKLEFT,
          markersize=length, markeredgewidth=matplotlib.rcParams["ytick.major.width"],
          color=matplotlib.rcParams["ytick.color"], clip_on=False, zorder=2.5)
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    for tick in ticks:
        ax.annotate(_tick_text(tick, step, spec), (0, tick), xycoords=place,
                    xytext=(-length - matplotlib.rcParams["ytick.major.pad"], 0),
                    textcoords="offset points", ha="right", va="center_baseline",
                    fontsize=size, gid="value-tick")


_TOP_ROOM = 16  # points above the highest value or line, so the latest value's label fits
_FAR_ROOM = 14  # points at the axis's edge for a far target's arrow and words


def _value_ticks(low: float, high: float, spec: dict) -> list[float]:
    """Round ticks from the axis's foot (zero, or the round number at or below the lowest
    value of a broken axis) up to the highest value: steps of 1, 2 or 5 times a power of
    ten that label three to five ticks, the widest whose foot leaves at most a quarter of
    the data's range empty (else the one leaving least), whole numbers for a count of
    whole things."""
    whole = spec["unit"] == "count" and spec.get("decimals", 0) == 0
    power = math.floor(math.log10(high - low))
    choices = []
    for exponent in range(power + 1, power - 3, -1):
        for multiple in (5, 2, 1):
            step = multiple * 10.0 ** exponent
            if whole and step < 1:
                continue
            first = 0.0 if spec["from_zero"] else math.floor(low / step + 1e-9) * step
            if round(first, _places(step)) > low:  # the tolerance for a foot on a multiple
                first -= step  # of the step lifted it over a value just below one
            count = math.floor((high - first) / step + 1e-9) + 1
            if 3 <= count <= 5:
                empty = low - first
                choices.append((empty > (high - low) / 4, empty if empty > (high - low) / 4
                                else 0.0, -step, first, count))
    if not choices:  # a count over fewer than three whole numbers: three of them
        foot = math.floor(low)
        return [float(v) for v in range(foot, max(math.floor(high), foot + 2) + 1)]
    *_, widest, first, count = min(choices)
    return [round(first + i * -widest, _places(-widest)) for i in range(count)]


def _places(step: float) -> int:
    """Decimal places that keep a tick a multiple of `step` without the float's noise
    (0.30000000000000004 is 0.3): ten, or more for a step too fine for ten."""
    return max(10, 3 - math.floor(math.log10(step)))


def _plot_height(ax) -> float:
    """The plot's height in points."""
    return ax.get_position().height * ax.figure.get_size_inches()[1] * 72


def _axis_break(ax) -> None:
    """An axis that does not start at zero says so: below its lowest tick the axis gains a
    strip with no data and no tick, and there the value axis is cut, the cut marked by two
    slanted strokes."""
    bottom, top = ax.get_ylim()
    box = ax.get_position()
    fig_width, fig_height = (v * 72 for v in ax.figure.get_size_inches())
    plot_height = box.height * fig_height
    strip = _BREAK_STRIP / plot_height * (top - bottom)
    ax.set_ylim(max(bottom - strip, 0.0), top)
    middle = (bottom - ax.get_ylim()[0]) / 2 / (top - ax.get_ylim()[0])
    dx, dy = 4.5 / (box.width * fig_width), 2.5 / plot_height
    low, high = middle - 2.5 / plot_height, middle + 2.5 / plot_height
    _line(ax, [0, 0], [low, high], transform=ax.transAxes, color="white", linewidth=3,
          clip_on=False, zorder=5, solid_capstyle="butt")
    for y in (low, high):
        _line(ax, [-dx, dx], [y - dy, y + dy], transform=ax.transAxes, color="#1A1A1A",
              linewidth=1.2, clip_on=False, zorder=6, solid_capstyle="butt",
              gid="axis-break")


_BREAK_STRIP = 13  # points of axis below the lowest tick, where the break is drawn


def _trend(spec: dict) -> Figure:
    style = spec["style"]
    size = style["font_size"]
    top = 1 - _UNIT_ROOM / spec["height"]
    fig, ax = _chart(spec, (0.09, 0.29, 0.84, top - 0.29))
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
        handles.append(_line(ax, xs, series(outturn), color=style["outturn"], linewidth=2.2,
                             marker="o", markersize=5, label="Reported outturn", zorder=3))
    if spec["recalculated"]:
        # only the revised periods, as hollow squares: a line over the outturn hides them
        revised = [v if v is not None and o is not None and v != o else None
                   for v, o in zip(spec["recalculated"], outturn)]
        handles.append(_line(ax, xs, series(revised), color=style["recalculated"],
                             linestyle="none", marker="s", markersize=7,
                             markerfacecolor="white", markeredgewidth=1.6,
                             label="Recalculated", zorder=4))
    target = spec["target"]
    solid = [(x, v) for x, v in zip(xs, target) if v is not None and x <= last]
    dotted = [(x, v) for x, v in zip(xs, target) if v is not None and x >= last]
    drawn = not spec.get("target_far")  # a far target is an arrow at the edge instead
    if solid and drawn:
        tx, ty = zip(*solid)
        # dashed, over the gridlines, in a hue no status uses: distinct in greyscale too
        handles.append(_line(ax, tx, ty, color=style["target"], linewidth=2.0,
                             linestyle=(0, (6, 3)),
                             drawstyle="steps-mid" if len(solid) > 1 else "default",
                             label="Target", zorder=2.5, gid="target"))
    if len(dotted) > 1 and drawn:
        dx, dy = zip(*dotted)
        handles.append(_line(ax, dx, dy, color=style["target"], linewidth=2.0, linestyle=":",
                             label="Target to year end", zorder=2.5, gid="target-ahead"))
    columns = _legend_columns([h.get_label() for h in handles], size, spec["width"],
                              spacing=1.2) if handles else 1
    rows = math.ceil(len(handles) / columns)
    bottom = (40 + 14 * rows) / spec["height"]  # two-line tick labels, then the legend
    ax.set_position((0.09, bottom, 0.84, top - bottom))
    _period_axes(fig, ax, spec, labels, grid=("#CCCCCC", 0.6))
    _event_marks(ax, spec)
    _explain(ax, spec | {"latest_colour": style["outturn"]}, known,
             sorted(set(solid) | set(dotted)))
    if handles:
        _legend(fig, handles, columns, size, spacing=1.2)
    return fig


def _explain(ax, spec: dict, series: list[tuple[float, float]],
             target: list[tuple[float, float]]) -> None:
    """What a trend or SPC chart says about itself, placed once its axes are final: which
    way is better, above the plot at its right; the latest value beside its point, level
    with it; and the target named at its line's end (`target`: the
    line's points), clear of the values and that label (or, when far beyond the data, as
    an arrow at the axis's edge)."""
    size = spec["style"]["font_size"]
    if spec.get("better") and spec["kind"] == "trend":  # the SPC chart's is in its legend
        ax.annotate(spec["better"], (1.0, 1.0), xycoords="axes fraction", xytext=(0, 5),
                    textcoords="offset points", ha="right", va="bottom", fontsize=size,
                    color="#1A1A1A", gid="better")
    far = spec.get("target_far")
    end = target[-1] if target else None
    taken: list[tuple[float, float, float, float]] = []  # labels placed, in points
    if series:
        # level with its point, on a white ground: a reader takes it for the point's value,
        # never for the value of a line (a mean, a limit) it would otherwise sit on
        latest = series[-1]
        text = _fmt(latest[1], spec)
        ax.annotate(text, latest, xytext=(6, 0), textcoords="offset points", va="center_baseline",
                    fontsize=size, gid="latest", color=spec.get("latest_colour", "#000000"),
                    fontweight="bold", zorder=4.5,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
        x, y = _points(ax, latest)
        left, right = x + 6, x + 6 + _text_width(text, size, bold=True)
        taken.append((left - 1, right + 1, y - size * 0.6, y + size * 0.6))
    if spec.get("target_label") is None or end is None:
        return
    ink = spec["style"]["target"]
    if far:
        edge = 1.0 if far == "above" else 0.0
        ax.annotate(spec["target_label"], (1.0, edge), xycoords="axes fraction",
                    xytext=(-2, -2 if far == "above" else 2), textcoords="offset points",
                    ha="right", va="top" if far == "above" else "bottom", fontsize=size,
                    color=ink, fontweight="bold", gid="target-label")
        return
    at, above = _target_place(ax, spec, series, target, taken,
                              prefer_above=not series or series[-1][1] < end[1])
    # on a white ground: the limits and gridlines it lies across stop short of its words
    ax.annotate(spec["target_label"], at, xytext=(-3, 4 if above else -4),
                textcoords="offset points", ha="right", va="bottom" if above else "top",
                fontsize=size, color=ink, gid="target-label", zorder=4.5,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})


def _points(ax, xy: tuple[float, float]) -> tuple[float, float]:
    """A data point's place in points from the plot's lower left corner."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    box = ax.get_position()
    width, height = (v * 72 for v in ax.figure.get_size_inches())
    return ((xy[0] - x0) / (x1 - x0) * box.width * width,
            (xy[1] - y0) / (y1 - y0) * box.height * height)


def _target_place(ax, spec: dict, series, target, taken, prefer_above: bool
                  ) -> tuple[tuple[float, float], bool]:
    """Where the target's words go: ending at the line's end, above or below it, or as
    near the end along the line as they can be clear of the values' line, its points and
    the labels already placed, and inside the plot (at the end if nowhere is clear)."""
    size = spec["style"]["font_size"]
    width = _text_width(spec["target_label"], size) + 3
    plot_height = _plot_height(ax)
    path = [_points(ax, xy) for xy in series]
    for at in reversed(target):  # from the end back along the line
        x, y = _points(ax, at)
        for above in (prefer_above, not prefer_above):
            box = ((x - 3 - width, x - 3, y + 3, y + 4 + size * 1.2) if above
                   else (x - 3 - width, x - 3, y - 4 - size * 1.2, y - 3))
            if (box[0] >= 0 and box[2] >= 0 and box[3] <= plot_height
                    and not _crosses(path, box, pad=3)
                    and not any(_meet(box, other) for other in taken)):
                return at, above
    return target[-1], prefer_above


def _crosses(path: list[tuple[float, float]], box, pad: float) -> bool:
    """Whether a line through `path` (or one of its points) enters the box, widened by pad."""
    x0, x1, y0, y1 = box[0] - pad, box[1] + pad, box[2] - pad, box[3] + pad
    for (ax_, ay), (bx, by) in zip(path, path[1:] or path):
        for step in range(9):
            t = step / 8
            px, py = ax_ + (bx - ax_) * t, ay + (by - ay) * t
            if x0 <= px <= x1 and y0 <= py <= y1:
                return True
    return False


def _meet(a, b) -> bool:
    return not (a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2])


# The sparkline's target: a dashed mid-grey, apart from every status colour and, in
# greyscale, from the black outturn by its dash and weight.
_SPARKLINE_TARGET = "#6E6E6E"


def _sparkline(spec: dict) -> Figure:
    """A small multiple: the outturn solid with its latest value a dot, the target dashed;
    no axes and no text (the values print beside it, at a readable size)."""
    style = spec["style"]
    fig, ax = _chart(spec, (0.03, 0.12, 0.90, 0.76), axis_off=True)
    outturn = [float("nan") if v is None else v for v in spec["outturn"]]
    xs = list(range(len(outturn)))
    known = [(x, v) for x, v in zip(xs, spec["outturn"]) if v is not None]
    targets = [v for v in spec["target"] if v is not None]
    if targets:
        _line(ax, xs, [float("nan") if v is None else v for v in spec["target"]],
              color=_SPARKLINE_TARGET, linewidth=1.1, linestyle=(0, (3, 2)),
              drawstyle="steps-mid", zorder=1)
    if known:
        _line(ax, xs, outturn, color=style["outturn"], linewidth=1.5, zorder=2)
        _line(ax, [known[-1][0]], [known[-1][1]], marker="o", markersize=3.6,
              color=style["outturn"], zorder=3, clip_on=False)
    values = [v for _, v in known] + targets
    if values:
        low, high = min(values), max(values)
        pad = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
        ax.set_ylim(low - pad, high + pad)
    ax.set_xlim(-0.3, max(len(xs) - 1, 1) + 0.3)
    return fig


# -- the SPC (XmR) chart ------------------------------------------------------------
# The SPC (XmR) chart: the points, the mean and process limits of each period of limits,
# the 2-sigma lines if the layout asks, the target, and each special cause marked by shape
# as well as colour (improvement a circle, concern a diamond, neutral a hexagon, as on the
# icons), so the chart reads in greyscale.

# point type -> (palette entry in spec["colours"], marker, size, legend words)
LIMIT_INK = "#404040"
MEAN_INK = "#1A1A1A"
LINE_INK = "#8C8C8C"


def _legend_columns(labels: list[str], size: float, width: float, handle: float = 2.2,
                    spacing: float = 1.0) -> int:
    """The most columns, up to four, in which the legend fits across the chart. Its
    entries fill each column in turn, the first columns one longer, as matplotlib lays
    them out."""
    for columns in range(min(len(labels), 4), 1, -1):
        rows, longer = divmod(len(labels), columns)
        starts = [c * rows + min(c, longer) for c in range(columns + 1)]
        widths = [max(_text_width(label, size) for label in labels[a:b])
                  for a, b in zip(starts, starts[1:])]
        needed = (sum(widths) + len(widths) * (handle + 0.8) * size
                  + (len(widths) - 1) * spacing * size + 1.6 * size)
        if needed <= width - 4:
            return columns
    return 1


def _legend(fig: Figure, handles: list, columns: int, size: float, spacing: float = 1.0,
            handle: float = 2.2) -> None:
    """The legend under the chart, laid out as matplotlib lays out a legend (entries down
    each column in turn, a sample line or marker and its words), each sample in its
    entry's own style. Drawn as plain lines and text: matplotlib's legend packs the same
    boxes through nested offset boxes, a third of an SPC chart's drawing time."""
    width, height = (float(v) * 72 for v in fig.get_size_inches())
    labels = [h.get_label() for h in handles]
    rows, longer = divmod(len(labels), columns)
    starts = [c * rows + min(c, longer) for c in range(columns + 1)]
    groups = [range(a, b) for a, b in zip(starts, starts[1:]) if b > a]
    widths = [max(_text_width(labels[i], size) for i in group) for group in groups]
    sample, gap, pitch = handle * size, 0.8 * size, 1.4 * size
    x = (width - sum(widths) - len(groups) * (sample + gap)
         - (len(groups) - 1) * spacing * size) / 2
    tallest = max(len(group) for group in groups)
    for group, column_width in zip(groups, widths):
        for row, index in enumerate(group):
            y = 0.9 * size + (tallest - 1 - row + 0.5) * pitch
            entry = handles[index]
            if entry.get_linestyle() not in ("None", "none", " ", ""):
                line = Line2D([x / width, (x + sample) / width], [y / height] * 2)
                line.update_from(entry)  # its style, and its place: set again below
                line.set(marker="None", drawstyle="default", clip_on=False,
                         transform=fig.transFigure)
                fig.add_artist(line)
            if entry.get_marker() not in ("None", "none", None, ""):
                mark = Line2D([(x + sample / 2) / width], [y / height])
                mark.update_from(entry)
                mark.set(linestyle="None", clip_on=False, transform=fig.transFigure)
                fig.add_artist(mark)
            fig.text((x + sample + gap) / width, y / height, labels[index], fontsize=size,
                     va="center_baseline", ha="left", gid="legend-words")
        x += column_width + sample + gap + spacing * size


_SPC_LEFT, _SPC_WIDTH = 0.09, 0.84  # the SPC chart's plot, across the chart's width


def spc_figure(spec: dict) -> Figure:
    style, size, colours = spec["style"], spec["style"]["font_size"], spec["colours"]
    words = legend_labels(spec)
    rows = math.ceil(len(words) / _legend_columns(words, size, spec["width"]))
    bottom = (40 + 14 * rows) / spec["height"]  # two-line tick labels, then the legend
    fig, ax = _chart(spec, (_SPC_LEFT, bottom, _SPC_WIDTH,
                            1 - _UNIT_ROOM / spec["height"] - bottom))
    values, labels = spec["values"], spec["labels"]
    xs = list(range(len(values)))
    _line(ax, xs, values, color=LINE_INK, linewidth=1.6, marker="o", markersize=3.5,
          markerfacecolor="#5A5A5A", markeredgecolor="#5A5A5A", zorder=2, gid="legend:Value")
    # each kind of level (means, limits, 2-sigma lines) one collection over every period
    # of limits: a line apiece costs as much again to draw
    groups = spec["groups"]
    limited = [g for g in groups if g["upper"] is not None]

    def levels(keys: tuple[str, ...], members: list[dict], **style) -> None:
        if members:
            _levels(ax, [g[k] for g in members for k in keys],
                    [g["first"] - 0.4 for g in members for _ in keys],
                    [g["last"] + 0.4 for g in members for _ in keys], zorder=1, **style)

    # each named as its legend entry names it, so a test can match the two
    levels(("mean",), groups, colors=MEAN_INK, linewidth=1.3, gid="legend:Mean")
    levels(("lower", "upper"), limited, colors=LIMIT_INK, linewidth=1.1, linestyles="--",
           gid="legend:Process limits")
    if spec["two_sigma"]:
        levels(("lower_two_sigma", "upper_two_sigma"), limited, colors=LIMIT_INK,
               linewidth=0.8, linestyles=[(0, (1, 2))], gid="legend:2-sigma")
    for group in groups:
        if group["rebase"]:
            ax.axvline(group["first"] - 0.5, color=MEAN_INK, linewidth=1.2, zorder=1)
            ax.annotate("Rebased", (group["first"] - 0.5, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(3, -2), textcoords="offset points", ha="left", va="top",
                        fontsize=size, fontweight="bold")
    for kind, (colour, marker, marker_size, word) in MARKS.items():
        at = [x for x, t in zip(xs, spec["types"]) if t == kind]
        if not at:
            continue
        _line(ax, at, [values[x] for x in at], linestyle="none", marker=marker,
              markersize=marker_size, color=colours[colour], markeredgecolor="#000000",
              markeredgewidth=0.8, zorder=4, gid=f"legend:{word}")
    if spec["revised"]:
        at = spec["revised"]
        _line(ax, at, [values[x] for x in at], linestyle="none", marker="s", markersize=10,
              markerfacecolor="none", markeredgecolor="#000000", markeredgewidth=1.0,
              zorder=5, gid="legend:Revised")
    target = [(x, t) for x, t in zip(xs, spec["target"]) if t is not None]
    drawn = not spec.get("target_far")  # a far target is an arrow at the edge instead
    line = list(target)
    if target and drawn:
        tx, ty = zip(*target)
        # heavier than the limits and dash-dotted (theirs dashed, 2-sigma dotted), above
        # them and the gridlines: the target stays apart in greyscale print
        _line(ax, tx, ty, color=style["target"], linewidth=2.2, linestyle="-.",
              drawstyle="steps-mid" if len(target) > 1 else "default",
              label="Target", zorder=1.8, gid="target")
    ahead = spec.get("ahead") or []
    if ahead and target and target[-1][0] == xs[-1]:
        # as the trend chart does: the target dotted on from the latest value to year end
        dx = [xs[-1]] + [len(xs) + i for i in range(len(ahead))]
        dy = [target[-1][1]] + [t for _, t in ahead]
        line += list(zip(dx[1:], dy[1:]))
        if drawn:
            _line(ax, dx, dy, color=style["target"], linewidth=2.2, linestyle=":",
                  label="Target to year end", zorder=1.8, gid="target-ahead")
    _period_axes(fig, ax, spec, labels + [label for label, _ in ahead], grid=("#E0E0E0", 0.5))
    _event_marks(ax, spec, below=1 if any(g["rebase"] for g in groups) else 0)
    _explain(ax, spec, list(zip(xs, values)), line)
    return fig


EVENT_INK = "#1A1A1A"


def _event_marks(ax, spec: dict, below: int = 0) -> None:
    """What the service changed: a thin vertical line at the start of the event's period,
    up to its label, in a band of headroom added above the data, so no label covers a
    point. A label that would touch another label or cross another event's line goes a
    row lower (its line then stops there); `below` rows are left for the chart's own words
    at the top (the SPC chart's "Rebased")."""
    events = spec.get("events") or []
    if not events:
        return
    from report.charts.spec import EVENT_GAP, EVENT_ROW

    size = spec["style"]["font_size"]
    row_height = size * EVENT_ROW
    box = ax.get_position()
    width_pt = box.width * ax.figure.get_size_inches()[0] * 72
    left, right = ax.get_xlim()
    per_period = width_pt / (right - left)
    choices = []  # per event: each (row, line at, label from, label to) it may take
    for event in events:
        at = (event["x"] - 0.5 - left) * per_period
        text_width = _text_width(event["label"], size)
        spans = [(at + 3, at + 3 + text_width), (at - 3 - text_width, at - 3)]
        # beside its line on either side where it fits; else moved in to lie inside the
        # plot (a label wider than the room either side of its line)
        inside = min(max(at + 3, 0.0), max(width_pt - text_width, 0.0))
        spans = [s for s in spans if s[0] >= 0 and s[1] <= width_pt] or [
            (inside, inside + text_width)]
        choices.append([(row, at, *span) for row in range(below, below + len(events))
                        for span in spans])
    marks = [(event, *place) for event, place in zip(events, _placed(choices))]
    bottom, top = ax.get_ylim()
    plot_height = box.height * ax.figure.get_size_inches()[1] * 72
    room = (max(m[1] for m in marks) + 1) * row_height + EVENT_GAP  # within `event_room`
    ax.set_ylim(bottom, top + room / max(plot_height - room, 1.0) * (top - bottom))
    for event, row, at, start, _ in marks:
        x = event["x"] - 0.5
        reach = 1 - (2 + row * row_height) / plot_height  # the top of its label's row
        ax.axvline(x, ymax=reach, color=EVENT_INK, linewidth=0.9, linestyle=(0, (1, 1.5)),
                   zorder=1.5, gid="event")
        ax.annotate(event["label"], (x, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(start - at, -2 - row * row_height),
                    textcoords="offset points", ha="left", va="top",
                    fontsize=size, color=EVENT_INK, gid="event-label", zorder=6,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                          "edgecolor": "none"})


def _placed(choices: list[list[tuple]]) -> list[tuple]:
    """Each event's row and side: the fewest clashes, then the fewest rows, then labels to
    the right. Every combination is tried for a few events (a pack marks one or two on a
    chart); beyond that, each in turn takes the place that touches no label before it and
    crosses the fewest of their lines, on the highest row that does."""
    def cost(places) -> tuple:
        return (*_clashes(places), max(p[0] for p in places), sum(p[0] for p in places),
                sum(p[2] < p[1] for p in places))

    if len(choices) <= 4:
        import itertools

        return list(min(itertools.product(*choices), key=cost))
    places: list[tuple] = []
    for options in choices:  # never on another label; then crossing the fewest lines
        places.append(min(options, key=lambda o: (*_clashes(places + [o]), o[0])))
    return places


def _clashes(places) -> tuple[int, int]:
    """Labels that touch on one row; and lines (each running down from its own label's
    row) that pass behind another's label, which its white ground interrupts: allowed,
    but better avoided."""
    touching = crossing = 0
    for i, (row, at, start, end) in enumerate(places):
        for other_row, other_at, other_start, other_end in places[i + 1:]:
            if row == other_row and start < other_end + 4 and other_start < end + 4:
                touching += 1
            if other_row < row and start - 2 < other_at < end + 2:
                crossing += 1
            if row < other_row and other_start - 2 < at < other_end + 2:
                crossing += 1
    return touching, crossing


def spc_legend_figure(spec: dict) -> Figure:
    """The SPC chart's legend (`spec_legend_spec`): the chart's size, empty but for its foot,
    where it lies over the chart."""
    size = spec["style"]["font_size"]
    fig, _ = _chart(spec)
    words = spec["labels"]
    _legend(fig, _spc_samples(words, spec["colours"], spec["style"]),
            _legend_columns(words, size, spec["width"]), size)
    if spec.get("better"):
        # which way is better, where a trend chart says it (above the plot, at its right):
        # drawn here, it is drawn once for the SPC charts that share this legend
        fig.text(_SPC_LEFT + _SPC_WIDTH, 1 - (_UNIT_ROOM - 5) / spec["height"],
                 spec["better"], ha="right", va="bottom", fontsize=size, color="#1A1A1A",
                 gid="better")
    return fig


def _spc_samples(words: list[str], colours: dict, style: dict) -> list[Line2D]:
    """Each legend entry's sample, in the style of what it stands for on the SPC chart."""
    samples = {
        "Value": {"color": LINE_INK, "marker": "o", "markersize": 3.5,
                  "markerfacecolor": "#5A5A5A", "markeredgecolor": "#5A5A5A"},
        "Mean": {"color": MEAN_INK, "linewidth": 1.3},
        "Process limits": {"color": LIMIT_INK, "linewidth": 1.1, "linestyle": "--"},
        "2-sigma": {"color": LIMIT_INK, "linewidth": 0.8, "linestyle": (0, (1, 2))},
        "Revised": {"linestyle": "none", "marker": "s", "markersize": 8,
                    "markerfacecolor": "none", "markeredgecolor": "#000000"},
        "Target": {"color": style["target"], "linewidth": 1.6, "linestyle": "-."},
        "Target to year end": {"color": style["target"], "linewidth": 2.0, "linestyle": ":"},
    }
    for colour, marker, marker_size, name in MARKS.values():
        samples[name] = {"linestyle": "none", "marker": marker, "markersize": marker_size,
                         "color": colours[colour], "markeredgecolor": "#000000"}
    return [Line2D([], [], label=word, **samples[word]) for word in words]
