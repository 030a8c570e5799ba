"""What every section function receives, and the small builders they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer, Table

from report.content import Block, Bullets, Para
from report.layout.styles import Theme
from report.model import MeasureFigures, PackFigures
from report.pdf.doc import Refs
from report.pdf.flowables import Badge, Tagged
from report.pdf.marks import Tagger

STATUS_SHAPES = {"GREEN": "\u25cf", "AMBER": "\u25b2", "RED": "\u2716"}  # ● ▲ ✖


def esc(text: object) -> str:
    """Input text is content, never markup."""
    return escape(str(text))


@dataclass(frozen=True)
class Stop:
    """One stop of the pack's page chain: a measure page, its areas or its quartiles."""

    key: str
    label: str


@dataclass
class Context:
    figures: PackFigures
    theme: Theme
    refs: Refs
    tagger: Tagger
    width: float  # portrait frame width
    landscape_width: float
    chart_names: dict[str, str] = field(default_factory=dict)  # chart key -> XObject name
    chain: list[Stop] = field(default_factory=list)
    sections: set[str] = field(default_factory=set)  # page kinds this layout builds

    def tag(self, flowable: Flowable, role: str, alt: str | None = None) -> Tagged:
        return Tagged(flowable, role, self.tagger.element(role), alt)

    # -- text ---------------------------------------------------------------------------
    def para(self, markup: str, style: str = "body", role: str = "P") -> Tagged:
        """`markup` is built in code from escaped data (see esc)."""
        return Tagged(Paragraph(markup, self.theme.styles[style]), role,
                      self.tagger.element(role))

    def heading(self, text: str, level: int, style: str | None = None) -> Tagged:
        flowable = self.para(esc(text), style or f"h{level}", role=f"H{level}")
        flowable.inner.keepWithNext = 1
        return flowable

    def link(self, key: str, text: str) -> str:
        colour = self.theme.styles["nav"].textColor.hexval()[2:]
        return f'<a href="#{esc(key)}" color="#{colour}"><u>{esc(text)}</u></a>'

    def badge(self, status: str | None) -> Flowable:
        if status is None:
            return Spacer(0, 0)
        fill = self.theme.colour(status.lower())
        ink = self.theme.colour(f"{status.lower()}_text")
        return Badge(f"{STATUS_SHAPES[status]} {status}", fill, ink,
                     self.theme.font_name(bold=True), 11, outline=colors.black)

    def status_cell(self, status: str | None, style: str = "cell") -> Paragraph:
        """A table cell version of the badge: shape + word on the status colour."""
        if status is None:
            return Paragraph("\u2013", self.theme.styles[style])
        return Paragraph(f"<b>{STATUS_SHAPES[status]} {status}</b>", self.theme.styles[style])

    def status_fill(self, status: str | None):
        return self.theme.colour(status.lower()) if status else None

    def status_ink(self, status: str | None):
        return self.theme.colour(f"{status.lower()}_text") if status else None

    # -- commentary --------------------------------------------------------------------
    def blocks(self, blocks: tuple[Block, ...], style: str = "body") -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            if isinstance(block, Para):
                out.append(self.para(_runs_markup(block), style))
            else:
                out.append(self._bullets(block, style, depth=0))
        return out

    def _bullets(self, bullets: Bullets, style: str, depth: int) -> ListFlowable:
        """A list; its items' paragraphs are tagged (L > LI > LBody), not the list itself,
        because reportlab splits a list into its items when it crosses a page."""
        self.tagger.open("L")
        items = []
        for item in bullets.items:
            self.tagger.open("LI")
            parts: list[Flowable] = []
            for block in item:
                if isinstance(block, Para):
                    parts.append(self.tag(Paragraph(_runs_markup(block),
                                                    self.theme.styles["bullet"]), "LBody"))
                else:
                    parts.append(self._bullets(block, style, depth + 1))
            self.tagger.close()
            items.append(ListItem(parts if len(parts) > 1 else parts[0]))
        self.tagger.close()
        body = self.theme.styles["bullet"]
        return ListFlowable(items, bulletType="bullet", start="\u2022" if depth == 0 else "\u2013",
                            bulletFontName=body.fontName, bulletFontSize=body.fontSize,
                            leftIndent=16, bulletOffsetY=0, spaceAfter=4)

    def grid(self, rows, widths, style, repeat=0, hAlign="LEFT") -> Table:
        """A reportlab Table in the pack's font (its default would pull in Helvetica)."""
        font = [("FONT", (0, 0), (-1, -1), self.theme.font, 10)]
        return Table(rows, colWidths=widths, repeatRows=repeat, style=font + list(style),
                     hAlign=hAlign)

    def table(self, rows, widths, style, repeat=0, role="Table", hAlign="LEFT") -> Tagged:
        return Tagged(self.grid(rows, widths, style, repeat, hAlign), role,
                      self.tagger.element(role))


def _runs_markup(block: Para) -> str:
    out = []
    for run in block.runs:
        text = esc(run.text).replace("\n", "<br/>")
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def measure_key(m: MeasureFigures) -> str:
    return f"measure-{m.id}"


def quartile_key(m: MeasureFigures) -> str:
    return f"quartiles-{m.id}"


def area_key(m: MeasureFigures) -> str:
    return f"areas-{m.id}"
