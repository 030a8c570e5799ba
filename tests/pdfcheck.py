"""Reading a built PDF back the way a reader meets it: text per page, links, outline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pdfplumber
import pypdf


@dataclass
class Link:
    page: int  # 1-based page the link is on
    text: str  # the words under the link
    target: int  # 1-based page it lands on


class BuiltPdf:
    def __init__(self, path: Path):
        self.path = path
        self.reader = pypdf.PdfReader(str(path))

    @cached_property
    def plumbed(self):
        """The PDF as pdfplumber reads it, parsed once: each page keeps its characters for
        the text, the sizes and the links (parsing is most of what reading back costs)."""
        return pdfplumber.open(self.path)

    @cached_property
    def texts(self) -> list[str]:
        return [page.extract_text() or "" for page in self.plumbed.pages]

    @cached_property
    def plain_texts(self) -> list[str]:
        """Each page's text in the order it was drawn (pdfium: a tenth of pdfplumber's
        time; for "is this phrase on the page", not for reading lines)."""
        import pypdfium2

        document = pypdfium2.PdfDocument(str(self.path))
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]

    def size_problems(self, minimum: float = 10.0) -> list[tuple[int, str, float]]:
        """Characters printed smaller than `minimum` points, or at an angle (pdfium's size
        of each character, as printed: the same as pdfplumber's glyph boxes on level text,
        in a tenth of the time)."""
        import pypdfium2
        import pypdfium2.raw as pdfium

        small = []
        document = pypdfium2.PdfDocument(str(self.path))
        for index in range(len(document)):
            text = document[index].get_textpage()
            for c in range(text.count_chars()):
                char = chr(pdfium.FPDFText_GetUnicode(text, c))
                if not char.strip():
                    continue
                turned = abs(pdfium.FPDFText_GetCharAngle(text, c)) > 1e-3
                size = 0.0 if turned else pdfium.FPDFText_GetFontSize(text, c)
                if size < minimum - 0.01:
                    small.append((index + 1, char, round(size, 2)))
        return small

    def page_with(self, needle: str, start: int = 1) -> int:
        for number, text in enumerate(self.texts, start=1):
            if number >= start and needle in text:
                return number
        raise AssertionError(f"no page contains {needle!r}")

    @cached_property
    def links(self) -> list[Link]:
        out = []
        for number, (page, plumb) in enumerate(zip(self.reader.pages, self.plumbed.pages),
                                               start=1):
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                if annot.get("/Subtype") != "/Link":
                    continue
                dest = annot.get("/Dest")
                assert dest is not None, f"link on page {number} has no destination"
                target = self.reader.get_page_number(dest[0].get_object()) + 1
                x0, y0, x1, y1 = [float(v) for v in annot["/Rect"]]
                height = float(plumb.height)
                box = (max(x0 - 2, 0), max(height - y1 - 3, 0), min(x1 + 2, float(plumb.width)),
                       min(height - y0 + 3, height))
                words = plumb.within_bbox(box).extract_text() or ""
                words = " ".join(words.split())
                last = out[-1] if out else None
                if last and last.page == number and last.target == target and \
                        not re.fullmatch(r"\d+", words) and not re.fullmatch(r"\d+", last.text):
                    last.text = f"{last.text} {words}"  # one link wrapped over two lines
                else:
                    out.append(Link(number, words, target))
        return out

    @cached_property
    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, 1-based page) in order."""
        out = []

        def walk(items, level):
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    page = self.reader.get_destination_page_number(item) + 1
                    out.append((level, item.title, page))

        walk(self.reader.outline, 0)
        return out


def drawn_alike(first: bytes, second: bytes, scale: float = 4) -> bool:
    """Whether two PDFs draw the same: every page the same pixels, rendered large, and the
    same text (the operators that draw them may differ)."""
    import pypdfium2
    from PIL import ImageChops

    one, other = pypdfium2.PdfDocument(first), pypdfium2.PdfDocument(second)
    if len(one) != len(other):
        return False
    for a, b in zip(one, other):
        if a.get_textpage().get_text_range() != b.get_textpage().get_text_range():
            return False
        images = [page.render(scale=scale).to_pil().convert("RGB") for page in (a, b)]
        if ImageChops.difference(*images).getbbox() is not None:
            return False
    return True
