"""One page per measure: theme band, title, status and change, tiles, source, trend chart,
commentary, owner boxes, FAQ and the previous / scorecard / next links."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

from report.compute.glance import status_mark
from report.content import COMMENTARY_HEADING
from report.layout import spcchart
from report.layout.context import (
    WIDEST_PAGE,
    Context,
    Stop,
    esc,
    measure_anchor,
    row_anchor,
    shown_status,
    widest_part_words,
)
from report.layout.registry import PartPlan, Section
from report.model import MeasureFigures
from report.pdf.flowables import Anchor, ChartBox, EndTogether, PageSide
from report.pdf.paragraph import Paragraph

# the measure page's words for the scorecard's sign after a status an officer set
OFFICER_SET_WORDS = "Status set by an officer for this period, not worked out from the {basis}"


def officer_set_words(m: MeasureFigures) -> str:
    """What the status would otherwise follow: the target, or for a measure with none
    ("DoT Only") the direction of travel."""
    basis = "target" if m.target.value is not None else "direction of travel"
    return OFFICER_SET_WORDS.format(basis=basis)


def page_start(ctx: Context, key: str, own_side: bool = True, followed: bool = False) -> list:
    """A new page. Printed double-sided, a measure starts on a right-hand page, or on a
    left-hand one when its pages run on, so that they face each other; a one-page measure
    that its own pages follow (`followed`: quartiles, areas) on whichever comes, facing
    them from a left-hand page (`own_side`: False for the pages that follow a measure's,
    which simply follow)."""
    out = [NextPageTemplate("portrait"), PageBreak()]
    if own_side and ctx.theme.layout.page.duplex:
        out.insert(0, PageSide(key, followed))
    return out


def band(ctx: Context, m: MeasureFigures, heading: bool = False) -> list:
    """The theme band: a heading on the theme's first page, decoration after that."""
    cell = Paragraph(f"Theme: {esc(m.theme_title)}", ctx.theme.styles["band"])
    table = ctx.grid([[cell]], [ctx.width], hAlign="LEFT",
                  style=[("BACKGROUND", (0, 0), (-1, -1), ctx.theme.colour("band")),
                         ("LEFTPADDING", (0, 0), (-1, -1), 8),
                         ("TOPPADDING", (0, 0), (-1, -1), 4),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])
    return [ctx.tag(table, "H1" if heading else "Artifact")]  # the title's space follows


def title(ctx: Context, m: MeasureFigures) -> list:
    return [ctx.heading(f"{m.number}. {m.title}", 2)]


def status(ctx: Context, m: MeasureFigures) -> list:
    """The status and the change. Where the page has tiles, the status is their first and
    this block only says what the status rests on, when that is not the target."""
    if "tiles" in ctx.theme.layout.measure_page.blocks:
        return _status_basis(ctx, m)
    change = f"<b>Change:</b> {esc(m.change.text or EMPTY)}"
    row = ctx.grid([[_badge(ctx, m), Paragraph(change, ctx.theme.styles["body"])]],
                   [110, ctx.width - 110], hAlign="LEFT",
                   style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return [ctx.tag(row, "P"), *_status_basis(ctx, m), Spacer(0, 6)]


EMPTY = "\u2013"


def _badge(ctx: Context, m: MeasureFigures):
    """The badge, with the scorecard's sign for a status an officer set (read out as its
    words: see `Context.badge`)."""
    return ctx.badge(shown_status(m), status_mark(m))


def _status_basis(ctx: Context, m: MeasureFigures) -> list:
    mark = status_mark(m)
    if mark:  # the scorecard's sign, explained where the reason can be given in full
        text = f"{mark} {esc(officer_set_words(m))}: {esc(m.status.reason or '')}"
    elif m.status.basis == "direction of travel":
        text = "The status follows the direction of travel: the measure has no target."
    elif m.status.basis == "context":
        text = "A context measure: neither direction is better, so it has no status colour."
    else:
        return []
    return [ctx.para(text, "small")]


def tiles(ctx: Context, m: MeasureFigures) -> list:
    """Status (with the change), the previous and latest values, and the target."""
    s = ctx.theme.styles
    monthly = m.frequency == "monthly"
    names = (("Last Month", "This Month") if monthly else
             ("Prev. Quarter", "Latest Quarter") if m.frequency == "quarterly" else
             ("Previous Year", "Latest Year"))
    previous = m.previous.reported_text or EMPTY
    if m.target.value is not None:
        third_head, third, third_note = "Target", m.target.short, f"(EoY {m.target.eoy_text})"
    elif m.preferred_travel:
        third_head, third, third_note = "Preferred Travel", m.preferred_travel, m.target.text
    else:
        third_head, third, third_note = "Target", m.target.text, ""
    this_note = f"{m.latest.label} (release schedule)" if m.latest.lag_note else m.latest.label
    recalculated = m.previous.recalculated_text
    prev_note = f"Recalculated: {recalculated}" if recalculated else (m.previous.label or "")
    heads = ["Status", *names, third_head]
    values = [_badge(ctx, m) if shown_status(m) else Paragraph(EMPTY, s["tile_value"]),
              *(Paragraph(esc(x), s["tile_value"]) for x in (previous, m.latest.text, third))]
    notes = [f"Change: {m.change.text or EMPTY}", prev_note, this_note, third_note]
    rows = [[Paragraph(esc(x), s["tile_head"]) for x in heads], values,
            [Paragraph(esc(x), s["tile_note"]) for x in notes]]
    # the status tile wide enough for its change on one line; the tiles end where the
    # band and the owners do
    first = ctx.width * STATUS_TILE
    widths = [first] + [(ctx.width - first) / 3] * 3
    rule = ctx.theme.colour("rule")
    style = [*(("BOX", (c, 0), (c, -1), 0.8, rule) for c in range(4)),
             ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 1), (0, 1), "CENTER"),
             ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    return [ctx.table(rows, widths, style, header_rows=1, hAlign="LEFT"), Spacer(0, 4)]


STATUS_TILE = 0.32  # of the width: "Change: Static (Amber) 0.0 pp" on one line at 10 pt


def source(ctx: Context, m: MeasureFigures) -> list:
    return [ctx.para(f"<b>Source:</b> {esc(m.source)}", "small")]


def chart(ctx: Context, m: MeasureFigures) -> list:
    name = ctx.chart_names.get(f"trend-{m.id}")
    if name is None or "trend" not in spcchart.shown(ctx.theme.layout, m):
        return []
    height = ctx.chart_heights.get(f"trend-{m.id}", ctx.theme.layout.chart.height)
    return [Spacer(0, 4), ctx.tag(ChartBox(name, ctx.width, height), "Figure", alt=m.trend.alt),
            Spacer(0, 4)]


def commentary(ctx: Context, m: MeasureFigures) -> list:
    """The owner's commentary, whole: a long one runs on to the next page."""
    blocks = m.commentary.get(COMMENTARY_HEADING)
    if not blocks:
        return []
    return [ctx.heading("Commentary", 3), *ctx.blocks(blocks)]


def owners(ctx: Context, m: MeasureFigures) -> list:
    """The owner boxes: each role's name beside it, in one row."""
    s = ctx.theme.styles
    rows = [[Paragraph("Measure Owner", s["cell_head"]), Paragraph(esc(m.owner), s["cell"]),
             Paragraph("Responsible Officer", s["cell_head"]),
             Paragraph(esc(m.responsible_officer), s["cell"])]]
    heads = [_text_width(ctx, "Measure Owner"), _text_width(ctx, "Responsible Officer")]
    rule = ctx.theme.colour("rule")
    style = [("BOX", (0, 0), (1, 0), 0.8, rule), ("BOX", (2, 0), (3, 0), 0.8, rule),
             ("BACKGROUND", (0, 0), (0, 0), ctx.theme.colour("tint")),
             ("BACKGROUND", (2, 0), (2, 0), ctx.theme.colour("tint")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    widths = [heads[0], ctx.width / 2 - heads[0], heads[1], ctx.width / 2 - heads[1]]
    return [Spacer(0, 6), ctx.table(rows, widths, style, header_rows=0, header_cols={0, 2})]


def _text_width(ctx: Context, text: str, style: str = "cell_head") -> float:
    """A cell just wide enough for `text` on one line (with the table's padding)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = ctx.theme.styles[style]
    return stringWidth(text, font.fontName, font.fontSize) + 14


def faq(ctx: Context, m: MeasureFigures) -> list:
    if not m.faq:
        return []
    return [ctx.heading("Frequently asked questions", 3), ctx.para(esc(m.faq))]


def navigation(ctx: Context, key: str, m: MeasureFigures) -> list:
    """`< Previous: …` and `Next: … >` on one row where both fit on it (else one a line),
    `Return to Scorecard` centred below."""
    stops = _chain(ctx)
    index = next(i for i, stop in enumerate(stops) if stop.anchor == key)
    previous = stops[index - 1] if index > 0 else None
    following = stops[index + 1] if index + 1 < len(stops) else None
    s = ctx.theme.styles
    right_style = _aligned(s["nav"], 2)
    left = (ctx.page_ref(previous.anchor, f"< Previous: {previous.label}", "nav")
            if previous else Paragraph("", s["nav"]))
    right = (ctx.page_ref(following.anchor, f"Next: {following.label}", right_style, after=" >")
             if following else Paragraph("", right_style))
    back_to = row_anchor(m) if "scorecard" in ctx.sections else "scorecard"  # the row's page
    back = ctx.page_ref(back_to, "Return to Scorecard", _aligned(s["nav"], 1))
    wide = [_widest(ctx, stop, words, after, m) for stop, words, after in
            ((previous, "< Previous: ", ""), (following, "Next: ", " >"))]
    if sum(wide) + NAV_GAP <= ctx.width:
        rows, widths = [[left, right], [back, ""]], [ctx.width - wide[1], wide[1]]
        spans = [("SPAN", (0, 1), (1, 1))]
    else:  # one a line: a split part's references name the part they go to
        rows, widths, spans = [[left], [right], [back]], [ctx.width], []
    table = ctx.link_row(rows, widths,
                         style=[("LINEABOVE", (0, 0), (-1, 0), 0.6, ctx.theme.colour("rule")),
                                *spans, ("NOSPLIT", (0, 0), (-1, -1)),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                ("TOPPADDING", (0, 0), (-1, -1), 1),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                                ("TOPPADDING", (0, 0), (-1, 0), 3)])
    table.spaceBefore = 4
    return [table]


NAV_GAP = 18  # points between the previous and the next link sharing a row


def _widest(ctx: Context, stop: Stop | None, words: str, after: str,
            m: MeasureFigures) -> float:
    """The width of a navigation link at its longest: its page number three digits wide,
    and, where it goes to another theme's page, the split part it would be in (a name as
    long as that theme's title): the same in the full pack and in its split parts, which
    must break the same lines."""
    if stop is None:
        return 0.0
    other = ctx.figures.measures.get(stop.anchor.partition("-")[2])
    where = (widest_part_words(other.theme_title) if other is not None
             and other.theme != m.theme else "")
    style = ctx.theme.styles["nav"]
    return stringWidth(f"{words}{stop.label}, page {WIDEST_PAGE}{where}{after}",
                       style.fontName, style.fontSize)


def keep_with_previous(out: list, flowables: list, start: int | None = None,
                       share: float = 0.0, keep: float = 0.0) -> list:
    """`flowables` (the navigation row) end `out`: the blocks above them (from `start`, by
    default the last flowable) may run on to the next page, but never without them, and
    then with at least `share` of that page."""
    start = len(out) - 1 if start is None else start
    while start < len(out) and isinstance(out[start], (Spacer, PageBreak, NextPageTemplate)):
        start += 1
    if start >= len(out) or not flowables:
        return [*out, *flowables]
    return [*out[:start], EndTogether(out[start:], _one(flowables), share, keep=keep)]


def _one(flowables: list):
    from reportlab.platypus import KeepTogether

    return flowables[0] if len(flowables) == 1 else KeepTogether(flowables)


def _aligned(style, alignment):
    return ParagraphStyle(f"{style.name}-a{alignment}", parent=style, alignment=alignment)


BLOCKS = {"title": title, "status": status, "tiles": tiles, "source": source,
          "chart": chart, "commentary": commentary, "owners": owners, "faq": faq,
          "spc_chart": spcchart.spc_chart, "reading": spcchart.reading}


def _blocks(ctx: Context, m: MeasureFigures, key: str, position: int) -> list:
    """The measure page's blocks, in the layout's order."""
    spec = ctx.theme.layout.measure_page
    out: list = []
    flowing = None  # where the blocks that may run on to the next page begin
    for block in spec.blocks:
        if block == "navigation":
            keep = RUN_ON_KEEP * ctx.theme.styles["body"].leading
            out = keep_with_previous(out, navigation(ctx, key, m), flowing, RUN_ON_SHARE, keep)
            continue
        flowables = (band(ctx, m) if position else []) if block == "band" else \
            BLOCKS[block](ctx, m)
        if flowables and (flowing is None or block not in FLOWING):
            flowing = len(out) if block in FLOWING else None
        out += flowables
    return out


FLOWING = ("commentary", "owners", "faq")  # what runs on to a measure's next page
# a measure's next page holds at least this much of the page, so it is never a stub
RUN_ON_SHARE = 0.45
# ... but its own page keeps the commentary's heading and first lines where they fit
RUN_ON_KEEP = 5  # in lines of body text


def measure_pages(ctx: Context) -> list:
    f = ctx.figures
    spec = ctx.theme.layout.measure_page
    out: list = []
    first = True
    for theme in f.themes:
        if ctx.only_themes is not None and theme.id not in ctx.only_themes:
            first = False
            continue
        for position, measure_id in enumerate(theme.measures):
            m = f.measures[measure_id]
            key = measure_anchor(m)
            followers = [page for page in _followers(spec.follow_with) if page.applies(m)]
            out += page_start(ctx, key, followed=bool(followers))
            if first:
                out.append(Anchor("measures", "Measures", 0))
                first = False
            elif position == 0 and ctx.only_themes is not None:  # a split part's own top
                out.append(Anchor(f"theme-{theme.id}", f"{theme.number}. {theme.title}", 0))
            out.append(Anchor(key, f"{m.number}. {m.short_name}", 1,
                              opens=(f"{m.number}. {m.title}", f"{m.number}. {m.short_name}")))
            if position == 0 and "band" in spec.blocks:
                out += band(ctx, m, heading=True)  # the theme's heading, outside its sections
            ctx.tagger.open("Sect")
            out += _blocks(ctx, m, key, position)
            ctx.tagger.close()
            out.append(Anchor(f"{key}-end", closes=True))
            for follower in followers:
                out += follower.page(ctx, m)
    return out


def _followers(names: list[str]) -> list:
    """The pages that follow each measure page, in the layout's order."""
    from report.layout.registry import sections

    return [sections()[name] for name in names]


def _chain(ctx: Context) -> list[Stop]:
    """The layout's chain, worked out once for every pass and part."""
    if "chain" not in ctx.kept:
        spec = ctx.theme.layout.measure_page
        ctx.kept["chain"] = chain(ctx.figures, spec.follow_with if spec else [])
    return ctx.kept["chain"]


def chain(figures, follow_with: list[str]) -> list[Stop]:
    """Pack order: each measure page, then the pages that follow it (areas, quartiles)."""
    followers = _followers(follow_with)
    stops: list[Stop] = []
    for m in figures.in_order():
        stops.append(Stop(measure_anchor(m), m.short_name))
        stops += [Stop(f.anchor(m), f"{m.short_name} {f.label}") for f in followers if f.applies(m)]
    return stops


def _trend_charts(figures, layout, width: float, style: dict) -> dict[str, dict]:
    from report.charts.spec import trend_spec

    if not layout.measure_page:
        return {}
    if "chart" not in layout.measure_page.blocks:
        return spcchart.charts(figures, layout, width, style)
    specs = {f"trend-{m.id}": trend_spec(m, width, layout.chart.height, style)
             for m in figures.in_order() if "trend" in spcchart.shown(layout, m)}
    return specs | spcchart.charts(figures, layout, width, style)


def _theme_start(theme) -> str | None:
    """A theme's split part starts at its first measure's page."""
    return f"measure-{theme.measures[0]}" if theme.measures else None


def _pages(figures, anchors: dict[str, int]) -> dict[str, int]:
    """Each measure's own page, for the figures file."""
    at = {m.id: anchors.get(measure_anchor(m)) for m in figures.in_order()}
    return {measure_id: page for measure_id, page in at.items() if page is not None}


SECTIONS = (Section("measures", story=measure_pages, charts=_trend_charts,
                    checks=spcchart.unknown_measures,
                    measure_anchors={"measure": lambda m: m.title},
                    part=PartPlan("", "", by_theme=_theme_start),
                    pages=_pages),)
