"""The DRAFT mark drawn as outlines, not text: it shows on every page, is an artifact for
screen readers, and never mixes into copied or extracted text."""

from __future__ import annotations

from functools import lru_cache

from report.paths import PROJECT


@lru_cache(maxsize=4)
def outlines(word: str, font_file: str) -> tuple[tuple, float, float]:
    """The word's outline as (op, points) in font units, its advance and units per em."""
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    class Recorder(BasePen):
        """Quadratic TrueType curves come out as cubic segments (BasePen's work)."""

        def __init__(self, glyphs, dx):
            super().__init__(glyphs)
            self.dx, self.ops = dx, []

        def _moveTo(self, p):
            self.ops.append(("m", [(p[0] + self.dx, p[1])]))

        def _lineTo(self, p):
            self.ops.append(("l", [(p[0] + self.dx, p[1])]))

        def _curveToOne(self, p1, p2, p3):
            self.ops.append(("c", [(x + self.dx, y) for x, y in (p1, p2, p3)]))

        def _closePath(self):
            self.ops.append(("h", []))

    font = TTFont(str(PROJECT / "fonts" / font_file), lazy=True)
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    operations: list = []
    x = 0.0
    for char in word:
        glyph = glyphs[cmap[ord(char)]]
        pen = Recorder(glyphs, x)
        glyph.draw(pen)
        operations += pen.ops
        x += glyph.width
    return tuple(operations), x, font["head"].unitsPerEm


def draw(canv, word: str, font_file: str, size: float, centre_x: float, centre_y: float,
         angle: float) -> None:
    operations, advance, units = outlines(word, font_file)
    scale = size / units
    path = canv.beginPath()
    for op, points in operations:
        pts = [((px - advance / 2) * scale, (py - units * 0.36) * scale) for px, py in points]
        if op == "m":
            path.moveTo(*pts[0])
        elif op == "l":
            path.lineTo(*pts[0])
        elif op == "c":
            path.curveTo(*pts[0], *pts[1], *pts[2])
        else:
            path.close()
    canv.saveState()
    canv.translate(centre_x, centre_y)
    canv.rotate(angle)
    canv.drawPath(path, stroke=0, fill=1, fillMode=0)
    canv.restoreState()
