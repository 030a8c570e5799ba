"""Text as the pack's pages can print it: right-to-left text (Hebrew, Arabic) in a
left-to-right pack, and characters the pack's font does not have.

reportlab draws characters in the order it is given them and does not join Arabic
letters, so a right-to-left run is shaped (Arabic letters take their joined forms) and put
in visual order before it is laid out. A paragraph that wraps keeps each line in order,
but a long right-to-left paragraph reads best kept short.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def visual(text: str) -> str:
    """`text` as it must be drawn; unchanged when it holds no right-to-left letters."""
    if not has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text), base_dir="L")


# What prints as a space: tabs and line breaks of every kind.
_SPACES = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Latin-1's printable characters (the soft hyphen too: reportlab breaks a word there),
# which every font the pack uses has.
_LATIN_1 = frozenset(chr(code) for code in [*range(0x20, 0x7F), *range(0xA0, 0x100)])
FAMILY = "PackSans"  # the pack's text font, as report/layout/styles.py registers it


def by_whole_words(text: str, room: float, width_of) -> str:
    """`text` as it fits `room` (measured by `width_of`): whole, else shortened by whole
    words with "…" ("…Carers' Forum…", never "…Carers' Forum annu…"); a single word too
    wide is cut. For the pages (reportlab's measure) and the charts (matplotlib's) alike."""
    if width_of(text) <= room:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        shortened = " ".join(words).rstrip(" \u00b7:;,\u2013-(") + "\u2026"
        if width_of(shortened) <= room:
            return shortened
    while len(text) > 1 and width_of(text + "\u2026") > room:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def drawable(text: str) -> str:
    """`text` with nothing the pack's font cannot draw: a tab or line break is a space;
    other control and format characters (a byte-order mark, zero-width spaces, direction
    marks), which have no visible form, are left out; a character the font does not have
    (an emoji, a Chinese character) is "\ufffd", which a reader sees where it stood, and
    the build's warning names it (report/inputs/glyphs.py). PDF/UA allows no glyph a font
    lacks, nor a character code standing for a byte-order mark."""
    if (text.isascii() and text.isprintable()) or set(text) <= _LATIN_1:
        return text
    return printed(text, _drawn())


def printed(text: str, drawn: frozenset[str], unshown: tuple[str, ...] = ("Cc", "Cf"),
            keep: str = "") -> str:
    """`text` as a font that draws the characters `drawn` prints it (the pages' rule,
    `drawable`; the charts' too, report/charts/draw.py): a tab or line break (but those
    in `keep`) is a space; a character of the Unicode categories `unshown` is left out; any
    other character not in `drawn` is "\ufffd"."""
    odd = set(text) - drawn - set(keep)
    if not odd:
        return text
    return text.translate({ord(c): _instead(c, unshown) for c in odd})


def _instead(character: str, unshown: tuple[str, ...]) -> str | None:
    if character in _SPACES:
        return " "
    if unicodedata.category(character) in unshown:
        return None
    return "\ufffd"


def _drawn() -> frozenset[str]:
    """The printable characters both the regular and the bold face of the pack's font
    draw; before the fonts are registered (text checked outside a build), Latin-1's."""
    from reportlab.pdfbase import pdfmetrics

    try:
        faces = [pdfmetrics.getFont(FAMILY + suffix).face for suffix in ("", "-Bold")]
    except KeyError:
        return _LATIN_1
    return _drawn_by(tuple(faces))


@cache
def _drawn_by(faces: tuple) -> frozenset[str]:  # the faces, registered once a process
    codes = set.intersection(*(set(face.charToGlyph) for face in faces))
    return frozenset(c for c in map(chr, codes)
                     if unicodedata.category(c) not in ("Cc", "Cf", "Cs")) | _LATIN_1
