"""The text fonts' ToUnicode maps, without the codes nothing uses.

reportlab subsets a TrueType font 128 codes at a time and maps every code of the subset,
the unused ones to U+0000; a reader that meets such a map may announce a "null"
character, and PDF/UA asks that every code map to real text. The maps are rewritten with
only the codes that stand for a character, at most 100 to a block as CMaps allow.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the chart workers use `bfchar_blocks` and never open a PDF
    import pikepdf

_BFCHAR = re.compile(rb"\d+ beginbfchar\s*(.*?)endbfchar\s*", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def drop_unused_codes(pdf: pikepdf.Pdf, pages: int) -> None:
    """Rewrite the ToUnicode map of every simple TrueType font on the first `pages` pages."""
    from pikepdf import Name

    done: set[tuple[int, int]] = set()
    for page in pdf.pages[:pages]:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        for font in (fonts or {}).values():
            if font.get("/Subtype") != Name.TrueType or "/ToUnicode" not in font:
                continue
            cmap = font.ToUnicode
            if cmap.objgen in done:
                continue
            done.add(cmap.objgen)
            cmap.write(_without_nulls(cmap.read_bytes()))


def _without_nulls(data: bytes) -> bytes:
    pairs = [(code, text) for block in _BFCHAR.findall(data)
             for code, text in _PAIR.findall(block) if int(text, 16) != 0]
    blocks = bfchar_blocks(pairs)
    match = _BFCHAR.search(data)
    if match is None:
        return data
    rest = _BFCHAR.sub(b"", data[match.start():])
    return data[:match.start()] + blocks + rest


def bfchar_blocks(pairs: list[tuple[bytes, bytes]]) -> bytes:
    """A CMap's `bfchar` blocks for (code, text) pairs, both in hexadecimal: at most 100
    to a block, as CMaps allow (also the chart fonts' maps, report/charts/words.py)."""
    return b"".join(
        b"%d beginbfchar\n" % len(chunk)
        + b"".join(b"<%s> <%s>\n" % pair for pair in chunk) + b"endbfchar\n"
        for chunk in (pairs[i:i + 100] for i in range(0, len(pairs), 100)))
