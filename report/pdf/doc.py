"""The one document template: pages, running header and footer, anchors and outline,
and the repeated passes that resolve page numbers ("see also page N", "Page X of Y")."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from report.model import PackFigures
from report.pdf.marks import MarkRecorder, measuring

if TYPE_CHECKING:  # the page styles are the layout's; only named here
    from report.layout.styles import Theme

MAX_PASSES = 4
CONTINUED = "Continued on the next page \u203a"


@dataclass
class PassResult:
    pdf: bytes
    anchors: dict[str, int]
    pages: int
    charts: dict[int, list[str]]
    marks: MarkRecorder
    tagger: object
    titles: dict[str, str]


@dataclass
class Refs:
    """Page numbers from the previous pass; `?` until known."""

    anchors: dict[str, int] = field(default_factory=dict)
    pages: int = 0

    def page(self, key: str) -> str:
        return str(self.anchors.get(key, "?"))

    def span(self, key: str) -> int:
        """How many pages the section from anchor `key` to `key`-end ran to (1 if unknown)."""
        first, last = self.anchors.get(key), self.anchors.get(f"{key}-end")
        return last - first + 1 if first is not None and last is not None else 1


@dataclass
class PassRefs(Refs):
    """The page numbers a pass lays out with: where an anchor has already been laid out
    in this pass (a page referring back: "< Previous", "Return to Scorecard"), the page it
    landed on, which is final for this pass; else the previous pass's number. So a
    reference back reads the same in the pass that measures as in the one that draws, and
    is made once (see `Deferred`)."""

    laid_out: dict[str, int] = field(default_factory=dict)  # this pass's anchors, as found

    def page(self, key: str) -> str:
        page = self.laid_out.get(key)
        return str(page) if page is not None else super().page(key)


class PackDocument(BaseDocTemplate):
    def __init__(self, buffer, figures: PackFigures, theme: Theme, refs: Refs,
                 title: str | None = None, page_offset: int = 0,
                 first_template: str = "cover", running_title: str | None = None, **kw):
        self.anchors: dict[str, int] = {}
        self.figures, self.theme = figures, theme
        self.refs = PassRefs(refs.anchors, refs.pages, self.anchors)
        self.running_title = running_title or title or figures.full_title
        self.page_offset = page_offset  # a split part keeps the full pack's page numbers
        self.first_template = first_template
        self.title_text = title or figures.full_title
        self.titles: dict[str, str] = {}  # outline titles by anchor key
        self.charts: dict[int, list[str]] = {}
        self.marks = MarkRecorder()
        self.outline_level = -1
        self.open_section: tuple[str, int] | None = None
        self.carried: tuple[str, str] | None = None  # see `carry_on`
        self.carried_frames: dict[str, Frame] = {}  # for the next page begun: see `carry_on`
        page = theme.layout.page
        super().__init__(
            buffer, pagesize=A4, leftMargin=page.margin_left, rightMargin=page.margin_right,
            topMargin=page.margin_top, bottomMargin=page.margin_bottom,
            title=self.title_text, author=figures.organisation,
            subject=f"{figures.directorate} performance, data to {figures.data_period_label}",
            creator="cabinet-pack", producer="cabinet-pack", lang="en-GB",
            displayDocTitle=True, initialFontName=theme.font, invariant=1,
            keywords=[figures.directorate, "performance", figures.pack_month_label], **kw)
        self.addPageTemplates(self._templates())

    def _templates(self) -> list[PageTemplate]:
        templates = []
        sizes = {"cover": A4, "portrait": A4, "landscape": landscape(A4)}
        order = [self.first_template] + [n for n in sizes if n != self.first_template]
        for name, size in ((n, sizes[n]) for n in order):
            templates.append(PageTemplate(id=name, frames=[self._frame(name, size)],
                                          pagesize=size, onPage=self._decorate))
        for name in ("portrait", "landscape"):  # a section's later pages: see `carry_on`
            templates.append(PageTemplate(id=f"{name}-continued", pagesize=sizes[name],
                                          frames=[self._frame(name, sizes[name])],
                                          onPage=self._decorate))
        # double-sided printing: the page left blank before a section (see PageSide)
        templates.append(PageTemplate(id="blank", pagesize=A4, frames=[self._frame("blank", A4)],
                                      onPage=self._decorate_blank))
        for template in templates:
            template.onPageEnd = self._page_ends
        return templates

    def _frame(self, name: str, size, below_top: float = 0) -> Frame:
        page = self.theme.layout.page
        width, height = size
        return Frame(page.margin_left, page.margin_bottom,
                     width - page.margin_left - page.margin_right,
                     height - page.margin_top - page.margin_bottom - below_top,
                     id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def carry_on(self, title: str, note: str) -> None:
        """From here, a page on a "-continued" template starts with `title` "(continued)"
        and `note` (markup), as the section's first page did (the scorecard's period
        note), drawn as running matter; its frame starts below them."""
        self.carried = (title, note)
        self.carried_frames = {}
        for template in self.pageTemplates:
            if template.id.endswith("-continued"):
                width = template.pagesize[0] - self.leftMargin - self.rightMargin
                room = sum(p.wrap(width, 1000)[1] for p in self._carried(width)) + 8
                self.carried_frames[template.id] = self._frame(template.id, template.pagesize,
                                                               room)

    def handle_pageBegin(self):
        # a template's frame changes only between pages: the frame of the page being
        # filled may be a "-continued" one (reportlab looks it up in its template's list)
        for template in self.pageTemplates:
            if template.id in self.carried_frames:
                template.frames = [self.carried_frames.pop(template.id)]
        super().handle_pageBegin()

    def _carried(self, width: float) -> list:
        from report.pdf.paragraph import Paragraph

        title, note = self.carried
        styles = self.theme.styles
        return [Paragraph(f"{title} (continued)", styles["h3"]), Paragraph(note, styles["small"])]

    # -- the running header and footer, as artifacts -------------------------------------
    def _decorate_blank(self, canv, doc) -> None:
        if measuring(canv):
            return
        self._decorate(canv, doc)
        blank_label(doc)

    def _page_ends(self, canv, doc) -> None:
        """A page a section goes on from says so at its foot, for the reader on paper."""
        if not self.open_section or self.pageTemplate.id == "cover" or measuring(canv):
            return
        page = self.theme.layout.page
        width = self.pageTemplate.pagesize[0]
        style = self.theme.styles["header"]
        canv.saveState()
        canv.addLiteral("/Artifact <</Type /Pagination>> BDC")
        canv.setFont(self.theme.font_name(bold=True), style.fontSize)
        canv.setFillColor(style.textColor)
        canv.drawRightString(width - page.margin_right, page.margin_bottom - 14,
                             CONTINUED)
        canv.addLiteral("EMC")
        canv.restoreState()

    def _decorate(self, canv, doc) -> None:
        if measuring(canv):  # a pass that only measures keeps no page to decorate
            return
        canv.saveState()
        canv.addLiteral("/Artifact <</Type /Pagination>> BDC")
        figures, theme = self.figures, self.theme
        width, height = self.pageTemplate.pagesize  # every template has its own
        page = theme.layout.page
        left, right = page.margin_left, width - page.margin_right
        header = theme.styles["header"]
        local = canv.getPageNumber()
        number = local + self.page_offset
        marking = running_marking(figures)
        if self.pageTemplate.id != "cover":
            canv.setFont(header.fontName, header.fontSize)
            canv.setFillColor(header.textColor)
            top = height - page.margin_top + 30
            bold = theme.font_name(bold=True)
            # a long title or marking is shortened with "…", never drawn over the other
            shown = fit(marking, bold, header.fontSize, (right - left) / 2) if marking else ""
            room = right - left - (canv.stringWidth(shown, bold, header.fontSize) + 12
                                   if shown else 0)
            canv.drawString(left, top, fit(self.running_title, header.fontName,
                                           header.fontSize, room))
            if marking:
                canv.setFont(bold, header.fontSize)
                canv.drawRightString(right, top, shown)
                canv.setFont(header.fontName, header.fontSize)
            second = f"{figures.directorate} \u00b7 data to {figures.data_period_label}"
            suffix, font = "", header.fontName
            if self.open_section and self.open_section[1] < local:
                suffix, font = " (continued)", theme.font_name(bold=True)
                canv.setFont(font, header.fontSize)
                room = right - left - canv.stringWidth(suffix, font, header.fontSize)
                names = self.open_section[0]
                names = (names,) if isinstance(names, str) else names
                # the full title if it fits, else the short name
                second = next((n for n in names if canv.stringWidth(n, font,
                                                                     header.fontSize) <= room),
                              names[-1])
            room = right - left - canv.stringWidth(suffix, font, header.fontSize)
            canv.drawString(left, top - 14, fit(second, font, header.fontSize, room) + suffix)
            canv.setStrokeColor(theme.colour("rule"))
            canv.setLineWidth(0.6)
            canv.line(left, top - 20, right, top - 20)
            if self.pageTemplate.id.endswith("-continued") and self.carried:
                y = height - page.margin_top
                for paragraph in self._carried(right - left):
                    y -= paragraph.wrap(right - left, 1000)[1]
                    paragraph.drawOn(canv, left, y)
                canv.setFont(header.fontName, header.fontSize)
                canv.setFillColor(header.textColor)
        canv.setFont(header.fontName, header.fontSize)
        canv.setFillColor(header.textColor)
        total = self.refs.pages or "?"
        numbering = f"Page {number} of {total}"
        canv.drawCentredString(width / 2, page.margin_bottom - 30, numbering)
        # either side of the page number, each shortened with "…" to its half
        side = (right - left - canv.stringWidth(numbering, header.fontName,
                                                header.fontSize)) / 2 - 12
        canv.drawString(left, page.margin_bottom - 30,
                        fit(figures.organisation, header.fontName, header.fontSize, side))
        if marking:
            bold = theme.font_name(bold=True)
            canv.setFont(bold, header.fontSize)
            canv.drawRightString(right, page.margin_bottom - 30,
                                 fit(marking, bold, header.fontSize, side))
        if figures.draft:
            draw_draft_mark(canv, theme, width, height)
        canv.addLiteral("EMC")
        canv.restoreState()


BLANK = "This page is intentionally left blank"


def blank_label(doc) -> None:
    """Say so on the page left blank, so a printed sheet is not taken for a fault (drawn as
    an artifact: it is the page's furniture, not the pack's content)."""
    canv = doc.canv
    width, height = doc.pageTemplate.pagesize  # the blank page's own, whatever came before
    style = doc.theme.styles["header"]
    canv.saveState()
    canv.addLiteral("/Artifact <</Type /Pagination>> BDC")
    canv.setFont(style.fontName, 12)
    canv.setFillColor(style.textColor)
    canv.drawCentredString(width / 2, height / 2, BLANK)
    canv.addLiteral("EMC")
    canv.restoreState()


def draw_draft_mark(canv, theme, width: float, height: float) -> None:
    """DRAFT across the page, translucent, as outlines (`report.pdf.watermark`)."""
    from report.pdf import watermark

    canv.setFillColor(theme.colour("draft"), alpha=0.35)
    watermark.draw(canv, "DRAFT", theme.layout.fonts.bold, 110, width / 2, height / 2,
                   50 if width < height else 30)


def running_marking(figures) -> str | None:
    """What the running header and footer carry on the right: the protective marking, and
    DRAFT first on a draft, so a loose page still says what it is."""
    words = [w for w in ("DRAFT" if figures.draft else None, figures.protective_marking) if w]
    return " \u00b7 ".join(words) or None


def fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten `text` with an ellipsis until it fits `width`, by whole words ("…Carers'
    Forum…", never "…Carers' Forum annu…"); a single word too wide is cut."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from report.scripts import by_whole_words, drawable

    return by_whole_words(drawable(text), width, lambda words: stringWidth(words, font, size))


class _CountingCanvas(Canvas):
    """For a pass that only measures (where things land): lays out, never writes."""

    measuring_only = True  # see marks.measuring

    def save(self):
        pass


class PageLayoutError(Exception):
    """Something in the inputs cannot be fitted on a page; says where."""


def _laid_out(doc: PackDocument, flowables: list, canvasmaker=Canvas) -> None:
    """Lay the flowables out, using the list up (reportlab takes each off it as it lays it
    out); a reportlab LayoutError comes back naming the section it was in."""
    from reportlab.platypus.doctemplate import LayoutError

    try:
        doc.build(flowables, canvasmaker=canvasmaker)
    except LayoutError as exc:
        where = doc.open_section[0] if doc.open_section else "the pack"
        where = where[0] if isinstance(where, tuple) else where
        raise PageLayoutError(
            f"something in {where} (page {doc.page}) is too large to fit on a page; shorten "
            f"the longest text in it. reportlab said: {str(exc).splitlines()[0]}") from None


def build_passes(figures: PackFigures, theme: Theme,
                 story_for: Callable[[Refs], tuple[list, object]],
                 extra_pages: int = 0, title: str | None = None,
                 known: Refs | None = None, page_offset: int = 0,
                 first_template: str = "cover", running_title: str | None = None,
                 guess: Refs | None = None, progress=None, label: str = "",
                 remade: bool = False) -> PassResult:
    """Lay the pack out until page numbers stop changing (two passes, rarely three).

    `extra_pages`: pages appended after layout (appendix PDFs), counted in "of Y".
    `known`: page numbers already settled by the full pack (a split part needs one pass).
    `guess`: page numbers from the last build of the same pack; when they still hold, one
    pass is enough (a rebuild after a commentary edit usually needs just one).
    `progress`: a report.progress.Progress to count pages on, headed `label`.
    `remade`: `story_for` makes the story anew on each call, so a drawing pass, likely the
    last, may use its story up: each flowable is let go once drawn, and the memory it held
    serves the rest of the pass (a 200-measure build peaks 13 MB lower). Should another
    pass be needed, the story is made again.
    """
    refs = known or guess or Refs()
    result = None
    story, tagger = story_for(refs)  # one story for every pass: page numbers are Deferred
    for number in range(MAX_PASSES):
        buffer = io.BytesIO()
        doc = PackDocument(buffer, figures, theme, refs, title, page_offset, first_template,
                           running_title)
        edits: list[tuple] = []  # reportlab's notes of what a pass changed on a flowable
        doc._multiBuildEdits = edits.append
        measuring_only = known is None and number == 0 and guess is None  # not final
        if progress is not None:
            progress.layout_pass(label, measuring_only, max(refs.pages - extra_pages, 0) or None)
            doc.setProgressCallBack(lambda kind, _value: kind == "PAGE" and progress.page())
        if known is not None:  # the one pass: the story is used up
            _laid_out(doc, story)
            return PassResult(buffer.getvalue(), dict(doc.anchors), doc.page, doc.charts,
                              doc.marks, tagger, dict(doc.titles))
        if story is None:  # the last pass used it up
            story, tagger = story_for(refs)
        if remade and not measuring_only:
            flowables, story = story, None
        else:
            flowables = list(story)
        _laid_out(doc, flowables, _CountingCanvas if measuring_only else Canvas)
        for undo, *args in edits:  # as multiBuild does, so the next pass starts clean
            try:
                undo(*args)
            except AttributeError:
                pass
        result = PassResult(buffer.getvalue(), dict(doc.anchors), doc.page, doc.charts,
                            doc.marks, tagger, dict(doc.titles))
        if doc.anchors == refs.anchors and doc.page + extra_pages == refs.pages:
            break
        refs = Refs(dict(doc.anchors), doc.page + extra_pages)
    return result
