"""The few flowables the pack needs beyond reportlab's own.

Every piece of content goes through `Tagged`, which wraps what it draws in a marked-content
sequence (`/Role <</MCID n>> BDC ... EMC`) and records it on the document, so a structure
tree can be built after the last pass. A Tagged flowable splits like its content does, each
fragment keeping the same structure element.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import ActionFlowable


class Tagged(Flowable):
    def __init__(self, inner: Flowable, role: str, element: int, alt: str | None = None):
        super().__init__()
        self.inner, self.role, self.element, self.alt = inner, role, element, alt

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
                Tagged(part, self.role, self.element, self.alt) for part in parts]

    def split(self, avail_width, avail_height):
        return self.splitOn(getattr(self, "canv", None), avail_width, avail_height)

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def getKeepWithNext(self):
        return getattr(self.inner, "keepWithNext", 0)

    keepWithNext = property(getKeepWithNext)

    def drawOn(self, canv, x, y, _sW=0):
        doc = canv._doctemplate
        mcid = doc.marks.begin(canv.getPageNumber(), self.role, self.element, self.alt)
        canv.addLiteral(f"/{self.role} <</MCID {mcid}>> BDC")
        self.inner.drawOn(canv, x, y, _sW)
        canv.addLiteral("EMC")

    def __repr__(self):
        return f"Tagged({self.role}, {self.inner!r})"


class Anchor(Flowable):
    """A link target and outline entry at this point of the flow; records its page."""

    def __init__(self, key: str, title: str | None = None, level: int = 0,
                 opens: str | None = None, closes: bool = False):
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.opens, self.closes = opens, closes
        self.width = self.height = 0

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        canv = self.canv
        doc = canv._doctemplate
        x, y = canv.absolutePosition(0, 0)
        canv.bookmarkPage(self.key, fit="XYZ", left=0, top=y + 30)
        doc.anchors[self.key] = canv.getPageNumber()
        if self.title is not None:
            level = min(self.level, doc.outline_level + 1)
            canv.addOutlineEntry(self.title, self.key, level=level, closed=level >= 1)
            doc.outline_level = level
        if self.opens is not None:
            doc.open_section = (self.opens, canv.getPageNumber())
        if self.closes:
            doc.open_section = None


class ChartBox(Flowable):
    """Reserves the chart's box and draws `/Name Do` of a form XObject that the
    post-processing step adds to the page: vector, in reading order, and cheap."""

    def __init__(self, name: str, width: float, height: float):
        super().__init__()
        self.name, self.width, self.height = name, width, height

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        doc = canv._doctemplate
        doc.charts.setdefault(canv.getPageNumber(), []).append(self.name)
        # drawOn has already translated the canvas to this box's corner.
        canv.addLiteral(f"q /{self.name} Do Q")


class Badge(Flowable):
    """A status badge: filled, outlined, carrying shape and word ("✖ RED")."""

    def __init__(self, text: str, fill, ink, font: str, size: float = 11,
                 outline=colors.black, min_width: float = 0):
        super().__init__()
        self.text, self.fill, self.ink, self.font, self.size = text, fill, ink, font, size
        self.outline = outline
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
        canv.drawCentredString(self.width / 2, 5.2, self.text)
        canv.restoreState()
