"""reportlab's Paragraph, without parsing text that has no markup."""

from __future__ import annotations

import weakref

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import _FUZZ
from reportlab.platypus.paragraph import Paragraph as _Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser


class Paragraph(_Paragraph):
    """Most of a pack's paragraphs are plain text: numbers and names in table cells,
    headings, labels. reportlab parses every paragraph's text as markup, which was the
    largest single cost of building the story. Text without markup, all in bold
    (`<b>...</b>`) or empty (a table's blank cell) gets the fragments that parse would
    make (the style's fragment from one parse, holding this text), so the page is the
    same, byte for byte."""

    def __init__(self, text, style=None, bulletText=None, frags=None, **kwargs):
        if frags is None and style is not None and _simple(text, style):
            text = cleanBlockQuotedText(text)
            if _plain(text):
                frags = [_fragment(style).clone(text=text)] if text else []
            else:  # <b>...</b>
                inner = text[3:-4]
                frags = [_fragment(style, bold=True).clone(text=inner)] if inner else []
        super().__init__(text, style, bulletText, frags, **kwargs)

    def wrap(self, availWidth, availHeight):
        """A paragraph's lines depend only on its text, style and width, yet reportlab
        breaks a table cell's paragraphs again each time the table is measured or drawn:
        the lines broken last time are kept for the same width."""
        held = self.__dict__.get("_broken")
        if (held is not None and held[0] == availWidth and held[1] is self.frags
                and held[2] is self.style):
            self.width, self._wrapWidths, self.blPara, self.height = availWidth, *held[3:]
            return availWidth, self.height
        width, height = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:
            self._broken = (availWidth, self.frags, self.style, self._wrapWidths, self.blPara,
                            height)
        return width, height


def _simple(text, style: ParagraphStyle) -> bool:
    if not isinstance(text, str) or getattr(style, "textTransform", None):
        return False
    return _plain(text) or (text.startswith("<b>") and text.endswith("</b>")
                            and _plain(text[3:-4]))


def _plain(text: str) -> bool:
    return "<" not in text and "&" not in text


# Each style's fragments, for as long as the style lives (a long-running process, a test
# run say, makes many).
_fragments: weakref.WeakKeyDictionary[ParagraphStyle, dict[bool, ParaFrag]] = \
    weakref.WeakKeyDictionary()


def _fragment(style: ParagraphStyle, bold: bool = False) -> ParaFrag:
    held = _fragments.setdefault(style, {})
    if bold not in held:
        _, frags, _ = ParaParser().parse("<b>x</b>" if bold else "x", style)
        held[bold] = frags[0]
    return held[bold]
