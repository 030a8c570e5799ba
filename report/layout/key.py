"""The key: every mark the pack prints (status symbols and direction of travel, the
variation and assurance icons, the charts' marks) on one page, before the first page that
uses them; the pages that use them point to it (`report.layout.keyref`)."""

from __future__ import annotations

from reportlab.platypus import NextPageTemplate, PageBreak

from report.layout import scorecard, spcicons
from report.layout.context import Context, esc
from report.layout.keyref import KEY
from report.layout.registry import FRONT, Section
from report.pdf.flowables import Anchor

TITLE = "Key to symbols, icons and chart marks"

# What the charts draw, in the words of their legends (report/charts/draw.py).
CHART_MARKS = (
    "black line with dots: the reported outturn, each period as first published",
    "hollow square: a period recalculated (revised) since it was published",
    ("blue dashed line: the target (dash-dot on an SPC chart); dotted: the target to the "
    "year end (EoY)"),
    ("on an SPC chart, grey line with dots: the values; black line: their mean; grey dashed "
    "lines: the process limits; dotted: the 2-sigma lines; a point marked like an icon "
    "(blue circle, orange diamond, purple hexagon): a special cause"),
    "a break mark at the foot of the value axis: the axis does not start at zero",
)
# Drawn only in some packs: said only where the pack has them.
EVENT_MARK = ("thin dotted upright line, named at its top: a change the service made, marked "
              "from the period it began")
AREA_MARKS = ("on an area chart, heavy blue dotted line: the target; thin black dashed line: "
              "the council-wide figure; each named at its top")


def key_page(ctx: Context) -> list:
    width = ctx.landscape_width
    half = width / 2
    right = spcicons.key(ctx, half) + chart_marks(ctx)
    grid = ctx.grid([[scorecard.key(ctx, half - 10), right]], [half, half],
                    hAlign="LEFT", style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                          ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    return [NextPageTemplate("landscape"), PageBreak(), Anchor(KEY, "Key", 0),
            ctx.heading(TITLE, 1), grid, Anchor(f"{KEY}-end", closes=True)]


def chart_marks(ctx: Context) -> list:
    """The charts' marks in one paragraph, under the icons (each chart also has its own
    legend)."""
    title = "Chart marks"
    measures = ctx.figures.measures.values()
    marks = list(CHART_MARKS)
    if any(m.events for m in measures):
        marks.append(EVENT_MARK)
    if "areas" in ctx.sections and any(m.has_areas for m in measures):
        marks.append(AREA_MARKS)
    text = "; ".join(marks) + "."
    return [Anchor("chart-key", title, 1), ctx.heading(title, 2),
            ctx.para(esc(text[0].upper() + text[1:]), "small")]


SECTIONS = (Section(KEY, story=key_page, part=FRONT, anchors={KEY: TITLE}),)
