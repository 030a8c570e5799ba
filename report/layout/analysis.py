"""Sections only the "Performance and Report Analysis" layout has: its cover with strap line,
the Performance Overview, the linked Areas of Focus, and one section per area."""

from __future__ import annotations

import html
import re

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Spacer

from report.layout import spcicons
from report.layout.context import Context, esc
from report.layout.registry import Section
from report.pdf.flowables import Anchor, Deferred
from report.pdf.icons import looks_words
from report.pdf.marks import Tagger
from report.pdf.paragraph import Paragraph


def analysis_cover(ctx: Context) -> list:
    f, a = ctx.figures, ctx.figures.analysis
    out = [Anchor("cover", "Cover", 0), Spacer(0, 150),
           ctx.para(esc(f.organisation), "subtitle"),
           ctx.heading(a.title, 1, "title"),
           ctx.para(esc(f.pack_month_label), "subtitle")]
    if a.strap_line:
        out += [Spacer(0, 40), ctx.para(f"<i>{esc(a.strap_line)}</i>", "h2")]
    out += [Spacer(0, 40), ctx.para(esc(f.produced_by)),
            ctx.para(f"<b>Other formats.</b> {esc(f.contact)}")]
    return out


def overview(ctx: Context) -> list:
    a = ctx.figures.analysis
    if not a.overview:
        return []
    from report.content import Bullets

    return [NextPageTemplate("portrait"), PageBreak(),
            Anchor("overview", "Performance Overview", 0),
            ctx.heading("Performance Overview", 1),
            *ctx.blocks((Bullets(tuple((p,) for p in a.overview)),))]


def areas_of_focus(ctx: Context) -> list:
    a = ctx.figures.analysis
    s = ctx.theme.styles
    rows = [[Paragraph("Area of focus", s["cell_head"]), Paragraph("Page", s["cell_head"])]]
    rows += [[ctx.link_cell(area.anchor, area.title, "body", destination=area.title),
              ctx.linked(Deferred(lambda refs, key=area.anchor: Paragraph(
                  ctx.link(key, refs.page(key)), s["body"])), area.anchor, area.title)]
             for area in a.areas]
    # on the overview's page where it fits: the index is short
    return [NextPageTemplate("portrait"), CondPageBreak(60 + 30 * len(rows)), Spacer(0, 12),
            Anchor("areas-of-focus", "Areas of Focus", 0), ctx.heading("Areas of Focus", 1),
            ctx.table(rows, [ctx.width * 0.8, ctx.width * 0.2],
                      [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                       ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
                       ("TOPPADDING", (0, 0), (-1, -1), 6)], repeat=1)]


def analysis_glossary(ctx: Context) -> list:
    """The abbreviations these pages print, after the overview where they fit: short, so
    it goes before the Areas of Focus, which lead into the areas."""
    from report.layout.scorecard import glossary_table

    entries = ctx.figures.analysis.glossary
    if not entries:
        return []
    return [Spacer(0, 12), Anchor("glossary", "Glossary", 0),
            KeepTogether([ctx.heading("Glossary", 1), glossary_table(ctx, entries)])]


# Marks on a month cell left blank because its figure is not published yet, each with its
# note under the table; more notes than marks number on ("†6").
LAG_MARKS = ("\u2020", "\u2021", "\u00a7", "\u00b6", "#")
# A figure recalculated since it was first published, marked as statistics are.
REVISED = "r"
REVISED_NOTE = ("revised: recalculated since first published (the cabinet pack's revisions "
                "page gives the figure first published)")
# What the tables' short column heads and icons mean: once on every page with a table.
KEY = ("ENG: England value. DIFF: latest minus ENG, better or worse than England. TGT: "
       "target. " + looks_words())
AREA_GAP = 14  # between two areas on a page
PADDING = 2  # each side of a figure in its cell
TITLE_SHARE = 0.18  # of the width, the least the measures' titles are given


def focus_areas(ctx: Context) -> list:
    """The areas, several to a page: each area is kept whole on one page where it fits and
    the next joins it while there is room; each page with a table ends with the key to the
    columns, so a printed page explains itself. An area taller than a page starts a page
    of its own and flows on, its table's heads repeated; the key follows its end, and the
    next area joins its last page where there is room."""
    a = ctx.figures.analysis
    widths = _widths(ctx, [_rows(ctx, area)[0] for area in a.areas if area.rows])
    room = landscape(A4)[1] - ctx.theme.layout.page.margin_top \
        - ctx.theme.layout.page.margin_bottom
    key_height = _stacked(ctx, _scratch(ctx, lambda: _key(ctx)))
    out: list = [NextPageTemplate("landscape"), PageBreak()]
    used, tables = 0.0, False  # this page's height so far; whether it holds a table

    def end_page() -> list:
        return _key(ctx) if tables else []

    for area in a.areas:
        height = _stacked(ctx, _scratch(ctx, lambda area=area: _area(ctx, area, widths)))
        reserve = key_height if tables or area.rows else 0.0
        oversized = height + (key_height if area.rows else 0.0) > room
        if used and (oversized or used + AREA_GAP + height + reserve > room):
            out += [*end_page(), PageBreak()]
            used, tables = 0.0, False
        if used:
            out.append(Spacer(0, AREA_GAP))
            used += AREA_GAP
        block = _area(ctx, area, widths)
        tables = tables or bool(area.rows)
        if not oversized:
            out.append(KeepTogether(block))
            used += height
        else:
            out += block
            used = _last_page(ctx, _scratch(ctx, lambda area=area: _area(ctx, area, widths)), room)
    return out + (end_page() if used else [])


def _key(ctx: Context) -> list:
    return [Spacer(0, 4), ctx.para(KEY, "small")]


def _area(ctx: Context, area, widths: list[float]) -> list:
    """An area: its heading, its table with a note for each mark in it, its comments and
    footnotes."""
    from report.content import Bullets

    out: list = [Anchor(area.anchor, area.title, 1), ctx.heading(area.title, 1, style="area")]
    if area.rows:
        rows, notes = _rows(ctx, area)
        out.append(ctx.table(rows, widths, _table_style(ctx), repeat=2, header_cols=1))
        out += [ctx.para(f"{esc(mark)} {esc(note)}.", "small") for mark, note in notes]
    if area.comments:
        out += [ctx.heading("Comments:", 2, style="comments"),
                *ctx.blocks((Bullets(tuple((p,) for p in area.comments)),))]
    for note in area.footnotes:
        out.append(ctx.para(esc(note), "small"))
    return out


def _rows(ctx: Context, area) -> tuple[list, list[tuple[str, str]]]:
    """The area's table rows: a year row over the month heads, then each measure's title
    with its unit, its months (a mark where a month is not yet published, an "r" on one
    recalculated since first published), ENG, DIFF with
    better or worse, TGT and the two SPC icons; and the notes its marks point to, as
    (mark, note)."""
    a, s = ctx.figures.analysis, ctx.theme.styles
    notes: dict[str, str] = {}  # note -> its mark, in the order the rows need them

    def mark(note: str) -> str:
        if note not in notes:
            n = len([n for n in notes if n != REVISED_NOTE])
            notes[note] = LAG_MARKS[n] if n < len(LAG_MARKS) else f"{LAG_MARKS[0]}{n + 1}"
        return notes[note]

    def mark_revised() -> None:
        notes.setdefault(REVISED_NOTE, REVISED)

    def head(text: str, style: str = "cell_head") -> Paragraph:
        return Paragraph(text, s[style])

    top = [head("Measure")]
    for year, count in a.years:
        top += [head(esc(year), "year_head")] + [head("") for _ in range(count - 1)]
    top += [head(x) for x in ("ENG", "DIFF", "TGT", *spcicons.HEADS)]
    rows = [top, [head("")] + [head(esc(m)) for m in a.months] + [head("") for _ in range(5)]]
    for row in area.rows:
        cells = [Paragraph(esc(v), s["cell_number"]) for v in row.values]
        for column in row.revised:  # as statistics mark it: "9.12 r", the note says what
            cells[column] = Paragraph(f"{esc(row.values[column])}<super>{REVISED}</super>",
                                      s["cell_number"])
            mark_revised()
        for column in row.unpublished:
            cells[column] = Paragraph(esc(mark(row.lag_note)), s["cell_number"])
        difference = f"<b>{esc(row.difference)}</b>"
        if row.versus_england:
            difference += f"<br/>{esc(row.versus_england)}"
        # the unit runs on after the title, on its last line where there is room
        unit = f"<i>(unit:\u00a0{esc(row.unit)})</i>"
        rows.append([Paragraph(f"{esc(row.title)} {unit}", s["cell"]), *cells,
                     Paragraph(esc(row.england), s["cell_number"]),
                     Paragraph(difference, s["cell_number"]),
                     Paragraph(esc(row.target), s["cell_number"]),
                     *spcicons.cells(ctx, ctx.figures.measures.get(row.measure),
                                     "cell_centre")])
    return rows, [(mark_, note) for note, mark_ in notes.items()]


def _table_style(ctx: Context) -> list:
    """Grid and tint, the year heads spanning their months, the other heads both rows."""
    a = ctx.figures.analysis
    first_fixed = 1 + len(a.months)  # ENG, DIFF, TGT and the two icons follow the months
    style = [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
             ("BACKGROUND", (0, 0), (-1, 1), ctx.theme.colour("tint")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LEFTPADDING", (1, 0), (-1, -1), PADDING),
             ("RIGHTPADDING", (1, 0), (-1, -1), PADDING),
             ("ALIGN", (-2, 2), (-1, -1), "CENTER"),
             ("SPAN", (0, 0), (0, 1))]
    column = 1
    for _year, count in a.years:
        style.append(("SPAN", (column, 0), (column + count - 1, 0)))
        column += count
    return style + [("SPAN", (c, 0), (c, 1)) for c in range(first_fixed, first_fixed + 5)]


def _widths(ctx: Context, tables: list[list]) -> list[float]:
    """The same columns in every area's table (`tables`: each table's rows): each figure
    column as wide as its widest figure or head (the months all alike), the measures'
    titles taking the rest, so they wrap into as few lines as they can."""
    width = ctx.landscape_width
    months = len(ctx.figures.analysis.months)
    columns = 1 + months + 5

    def widest(column: int) -> float:
        # a year head spans its months: the month heads and the figures size those
        skip = 1 if column <= months else 0
        return max((_text_width(ctx, row[column]) for rows in tables for row in rows[skip:]),
                   default=0.0)

    need = [0.0] + [widest(c) + 2 * PADDING for c in range(1, columns)]
    need[1:1 + months] = [max(need[1:1 + months], default=0.0)] * months
    need[-2:] = [max(n, spcicons.SIZE + 2 * PADDING) for n in need[-2:]]
    rest = width - sum(need)
    if rest < width * TITLE_SHARE:  # too many wide figures to show whole: share the width
        scale = width * (1 - TITLE_SHARE) / sum(need)
        need = [n * scale for n in need]
        rest = width * TITLE_SHARE
    return [rest] + need[1:]


def _text_width(ctx: Context, cell) -> float:
    """The widest line of a Paragraph cell as drawn (a line in <b> in the bold face); 0
    for an icon, which the column's minimum holds."""
    if not isinstance(cell, Paragraph):
        return 0.0
    out = 0.0
    for line in re.split(r"<br\s*/?>", cell.text):
        font = ctx.theme.font_name(bold=True) if "<b>" in line else cell.style.fontName
        plain = html.unescape(re.sub(r"<[^>]*>", "", line))
        out = max(out, stringWidth(plain, font, cell.style.fontSize))
    return out


def _scratch(ctx: Context, build) -> list:
    """`build()`'s flowables made with a scratch tagger, to measure: the measuring leaves
    no structure elements behind."""
    kept = ctx.tagger
    ctx.tagger = Tagger()
    try:
        return build()
    finally:
        ctx.tagger = kept


def _stacked(ctx: Context, flowables: list) -> float:
    """How tall `flowables` stand one above the other on a landscape page."""
    total = 0.0
    for index, flowable in enumerate(flowables):
        total += flowable.wrap(ctx.landscape_width, 10_000)[1] + flowable.getSpaceAfter()
        if index:
            total += flowable.getSpaceBefore()
    return total


def _last_page(ctx: Context, flowables: list, room: float) -> float:
    """How much of its last page a story taller than a page fills, laid out from a page's
    top as the frame lays it out: each flowable where it fits, split where it does not
    (a table's heads repeated on the next page), a heading kept with what follows."""
    width, used = ctx.landscape_width, 0.0
    queue = [f for f in flowables if not isinstance(f, Anchor)]
    while queue:
        flowable = queue.pop(0)
        space = flowable.getSpaceBefore() if used else 0.0
        height = flowable.wrap(width, room)[1]
        kept = queue[0].wrap(width, room)[1] if flowable.getKeepWithNext() and queue else 0.0
        if used + space + height + kept <= room or (not used and height <= room):
            used += space + height + flowable.getSpaceAfter()
            continue
        parts = flowable.split(width, room - used - space) if height > room - used else []
        if len(parts) > 1:
            queue[:0] = parts[1:]
            used, flowable = 0.0, parts[0]  # the first part fills this page
            continue
        if not used:  # a flowable taller than a page that cannot split: it is clipped
            used = min(height, room)
            continue
        used = 0.0  # on to the next page
        queue.insert(0, flowable)
    return used


def _needs_areas_file(figures, folder):
    """These sections are made from areas.yaml."""
    if figures.analysis is None:
        return (folder / "areas.yaml", ("is missing: the analysis layout needs it (strap line, "
                                        "overview and areas of focus; see docs/inputs.md)"))
    return None


def _title(figures) -> str | None:
    """A layout with the analysis cover is the analysis pack, titled as areas.yaml says."""
    a = figures.analysis
    return None if a is None else f"{a.title} \u2013 {figures.pack_month_label}"


SECTIONS = (Section("analysis_cover", story=analysis_cover, needs=_needs_areas_file,
                    title=_title),
            *(Section(name, story=story, needs=_needs_areas_file) for name, story in (
                ("overview", overview), ("areas_of_focus", areas_of_focus),
                ("analysis_glossary", analysis_glossary), ("focus_areas", focus_areas))))
