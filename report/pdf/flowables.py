"""The few flowables the pack needs beyond reportlab's own.

Every piece of content goes through `Tagged`, which wraps what it draws in a marked-content
sequence (`/Role <</MCID n>> BDC ... EMC`) and records it on the document, so a structure
tree can be built after the last pass. A Tagged flowable splits like its content does, each
fragment keeping the same structure element. Role "Artifact" marks decoration instead.
"""

from __future__ import annotations

import html
import re

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.tables import TableRenderCB

from report.pdf.marks import measuring

ARTIFACT = "Artifact"


def document(canv):
    """The document a flowable is drawn into, where it records what the structure tree,
    the links and the charts are built from after the pass (`PassResult`): the one reach
    for reportlab's private `canv._doctemplate`, as its own contents and index flowables
    make (report/patches.py); None for a canvas no document drives."""
    return getattr(canv, "_doctemplate", None)


def begin_marked(canv, role: str, element: int | None, box) -> None:
    if role == ARTIFACT or element is None:
        canv.addLiteral("/Artifact BMC")
        return
    mcid = document(canv).marks.begin(canv.getPageNumber(), element, box)
    canv.addLiteral(f"/{role} <</MCID {mcid}>> BDC")


def end_marked(canv) -> None:
    canv.addLiteral("EMC")


def page_box(canv, x: float, y: float, width: float, height: float):
    x0, y0 = canv.absolutePosition(x, y)
    x1, y1 = canv.absolutePosition(x + width, y + height)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


class Tagged(Flowable):
    def __init__(self, inner: Flowable, role: str, element: int | None):
        super().__init__()
        self.inner, self.role, self.element = inner, role, element

    def wrapOn(self, canv, avail_width, avail_height):
        self.canv = canv
        self.width, self.height = self.inner.wrapOn(canv, avail_width, avail_height)
        return self.width, self.height

    def wrap(self, avail_width, avail_height):
        return self.wrapOn(getattr(self, "canv", None), avail_width, avail_height)

    def splitOn(self, canv, avail_width, avail_height):
        frame = getattr(self, "_frame", None)
        if frame is not None:
            self.inner._frame = frame  # containers decide how to split from their frame
        parts = self.inner.splitOn(canv, avail_width, avail_height)
        return [part if isinstance(part, ActionFlowable) else
                Tagged(part, self.role, self.element) for part in parts]

    def split(self, avail_width, avail_height):
        return self.splitOn(getattr(self, "canv", None), avail_width, avail_height)

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    # reportlab groups a keepWithNext run into a KeepTogether and then clears the flag by
    # writing the instance __dict__ (and undoes that between passes): honour all three.
    @property
    def keepWithNext(self):
        if "keepWithNext" in self.__dict__:
            return self.__dict__["keepWithNext"]
        return getattr(self.inner, "keepWithNext", 0)

    @keepWithNext.setter
    def keepWithNext(self, value):
        self.__dict__.pop("keepWithNext", None)
        self.inner.keepWithNext = value

    @keepWithNext.deleter
    def keepWithNext(self):
        self.__dict__.pop("keepWithNext", None)

    def drawOn(self, canv, x, y, _sW=0):
        if measuring(canv):
            return
        begin_marked(canv, self.role, self.element,
                     page_box(canv, x, y, self.width, self.height))
        self.inner.drawOn(canv, x, y, _sW)
        end_marked(canv)

    def __repr__(self):
        return f"Tagged({self.role}, {self.inner!r})"


class Labelled(Tagged):
    """A list item's text with its bullet: the bullet is drawn in its own marked content
    (the item's Lbl), where the paragraph would have drawn it, and the text in the body's
    element, so a screen reader announces the bullet once, as a label. Only the first
    fragment of a split item carries the bullet."""

    def __init__(self, inner, role: str, element: int | None, bullet: str,
                 label: int | None):
        super().__init__(inner, role, element)
        self.bullet, self.label = bullet, label

    def splitOn(self, canv, avail_width, avail_height):
        parts = super().splitOn(canv, avail_width, avail_height)
        if parts and isinstance(parts[0], Tagged):
            first = parts[0]
            parts[0] = Labelled(first.inner, first.role, first.element, self.bullet,
                                self.label)
        return parts

    def drawOn(self, canv, x, y, _sW=0):
        if measuring(canv):
            return
        style = self.inner.style
        size = style.bulletFontSize
        # reportlab's own bullet position: the first line's top less the font size
        baseline = y + self.height - style.fontSize + getattr(style, "bulletOffsetY", 0)
        left = x + style.bulletIndent
        begin_marked(canv, "Lbl", self.label,
                     page_box(canv, x, baseline - size * 0.25, style.leftIndent, size))
        canv.saveState()
        text = canv.beginText(left, baseline)
        text.setFont(style.bulletFontName, size)
        text.setFillColor(getattr(style, "bulletColor", None) or style.textColor)
        text.textOut(self.bullet)
        canv.drawText(text)
        canv.restoreState()
        end_marked(canv)
        super().drawOn(canv, x, y, _sW)


class InlineLinks(Flowable):
    """A line of text with links in it, each piece in its own marked content (a link's
    text inside its Link element, the rest in the paragraph's), drawn piece by piece where
    the whole paragraph would have drawn it. Text too long for one line is drawn whole,
    in the paragraph's element."""

    def __init__(self, pieces: list[tuple[str, str, tuple[int, str]]], style):
        super().__init__()
        self.pieces, self.style = pieces, style  # (markup, plain text, (element, role))
        from report.pdf.paragraph import Paragraph

        self.whole = Paragraph("".join(markup for markup, _, _ in pieces), style)

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.whole.wrap(avail_width, avail_height)
        self.lines = len(getattr(self.whole.blPara, "lines", []))
        return self.width, self.height

    def getSpaceBefore(self):
        return self.whole.getSpaceBefore()

    def getSpaceAfter(self):
        return self.whole.getSpaceAfter()

    def drawOn(self, canv, x, y, _sW=0):
        if measuring(canv):
            return
        from reportlab.pdfbase.pdfmetrics import stringWidth

        from report.pdf.paragraph import Paragraph

        if self.lines != 1:
            element, role = next((e for _, _, e in self.pieces if e[1] != "Link"),
                                 self.pieces[0][2])
            begin_marked(canv, role, element, page_box(canv, x, y, self.width, self.height))
            self.whole.drawOn(canv, x, y, _sW)
            end_marked(canv)
            return
        font, size = self.style.fontName, self.style.fontSize
        offset = 0.0
        for markup, text, (element, role) in self.pieces:
            lead = stringWidth(text[:len(text) - len(text.lstrip())], font, size)
            width = stringWidth(text, font, size)
            if text.strip():
                piece = Paragraph(markup, self.style)
                piece.wrap(self.width, self.height)
                begin_marked(canv, role, element,
                             page_box(canv, x + offset + lead, y, width - lead, self.height))
                piece.drawOn(canv, x + offset + lead, y)
                end_marked(canv)
            offset += width


class Deferred(Flowable):
    """Content that depends on page numbers ("see also page 12"): made from the document's
    page references when it is laid out, so one story serves every pass. What was made is
    kept while the page numbers it read stay the same: a pass that finds them unchanged
    lays out the same paragraph, with the lines it was broken into, instead of a new one."""

    def __init__(self, make):
        super().__init__()
        self.make = make
        self._made = None
        self._refs = None
        self._read: dict[str, str] | None = None  # the page numbers `_made` was made from

    def _inner(self, canv):
        refs = getattr(document(canv), "refs", None)
        if refs is None:  # measured before layout (a page that must fit): numbers unknown
            from report.pdf.doc import Refs

            refs = self._refs or Refs()
        if self._made is not None and (self._refs is refs or self._same_pages(refs)):
            self._refs = refs  # made for this pass, or from the same page numbers
            return self._made
        reading = _Reading(refs)
        self._made, self._refs = self.make(reading), refs
        self._read = reading.read
        return self._made

    def _same_pages(self, refs) -> bool:
        return self._read is not None and all(refs.page(key) == page
                                              for key, page in self._read.items())

    def wrapOn(self, canv, avail_width, avail_height):
        self.width, self.height = self._inner(canv).wrapOn(canv, avail_width, avail_height)
        return self.width, self.height

    def splitOn(self, canv, avail_width, avail_height):
        return self._inner(canv).splitOn(canv, avail_width, avail_height)

    def wrap(self, avail_width, avail_height):
        """Measured without a canvas (inside a kept-together group): the size from the
        last wrapOn, or the page numbers' placeholder."""
        if self._made is None:
            from report.pdf.doc import Refs

            self._made, self._refs, self._read = self.make(Refs()), None, None
        self.width, self.height = self._made.wrap(avail_width, avail_height)
        return self.width, self.height

    def drawOn(self, canv, x, y, _sW=0):
        inner = self._inner(canv)
        if not hasattr(inner, "lines") and hasattr(inner, "whole"):
            inner.wrap(self.width, self.height)  # made afresh for this pass: measure it
        inner.drawOn(canv, x, y, _sW)

    def getSpaceBefore(self):
        return self._made.getSpaceBefore() if self._made is not None else 0

    def getSpaceAfter(self):
        return self._made.getSpaceAfter() if self._made is not None else 0


class _Reading:
    """Page references that note each page number read, so that what was made from them
    can be kept while they stay the same."""

    def __init__(self, refs):
        self.refs, self.read = refs, {}

    def page(self, key: str) -> str:
        page = self.refs.page(key)
        if self.read is not None:
            self.read[key] = page
        return page

    def __getattr__(self, name):  # anything else read: what is made cannot be kept
        self.__dict__["read"] = None
        return getattr(self.refs, name)


class Grid(Table):
    """A table that is not drawn on a measuring pass; the rows others link to (see
    `anchored`) still record their pages there, so that the pass finds every page number
    the drawing pass will use (else a third pass would be needed to find them)."""

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.anchor_names = [key for row in data for cell in row for key in _anchor_names(cell)]
        # the cells whose size may change between passes: those made from page numbers
        self.deferred = [d for row in data for cell in row for d in _deferred(cell)]
        self.kept_size = self.kept_split = None  # see wrap and split

    def _made(self) -> tuple:
        """What the cells made from page numbers are, as this pass lays the table out."""
        canv = getattr(self, "canv", None)
        return tuple(deferred._inner(canv) for deferred in self.deferred)

    def wrap(self, availWidth, availHeight):
        """A table's geometry depends only on its cells and the width, yet reportlab works
        it out again each time the table is measured: by the frame, by a group kept
        together, and again in the pass that draws. It is kept, and worked out again only
        for another width, once what a cell was made from page numbers has changed, or
        where the table may not fit (reportlab then stops at the rows that fit)."""
        made = self._made()
        kept = self.kept_size
        if (kept is not None and kept[0] == availWidth and kept[3] <= availHeight
                and _same(kept[1], made)):
            return kept[2], kept[3]
        width, height = super().wrap(availWidth, availHeight)
        self.kept_size = (availWidth, made, width, height) if height <= availHeight else None
        return width, height

    def split(self, availWidth, availHeight):
        """A table that runs on to the next page splits the same way for the same room
        (and the same page's frame, where a row may split), so the next pass is given the
        parts the last one made, each keeping its geometry, rather than new ones."""
        frame = getattr(self, "_frame", None)
        room = (availWidth, availHeight, getattr(frame, "_height", None),
                getattr(frame, "_topPadding", None), getattr(frame, "_bottomPadding", None))
        made = self._made()
        kept = self.kept_split
        if kept is not None and kept[0] == room and _same(kept[1], made):
            return list(kept[2])
        self.kept_size = None  # splitting works the geometry out again for the room left
        parts = super().split(availWidth, availHeight)
        self.kept_split = (room, made, tuple(parts))
        return parts

    def drawOn(self, canv, x, y, _sW=0):
        if not measuring(canv):
            super().drawOn(canv, x, y, _sW)
            return
        for key in self.anchor_names:  # the page is what counts: this page is not kept
            record_anchor(canv, key, y)


def _anchor_names(cell) -> list[str]:
    """The link targets in a table cell: an anchored cell, and the anchors in the
    flowables it holds (two keys side by side, each with its own heading)."""
    if isinstance(cell, (list, tuple)):
        return [key for item in cell for key in _anchor_names(item)]
    if isinstance(cell, Grid):
        return cell.anchor_names
    if isinstance(cell, Tagged):
        return _anchor_names(cell.inner)
    key = cell.name if isinstance(cell, Anchor) else getattr(cell, "anchor_name", None)
    return [key] if key is not None else []


def _same(kept: tuple, made: tuple) -> bool:
    return all(a is b for a, b in zip(kept, made))


def _deferred(cell) -> list[Deferred]:
    """The flowables in a table cell that are made from page numbers, nested ones too."""
    if isinstance(cell, (list, tuple)):
        return [d for item in cell for d in _deferred(item)]
    if isinstance(cell, Deferred):
        return [cell]
    if isinstance(cell, Grid):
        return cell.deferred
    if isinstance(cell, Tagged):
        return _deferred(cell.inner)
    return []


class SideBySide(Grid):
    """Two columns of flowables in one row (`stacked`: the same flowables one column after
    the other). A row cannot split, so where the row is taller than a whole page's frame
    (a long period note carried at the top of each page leaves less of it), the columns
    follow one another instead, each free to continue overleaf: laid out, never too large."""

    stacked: list = []

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        frame = getattr(self, "_frame", None)  # set by the frame before it asks to split
        if parts or frame is None:
            return parts
        room = frame._height - frame._topPadding - frame._bottomPadding
        return list(self.stacked) if self._height > room else []


def broken_words(paragraph) -> str | None:
    """A laid-out paragraph's text with whole words, when its lines break one: a word
    too long for a narrow column ("(2016/17)" drawn "(2" and "016/17)"), or one
    hyphenated by hand over a line break ("Constitu-<br/>encies"). None when every
    word is drawn whole."""
    lines = getattr(getattr(paragraph, "blPara", None), "lines", None)
    markup = getattr(paragraph, "text", None)
    if not lines or len(lines) < 2 or not isinstance(markup, str):
        return None

    def words(text: str) -> list[str]:
        text = re.sub(r"<br\s*/?>", " ", text)
        return html.unescape(re.sub(r"<[^>]*>", "", text)).split()

    written = words(markup)
    whole = words(re.sub(r"(?<=[^\W\d_])-<br\s*/?>(?=[^\W\d_])", "", markup))
    drawn: list[str] = []
    for line in lines:
        if isinstance(line, tuple):
            drawn += line[1]
        else:
            drawn += "".join(getattr(word, "text", "") for word in line.words).split()
    if whole == written and drawn == written:
        return None
    return " ".join(whole) or None


class CellTagger(TableRenderCB):
    """A reportlab table render callback: each cell its own TH/TD marked content, rules
    and fills as artifacts. Cells are known by identity, so a table split over pages
    keeps its elements, and a header row repeated on a later page becomes an artifact."""

    def __init__(self, cells: dict[int, tuple[str, int]]):
        self.cells = cells  # id(cell flowable) -> (role, element)

    def startTable(self, T):
        pass

    def endTable(self, T):
        pass

    def startBG(self, T):
        T.canv.addLiteral("/Artifact BMC")

    def endBG(self, T):
        T.canv.addLiteral("EMC")

    startLines, endLines = startBG, endBG

    def startRow(self, T, row):
        pass

    def endRow(self, T):
        pass

    def startCell(self, T, row, col, value, style, pos, size):
        canv = T.canv
        if isinstance(value, (list, tuple)) and value:
            value = value[0]  # reportlab wraps a cell's flowable in a tuple
        role, element = self.cells.get(id(value), (ARTIFACT, None))
        anchor = getattr(value, "anchor_name", None)  # a row others link to: see `anchored`
        if anchor is not None:
            record_anchor(canv, anchor, canv.absolutePosition(pos[0], pos[1] + size[1])[1])
        marks = document(canv).marks
        if element is not None and element in marks.drawn:
            role = ARTIFACT  # a header row repeated on a continuation page
        begin_marked(canv, role, element, page_box(canv, pos[0], pos[1], size[0], size[1]))
        if role != ARTIFACT:
            # a drawn icon says its words; a paragraph, its whole words if lines break one
            whole = getattr(value, "spoken", None) or broken_words(value)
            if whole is not None:
                marks.spoken[element] = whole

    def endCell(self, T):
        T.canv.addLiteral("EMC")


class Anchor(Flowable):
    """A link target and outline entry at this point of the flow; records its page."""

    def __init__(self, key: str, title: str | None = None, level: int = 0,
                 opens: str | None = None, closes: bool = False,
                 carries: tuple[str, str] | None = None):
        super().__init__()
        self.name, self.title, self.level = key, title, level
        self.opens, self.closes = opens, closes
        self.carries = carries  # (title, note) for the section's later pages: doc.carry_on
        self.width = self.height = 0
        # an outline entry goes with the heading after it: when the heading moves to the
        # next page, so does the entry (else it would land on the page before)
        self.keepWithNext = int(title is not None)

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        canv = self.canv
        doc = document(canv)
        record_anchor(canv, self.name, canv.absolutePosition(0, 0)[1])
        if self.title is not None:
            level = min(self.level, doc.outline_level + 1)
            canv.addOutlineEntry(self.title, self.name, level=level, closed=level >= 1)
            doc.outline_level = level
            doc.titles[self.name] = self.title
        if self.opens is not None:
            doc.open_section = (self.opens, canv.getPageNumber())
        if self.carries is not None:
            doc.carry_on(*self.carries)
        if self.closes:
            doc.open_section = doc.carried = None


def record_anchor(canv, key: str, top: float) -> None:
    """A link target at height `top` (page space) of this page, and its page number."""
    doc = document(canv)
    canv.bookmarkPage(key, fit="XYZ", left=0, top=top + 30)
    doc.anchors[key] = canv.getPageNumber() + doc.page_offset


def anchored(cell: Flowable, key: str) -> Flowable:
    """A table cell that is a link target (a scorecard row the measure page returns to)."""
    cell.anchor_name = key
    return cell


class ChartBox(Flowable):
    """Reserves the chart's box and draws `/Name Do` of a form XObject that the
    post-processing step adds to the page: vector, in reading order, and cheap. `over`:
    charts of the same size drawn over it (an SPC chart's legend), part of the same figure."""

    def __init__(self, name: str, width: float, height: float, over: tuple[str, ...] = ()):
        super().__init__()
        self.name, self.width, self.height, self.over = name, width, height, over

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        doc = document(canv)
        for name in (self.name, *self.over):
            doc.charts.setdefault(canv.getPageNumber(), []).append(name)
            # drawOn has already translated the canvas to this box's corner.
            canv.addLiteral(f"q /{name} Do Q")


class Badge(Flowable):
    """A status badge: filled, outlined, carrying shape and word ("✖ RED")."""

    def __init__(self, text: str, fill, ink, font: str, size: float = 11,
                 outline=colors.black, min_width: float = 0, spoken: str | None = None):
        super().__init__()
        self.text, self.fill, self.ink, self.font, self.size = text, fill, ink, font, size
        self.outline = outline
        self.spoken = spoken  # read instead of the drawn text ("RED", not "✖ RED")
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.width = max(min_width, stringWidth(text, font, size) + 14)
        self.height = size + 9

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setFillColor(self.fill)
        canv.setStrokeColor(self.outline)
        canv.setLineWidth(1.2)
        canv.roundRect(0, 0, self.width, self.height, 3, stroke=1, fill=1)
        canv.setFillColor(self.ink)
        canv.setFont(self.font, self.size)
        if self.spoken:  # within the element's own marked content: its words replace it
            canv.addLiteral(f"/Span <</ActualText {pdf_text(self.spoken)}>> BDC")
        canv.drawCentredString(self.width / 2, 5.2, self.text)
        if self.spoken:
            canv.addLiteral("EMC")
        canv.restoreState()


class EndTogether(Flowable):
    """The last blocks of a section's pages and what ends it (its navigation row): the
    blocks may run on to the next page, but then enough of them go with what ends the
    section for that page to be worth its paper: at least `share` of the page, and never
    fewer than `lines` lines. Decided as the frame splits it, from the heights reportlab
    works out for the frame anyway (no trial layout)."""

    def __init__(self, content: list[Flowable], last: Flowable, share: float = 0.0,
                 lines: float = 2.5, keep: float = 0.0):
        super().__init__()
        self.content, self.last = list(content), last
        self.share, self.lines, self.keep = share, lines, keep

    def wrap(self, avail_width, avail_height):
        return avail_width, 0xFFFFFF  # always split, as KeepTogether does

    def getSpaceBefore(self):  # the frame leaves it above the first block, as for that block
        return (self.content or [self.last])[0].getSpaceBefore()

    def split(self, avail_width, avail_height):
        from reportlab.platypus.doctemplate import FrameBreak

        items = [*self.content, self.last]
        if not self.content:
            return items
        frame = getattr(self, "_frame", None)
        page = getattr(frame, "_height", avail_height)
        # what must go overleaf with the last flowable: a share of the page, or some lines
        last_style = getattr(getattr(self.content[-1], "inner", self.content[-1]), "style", None)
        lines = self.lines * getattr(last_style, "leading", 15)
        last = self.last.wrapOn(self.canv, avail_width, avail_height)[1]
        # The blocks are measured only as far as this page and what must go overleaf with
        # the last flowable reach: past that, how many there are changes nothing here (a
        # commentary of thousands of points is split page by page, not measured whole on
        # every page).
        enough = avail_height + max(self.share * page, lines) + last
        heights: list[float] = []
        total = 0.0
        for index, item in enumerate(self.content):
            heights.append(item.wrapOn(self.canv, avail_width, avail_height)[1])
            total += heights[-1] + (_gap(self.content[index - 1], item) if index else 0.0)
            if total > enough:
                break
        measured = len(heights) == len(self.content)
        if measured and total + _gap(self.content[-1], self.last) + last <= avail_height:
            return items
        budget = avail_height
        if measured:
            budget = min(avail_height, total - max(self.share * page - last, lines))
            # but where it can, this page keeps `keep` points of the blocks (a commentary's
            # heading and first lines stay on its measure's page), never so many that what
            # ends the section would go over alone
            budget = max(budget, min(avail_height, self.keep, total - lines))
        here: list[Flowable] = []
        rest: list[Flowable] = self.content[len(heights):]  # should every measured one fit
        used = 0.0
        for index, (item, height) in enumerate(zip(self.content, heights)):
            gap = _gap(here[-1], item) if here else 0.0
            room = budget - used - gap
            if height <= room:
                here.append(item)
                used += gap + height
                continue
            parts = item.splitOn(self.canv, avail_width, room) if room > 0 else []
            if len(parts) >= 2 and not isinstance(parts[0], ActionFlowable):
                here.append(parts[0])
                rest = [*parts[1:], *self.content[index + 1:]]
            else:
                rest = self.content[index:]
            break
        while here and getattr(here[-1], "keepWithNext", 0):  # a heading goes with its text
            rest.insert(0, here.pop())
        following = EndTogether(rest, self.last, self.share, self.lines)  # keeps nothing more
        if not here:
            at_top = frame is not None and getattr(frame, "_atTop", False)
            return items if at_top else [FrameBreak(), following]
        return [*here, FrameBreak(), following]


def _gap(above: Flowable, below: Flowable) -> float:
    """The space a frame leaves between two flowables."""
    return max(above.getSpaceAfter(), below.getSpaceBefore())


class PageSide(ActionFlowable):
    """For double-sided printing, placed before a section's page break: when the page
    after the break would be on the wrong side, a page left blank (and labelled so) comes
    first. A section starts on a right-hand page; a measure whose pages, as the last pass
    laid them out, run to more than one starts on a left-hand page, so that its pages face
    each other. Decided here, before the break, so the blank page takes none of the
    section's page templates."""

    def __init__(self, anchor: str | None = None, followed: bool = False):
        super().__init__()
        self.anchor = anchor  # the section's first anchor: its pages, from the last pass
        # a one-page measure that pages of its own follow (its quartiles, its areas) takes
        # the side that comes: on a left-hand page it faces them, and no blank is added
        self.followed = followed

    def apply(self, doc):
        following = doc.page + doc.page_offset + 1
        facing = self.anchor is not None and doc.refs.span(self.anchor) > 1
        if self.followed and not facing:
            return
        if (following % 2 == 0) != facing:
            doc.handle_nextPageTemplate("blank")
            doc.handle_pageBreak()


def pdf_text(text: str) -> str:
    """A PDF text string, as a hex string in UTF-16 with its byte-order mark."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class EndOnLeftHand(ActionFlowable):
    """For double-sided printing, after the last generated page: if it is a right-hand
    (odd) page, one blank page follows (labelled by the `BlankLabel` after this), so the
    appendices begin on a right-hand page."""

    def apply(self, doc):
        doc.blank_next = (doc.page + doc.page_offset) % 2 == 1
        if doc.blank_next:
            doc.handle_pageBreak()


class BlankLabel(Flowable):
    """Labels the page `EndOnLeftHand` left blank; takes no room, and draws nothing where
    no page was left blank."""

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        doc = document(self.canv)
        if getattr(doc, "blank_next", False):
            doc.blank_next = False
            x, y = self.canv.absolutePosition(0, 0)
            self.canv.translate(-x, -y)  # the label is placed on the page, not the flow
            from report.pdf.doc import blank_label

            blank_label(doc)


