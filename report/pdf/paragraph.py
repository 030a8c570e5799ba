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
"""

from __future__ import annotations

from functools import lru_cache

from report import patches

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
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
