"""Appendix PDFs, merged after the generated pages without their active content (see
`sanitise`), with the pack's running header and "Page X of Y" stamped on each page and an
outline entry each."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from report.model import PackFigures
from report.pdf.appendix_tags import tag_appendix
from report.pdf.doc import fit, running_marking
from report.pdf.post import add_xobjects, save, set_page_labels
from report.pdf.sanitise import describe, strip_active_content

if TYPE_CHECKING:  # the page styles are the layout's; only named here
    from report.layout.styles import Theme


def count_pages(figures: PackFigures, duplex: bool = False) -> int:
    """The appendices' pages; printed double-sided, with a blank page after each but the
    last that ends on a right-hand page (so the next starts on a right-hand page)."""
    total = 0
    for appendix in figures.appendices:
        with pikepdf.open(appendix.path) as pdf:
            total += len(pdf.pages)
        if duplex and total % 2 and appendix is not figures.appendices[-1]:
            total += 1
    return total


def warnings(figures: PackFigures) -> list[str]:
    """What an appendix brings that the pack's own pages do not, or that it leaves out."""
    out = []
    for appendix in figures.appendices:
        with pikepdf.open(appendix.path) as pdf:
            removed = strip_active_content(pdf)
            if removed:
                out.append(f"appendix '{appendix.title}': removed {describe(removed)} "
                           "(active content is not published)")
            if "/StructTreeRoot" not in pdf.Root:
                out.append(f"appendix '{appendix.title}' is not a tagged PDF: screen-reader "
                           "users will not be able to follow it (ask its author for a tagged "
                           "copy); the pack's accessibility covers the pages the tool makes")
    return out


def append(pdf: pikepdf.Pdf, figures: PackFigures, theme: Theme, page_offset: int = 0,
           total: int | None = None) -> list[tuple[str, int]]:
    """Add each appendix's pages; returns (title, first page index) for the outline.
    `page_offset`, `total`: for a split part, the full pack's numbering."""
    starts = []
    duplex = theme.layout.page.duplex
    total = total or len(pdf.pages) + count_pages(figures, duplex)
    for appendix in figures.appendices:
        source = pikepdf.open(appendix.path)
        strip_active_content(source)
        if duplex and (page_offset + len(pdf.pages)) % 2:  # it would start on a left-hand page
            _blank_page(pdf, figures, theme, page_offset + len(pdf.pages) + 1, total)
        first = len(pdf.pages)
        starts.append((appendix.title, first))
        sizes = []
        for page in source.pages:
            pdf.pages.append(page)
            sizes.append(_seen(page))
        tag_appendix(pdf, source, first, appendix.title)
        stamp = pikepdf.open(io.BytesIO(_stamps(figures, theme, appendix.title, sizes,
                                                page_offset + first + 1, total)))
        for offset, stamp_page in enumerate(stamp.pages):
            _overlay(pdf, pdf.pages[first + offset], stamp_page)
    return starts


def _blank_page(pdf: pikepdf.Pdf, figures: PackFigures, theme: Theme, number: int,
                total: int) -> None:
    """A left-hand page left blank between appendices, saying so, with the pack's footer."""
    from report.pdf.doc import BLANK

    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=theme.font)
    style = theme.styles["header"]
    canv.addLiteral("/Artifact <</Type /Pagination>> BDC")
    canv.setFillColor(style.textColor)
    canv.setFont(style.fontName, 12)
    canv.drawCentredString(A4[0] / 2, A4[1] / 2, BLANK)
    canv.setFont(style.fontName, style.fontSize)
    from report.scripts import drawable

    marking = running_marking(figures)
    footer = f"{drawable(marking)} \u00b7 " if marking else ""
    canv.drawRightString(A4[0] - theme.layout.page.margin_right,
                         theme.layout.page.margin_bottom - 30, f"{footer}Page {number} of {total}")
    canv.drawString(theme.layout.page.margin_left, theme.layout.page.margin_bottom - 30,
                    drawable(figures.organisation))
    _draft_mark(canv, figures, theme, *A4)
    canv.addLiteral("EMC")
    canv.showPage()
    canv.save()
    blank = pikepdf.open(io.BytesIO(buffer.getvalue()))
    pdf.pages.append(blank.pages[0])


def _draft_mark(canv: Canvas, figures: PackFigures, theme: Theme, width: float,
                height: float) -> None:
    """A draft's appendix pages carry the same DRAFT mark across the page as its own pages
    (`report.pdf.doc`), over the appendix's content, so no page of a draft passes for final."""
    if not figures.draft:
        return
    from report.pdf.doc import draw_draft_mark

    draw_draft_mark(canv, theme, width, height)


def _overlay(pdf: pikepdf.Pdf, page: pikepdf.Page, stamp_page: pikepdf.Page) -> None:
    """Draw the stamp over the page under a fixed resource name (pikepdf's add_overlay
    picks a random one, which would make every build's bytes differ)."""

    add_xobjects(pdf, page, {"PackStamp": pdf.copy_foreign(stamp_page.as_form_xobject())})
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    # the footer is pagination, an artifact, outside the page's own (tagged) content
    page.contents_add(pdf.make_stream(b"\nQ /Artifact BMC q /PackStamp Do Q EMC\n"))


def _seen(page: pikepdf.Page) -> tuple:
    """Where the footer goes on an appendix page: the part of it a reader sees (its crop
    box, within its media box), turned as a viewer turns it (`/Rotate`), and the media
    box's far corner, which the stamp's own page reaches so nothing of it is cut off.
    (crop x0, y0, width, height, quarter turns clockwise, media x1, y1)."""
    media = [float(v) for v in page.mediabox]
    crop = [float(v) for v in page.cropbox]  # the media box where the page sets none
    # the part of the crop box inside the media box (a reader sees no more)
    x0, y0 = max(crop[0], media[0]), max(crop[1], media[1])
    x1, y1 = min(crop[2], media[2]), min(crop[3], media[3])
    if x1 <= x0 or y1 <= y0:
        x0, y0, x1, y1 = media
    try:
        turns = int(page.obj.get("/Rotate", 0)) // 90 % 4
    except (TypeError, ValueError):  # not a number: viewers show the page unturned
        turns = 0
    return (x0, y0, x1 - x0, y1 - y0, turns, max(media[2], 1.0), max(media[3], 1.0))


def _turned(canv: Canvas, width: float, height: float, turns: int) -> tuple[float, float]:
    """Set the canvas so that what is drawn next reads upright on a page a viewer turns
    `turns` quarter turns clockwise (`/Rotate`); the width and height the reader sees."""
    if turns == 1:
        canv.transform(0, 1, -1, 0, width, 0)
    elif turns == 2:
        canv.transform(-1, 0, 0, -1, width, height)
    elif turns == 3:
        canv.transform(0, -1, 1, 0, 0, height)
    return (height, width) if turns % 2 else (width, height)


def _stamps(figures: PackFigures, theme: Theme, title: str, sizes, first_number: int,
            total: int) -> bytes:
    buffer = io.BytesIO()
    canv = Canvas(buffer, invariant=1, initialFontName=theme.font)
    header = theme.styles["header"]
    margin = theme.layout.page.margin_left
    for offset, (x0, y0, seen_width, seen_height, turns, far_x, far_y) in enumerate(sizes):
        canv.setPageSize((far_x, far_y))
        canv.translate(x0, y0)
        width, height = _turned(canv, seen_width, seen_height, turns)
        canv.addLiteral("/Artifact <</Type /Pagination>> BDC")
        canv.setFillColorRGB(1, 1, 1)
        canv.rect(0, 12, width, 20, stroke=0, fill=1)  # keep the stamp legible on any page
        canv.setFillColor(header.textColor)
        canv.setFont(header.fontName, header.fontSize)
        baseline = 18  # inside the margin office printers leave
        marking = running_marking(figures)
        marking = (f"{fit(marking, header.fontName, header.fontSize, (width - margin) / 3)} "
                   "\u00b7 " if marking else "")
        right = f"{marking}Page {first_number + offset} of {total}"
        canv.drawRightString(width - margin / 2, baseline, right)
        room = width - margin - canv.stringWidth(right, header.fontName, header.fontSize) - 12
        canv.drawString(margin / 2, baseline, footer_title(figures.full_title, title,
                                                           header.fontName, header.fontSize,
                                                           room))
        _draft_mark(canv, figures, theme, width, height)
        canv.addLiteral("EMC")
        canv.showPage()
    canv.save()
    return buffer.getvalue()


def footer_title(pack_title: str, title: str, font: str, size: float, room: float) -> str:
    """The appendix's running footer: the pack's title and the appendix's, the latter
    shortened by whole words where both do not fit (its whole title is its bookmark and on
    its own first page)."""
    return fit(f"{pack_title} \u00b7 Appendix: {title}", font, size, room)


def outline(pdf: pikepdf.Pdf, starts: list[tuple[str, int]]) -> None:
    with pdf.open_outline() as tree:
        top = pikepdf.OutlineItem("Appendices", starts[0][1])
        for title, index in starts:
            top.children.append(pikepdf.OutlineItem(title, index))
        tree.root.append(top)


def appendix_part(figures: PackFigures, theme: Theme, page_offset: int, total: int) -> bytes:
    """The appendices alone, as a split part, numbered as in the full pack."""

    pdf = pikepdf.new()
    outline(pdf, append(pdf, figures, theme, page_offset, total))
    set_page_labels(pdf, page_offset)
    pdf.docinfo[pikepdf.Name.Title] = f"{figures.full_title}: appendices"
    pdf.Root.Lang = pikepdf.String("en-GB")
    identify_part(pdf, figures, f"{figures.full_title}: appendices")
    return save(pdf)


def identify_part(pdf: pikepdf.Pdf, figures: PackFigures, title: str) -> None:
    """What the generated parts carry and an appendices part needs as well to be a
    PDF/UA file: its title shown in the title bar and the PDF/UA identifier."""
    from report.pdf.structure import set_xmp

    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    set_xmp(pdf, title, figures.organisation, f"Appendices to {figures.full_title}")
