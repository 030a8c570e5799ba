"""The key: every mark the pack prints (status symbols and direction of travel, the
variation and assurance icons, the charts' marks) on one page, before the first page that
uses them; the pages that use them point to it (`refer`)."""

from __future__ import annotations

from reportlab.platypus import NextPageTemplate, PageBreak

from report.layout.context import Context, esc
from report.layout.registry import FRONT, Section
from report.pdf.flowables import Anchor
from report.pdf.paragraph import Paragraph

KEY = "key"  # the page's anchor, which the pages that use the marks link to
TITLE = "Key to symbols, icons and chart marks"

# What the charts draw, in the words of their legends (report/charts/draw.py).
CHART_MARKS = (
    "black line with dots: the reported outturn, each period as first published",
    "hollow square: a period recalculated (revised) since it was published",
    "blue dashed line: the target (dash-dot on an SPC chart); dotted: the target to the "
    "year end (EoY)",
    "on an SPC chart, grey line with dots: the values; black line: their mean; grey dashed "
    "lines: the process limits; dotted: the 2-sigma lines; a point marked like an icon "
    "(blue circle, orange diamond, purple hexagon): a special cause",
    "a break mark at the foot of the value axis: the axis does not start at zero",
)


def key_page(ctx: Context) -> list:
    from report.layout import scorecard, spcicons  # which point to this page (`refer`)

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
    text = "; ".join(CHART_MARKS) + "."
    return [Anchor("chart-key", title, 1), ctx.heading(title, 2),
            ctx.para(esc(text[0].upper() + text[1:]), "small")]


def refer(ctx: Context, style: str = "small", before: str = "Symbols, icons and chart "
          "marks are explained in the key, ") -> list:
    """A line pointing to the key with its page ("…in the key, page 2."), linked, for a
    page that uses the marks; nothing where the layout has no key."""
    if KEY not in ctx.sections:
        return []
    return [ctx.inline_links([(before, None), ("page ", None), (None, KEY), (".", None)],
                             style)]


def beside_heading(ctx: Context, heading) -> list:
    """A page's heading with the pointer to the key on its right, on the heading's line
    (where a line of its own would push the page's end over)."""
    pointer = refer(ctx)
    if not pointer:
        return [heading]
    heading.inner.keepWithNext = 0  # the row keeps with what follows instead
    row = ctx.grid([[heading, pointer[0]]], [ctx.width * 0.3, ctx.width * 0.7],
                   style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                          ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                          ("BOTTOMPADDING", (1, 0), (1, 0), 12)])
    row.keepWithNext = 1
    return [row]


SECTIONS = (Section(KEY, story=key_page, part=FRONT),)
