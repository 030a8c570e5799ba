"""Benchmarking pages: national quartiles and area breakdown after each measure page,
and the comparator-group appendix."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Spacer

from report.layout.context import Context, area_anchor, esc, quartile_anchor
from report.layout.measure import band, keep_with_previous, navigation, page_start
from report.layout.registry import PartPlan, Section
from report.model import MeasureFigures
from report.pdf.flowables import Anchor, ChartBox
from report.pdf.paragraph import Paragraph

CAVEAT = ("This benchmarking is against historical results: current performance by other "
          "local authorities may differ from this.")


def _chart(ctx: Context, chart_id: str, height: float, alt: str) -> list:
    name = ctx.chart_names.get(chart_id)
    if name is None:
        return []
    return [ctx.tag(ChartBox(name, ctx.width, height), "Figure", alt=alt), Spacer(0, 6)]


def _page_head(ctx: Context, m: MeasureFigures, key: str, kind: str, subtitle: str) -> list:
    """A page that follows a measure's own page: its own section under the same title.
    The title is printed again but is no heading (the measure page has it), so a screen
    reader's list of headings names each page once: "DToC Total: by area, March 2019"."""
    out = page_start(ctx, key, own_side=False)
    out.append(Anchor(key, f"{m.short_name} {kind}", 2,
                      opens=(f"{m.number}. {m.title}", f"{m.number}. {m.short_name}")))
    ctx.tagger.open("Sect")
    out += band(ctx, m)
    title = ctx.para(esc(f"{m.number}. {m.title}"), "h2")
    title.inner.keepWithNext = 1
    return out + [title, ctx.heading(f"{m.short_name}: {subtitle}", 3)]


def _page_foot(ctx: Context, key: str, out: list, m: MeasureFigures) -> list:
    out = keep_with_previous(out, navigation(ctx, key, m))
    ctx.tagger.close()
    return out + [Anchor(f"{key}-end", closes=True)]


def quartile_page(ctx: Context, m: MeasureFigures) -> list:
    q = m.benchmarks.quartiles
    s = ctx.theme.styles
    key = quartile_anchor(m)
    out = _page_head(ctx, m, key, "quartiles", "performance against national quartiles")
    out += _chart(ctx, f"quartiles-{m.id}", ctx.theme.layout.chart.quartile_height,
                  q.alt)
    out.append(ctx.para(f"The four quartile bands are drawn the same width; the scores "
                        f"beneath mark their boundaries. Benchmarking data is taken from "
                        f"{esc(q.year)} {esc(q.source)}. {esc(CAVEAT)}", "small"))
    # the real-units column only where the measure says how many a point stands for: a
    # column empty in every row tells the reader nothing
    real_units = q.unit_factor is not None
    heads = ["Quartile", "Score", "Difference", ""]
    if real_units:
        heads.append(f"{esc(q.unit_label or 'Units')} Difference")
    head = [Paragraph(x, s["cell_head"]) for x in heads]
    head2 = [Paragraph(x, s["cell_head"]) for x in ("", "", "Figure", "%", "")[:len(heads)]]
    rows = [head, head2]
    style = [("SPAN", (2, 0), (3, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
             ("BACKGROUND", (0, 0), (-1, 1), ctx.theme.colour("tint")),
             ("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
             ("ALIGN", (1, 2), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if real_units:
        style.append(("SPAN", (4, 0), (4, 1)))
    for index, (row, texts) in enumerate(zip(q.rows, q.row_texts), start=2):
        if row.is_council:
            cells = [f"<b>{esc(row.label)}</b>", f"<b>{esc(q.value_text)}</b>", "", "", ""]
            style.append(("BACKGROUND", (0, index), (-1, index), ctx.theme.colour("highlight")))
            style.append(("BOX", (0, index), (-1, index), 1.2, ctx.theme.colour("ink")))
        else:
            cells = [esc(row.label)] + [esc(text) for text in texts]
        rows.append([Paragraph(c, s["cell" if column == 0 else "cell_number"])
                     for column, c in enumerate(cells[:len(heads)])])
    widths = [ctx.width * x for x in (0.26, 0.16, 0.16, 0.14, 0.28)[:len(heads)]]
    out += [Spacer(0, 4), ctx.table(rows, widths, style, repeat=2, header_cols=1), Spacer(0, 8)]

    summary = [[Paragraph("Current Quartile", s["cell_head"]),
                Paragraph(esc(q.current), s["cell"])],
               [Paragraph("Distance to next quartile", s["cell_head"]),
                Paragraph(esc(q.next_text), s["cell"])],
               [Paragraph("Distance to top quartile", s["cell_head"]),
                Paragraph(esc(q.top_text), s["cell"])]]
    out.append(ctx.table(summary, [ctx.width * 0.42, ctx.width * 0.3],
                         [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                          ("BACKGROUND", (0, 0), (0, -1), ctx.theme.colour("tint"))],
                         header_cols=1))
    if q.current != "1st" and q.next_distance is None:
        out.append(ctx.para(
            "The distances are in the measure's own terms: how many people they stand for "
            "is not known for this measure.", "small"))
    return _page_foot(ctx, key, out, m)


def area_page(ctx: Context, m: MeasureFigures) -> list:
    from report.charts.spec import area_height, area_room  # the chart's own rules

    areas = m.benchmarks.areas
    s = ctx.theme.styles
    key = area_anchor(m)
    out = _page_head(ctx, m, key, "areas", f"by area, {areas.period_label}")
    out += _chart(ctx, f"areas-{m.id}", area_height(m, area_room(ctx.theme.layout.page)),
                  areas.alt)
    rows = [[Paragraph(x, s["cell_head"]) for x in ("Area", "Value", "Numerator", "Denominator")]]
    for a in areas.values:
        rows.append([Paragraph(esc(a.area), s["cell"]),
                     Paragraph(esc(a.value_text), s["cell_number"]),
                     Paragraph(esc(a.numerator_text), s["cell_number"]),
                     Paragraph(esc(a.denominator_text), s["cell_number"])])
    style = [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
             ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
             ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    widths = [ctx.width * x for x in (0.4, 0.2, 0.2, 0.2)]
    out += [CondPageBreak(80), ctx.table(rows, widths, style, repeat=1, header_cols=1)]
    if areas.any_suppressed:
        out.append(ctx.para(f"* Fewer than {areas.threshold}: figures for small numbers of "
                            "people are not shown, to protect their privacy, and are left out "
                            "of the chart.", "small"))
    return _page_foot(ctx, key, out, m)


def comparators(ctx: Context) -> list:
    """Authorities down the side; (measure, year) across; the council highlighted, its rank
    and the England average beneath. As many measures to a landscape page as their year
    columns fit at a readable width."""
    f = ctx.figures
    measures = [m for m in f.in_order() if m.benchmarks.comparators]
    if not measures:
        return []
    s = ctx.theme.styles
    width = ctx.landscape_width
    out = [NextPageTemplate("landscape"), PageBreak(),
           Anchor("comparators", "Comparator group", 0, opens="Comparator group"),
           ctx.heading("Comparator group benchmarking", 1),
           ctx.para(f"{esc(f.authority)} against its comparator group of similar councils, "
                    "by measure and year. Rank 1 is the best performance for the measure "
                    "(lowest where lower is better); councils with equal values share a rank; "
                    "councils without a published figure are not ranked.", "small"),
           Spacer(0, 6)]  # the note is not the table's caption: it stands apart
    first = width * 0.22
    for start, group in enumerate(_by_width(measures, int((width - first) // MIN_COLUMN))):
        authorities = sorted({a for m in group for c in m.benchmarks.comparators
                              for a in c.values},
                             key=lambda a: (a != f.authority, a.lower()))
        columns = [(m, c) for m in group for c in m.benchmarks.comparators]
        head = [Paragraph("Authority", s["cell_head"])]
        years = [Paragraph("", s["cell_head"])]
        style = [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                 ("BACKGROUND", (0, 0), (-1, 1), ctx.theme.colour("tint")),
                 ("ALIGN", (1, 2), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("SPAN", (0, 0), (0, 1))]
        col = 1
        for m in group:
            span = len(m.benchmarks.comparators)
            direction = "lower is better" if m.polarity == "lower" else "higher is better"
            head.append(Paragraph(f"{m.number}. {esc(m.short_name)} ({direction})", s["cell_head"]))
            head += [Paragraph("", s["cell_head"])] * (span - 1)
            if span > 1:
                style.append(("SPAN", (col, 0), (col + span - 1, 0)))
            for c in m.benchmarks.comparators:
                years.append(Paragraph(esc(c.year), s["cell_head"]))
            col += span
        rows = [head, years]
        for authority in authorities:
            row = [Paragraph(f"<b>{esc(authority)}</b>" if authority == f.authority
                             else esc(authority), s["cell"])]
            for _, c in columns:
                text = esc(c.values_text.get(authority, "\u2013"))
                text = f"<b>{text}</b>" if authority == f.authority else text
                row.append(Paragraph(text, s["cell_number"]))
            rows.append(row)
            if authority == f.authority:
                index = len(rows) - 1
                style += [("BACKGROUND", (0, index), (-1, index), ctx.theme.colour("highlight")),
                          ("BOX", (0, index), (-1, index), 1.2, ctx.theme.colour("ink"))]
        rank_row = [Paragraph(f"<b>{esc(f.authority)} rank</b>", s["cell"])]
        england_row = [Paragraph("England average", s["cell"])]
        for _, c in columns:
            rank_row.append(Paragraph(f"<b>{esc(c.rank_text)}</b>", s["cell_number"]))
            england_row.append(Paragraph(esc(c.england_text), s["cell_number"]))
        rows += [rank_row, england_row]
        style.append(("LINEABOVE", (0, len(rows) - 2), (-1, len(rows) - 2), 1.2,
                      ctx.theme.colour("ink")))
        widths = [first] + [(width - first) / len(columns)] * len(columns)
        if start:
            out += [PageBreak()]
        out += [ctx.table(rows, widths, style, repeat=2, header_cols=1), Spacer(0, 6)]
    out.append(Anchor("comparators-end", closes=True))
    return out


MIN_COLUMN = 68  # points: a year's column still holds "1,234.5" and "15 of 16" at 10 pt


def _by_width(measures: list, columns: int) -> list[list]:
    """The measures in pack order, in tables of at most `columns` year columns (a measure
    with more years than that has a table of its own)."""
    tables: list[list] = [[]]
    used = 0
    for m in measures:
        wanted = len(m.benchmarks.comparators)
        if tables[-1] and used + wanted > columns:
            tables.append([])
            used = 0
        tables[-1].append(m)
        used += wanted
    return tables


def _quartile_charts(figures, layout, width: float, style: dict) -> dict[str, dict]:
    from report.charts.spec import quartile_spec

    return {f"quartiles-{m.id}": quartile_spec(m, width, layout.chart.quartile_height, style,
                                               figures.authority)
            for m in figures.in_order() if m.benchmarkable}


def _area_charts(figures, layout, width: float, style: dict) -> dict[str, dict]:
    from report.charts.spec import area_room, area_spec

    return {f"areas-{m.id}": area_spec(m, width, style, area_room(layout.page))
            for m in figures.in_order() if m.has_areas}


SECTIONS = (
    Section("quartiles", page=quartile_page, applies=lambda m: m.benchmarkable,
            label="quartiles", anchor=quartile_anchor, charts=_quartile_charts,
            measure_anchors={"quartiles": lambda m: f"{m.title}, national quartiles"}),
    Section("areas", page=area_page, applies=lambda m: m.has_areas, label="areas",
            anchor=area_anchor, charts=_area_charts,
            measure_anchors={"areas": lambda m: f"{m.title}, by area"}),
    Section("comparators", story=comparators,
            part=PartPlan("comparator-group", "comparator group")),
)
