"""At a glance: after the cover, every measure on one line by theme (a small multiple of
its recent course, its status, change, quartile and page), under the count by status.

A table per theme under the theme's heading, its column heads repeated, so a long pack
runs on over as many pages as it needs with the same grid; each measure is one row a
screen reader reads across (its name the row's header, the sparkline a Figure with its
alt text, the page a link).
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

from report.compute.glance import at_a_glance as overview
from report.layout.context import Context, esc, measure_anchor
from report.layout.keyref import refer
from report.layout.registry import FRONT, Section, own_figures
from report.pdf.flowables import Anchor, ChartBox, Deferred
from report.pdf.paragraph import Paragraph

COLUMNS = ("Measure", "Trend", "Latest", "Status", "Change", "Quartile", "Page")
FRACTIONS = (0.225, 0.127, 0.155, 0.146, 0.16, 0.109, 0.078)
PADDING = 4  # each side of a cell: the status word and "Quartile" fit their columns
SPARKLINE_HEIGHT = 24.0


def _sparkline_width(width: float) -> float:
    return width * FRACTIONS[1] - 2 * PADDING


def at_a_glance(ctx: Context) -> list:
    glance = own_figures("at_a_glance", ctx.figures)
    styles = ctx.theme.styles
    out = [NextPageTemplate("portrait"), PageBreak(),
           Anchor("at-a-glance", "At a glance", 0, opens="At a glance"),
           ctx.heading(f"At a glance \u2013 {ctx.figures.pack_month_label}", 1),
           ctx.para(f"<b>{esc(glance.counts)}</b>", "body"),
           ctx.para(esc(glance.note), "small"),
           *refer(ctx),
           Spacer(0, 4)]
    # a theme's heading sits close to its table: the whole pack fits one page where it can
    theme_style = ParagraphStyle("glance-theme", parent=styles["h3"], spaceBefore=4,
                                 spaceAfter=2)
    widths = [ctx.width * x for x in FRACTIONS]
    for theme in glance.themes:
        heading = ctx.tag(Paragraph(esc(theme.title), theme_style), "H2")
        heading.inner.keepWithNext = 1
        out.append(heading)
        out.append(_table(ctx, theme.rows, widths))
    out.append(Anchor("at-a-glance-end", closes=True))
    return out


def _table(ctx: Context, theme_rows, widths):
    """One theme's measures, a row each, under the column heads (repeated on a new page)."""
    styles = ctx.theme.styles
    rows = [[Paragraph(esc(c), styles["cell_head"]) for c in COLUMNS]]
    commands = [("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
                ("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    for index, row in enumerate(theme_rows, start=1):
        rows.append([
            Paragraph(esc(row.name), styles["cell_bold"]),
            _sparkline(ctx, row),
            Paragraph(f"{esc(row.latest)}<br/>{esc(row.target)}", styles["cell"]),
            ctx.status_cell(row.status, "cell_bold", mark=row.status_mark),
            Paragraph(esc(row.change), styles["cell"]),
            Paragraph(esc(row.quartile), styles["cell"]),
            _page(ctx, row.measure),
        ])
        if row.status:
            commands.append(("BACKGROUND", (3, index), (3, index), ctx.status_fill(row.status)))
    table = ctx.table(rows, widths, commands, repeat=1, header_cols=1)
    table.spaceAfter = 4
    return table


def _sparkline(ctx: Context, row):
    name = ctx.chart_names.get(f"sparkline-{row.measure}")
    if name is None:
        return Paragraph("", ctx.theme.styles["cell"])
    box = ChartBox(name, _sparkline_width(ctx.width), SPARKLINE_HEIGHT)
    box.figure_alt = row.alt  # tagged TD > Figure by ctx.table
    return box


def _page(ctx: Context, measure_id: str):
    """The measure page's number, known once the page is laid out, and a link to it."""
    key = measure_anchor(ctx.figures.measures[measure_id])
    style = ctx.theme.styles["cell_number"]
    return ctx.linked(Deferred(lambda refs: Paragraph(ctx.link(key, refs.page(key)), style)),
                      key)


def _sparklines(figures, layout, width: float, style: dict) -> dict[str, dict]:
    from report.charts.spec import sparkline_spec

    glance = own_figures("at_a_glance", figures)
    return {f"sparkline-{row.measure}": sparkline_spec(row, _sparkline_width(width),
                                                       SPARKLINE_HEIGHT, style)
            for theme in glance.themes for row in theme.rows}


SECTIONS = (Section("at_a_glance", story=at_a_glance, charts=_sparklines, part=FRONT,
                    figures=overview),)
