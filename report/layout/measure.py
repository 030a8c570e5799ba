"""One page per measure: theme band, title, status and change, tiles, source, trend chart,
commentary, owner boxes, FAQ and the previous / scorecard / next links."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Spacer

from report.content import COMMENTARY_HEADING
from report.layout import spcchart
from report.layout.context import Context, Stop, esc, measure_key, shown_status
from report.layout.registry import PartPlan, Section
from report.model import MeasureFigures
from report.pdf.flowables import Anchor, ChartBox, Deferred
from report.pdf.marks import Tagger
from report.pdf.paragraph import Paragraph

ANNEX = "commentary_annex"
FIT_SIZES = (None, 11, 10)  # commentary and FAQ type, largest first (None: the layout's)


@dataclass(frozen=True)
class Fit:
    """How a measure's page fits on one page: the type size of its commentary and FAQ,
    and how many commentary blocks it keeps (None: all; the rest go to the annex)."""

    size: float | None = None
    kept: int | None = None
    faq_annexed: bool = False  # the FAQ goes to the annex too (when nothing else fits)

    @property
    def annexed(self) -> bool:
        return self.kept is not None or self.faq_annexed


def page_start(ctx: Context, key: str, right_hand: bool = True) -> list:
    """A new page; for a measure, a right-hand one when the layout prints double-sided."""
    out = [NextPageTemplate("portrait"), PageBreak()]
    if right_hand and ctx.theme.layout.page.duplex:
        from report.pdf.flowables import RightHandPage

        out.append(RightHandPage())
    return out


def band(ctx: Context, m: MeasureFigures, heading: bool = False) -> list:
    """The theme band: a heading on the theme's first page, decoration after that."""
    cell = Paragraph(f"Theme: {esc(m.theme_title)}", ctx.theme.styles["band"])
    table = ctx.grid([[cell]], [ctx.width], hAlign="LEFT",
                  style=[("BACKGROUND", (0, 0), (-1, -1), ctx.theme.colour("band")),
                         ("LEFTPADDING", (0, 0), (-1, -1), 8),
                         ("TOPPADDING", (0, 0), (-1, -1), 5),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    return [ctx.tag(table, "H1" if heading else "Artifact"), Spacer(0, 6)]


def title(ctx: Context, m: MeasureFigures) -> list:
    return [ctx.heading(f"{m.number}. {m.title}", 2)]


def status(ctx: Context, m: MeasureFigures) -> list:
    change = f"<b>Change:</b> {esc(m.change_text)}" if m.change_text else "<b>Change:</b> \u2013"
    if m.status_basis == "set in pack.yaml":
        change += f"&nbsp;&nbsp;(status set: {esc(m.status_reason)})"
    elif m.status_basis == "direction of travel":
        change += "&nbsp;&nbsp;(status follows the direction of travel)"
    elif m.status_basis == "context":
        change += "&nbsp;&nbsp;(a context measure: neither direction is better)"
    row = ctx.grid([[ctx.badge(shown_status(m)), Paragraph(change, ctx.theme.styles["body"])]],
                [110, ctx.width - 110], hAlign="LEFT",
                style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                       ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return [ctx.tag(row, "P"), Spacer(0, 6)]


def tiles(ctx: Context, m: MeasureFigures) -> list:
    s = ctx.theme.styles
    monthly = m.frequency == "monthly"
    names = (("Last Month", "This Month") if monthly else
             ("Prev. Quarter", "Latest Quarter") if m.frequency == "quarterly" else
             ("Previous Year", "Latest Year"))
    previous = m.previous_reported_text or "\u2013"
    if m.target is not None:
        third_head, third, third_note = "Target", m.target_short, f"(EoY {m.eoy_text})"
    elif m.preferred_travel:
        third_head, third, third_note = "Preferred Travel", m.preferred_travel, m.target_text
    else:
        third_head, third, third_note = "Target", m.target_text, ""
    this_note = f"{m.period_label} (release schedule)" if m.lag_note else m.period_label
    prev_note = f"Recalculated: {m.recalculated_text}" if m.recalculated_text else (
        m.previous_label or "")
    rows = [[Paragraph(esc(x), s["tile_head"]) for x in (*names, third_head)],
            [Paragraph(esc(x), s["tile_value"]) for x in (previous, m.value_text, third)],
            [Paragraph(esc(x), s["tile_note"]) for x in (prev_note, this_note, third_note)]]
    width = ctx.width / 3  # the tiles end where the band and the owners do
    style = [("BOX", (0, 0), (0, -1), 0.8, ctx.theme.colour("rule")),
             ("BOX", (1, 0), (1, -1), 0.8, ctx.theme.colour("rule")),
             ("BOX", (2, 0), (2, -1), 0.8, ctx.theme.colour("rule")),
             ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    return [ctx.table(rows, [width] * 3, style, header_rows=1, hAlign="LEFT"), Spacer(0, 6)]



def source(ctx: Context, m: MeasureFigures) -> list:
    return [ctx.para(f"<b>Source:</b> {esc(m.source)}", "small")]


def chart(ctx: Context, m: MeasureFigures) -> list:
    name = ctx.chart_names.get(f"trend-{m.id}")
    if name is None or "trend" not in spcchart.shown(ctx.theme.layout, m):
        return []
    height = ctx.theme.layout.chart.height
    return [Spacer(0, 4), ctx.tag(ChartBox(name, ctx.width, height), "Figure", alt=m.chart_alt),
            Spacer(0, 4)]


def commentary(ctx: Context, m: MeasureFigures, fit: Fit = Fit()) -> list:
    blocks = m.commentary.get(COMMENTARY_HEADING)
    if not blocks:
        return []
    shown = blocks if fit.kept is None else blocks[:fit.kept]
    out = [ctx.heading("Commentary", 3),
           *ctx.blocks(shown, _scaled(ctx, "body", fit.size), _scaled(ctx, "bullet", fit.size))]
    if fit.kept is not None:
        out.append(ctx.inline_links([(("The commentary continues in the commentary annex, "
                                       "page "), None), (None, annex_key(m)), (".", None)]))
    return out


def owners(ctx: Context, m: MeasureFigures) -> list:
    s = ctx.theme.styles
    rows = [[Paragraph("Measure Owner", s["cell_head"]),
             Paragraph("Responsible Officer", s["cell_head"])],
            [Paragraph(esc(m.owner), s["cell"]), Paragraph(esc(m.responsible_officer), s["cell"])]]
    width = ctx.width / 2
    style = [("BOX", (0, 0), (0, -1), 0.8, ctx.theme.colour("rule")),
             ("BOX", (1, 0), (1, -1), 0.8, ctx.theme.colour("rule")),
             ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint"))]
    return [CondPageBreak(60), Spacer(0, 6), ctx.table(rows, [width, width], style,
                                                       header_rows=1)]


def faq(ctx: Context, m: MeasureFigures, fit: Fit = Fit()) -> list:
    if not m.faq:
        return []
    if fit.faq_annexed:
        return [ctx.heading("Frequently asked questions", 3),
                ctx.inline_links([(("The frequently asked questions are in the commentary "
                                    "annex, page "), None), (None, faq_key(m)), (".", None)])]
    return [ctx.heading("Frequently asked questions", 3),
            ctx.para(esc(m.faq), _scaled(ctx, "body", fit.size))]


def _scaled(ctx: Context, name: str, size: float | None) -> str:
    """The style `name` at `size` points (leading and spacing in proportion)."""
    if size is None or size >= ctx.theme.styles[name].fontSize:
        return name
    key = f"{name}@{size:g}"
    if key not in ctx.theme.styles:
        base = ctx.theme.styles[name]
        ratio = size / base.fontSize
        ctx.theme.styles[key] = ParagraphStyle(
            key, parent=base, fontSize=size, leading=base.leading * ratio,
            spaceAfter=base.spaceAfter * ratio, spaceBefore=base.spaceBefore * ratio)
    return key


def annex_key(m: MeasureFigures) -> str:
    return f"annex-{m.id}"


def faq_key(m: MeasureFigures) -> str:
    return f"faq-{m.id}"


def navigation(ctx: Context, key: str) -> list:
    """`< Previous: …` and `Next: … >` on one row, `Return to Scorecard` centred below."""
    index = next(i for i, stop in enumerate(ctx.chain) if stop.key == key)
    previous = ctx.chain[index - 1] if index > 0 else None
    following = ctx.chain[index + 1] if index + 1 < len(ctx.chain) else None
    s = ctx.theme.styles
    right_style = _aligned(s["nav"], 2)
    left = (ctx.page_ref(previous.key, f"< Previous: {previous.label}", "nav")
            if previous else Paragraph("", s["nav"]))
    right = (ctx.page_ref(following.key, f"Next: {following.label}", right_style, after=" >")
             if following else Paragraph("", right_style))
    back = ctx.page_ref("scorecard", "Return to Scorecard", _aligned(s["nav"], 1))
    # one a line: the same in the full pack and in a split part, whose references name
    # the part they go to
    rows, widths, spans = [[left], [right], [back]], [ctx.width], []
    table = ctx.link_row(rows, widths,
                         style=[("LINEABOVE", (0, 0), (-1, 0), 0.6, ctx.theme.colour("rule")),
                                *spans, ("NOSPLIT", (0, 0), (-1, -1)),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    table.spaceBefore = 10
    return [table]


def keep_with_previous(out: list, flowables: list) -> list:
    """The navigation row never stands alone on a page: it goes with the block above (and
    a heading above that keeps with it)."""
    if out and not isinstance(out[-1], (PageBreak, Spacer, NextPageTemplate)):
        out[-1].keepWithNext = 1
    return flowables


def _aligned(style, alignment):
    return ParagraphStyle(f"{style.name}-a{alignment}", parent=style, alignment=alignment)


BLOCKS = {"title": title, "status": status, "tiles": tiles, "source": source,
          "chart": chart, "commentary": commentary, "owners": owners, "faq": faq,
          "spc_chart": spcchart.spc_chart, "reading": spcchart.reading}
FITTED = {"commentary", "faq"}  # the blocks whose type shrinks to fit the page


def _blocks(ctx: Context, m: MeasureFigures, key: str, position: int, fit: Fit) -> list:
    """The measure page's blocks, in the layout's order."""
    spec = ctx.theme.layout.measure_page
    out: list = []
    for block in spec.blocks:
        if block == "navigation":
            out += keep_with_previous(out, navigation(ctx, key))
        elif block == "band":
            out += band(ctx, m) if position else []
        elif block in FITTED:
            out += BLOCKS[block](ctx, m, fit)
        else:
            out += BLOCKS[block](ctx, m)
    return out


def _room(ctx: Context) -> float:
    page = ctx.theme.layout.page
    return A4[1] - page.margin_top - page.margin_bottom


def _height(ctx: Context, m: MeasureFigures, key: str, position: int, fit: Fit) -> float:
    """How tall the page's blocks stand, laid out without tagging (a scratch tagger) and
    as in the full pack, so a split part keeps the full pack's pages."""
    kept = ctx.tagger, ctx.available, ctx.part_of
    ctx.tagger, ctx.available, ctx.part_of = Tagger(), None, {}
    try:
        flowables = _blocks(ctx, m, key, position, fit)
        if position == 0 and "band" in ctx.theme.layout.measure_page.blocks:
            flowables = band(ctx, m, heading=True) + flowables
    finally:
        ctx.tagger, ctx.available, ctx.part_of = kept
    total, after = 0.0, None  # the space after the last flowable (None: at the top)
    for flowable in flowables:
        if isinstance(flowable, (CondPageBreak, Anchor)):
            continue
        if isinstance(flowable, Deferred):  # a pointer line: one line of small type
            height, before, below = ctx.theme.styles["small"].leading, 0.0, 2.0
        else:
            height = flowable.wrap(ctx.width, 10_000)[1]
            before, below = flowable.getSpaceBefore(), flowable.getSpaceAfter()
        # as reportlab's frame does: no space before at the top of the frame, and a space
        # before that overlaps the space after the flowable above it
        total += (0.0 if after is None else max(before - after, 0.0)) + height + below
        after = below
    # what reportlab's frame adds between tables and paragraphs, and a line for a split
    # part's references that name their part
    return total + 8 + ctx.theme.styles["nav"].leading


def fit(ctx: Context, m: MeasureFigures, position: int) -> Fit:
    """The largest commentary type that lets the whole page fit on one page; failing that
    (and where the layout has a commentary annex), as many commentary blocks as fit at the
    largest type they fit in, the rest continued in the annex."""
    if m.id in ctx.fits:
        return ctx.fits[m.id]
    key, room = measure_key(m), _room(ctx)
    chosen = next((Fit(size) for size in FIT_SIZES
                   if _height(ctx, m, key, position, Fit(size)) <= room), None)
    blocks = m.commentary.get(COMMENTARY_HEADING) or ()
    if chosen is None and ANNEX in ctx.sections and (blocks or m.faq):
        # the commentary's last blocks go to the annex, then (should the page still not
        # fit) its FAQ too; failing even that, the shortest page there is
        candidates = [Fit(size, kept) for kept in range(len(blocks) - 1, -1, -1)
                      for size in FIT_SIZES if not _leads_in(blocks, kept)]
        if m.faq:
            candidates += [Fit(size, kept, faq_annexed=True)
                           for kept in (None, *range(len(blocks) - 1, -1, -1))
                           for size in FIT_SIZES if kept is None or not _leads_in(blocks, kept)]
        heights = {}
        for candidate in candidates:
            heights[candidate] = _height(ctx, m, key, position, candidate)
            if heights[candidate] <= room:
                chosen = candidate
                break
        else:
            chosen = min(heights, key=heights.get) if heights else None
    ctx.fits[m.id] = chosen = chosen or Fit()
    return chosen


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
            key = measure_key(m)
            out += page_start(ctx, key)
            if first:
                out.append(Anchor("measures", "Measures", 0))
                first = False
            elif position == 0 and ctx.only_themes is not None:  # a split part's own top
                out.append(Anchor(f"theme-{theme.id}", f"{theme.number}. {theme.title}", 0))
            out.append(Anchor(key, f"{m.number}. {m.short_name}", 1,
                              opens=(f"{m.number}. {m.title}", f"{m.number}. {m.short_name}")))
            if position == 0 and "band" in spec.blocks:
                out += band(ctx, m, heading=True)  # the theme's heading, outside its sections
            how = fit(ctx, m, position)
            ctx.tagger.open("Sect")
            out += _blocks(ctx, m, key, position, how)
            ctx.tagger.close()
            out.append(Anchor(f"{key}-end", closes=True))
            for follower in _followers(spec.follow_with):
                if follower.applies(m):
                    out += follower.page(ctx, m)
    return out


def _followers(names: list[str]) -> list:
    """The pages that follow each measure page, in the layout's order."""
    from report.layout.registry import sections

    return [sections()[name] for name in names]


def chain(figures, follow_with: list[str]) -> list[Stop]:
    """Pack order: each measure page, then the pages that follow it (areas, quartiles)."""
    followers = _followers(follow_with)
    stops: list[Stop] = []
    for m in figures.in_order():
        stops.append(Stop(measure_key(m), m.short_name))
        stops += [Stop(f.key(m), f"{m.short_name} {f.label}") for f in followers if f.applies(m)]
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


def _leads_in(blocks, kept: int) -> bool:
    """True when the last block kept introduces the next ("as a result of:"): the page
    never stops between a lead-in and its list."""
    from report.content import Para

    last = blocks[kept - 1] if kept else None
    return isinstance(last, Para) and last.text.rstrip().endswith(":")


def commentary_annex(ctx: Context) -> list:
    """The commentary that does not fit on its measure's page, measure by measure, each
    pointing back to its page."""
    out: list = []
    for theme in ctx.figures.themes:
        for position, measure_id in enumerate(theme.measures):
            m = ctx.figures.measures[measure_id]
            how = fit(ctx, m, position)
            if not how.annexed:
                continue
            if not out:
                out += page_start(ctx, ANNEX)
                out += [Anchor(ANNEX, "Commentary annex", 0),
                        ctx.heading("Commentary annex", 1)]
            ctx.tagger.open("Sect")
            what = "Commentary" if how.kept is not None else "Frequently asked questions"
            pointer = ctx.inline_links([(f"{what} continued from page ", None),
                                        (None, measure_key(m)), (".", None)])
            pointer.keepWithNext = 1
            out += [Anchor(annex_key(m), f"{m.number}. {m.short_name}", 1),
                    ctx.heading(f"{m.number}. {m.title}", 2), pointer]
            if how.kept is not None:
                out += ctx.blocks(m.commentary[COMMENTARY_HEADING][how.kept:])
            if how.faq_annexed:
                out += [Anchor(faq_key(m)), ctx.heading("Frequently asked questions", 3),
                        ctx.para(esc(m.faq))]
            ctx.tagger.close()
    return out


SECTIONS = (Section("measures", story=measure_pages, charts=_trend_charts,
                    checks=spcchart.unknown_measures,
                    part=PartPlan("", "", by_theme=True)),
            Section(ANNEX, story=commentary_annex,
                    part=PartPlan("commentary-annex", "commentary annex")))
