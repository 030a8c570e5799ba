"""What every section function receives, and the small builders they share.

Every builder tags what it makes: paragraphs and headings by role, lists as L > LI >
Lbl + LBody, tables as Table > TR > TH/TD, so the structure tree is built from the same calls
that lay the page out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table

from report.content import Block, Para
from report.layout.styles import Theme
from report.model import MeasureFigures, PackFigures
from report.pdf.doc import Refs
from report.pdf.flowables import (
    ARTIFACT,
    Badge,
    CellTagger,
    Deferred,
    Grid,
    InlineLinks,
    Labelled,
    Tagged,
)
from report.pdf.marks import Tagger
from report.pdf.paragraph import Paragraph
from report.scripts import drawable, visual

# ● ▲ ✖, and ◆ for a context measure's neutral badge (no target, no better direction)
STATUS_SHAPES = {"GREEN": "\u25cf", "AMBER": "\u25b2", "RED": "\u2716", "CONTEXT": "\u25c6"}
CONTEXT = "CONTEXT"


def shown_status(m) -> str | None:
    """The badge a measure wears: its status, or the neutral CONTEXT for a context
    measure, which has none."""
    return m.status.word or (CONTEXT if m.status.basis == "context" else None)


def spoken_status(status: str, mark: str = "") -> str:
    """What a screen reader says for a status mark: the word, never the shape's name
    ("heavy multiplication x"), and in words what the officer's mark means."""
    return f"{status}, set by an officer" if mark else status


BULLETS = ("\u2022", "\u2013", "\u25e6")
INDENT = 16


def esc(text: object) -> str:
    """Input text is content, never markup (and right-to-left runs are put in the order
    they must be drawn, with nothing the font cannot draw: see `drawable`)."""
    return (drawable(visual(str(text))).replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;"))


WIDEST_PAGE = "000"  # a page number at its widest, in a pack of under a thousand pages


def widest_part_words(theme_title: str) -> str:
    """What a split part's reference adds after a page in the part of `theme_title`'s
    measures (", in 03-personalised-support": see `Context.page_words`), at its widest. A
    layout that chooses between two arrangements measures the longest form, so the full
    pack and its parts break the same lines."""
    return f", in 00-{theme_title.lower()}"


@dataclass(frozen=True)
class Stop:
    """One stop of the pack's page chain: a measure page, its areas or its quartiles."""

    anchor: str
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
    chart_heights: dict[str, float] = field(default_factory=dict)  # chart key -> its height
    sections: set[str] = field(default_factory=set)  # page kinds this document builds
    only_themes: set[str] | None = None  # a split part: the themes it holds
    available: set[str] | None = None  # a split part: the link targets inside it
    part_of: dict[str, str] = field(default_factory=dict)  # split: link target -> its part
    coloured: dict[tuple[str, str], ParagraphStyle] = field(default_factory=dict)
    providers: dict[str, bool] = field(default_factory=dict)  # link target -> its section here
    # what a section works out once for the layout (the measure pages' chain), kept by
    # the renderer across its passes and parts
    kept: dict[str, object] = field(default_factory=dict)

    def tag(self, flowable: Flowable, role: str, alt: str | None = None) -> Tagged:
        if role == ARTIFACT:
            return Tagged(flowable, ARTIFACT, None)
        return Tagged(flowable, role, self.tagger.element(role, alt=alt))

    # -- text ---------------------------------------------------------------------------
    def para(self, markup: str, style: str = "body", role: str = "P") -> Tagged:
        """`markup` is built in code from escaped data (see esc)."""
        return self.tag(Paragraph(markup, self.theme.styles[style]), role)

    def heading(self, text: str, level: int, style: str | None = None) -> Tagged:
        flowable = self.para(esc(text), style or f"h{level}", role=f"H{level}")
        flowable.inner.keepWithNext = 1
        return flowable

    def linkable(self, key: str) -> bool:
        """False in a split part for a page in another part, and for a target whose
        section this layout does not have (a section laid out alone): the text stays, the
        link goes."""
        if self.available is not None:
            return key in self.available
        known = self.providers.get(key)
        if known is None:
            from report.layout.registry import provider

            found = provider(self.figures, key)
            known = self.providers[key] = found is None or found.name in self.sections
        return known

    def link(self, key: str, text: str) -> str:
        """Link markup; in a split part a target in another part is plain black text
        (nothing to click there), never link-coloured."""
        if not self.linkable(key):
            ink = self.theme.colour("ink").hexval()[2:]
            return f'<font color="#{ink}">{esc(text)}</font>'
        colour = self.theme.styles["nav"].textColor.hexval()[2:]
        return f'<a href="#{esc(key)}" color="#{colour}"><u>{esc(text)}</u></a>'

    def destination(self, key: str) -> str:
        """Where a link goes, in words, for its name: the measure's title, not its short
        name ("Uptake of direct payments…, national quartiles"), as the section that
        provides the target names it."""
        from report.layout.registry import destination

        return destination(self.figures, key)

    def linked(self, flowable, key: str, destination: str | None = None):
        """Mark a table cell (a Paragraph, or a Deferred one) whose whole text is the
        link to `key`: its text is tagged as that link's Link element."""
        if self.linkable(key):
            flowable.link_to = (key, destination or self.destination(key))
        return flowable

    def page_words(self, key: str, refs: Refs) -> str:
        """Where a reference goes on paper: "page 11", and in a split part, for a page in
        another part, that part too ("page 11, in 03-personalised-support")."""
        words = f"page {refs.page(key)}"
        if not self.linkable(key) and key in self.part_of:
            words += f", in {self.part_of[key]}"
        return words

    def page_ref(self, key: str, text: str, style: str | ParagraphStyle, after: str = "",
                 destination: str | None = None):
        """A table cell whose whole text is a reference with its page number ("Next: DToC
        Total quartiles, page 11 >"), linked where the target is in this document."""
        paragraph_style = self.theme.styles[style] if isinstance(style, str) else style
        cell = Deferred(lambda refs: Paragraph(
            self.link(key, f"{text}, {self.page_words(key, refs)}{after}"), paragraph_style))
        return self.linked(cell, key, destination)

    def page_cell(self, key: str, style: str, destination: str | None = None):
        """A table cell holding the page number of `key` (a link on screen): the bare
        number, the whole pack's, in a split part too, so the cell is as wide in every
        part as in the pack and the parts keep the pack's pages."""
        paragraph_style = self.theme.styles[style]
        cell = Deferred(lambda refs: Paragraph(self.link(key, refs.page(key)), paragraph_style))
        return self.linked(cell, key, destination)

    def link_cell(self, key: str, text: str, style: str, destination: str | None = None):
        return self.linked(Paragraph(self.link(key, text), self.theme.styles[style]), key,
                           destination)

    def badge(self, status: str | None, mark: str = "") -> Flowable:
        """The status as a badge: shape and word, and `mark` after them (the sign for a
        status an officer set)."""
        if status is None:
            return Spacer(0, 0)
        fill = self.theme.colour(status.lower())
        ink = self.theme.colour(f"{status.lower()}_text")
        return Badge(f"{STATUS_SHAPES[status]} {status}" + (f" {mark}" if mark else ""), fill, ink,
                     self.theme.font_name(bold=True), 11, outline=colors.black,
                     spoken=spoken_status(status, mark))

    def status_cell(self, status: str | None, style: str = "cell", mark: str = "") -> Paragraph:
        """A table cell version of the badge: shape + word, in the status's text colour,
        and `mark` after it (the scorecard's sign for a status an officer set)."""
        base = self.theme.styles[style]
        if status is None:
            return Paragraph("\u2013", base)
        coloured = self.coloured.get((style, status))
        if coloured is None:  # one style per status, not per cell
            coloured = self.coloured[style, status] = ParagraphStyle(
                f"{base.name}-{status}", parent=base, textColor=self.status_ink(status))
        spoken = spoken_status(status, mark)
        mark = f"&nbsp;{esc(mark)}" if mark else ""  # shape, word and mark on one line
        cell = Paragraph(f"<b>{STATUS_SHAPES[status]}&nbsp;{status}{mark}</b>", coloured)
        cell.spoken = spoken  # the cell's ActualText: read as its word, not its shape
        return cell

    def status_fill(self, status: str | None):
        return self.theme.colour(status.lower()) if status else None

    def status_ink(self, status: str | None):
        return self.theme.colour(f"{status.lower()}_text") if status else None

    # -- commentary --------------------------------------------------------------------
    def blocks(self, blocks: tuple[Block, ...], style: str = "body",
               bullet: str = "bullet") -> list[Flowable]:
        out: list[Flowable] = []
        for index, block in enumerate(blocks):
            if isinstance(block, Para):
                out.append(self.para(_runs_markup(block), style))
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                if block.text.rstrip().endswith(":") and following is not None \
                        and not isinstance(following, Para):
                    out[-1].inner.keepWithNext = 1  # a lead-in stays with its list
            else:
                out += self._bullets(block, depth=0, style_name=bullet)
        return out

    def _bullets(self, bullets, depth: int, style_name: str = "bullet") -> list[Flowable]:
        """A list as paragraphs (L > LI > Lbl + LBody > P, nested lists inside the LBody):
        each item splits and tags like any paragraph; its bullet, drawn where reportlab
        would draw it, is the item's Lbl."""
        base = self.theme.styles[style_name]
        style = ParagraphStyle(f"{style_name}-{depth}", parent=base,
                               leftIndent=INDENT * (depth + 1), bulletIndent=INDENT * depth + 2,
                               bulletFontName=base.fontName, bulletFontSize=base.fontSize)
        made: dict[float, ParagraphStyle] = {}

        def first_style(label: str) -> ParagraphStyle:
            # a label wider than the indent pushes the first line right, as reportlab does
            overrun = max(0.0, style.bulletIndent + stringWidth(label, style.bulletFontName,
                                                                style.bulletFontSize)
                          + 0.6 * style.bulletFontSize - style.leftIndent)
            if overrun not in made:
                made[overrun] = ParagraphStyle(f"{style_name}-{depth}-first-{overrun:.2f}",
                                               parent=style, firstLineIndent=overrun)
            return made[overrun]

        out: list[Flowable] = []
        self.tagger.open("L")
        for number, item in enumerate(bullets.items):
            # a numbered list keeps its numbers ("see step 2"), a bulleted one its bullets
            bullet = (BULLETS[depth % len(BULLETS)] if bullets.start is None
                      else f"{bullets.start + number}.")
            self.tagger.open("LI")
            label = None
            if item and isinstance(item[0], Para):
                label = self.tagger.element("Lbl")
            self.tagger.open("LBody")
            for index, block in enumerate(item):
                if isinstance(block, Para):
                    if index == 0:
                        out.append(Labelled(Paragraph(_runs_markup(block), first_style(bullet)),
                                            "P", self.tagger.element("P"), bullet, label))
                    else:
                        out.append(self.tag(Paragraph(_runs_markup(block), style), "P"))
                else:
                    out += self._bullets(block, depth + 1, style_name)
            self.tagger.close()
            self.tagger.close()
        self.tagger.close()
        if out:
            out[-1].inner.spaceAfter = max(out[-1].inner.style.spaceAfter, 4)
        return out

    def link_row(self, rows, widths, style, role: str = "P") -> Table:
        """A grid of links (the navigation row) as one `role` element holding a Link
        element for each linked cell; other text is the element's own, blanks artifacts."""
        cells: dict[int, tuple[str, int]] = {}
        holder = self.tagger.open(role)
        for row in rows:
            for cell in row:
                link = getattr(cell, "link_to", None)
                if link is not None:
                    cells[id(cell)] = ("Link", self.tagger.link(*link))
                elif getattr(cell, "text", "") or isinstance(cell, Deferred):
                    cells[id(cell)] = (role, holder)
        self.tagger.close()
        return self.grid(rows, widths, style, hAlign="LEFT", renderCB=CellTagger(cells))

    def inline_links(self, pieces: list[tuple[str, str | None]], style: str = "small",
                     role: str = "P") -> Flowable:
        """One line of text with links in it ("(see also pages 10 and 12)"): `pieces` are
        (text, link key or None); the text is made when the page numbers are known. Each
        link's text is its own Link element inside the `role` element."""
        holder = self.tagger.open(role)
        links = {index: self.tagger.link(key, self.destination(key))
                 for index, (_, key) in enumerate(pieces) if key and self.linkable(key)}
        self.tagger.close()
        paragraph_style = self.theme.styles[style]

        elsewhere = [index for index, (text, key) in enumerate(pieces)
                     if key and text is None and not self.linkable(key) and key in self.part_of]

        def make(refs):
            parts = []
            for index, (text, key) in enumerate(pieces):
                shown = refs.page(key) if key and text is None else text
                if elsewhere and index == elsewhere[-1]:  # pages of another part: named once
                    shown += f", in {self.part_of[key]}"
                markup = self.link(key, shown) if index in links else esc(shown)
                # the plain text as drawn, so each piece is measured as it is printed
                parts.append((markup, drawable(visual(shown)),
                              (links[index], "Link") if index in links else (holder, role)))
            return InlineLinks(parts, paragraph_style)

        return Deferred(make)

    # -- tables ------------------------------------------------------------------------
    def grid(self, rows, widths, style, repeat=0, hAlign="LEFT", renderCB=None,
             kind: type[Table] = Grid) -> Table:
        """A reportlab Table in the pack's font (its default would pull in Helvetica)."""
        font = [("FONT", (0, 0), (-1, -1), self.theme.font, 10)]
        return kind(rows, colWidths=widths, repeatRows=repeat, style=font + list(style),
                    hAlign=hAlign, renderCB=renderCB)

    def table(self, rows, widths, style, repeat=0, header_rows: int | None = None,
              header_cols: int | set[int] = 0, hAlign="LEFT") -> Table:
        """A data table, tagged Table > TR > TH/TD. The first `header_rows` rows (default:
        the repeated rows) are column headers; the first `header_cols` columns row headers.
        Every cell must be a flowable (Paragraph): cells are known by identity. A set for
        `header_cols`: those columns are row headers (a row of label, value, label, value)."""
        header_rows = repeat if header_rows is None else header_rows
        row_heads = header_cols if isinstance(header_cols, set) else set(range(header_cols))
        spans = _spans(style, len(rows), len(rows[0]) if rows else 0)
        cells: dict[int, tuple[str, int]] = {}
        self.tagger.open("Table")
        for r, row in enumerate(rows):
            self.tagger.open("TR")
            for c, cell in enumerate(row):
                if (r, c) in spans.covered:
                    continue  # drawn as part of the spanning cell before it
                attributes: dict[str, str | int] = {}
                if r < header_rows:
                    role, attributes["Scope"] = "TH", "Column"
                elif c in row_heads:
                    role, attributes["Scope"] = "TH", "Row"
                else:
                    role = "TD"
                rows_spanned, columns_spanned = spans.size.get((r, c), (1, 1))
                if rows_spanned > 1:
                    attributes["RowSpan"] = rows_spanned
                if columns_spanned > 1:
                    attributes["ColSpan"] = columns_spanned
                link = getattr(cell, "link_to", None)
                figure = getattr(cell, "figure_alt", None)
                if figure is not None:  # a chart in a cell: TH/TD > Figure, with its alt
                    self.tagger.open(role, attributes=attributes or None)
                    cells[id(cell)] = ("Figure", self.tagger.element("Figure", alt=figure))
                    self.tagger.close()
                elif link is None:
                    element = self.tagger.element(role, attributes=attributes or None)
                    cells[id(cell)] = (role, element)
                else:  # the cell's text is the link: TH/TD > Link
                    self.tagger.open(role, attributes=attributes or None)
                    cells[id(cell)] = ("Link", self.tagger.link(*link))
                    self.tagger.close()
            self.tagger.close()
        self.tagger.close()
        return self.grid(rows, widths, style, repeat, hAlign, renderCB=CellTagger(cells))


@dataclass
class _Spans:
    size: dict[tuple[int, int], tuple[int, int]]  # (row, column) -> (rows, columns)
    covered: set[tuple[int, int]]


def _spans(style, rows: int, columns: int) -> _Spans:
    """The table's SPAN commands as the structure tree needs them: a spanning cell's
    RowSpan and ColSpan, and the cells it covers (which are not cells of their own), so
    every row has the same number of columns and each data cell sits under the header
    a reader sees above it."""
    size: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for command in style:
        if command[0] != "SPAN":
            continue
        (c0, r0), (c1, r1) = command[1], command[2]
        c0, c1 = (c + columns if c < 0 else c for c in (c0, c1))
        r0, r1 = (r + rows if r < 0 else r for r in (r0, r1))
        (r0, r1), (c0, c1) = sorted((r0, r1)), sorted((c0, c1))
        size[r0, c0] = (r1 - r0 + 1, c1 - c0 + 1)
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    return _Spans(size, covered)


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


def row_anchor(m) -> str:
    """The anchor of the measure's row on the scorecard (where its page returns to)."""
    return f"row-{m.id}"


def measure_anchor(m: MeasureFigures) -> str:
    return f"measure-{m.id}"


def quartile_anchor(m: MeasureFigures) -> str:
    return f"quartiles-{m.id}"


def area_anchor(m: MeasureFigures) -> str:
    return f"areas-{m.id}"
