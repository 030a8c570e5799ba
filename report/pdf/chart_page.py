"""The one-page PDF the pack's chart writer makes (report/charts/writer.py), and reading it
back when the chart is placed on its page (report/pdf/post.py).

The writer's PDF is always laid out the same way: the catalog, the page tree, the page,
its content (compressed), then each chart font's five objects. A build places hundreds
of charts; reading its own charts back needs neither a PDF parser nor a copy of their
fonts (the pack holds one copy of each chart font), only the page's size, its content and
the names of the fonts it writes in (`read`). The line `%cabinet-pack chart` after the
header says a PDF is laid out so; anything else (a chart matplotlib saved) is read as a
PDF. No matplotlib here: the main process reads the charts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n%cabinet-pack chart\n"
_PAGE = re.compile(
    rb"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\] "
    rb"/Resources << (?:/Font << ((?:/[A-Za-z0-9-]+ [0-9]+ 0 R ?)+)>> )?>> /Contents 4 0 R >>"
    rb"\nendobj\n4 0 obj\n<< /Length ([0-9]+) /Filter /FlateDecode >>\nstream\n")


def number(value: float) -> str:
    """A number as matplotlib's PDF writer writes a path's (to six places)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True)
class ChartPage:
    width: float
    height: float
    content: bytes  # compressed (FlateDecode)
    fonts: tuple[str, ...]  # the resource names it writes in: the chart fonts' PostScript names
    whole: bool = True  # the fonts embedded, not only named (`without_fonts`)


def read(data: bytes) -> ChartPage | None:
    """The page of a PDF `page` made; None for any other PDF."""
    if not data.startswith(_HEADER):
        return None
    at = data.find(b"endobj\n3 0 obj\n")
    found = _PAGE.match(data, at + len(b"endobj\n")) if at > 0 else None
    if found is None:
        return None
    start, length = found.end(), int(found.group(4))
    if data[start + length:start + length + 10] != b"\nendstream":
        return None  # not whole (a damaged cache entry): read as a PDF, and found wanting
    content = data[start:start + length]
    fonts = tuple(name.decode("ascii") for name in
                  re.findall(rb"(/[A-Za-z0-9-]+) [0-9]+ 0 R", found.group(3) or b""))
    whole = not fonts or b"/FontFile2" in data[start + length:]
    return ChartPage(float(found.group(1)), float(found.group(2)), content, fonts, whole)


def without_fonts(data: bytes) -> bytes:
    """A page `page` made, its fonts named but not embedded: what the main process keeps of
    a chart once it is in the cache, as the pack needs each chart font's objects from one
    chart only (report/charts/workers.py; report/pdf/post.py places such a page in the
    fonts it already holds). Any other PDF is returned as it is."""
    ours = read(data)
    if ours is None or not ours.whole or not ours.fonts:
        return data
    return page(ours.width, ours.height, ours.content, [name[1:] for name in ours.fonts])


def page(width: float, height: float, content: bytes, faces: list) -> bytes:
    """A one-page PDF of this size drawing `content` (compressed), with these fonts
    (report/charts/words.py's `Face`) embedded; a font given by its PostScript name alone
    is named, not embedded (`without_fonts`)."""
    fonts, font_objects, first = [], [], 5
    for face in faces:
        if isinstance(face, str):
            block = (f"<< /Type /Font /Subtype /Type0 /BaseFont /{face} >>".encode("ascii"),)
            fonts.append(f"/{face} {first} 0 R")
        else:
            block = _font_objects(face, first)
            fonts.append(f"{face.resource} {first} 0 R")
        font_objects += block
        first += len(block)
    resources = f"/Resources << /Font << {' '.join(fonts)} >> >> " if fonts else \
        "/Resources << >> "
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {number(width)} {number(height)}] "
         f"{resources}/Contents 4 0 R >>").encode("ascii"),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(content),
                                                                           content),
        *font_objects,
    ]
    out = bytearray(_HEADER)
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (index, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


@lru_cache(maxsize=16)
def _font_objects(face, first: int) -> tuple[bytes, ...]:
    """The face as a Type 0 font, numbered from `first` (the font dictionary itself): its
    descendant, descriptor, font file and ToUnicode map after it."""
    ps = face.ps_name
    widths = " ".join(str(w) for w in face.widths)
    descriptor = " ".join(f"/{key} {_value(value)}" for key, value in face.descriptor.items())
    return (
        (f"<< /Type /Font /Subtype /Type0 /BaseFont /{ps} /Encoding /Identity-H "
         f"/DescendantFonts [{first + 1} 0 R] /ToUnicode {first + 4} 0 R >>").encode("ascii"),
        (f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{ps} /CIDSystemInfo "
         f"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
         f"/FontDescriptor {first + 2} 0 R /CIDToGIDMap /Identity /W [0 [{widths}]] >>"
         ).encode("ascii"),
        (f"<< /Type /FontDescriptor /FontName /{ps} /FontFile2 {first + 3} 0 R {descriptor} >>"
         ).encode("ascii"),
        b"<< /Length %d /Filter /FlateDecode /Length1 %d >>\nstream\n%s\nendstream" % (
            len(face.font_file), face.font_length, face.font_file),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
            len(face.to_unicode), face.to_unicode),
    )


def _value(value) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(_value(v) for v in value) + "]"
    if isinstance(value, float):
        return number(value)
    return str(value)
