"""reportlab's Paragraph, reading each text's markup once.

A pack says the same short things many times over: a column heading on every measure
page ("Measure Owner", "This Month"), a dash in every empty cell, the same status words.
reportlab parses a paragraph's markup into fragments each time one is made; here the
fragments of a text in a style are kept and handed to the next paragraph of the same
text and style through reportlab's own `frags` argument (a 200-measure pack makes
23,000 paragraphs from 6,400 texts). Fragments are read, never changed, by the
paragraphs that share them: breaking lines and splitting make new ones. They carry their
style's font, size and colour, so a style is never changed once made (the layout's
styles are built once, report/layout/styles.py; a variant is a new style).

The lines a paragraph is broken into are kept too: the patch "kept-line-breaks" in
report/patches.py.

A paragraph of one font, size and colour (most of a pack's: every table cell of plain
words) is drawn here rather than by reportlab's `drawPara`, from the same lines, in the
same place, through the canvas's public text object: one graphics state and one text
object, where reportlab saves two, moves the origin and works out again what the lines
are made of. It draws the same glyphs at the same points (tests/test_paragraph.py renders
both); anything else a paragraph may hold (a bullet, a background, a link, an underline,
mixed fonts, justified lines, lines squeezed to fit) is drawn by reportlab as before. On
a pass that only measures, such a paragraph is not drawn at all: its page is thrown away.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.rl_config import paraFontSizeHeightOffset

from report import patches
from report.pdf.marks import measuring

__all__ = ["Paragraph"]


@lru_cache(maxsize=16384)
def _parsed(text: str, style, bullet, case_sensitive: int) -> tuple:
    """What reportlab makes of `text` in `style`: the cleaned text, the style (a <para> tag
    may change it), the fragments and the bullet, as a paragraph made from them keeps."""
    made = patches.Paragraph(text, style, bullet, caseSensitive=case_sensitive)
    return made.text, made.style, made.frags, made.bulletText


class Paragraph(patches.Paragraph):
    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1,
                 encoding="utf8"):
        if (frags is None and style is not None and isinstance(text, str)
                and isinstance(bulletText, (str, type(None)))):
            text, style, frags, bulletText = _parsed(text, style, bulletText, caseSensitive)
            self.shared_frags = True  # and so their lines, where the patch keeps them
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)

    def drawOn(self, canv, x, y, _sW=0):
        if _sW and getattr(self, "hAlign", TA_LEFT) not in ("LEFT", TA_LEFT):
            return super().drawOn(canv, x, y, _sW)  # placed by its frame: reportlab's way
        lines = self._plain_lines()
        if lines is None:
            return super().drawOn(canv, x, y, _sW)
        if lines and not measuring(canv):
            self._draw_plain(canv, x, y, lines)

    def _plain_lines(self) -> list | None:
        """The paragraph's lines as (extra space, words), when every word is in one font,
        size and colour, with nothing else to draw and no line justified or squeezed;
        else None."""
        lines = getattr(self, "blPara", None)
        style = self.style
        if (lines is None or lines.kind != 0 or self.bulletText or style.backColor
                or (style.borderColor and style.borderWidth) or style.wordWrap == "RTL"
                or getattr(style, "autoLeading", "") or getattr(self, "autoLeading", "")
                or getattr(lines, "us_lines", None) or getattr(lines, "link", None)):
            return None
        if not lines.lines:
            return []
        if style.alignment == TA_JUSTIFY and len(lines.lines) > 1:
            return None
        if any(extra < -1e-8 and len(words) > 1 for extra, words in lines.lines):
            return None  # reportlab narrows the spaces of a line too long
        if not isinstance(getFont(lines.fontName), TTFont) or not isinstance(
                lines.textColor, Color):
            return None
        return lines.lines

    def _draw_plain(self, canv, x, y, lines: list) -> None:
        """As reportlab's `drawPara` places them: the first baseline a font size below the
        top, each next a leading lower, each line moved by its alignment's share of the
        room left on it."""
        style, font = self.style, self.blPara
        leading, alignment = style.leading, style.alignment
        top = y + self.height - (font.fontSize if paraFontSizeHeightOffset
                                 else getattr(font, "ascent", font.fontSize))
        left = x + style.leftIndent
        canv.saveState()  # the colour, and its opacity as the canvas keeps track of it
        text = None
        for index, (extra, words) in enumerate(lines):
            offset = style.firstLineIndent if index == 0 else 0
            if alignment == TA_RIGHT:
                offset += extra
            elif alignment == TA_CENTER:
                offset += 0.5 * extra
            if text is None:
                text = canv.beginText(left + offset, top)
                text.setFillColor(font.textColor)
                text.setFont(font.fontName, font.fontSize, leading)
            else:
                text.setTextOrigin(left + offset, top - index * leading)
            text.textOut(" ".join(words))
        canv.drawText(text)
        canv.restoreState()
