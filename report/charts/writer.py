"""A chart's PDF written by the pack: matplotlib lays the chart out and draws each artist
onto `_Writer`, a renderer that writes the PDF operators for what the pack's charts draw
(lines, areas, marks and words in the chart fonts); the one-page PDF around them is put
together by report/pdf/chart_page.py, its fonts from bytes made once per process
(report/charts/words.py).

matplotlib's own PDF writer did the same drawing with a great deal more around it (a
general document writer, a graphics-state tracker, font subsetting), which was most of a
chart's cost, and importing it (with the font tools it needs) about a fifth of the chart
workers' start-up. It stays for what this writer does not do: anything it meets that the
charts here do not draw (transparency, hatching, a clipping path, an image, a word the
chart fonts cannot write as it is) raises `Unsupported` and the chart is saved by
matplotlib instead (report/charts/draw.py, `_save`), words and all.

What is drawn is what matplotlib draws: the same paths, in the same order, with the same
widths, joins, caps, dashes, colours and clipping rectangles; the figure's and axes'
backgrounds are left out, as `savefig(transparent=True)` leaves them out. Each drawing
operation sets its own state inside `q … Q`, so none depends on the one before.
"""

from __future__ import annotations

import math
import zlib

from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.path import Path

from report.charts import words
from report.charts.words import Face, Line
from report.pdf import chart_page

# zlib's level for a chart's drawing: the pack places it as it is (qpdf recompressed
# matplotlib's streams when it saved the pack); at 6, a tenth of a millisecond a chart
# buys an eighth fewer bytes than at 1.
CONTENT_COMPRESSION = 6
_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


class Unsupported(Exception):
    """The chart draws something this writer does not write: matplotlib saves it."""


_n = chart_page.number


class _Writer(RendererBase):
    """Writes what matplotlib draws as PDF operators (a pixel is a point: charts are drawn
    at 72 dots an inch, as matplotlib saves a PDF). Text is measured as matplotlib's PDF
    writer measures it (`words._metrics`), so everything lands where it would."""

    def __init__(self, faces: dict[str, Face]):
        super().__init__()
        self.faces = faces
        self.width = self.height = 0.0
        self.ops: list[str] = []
        self.used: dict[str, Face] = {}

    def start(self, width: float, height: float) -> None:
        self.width, self.height, self.ops, self.used = width, height, [], {}

    def flipy(self) -> bool:
        return False

    def points_to_pixels(self, points):
        return points

    def get_canvas_width_height(self):
        return self.width, self.height

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            raise Unsupported("mathematics")
        return words._metrics(s, words.font_path(prop), prop.get_size_in_points())

    def new_gc(self):
        return GraphicsContextBase()

    # -- drawing ------------------------------------------------------------------------
    def draw_path(self, gc, path, transform, rgbFace=None):
        paint = _paint(gc, rgbFace)
        if paint is None:
            return  # neither filled nor stroked: nothing shows
        # as matplotlib's PDF writer: a path only stroked is clipped to the page and
        # simplified where matplotlib would simplify it
        clip = None if rgbFace is not None else (0.0, 0.0, self.width, self.height)
        ops = _path_ops(path, transform, clip, path.should_simplify if clip else False)
        if ops:
            self.ops.append(f"q {_state(gc, rgbFace, paint)}{ops} {paint} Q")

    def draw_markers(self, gc, marker_path, marker_trans, path, trans, rgbFace=None):
        paint = _paint(gc, rgbFace)
        if paint is None:
            return
        marker = _path_ops(marker_path, marker_trans, None, False)
        marks = []
        for x, y in trans.transform(path.vertices).tolist():
            if math.isfinite(x) and math.isfinite(y) and 0 <= x <= self.width \
                    and 0 <= y <= self.height:
                marks.append(f"q 1 0 0 1 {_n(x)} {_n(y)} cm {marker} {paint} Q")
        if marks:
            self.ops.append(f"q {_state(gc, rgbFace, paint)}{' '.join(marks)} Q")

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        face = self.faces.get(words.font_path(prop))
        if (ismath or angle or face is None or _clipped(gc) or _special(gc)
                or any(ord(c) not in face.glyphs for c in s)):
            raise Unsupported("a text the chart fonts cannot write as it is")
        r, g, b, *alpha = gc.get_rgb()
        if (gc.get_alpha() if gc.get_forced_alpha() else (alpha or [1.0])[0]) != 1:
            raise Unsupported("transparent text")
        self.used[face.resource] = face
        line = Line(float(x), float(y), s, face, prop.get_size_in_points(), (r, g, b))
        self.ops.append(words._operators([line]).decode("ascii").strip())

    def draw_image(self, gc, x, y, im, transform=None):
        raise Unsupported("an image")

    def draw_gouraud_triangles(self, gc, triangles_array, colors_array, transform):
        raise Unsupported("shading")

    def draw_tex(self, gc, x, y, s, prop, angle, *, mtext=None):
        raise Unsupported("TeX")


def _special(gc) -> bool:
    """What only matplotlib's writer writes: hatching, sketching, a link, a clipping path."""
    return (gc.get_hatch() is not None or gc.get_sketch_params() is not None
            or gc.get_url() is not None or gc.get_clip_path()[0] is not None)


def _clipped(gc) -> bool:
    return gc.get_clip_rectangle() is not None


def _paint(gc, rgbFace) -> str | None:
    """The painting operator for a path drawn with `gc` and filled with `rgbFace`, as
    matplotlib's PDF writer chooses it; None if it shows nothing."""
    if _special(gc):
        raise Unsupported("hatching, sketching, a link or a clipping path")
    rgb = gc.get_rgb()
    forced, alpha = gc.get_forced_alpha(), gc.get_alpha()
    stroke = gc.get_linewidth() > 0 and alpha > 0 and (len(rgb) <= 3 or rgb[3] != 0)
    fill = rgbFace is not None and (len(rgbFace) <= 3 or rgbFace[3] != 0)
    if stroke and (alpha if forced else (rgb[3] if len(rgb) > 3 else 1.0)) != 1:
        raise Unsupported("a transparent line")
    if fill and (alpha if forced else (rgbFace[3] if len(rgbFace) > 3 else 1.0)) != 1:
        raise Unsupported("a transparent area")
    if stroke:
        return "B" if fill else "S"
    return "f" if fill else None


def _colour(rgb) -> str:
    return f"{_n(rgb[0])} {_n(rgb[1])} {_n(rgb[2])}"


def _state(gc, rgbFace, paint: str) -> str:
    """The graphics state a drawing operation sets (what differs from PDF's defaults), and
    its clipping rectangle; ends with a space when not empty."""
    parts = []
    rectangle = gc.get_clip_rectangle()
    if rectangle is not None:
        x, y, w, h = rectangle.bounds
        parts.append(f"{_n(x)} {_n(y)} {_n(w)} {_n(h)} re W n")
    if paint != "f":  # stroked
        width = gc.get_linewidth()
        if width != 1:
            parts.append(f"{_n(width)} w")
        if cap := _CAPS[gc.get_capstyle()]:
            parts.append(f"{cap} J")
        if join := _JOINS[gc.get_joinstyle()]:
            parts.append(f"{join} j")
        offset, dashes = gc.get_dashes()
        if dashes is not None and len(dashes):
            parts.append(f"[{' '.join(_n(d) for d in dashes)}] {_n(offset or 0)} d")
        rgb = gc.get_rgb()
        if tuple(rgb[:3]) != (0, 0, 0):
            parts.append(f"{_colour(rgb)} RG")
    if paint != "S" and tuple(rgbFace[:3]) != (0, 0, 0):
        parts.append(f"{_colour(rgbFace)} rg")
    return " ".join(parts) + " " if parts else ""


def _path_ops(path: Path, transform, clip, simplify) -> str:
    """The path's construction operators in page coordinates: NaN gaps dropped, clipped
    and simplified as asked (`Path.cleaned`), quadratic curves made cubic."""
    cleaned = path.cleaned(transform=transform, remove_nans=True, clip=clip,
                           simplify=simplify, curves=True)
    vertices, codes = cleaned.vertices.tolist(), cleaned.codes.tolist()
    parts, index, count = [], 0, len(codes)
    while index < count:
        code = codes[index]
        if code == Path.MOVETO or code == Path.LINETO:
            x, y = vertices[index]
            parts.append(f"{_n(x)} {_n(y)} {'m' if code == Path.MOVETO else 'l'}")
            index += 1
        elif code == Path.CURVE4:
            (x1, y1), (x2, y2), (x3, y3) = vertices[index:index + 3]
            parts.append(f"{_n(x1)} {_n(y1)} {_n(x2)} {_n(y2)} {_n(x3)} {_n(y3)} c")
            index += 3
        elif code == Path.CURVE3:  # as a cubic: control points two thirds of the way
            (qx, qy), (x3, y3) = vertices[index:index + 2]
            x0, y0 = vertices[index - 1] if index else (qx, qy)
            parts.append(f"{_n(x0 + 2 * (qx - x0) / 3)} {_n(y0 + 2 * (qy - y0) / 3)} "
                         f"{_n(x3 + 2 * (qx - x3) / 3)} {_n(y3 + 2 * (qy - y3) / 3)} "
                         f"{_n(x3)} {_n(y3)} c")
            index += 2
        elif code == Path.CLOSEPOLY:
            parts.append("h")
            index += 1
        else:  # STOP
            break
    return " ".join(parts)


_WRITER: _Writer | None = None  # one per process: matplotlib keeps text sizes by renderer


def written(fig, faces: dict[str, Face]) -> bytes:
    """The figure as a one-page PDF written here; `Unsupported` if it draws something
    only matplotlib's writer writes (checked before drawing where it can be)."""
    global _WRITER
    for text in words._in_drawing_order(fig):
        if text.get_text() and text.get_visible() and words._writable(text, faces) is None:
            raise Unsupported("a text the chart fonts cannot write as it is")
    if _WRITER is None or _WRITER.faces is not faces:
        _WRITER = _Writer(faces)
    writer = _WRITER
    dpi = fig.get_dpi()
    width, height = (float(v) for v in fig.get_size_inches() * 72)
    backgrounds = [patch for patch in [fig.patch] + [ax.patch for ax in fig.axes]
                   if patch.get_visible()]
    for patch in backgrounds:  # as savefig(transparent=True): the page shows through
        patch.set_visible(False)
    if dpi != 72:
        fig.set_dpi(72)
    writer.start(width, height)
    try:
        fig.draw(writer)
    finally:
        for patch in backgrounds:
            patch.set_visible(True)
        if dpi != 72:
            fig.set_dpi(dpi)
    content = "\n".join(writer.ops).encode("ascii") + b"\n"
    return chart_page.page(width, height, zlib.compress(content, CONTENT_COMPRESSION),
                           list(writer.used.values()))
