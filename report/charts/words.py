"""A chart's words, written into its PDF by the pack rather than by matplotlib's PDF writer
(report/charts/writer.py writes the rest of the chart).

matplotlib lays every text out (where each line of it starts, in which face, size and
ink); each line is then written here as plain PDF text in the chart fonts, embedded
whole. matplotlib's writer spent more than half of each chart's time on its words:
working each glyph out again for the PDF, tracking it for a font subset, and embedding
that font anew in every chart. Here each face is prepared once per process (`face`), and
a chart's words cost a line of PDF each (`_operators`), each glyph placed where
matplotlib places it. A text these fonts cannot write as it is (a character they lack,
rotation, mathematics, an effect: `_writable`) leaves the whole chart to matplotlib.

The PDF text is real text: each glyph maps back to its character (ToUnicode), so the
pack's text can be searched and read aloud as before.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from functools import cache, lru_cache

from matplotlib import font_manager
from matplotlib.ft2font import LoadFlags
from matplotlib.text import Text

FONT_COMPRESSION = 9  # the fonts and their maps: compressed once per process


@dataclass(frozen=True, eq=False)  # one per font file and process: itself, by identity
class Face:
    """One chart font, ready to embed: its glyphs by character, its widths, its PDF
    objects' contents (font file and ToUnicode map compressed once)."""

    path: str
    resource: str  # its name in a chart page's resources
    ps_name: str
    glyphs: dict[int, int]  # character -> glyph number
    widths: list[int]  # by glyph number, in thousandths of the type size
    advances: list[int]  # by glyph number, in the font's units
    units_per_em: int
    descriptor: dict
    font_file: bytes  # compressed
    font_length: int
    to_unicode: bytes  # compressed


@cache
def face(path: str) -> Face:
    """The font at `path`, read once per process (the fork server reads the chart fonts
    before it forks the workers, so they share what it read)."""
    font = font_manager.get_font(path)
    units = font.units_per_EM

    def thousandths(length: float, nearest: bool = True) -> int:
        value = length / units * 1000
        return round(value) if nearest else int(-(-value // 1)) if value > 0 else int(value // 1)

    advances = [font.load_glyph(glyph, flags=LoadFlags.NO_SCALE | LoadFlags.NO_HINTING
                                ).horiAdvance for glyph in range(font.num_glyphs)]
    widths = [thousandths(advance) for advance in advances]
    glyphs = {code: glyph for code, glyph in font.get_charmap().items() if glyph}
    characters: dict[int, int] = {}
    for code, glyph in sorted(glyphs.items()):  # the lowest character a glyph stands for
        characters.setdefault(glyph, code)
    pclt = font.get_sfnt_table("pclt") or {"capHeight": 0, "xHeight": 0}
    post = font.get_sfnt_table("post") or {"italicAngle": (0, 0)}
    descriptor = {
        "Flags": 32,  # non-symbolic: the Latin character set
        "FontBBox": [thousandths(x, nearest=False) for x in font.bbox],
        "Ascent": thousandths(font.ascender, nearest=False),
        "Descent": thousandths(font.descender, nearest=False),
        "CapHeight": thousandths(pclt["capHeight"], nearest=False),
        "XHeight": thousandths(pclt["xHeight"]),
        "ItalicAngle": post["italicAngle"][1],
        "StemV": 0,
        "MaxWidth": max(widths),
    }
    data = open(path, "rb").read()
    ps_name = font.postscript_name
    return Face(path, f"/{ps_name}", ps_name, glyphs, widths, advances, units, descriptor,
                zlib.compress(data, FONT_COMPRESSION), len(data),
                zlib.compress(_to_unicode(ps_name, characters), FONT_COMPRESSION))


def _to_unicode(name: str, characters: dict[int, int]) -> bytes:
    """The ToUnicode CMap: each glyph number (two bytes, as the text is written) to the
    character it stands for."""
    from report.pdf.tounicode import bfchar_blocks

    pairs = [(b"%04X" % glyph, _utf16(code).encode("ascii"))
             for glyph, code in sorted(characters.items())]
    return (
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        + f"/CMapName /{name}-UCS def\n".encode("ascii") + b"/CMapType 2 def\n"
        b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + bfchar_blocks(pairs)
        + b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")


def _utf16(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


@dataclass(frozen=True)
class Line:
    """One line of a chart's words, as matplotlib laid it out: its origin (on the
    baseline, in points from the chart's lower left), face, size and ink."""

    x: float
    y: float
    text: str
    face: Face
    size: float
    rgb: tuple[float, float, float]


_PATHS: dict = {}  # font properties (a copy, compared by value) -> the font's file


def font_path(prop) -> str:
    """The font file matplotlib draws these font properties with. matplotlib's `findfont`
    reads a dozen of its settings each time it is asked (a chart asks it some seventy
    times); the charts never change those settings, so each answer is kept."""
    path = _PATHS.get(prop)
    if path is None:
        path = _PATHS[prop.copy()] = str(font_manager.findfont(prop))
    return path


@lru_cache(maxsize=4096)
def _metrics(text: str, path: str, size: float) -> tuple[float, float, float]:
    """Width, height and descent of one line in pixels at 72 dpi, as matplotlib's PDF and
    PostScript writers measure them (the same texts recur from chart to chart)."""
    font = font_manager.get_font(path)
    font.clear()
    font.set_size(size, 72)
    font.set_text(text, 0.0, flags=LoadFlags.NO_HINTING)
    width, height = font.get_width_height()
    return width / 64, height / 64, font.get_descent() / 64


def _writable(text: Text, faces: dict[str, Face]) -> Face | None:
    """The face to write the text in, if it can be written here exactly as matplotlib
    would draw it."""
    words = text.get_text()
    if not words or not text.get_visible():
        return None
    chosen = faces.get(font_path(text.get_fontproperties()))
    writable = (chosen is not None and text.get_rotation() == 0 and not text.get_usetex()
            and not text.get_path_effects() and "$" not in words
            and text.get_alpha() in (None, 1.0)
            and not (text.get_clip_on() and (text.get_clip_box() is not None
                                             or text.get_clip_path() is not None))
            and all(ord(c) in chosen.glyphs for c in words if c != "\n"))
    return chosen if writable else None


def _in_drawing_order(fig) -> list[Text]:
    """The texts a chart adds, in the order matplotlib draws them: each axes' by depth
    (`zorder`), then the figure's own. (Texts an axes makes itself, its tick labels and
    titles, are left to matplotlib; the charts here draw none.)"""
    texts: list[Text] = []
    for ax in sorted(fig.axes, key=lambda a: a.get_zorder()):
        texts += sorted(ax.texts, key=lambda t: t.get_zorder())
    return texts + sorted(fig.texts, key=lambda t: t.get_zorder())


def _operators(lines: list[Line]) -> bytes:
    parts = ["BT"]
    current = None
    for line in lines:
        font = (line.face.resource, line.size)
        if font != current:
            parts.append(f"{line.face.resource} {_number(line.size)} Tf")
            current = font
        glyphs = _shown(line)
        r, g, b = line.rgb
        parts.append(f"{_number(r)} {_number(g)} {_number(b)} rg "
                     f"1 0 0 1 {_number(line.x, 6)} {_number(line.y, 6)} Tm {glyphs} TJ")
    parts.append("ET")
    return "\n".join(parts).encode("ascii") + b"\n"


def _shown(line: Line) -> str:
    """The line's glyphs as a TJ array, each placed where matplotlib places it: after its
    width in the font's widths (rounded to thousandths), moved by the difference between
    the advance matplotlib's layout used (on a 64th of a point) and the exact one."""
    glyphs = [line.face.glyphs[ord(c)] for c in line.text]
    moves = _moves(line.face, line.size)
    parts, run = [], []
    for index, glyph in enumerate(glyphs):
        run.append(f"{glyph:04X}")
        move = moves[glyph] if index + 1 < len(glyphs) else 0.0
        if move:
            parts.append(f"<{''.join(run)}> {_number(move, 6)}")
            run = []
    if run:
        parts.append(f"<{''.join(run)}>")
    return f"[{' '.join(parts)}]"


@lru_cache(maxsize=64)
def _moves(face: Face, size: float) -> list[float]:
    """By glyph: the TJ adjustment (thousandths of the size, positive leftwards) after it,
    as matplotlib's PDF writer makes it (report/charts/words.py, `_shown`)."""
    moves = []
    for advance in face.advances:
        exact = advance * size / face.units_per_em
        # on a 64th, a half rounded up, as FreeType rounds (not to even, as `round` does)
        laid = math.floor(advance * size * 64 / face.units_per_em + 0.5) / 64
        moves.append(-1000 * (laid - exact) / size)
    return moves


def _number(value: float, places: int = 3) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
