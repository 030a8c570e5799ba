"""Sections only the "Performance and Report Analysis" layout has: its cover with strap line,
the Performance Overview, the linked Areas of Focus, and one section per area."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Spacer

from report.layout import spcicons
from report.layout.context import Context, esc
from report.layout.registry import Section
from report.pdf.flowables import Anchor, Deferred
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
    rows += [[ctx.link_cell(area.key, area.title, "body"),
              ctx.linked(Deferred(lambda refs, key=area.key: Paragraph(ctx.link(key, refs.page(key)),
                                                                       s["body"])),
                         area.key, area.title)]
             for area in a.areas]
    # on the overview's page where it fits: the index is short
    return [NextPageTemplate("portrait"), CondPageBreak(60 + 30 * len(rows)), Spacer(0, 12),
            Anchor("areas-of-focus", "Areas of Focus", 0), ctx.heading("Areas of Focus", 1),
            ctx.table(rows, [ctx.width * 0.8, ctx.width * 0.2],
                      [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                       ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
                       ("TOPPADDING", (0, 0), (-1, -1), 6)], repeat=1)]


def focus_areas(ctx: Context) -> list:
    a = ctx.figures.analysis
    s = ctx.theme.styles
    width = ctx.landscape_width
    out: list = [NextPageTemplate("landscape"), PageBreak()]
    for index, area in enumerate(a.areas):
        kept: list = [Spacer(0, 14)] if index else []  # areas flow on, several to a page
        kept += [Anchor(area.key, area.title, 1), ctx.heading(area.title, 1)]
        start = len(out)
        out += kept
        if area.rows:
            months = list(a.months)
            head = ["", *months, "ENG", "DIFF", "TGT"]
            rows = [[Paragraph(esc(x), s["cell_head"]) for x in head]
                    + [Paragraph(x, s["cell_head"]) for x in spcicons.HEADS]]
            for row in area.rows:
                rows.append([Paragraph(esc(row.title), s["cell"]),
                             *[Paragraph(esc(v), s["cell_number"]) for v in row.values],
                             Paragraph(esc(row.england), s["cell_number"]),
                             Paragraph(f"<b>{esc(row.difference)}</b>", s["cell_number"]),
                             Paragraph(esc(row.target), s["cell_number"]),
                             *spcicons.cells(ctx, ctx.figures.measures.get(row.measure))])
            first = width * 0.25
            # ENG, DIFF, TGT a little wider, the two SPC icons' columns wider still
            unit = (width - first) / (len(months) + 3 * 1.35 + 2 * 1.45)
            widths = [first] + [unit] * len(months) + [unit * 1.35] * 3 + [unit * 1.45] * 2
            style = [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                     ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
                     ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                     ("LEFTPADDING", (1, 0), (-1, -1), 3), ("RIGHTPADDING", (1, 0), (-1, -1), 3),
                     ("ALIGN", (-2, 1), (-1, -1), "CENTER"),
                     ("LEFTPADDING", (-2, 0), (-1, -1), 2), ("RIGHTPADDING", (-2, 0), (-1, -1), 2)]
            out += [ctx.table(rows, widths, style, repeat=1, header_cols=1),
                    Spacer(0, 4)]
            out.append(ctx.para("DIFF is the latest value minus the England value (ENG); TGT "
                                "is the target; " + spcicons.NOTE, "small"))
        if area.comments:
            from report.content import Bullets

            out += [ctx.heading("Comments:", 2, style="h3"),
                    *ctx.blocks((Bullets(tuple((p,) for p in area.comments)),))]
        for note in area.footnotes:
            out.append(ctx.para(esc(note), "small"))
        out[start:] = [KeepTogether(out[start:])]  # an area is not split where it fits a page
    return out


def _needs_areas_file(figures, folder):
    """These sections are made from areas.yaml."""
    if figures.analysis is None:
        return (folder / "areas.yaml", "is missing: the analysis layout needs it (strap line, "
                                       "overview and areas of focus; see the README)")
    return None


SECTIONS = tuple(Section(name, story=story, needs=_needs_areas_file) for name, story in (
    ("analysis_cover", analysis_cover), ("overview", overview),
    ("areas_of_focus", areas_of_focus), ("focus_areas", focus_areas)))
