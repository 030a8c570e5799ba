"""Making Data Count icons, drawn as vector: a shape, a letter and a word.

Colour alone would be lost in greyscale print and to a screen reader, so each icon also
has its own shape (improvement a circle, concern a diamond, neutral a hexagon, common
cause a grey circle with a wave; assurance a rounded square) and its letter (H or L,
P, F or ?), and the word beside it. What a screen reader hears is the icon's full words
(`spoken`): the Figure's alt text on its own, the cell's ActualText in a table.
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

# The palette entries each icon is filled with (layouts/base.yaml), by what it says.
FILLS = {"improvement": "spc_improvement", "concern": "spc_concern",
         "neutral": "spc_neutral", "common": "spc_common_cause",
         "pass": "spc_improvement", "fail": "spc_concern", "hit_and_miss": "spc_common_cause"}
# How each kind of icon looks, in words, for the keys (as `SpcIcon.draw` draws it in the
# NHS colours of layouts/base.yaml).
LOOKS = {"improvement": "blue circle", "concern": "orange diamond", "neutral": "purple hexagon",
         "common": "grey wave"}


def looks_words() -> str:
    """What a key prints so a reader can tell the icons apart on paper (and in greyscale,
    by shape): "Variation: blue circle improvement, orange diamond concern, …"."""
    return (f"Variation: {LOOKS['improvement']} improvement, {LOOKS['concern']} concern, "
            f"{LOOKS['neutral']} neither, {LOOKS['common']} common cause (H, L: higher, "
            f"lower). Assurance P, F, ?: target consistently met, missed, hit and miss.")


# Ink that keeps the letter readable on each fill (contrast 4.5:1 or better).
LIGHT_INK = {"neutral"}


def meaning(icon: str) -> str:
    """improvement_high -> improvement; common_cause -> common; pass -> pass."""
    if icon in ("pass", "fail", "hit_and_miss"):
        return icon
    return "common" if icon == "common_cause" else icon.split("_", 1)[0]


class SpcIcon(Flowable):
    """One variation or assurance icon, with its word to the right when there is one."""

    def __init__(self, icon: str, letter: str, spoken: str, fill, font: str,
                 word: str = "", size: float = 18, word_size: float = 10):
        super().__init__()
        self.icon, self.letter, self.spoken, self.fill = icon, letter, spoken, fill
        self.font, self.word, self.size, self.word_size = font, word, size, word_size
        self.kind = meaning(icon)
        gap = 4 if word else 0
        self.width = size + gap + (stringWidth(word, font, word_size) if word else 0)
        self.height = size

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        canv, s = self.canv, self.size
        canv.saveState()
        canv.setLineWidth(1)
        canv.setStrokeColor(colors.black)
        canv.setFillColor(self.fill)
        centre = (s / 2, s / 2)
        if self.kind in ("pass", "fail", "hit_and_miss"):
            canv.roundRect(0.5, 0.5, s - 1, s - 1, 3, stroke=1, fill=1)
        elif self.kind == "concern":
            _polygon(canv, centre, s / 2 - 0.3, 4, 0)
        elif self.kind == "neutral":
            _polygon(canv, centre, s / 2 - 0.3, 6, math.pi / 6)
        else:
            canv.circle(*centre, s / 2 - 0.5, stroke=1, fill=1)
        ink = colors.white if self.kind in LIGHT_INK else colors.black
        if self.kind == "common":
            _wave(canv, s, ink)
        elif self.letter:
            canv.setFillColor(ink)
            canv.setFont(self.font, s * 0.6)
            canv.drawCentredString(s / 2, s * 0.29, self.letter)
        if self.word:
            canv.setFillColor(colors.black)
            canv.setFont(self.font, self.word_size)
            # the space ends the word for a reader that copies the text beside it
            canv.drawString(s + 4, (s - self.word_size) / 2 + 1.5, self.word + " ")
        canv.restoreState()


def _polygon(canv, centre, radius, sides, turn):
    path = canv.beginPath()
    for index in range(sides):
        angle = turn + 2 * math.pi * index / sides + math.pi / 2
        x, y = centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)
        path.moveTo(x, y) if index == 0 else path.lineTo(x, y)
    path.close()
    canv.drawPath(path, stroke=1, fill=1)


def _wave(canv, s, ink):
    """Common cause: a line that wanders about its middle and goes nowhere."""
    canv.setStrokeColor(ink)
    canv.setLineWidth(1.4)
    path = canv.beginPath()
    path.moveTo(s * 0.2, s * 0.5)
    path.curveTo(s * 0.35, s * 0.8, s * 0.45, s * 0.2, s * 0.6, s * 0.5)
    path.curveTo(s * 0.7, s * 0.7, s * 0.75, s * 0.35, s * 0.82, s * 0.5)
    canv.drawPath(path, stroke=1, fill=0)
