"""A tagged PDF read in structure order, as a screen reader meets it: each element's
text from its marked content (pdfplumber's characters by MCID), its ActualText instead
where it has one, a Figure's Alt instead of its content."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pdfplumber
import pikepdf
from pdfplumber.utils import extract_text


class Reader:
    def __init__(self, path: Path):
        self.pdf = pikepdf.open(path)
        self.index = {page.obj.objgen: i for i, page in enumerate(self.pdf.pages)}
        self.chars: dict[tuple[int, int], list] = defaultdict(list)
        with pdfplumber.open(path) as doc:
            for i, page in enumerate(doc.pages):
                for char in page.chars:
                    if char.get("mcid") is not None:
                        self.chars[i, char["mcid"]].append(char)

    def text(self, element, page: int | None = None) -> str:
        """What is read for one structure element (and everything inside it)."""
        return " ".join(text for _, text, _ in self.items(element, page) if text)

    def items(self, element, page: int | None = None):
        """(role, text, page index) in reading order: a leaf's text, or an element's
        ActualText/Alt in place of what it holds."""
        role = str(element.get("/S", "/?"))[1:]
        if "/Pg" in element:
            page = self.index[element.Pg.objgen]
        if "/ActualText" in element:
            yield role, str(element.ActualText), page
            return
        if role == "Figure" and "/Alt" in element:
            yield role, str(element.Alt), page
            return
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        run: list = []
        for kid in kids:
            if isinstance(kid, int):
                run += self.chars[page, int(kid)]
            elif kid.get("/Type") == "/MCR":
                run += self.chars[self.index[kid.Pg.objgen], int(kid.MCID)]
            elif kid.get("/Type") == "/OBJR":
                continue
            else:
                if run:
                    yield role, _words(run), page
                    run = []
                yield from self.items(kid, page)
        if run:
            yield role, _words(run), page
        if role == "Link" and "/Alt" in element:
            yield "Link name", str(element.Alt), page

    def tables(self) -> list[tuple[int, list[list[str]]]]:
        """Every Table in reading order: (the page index of its first cell, its rows as the
        text read for each cell; a cell another spans is no cell of its own)."""
        out = []
        stack = [self.document()]
        while stack:
            element = stack.pop()
            if str(element.get("/S")) == "/Table":
                rows = [[self.text(cell) for cell in _kids(row)] for row in _kids(element)]
                first = next(page for _, _, page in self.items(element))
                out.append((first, rows))
                continue
            stack += reversed(_kids(element))
        return out

    def document(self):
        root = self.pdf.Root.StructTreeRoot
        return root.K[0] if isinstance(root.K, pikepdf.Array) else root.K


def _kids(element) -> list:
    """The structure elements directly inside `element` (not its marked content)."""
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _words(chars) -> str:
    return " ".join(extract_text(chars).split())
