"""Lay out and render one layout of a computed pack: figures in, PDF bytes out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape

from report.charts.render import start_charts
from report.charts.spec import area_spec, quartile_spec, trend_spec
from report.layout.config import load_layout
from report.layout.context import Context
from report.layout.analysis import analysis_cover, areas, areas_of_focus, overview
from report.layout.benchmarks import comparators
from report.layout.cover import cover
from report.layout.measure import chain, measure_pages
from report.layout.scorecard import glossary, scorecard
from report.layout.styles import build_theme
from report.layout.summary import summary
from report.model import PackFigures
from report.pdf.doc import Refs, build_passes
from report.pdf.marks import Tagger
from report.pdf.post import finish

SECTIONS = {"cover": cover, "summary": summary, "scorecard": scorecard,
            "measures": measure_pages, "comparators": comparators, "glossary": glossary,
            "analysis_cover": analysis_cover, "overview": overview,
            "areas_of_focus": areas_of_focus, "areas": areas}


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    anchors: dict[str, int]
    measure_pages: dict[str, int]
    warnings: list[str]


def render(figures: PackFigures, layout_name: str, cache: Path | None = None) -> Rendered:
    layout = load_layout(layout_name)
    theme = build_theme(layout)
    page = layout.page
    width = A4[0] - page.margin_left - page.margin_right
    landscape_width = landscape(A4)[0] - page.margin_left - page.margin_right
    follow_with = layout.measure_page.follow_with if layout.measure_page else []
    kinds = set(layout.sections) | set(follow_with)
    stops = chain(figures, follow_with)

    chart_style = layout.chart.model_dump()
    specs = {}
    if "measures" in kinds and layout.measure_page and "chart" in layout.measure_page.blocks:
        specs = {f"trend-{m.id}": trend_spec(m, width, layout.chart.height, chart_style)
                 for m in figures.in_order()}
    if "quartiles" in kinds:
        specs.update({f"quartiles-{m.id}": quartile_spec(m, width, layout.chart.quartile_height,
                                                         chart_style, figures.authority)
                      for m in figures.in_order() if m.benchmarkable})
    if "areas" in kinds:
        specs.update({f"areas-{m.id}": area_spec(m, width, chart_style)
                      for m in figures.in_order() if m.has_areas})
    names = {chart_id: f"Chart{index}" for index, chart_id in enumerate(specs, start=1)}
    pending = start_charts(specs, cache)  # drawn in other processes during layout

    def story_for(refs: Refs):
        ctx = Context(figures, theme, refs, Tagger(), width, landscape_width,
                      chart_names=names, chain=stops, sections=kinds)
        story: list = []
        for section in layout.sections:
            builder = SECTIONS.get(section)
            if builder is not None:
                story += builder(ctx)
        return story, ctx.tagger

    appendix_pages = 0
    notes: list[str] = []
    if "appendices" in kinds and figures.appendices:
        from report.pdf.appendices import count_pages, warnings

        appendix_pages = count_pages(figures)
        notes = warnings(figures)
    try:
        title = None
        if "analysis_cover" in kinds and figures.analysis is not None:
            title = f"{figures.analysis.title} \u2013 {figures.pack_month_label}"
        result = build_passes(figures, theme, story_for, extra_pages=appendix_pages,
                              title=title)
    except BaseException:
        pending.cancel()
        raise
    by_name = {names[chart_id]: data for chart_id, data in pending.result().items()}
    pdf = finish(result, by_name, figures, theme, title or figures.full_title,
                 appendices=bool(appendix_pages))
    measure_at = {m.id: result.anchors.get(f"measure-{m.id}") for m in figures.in_order()}
    return Rendered(pdf, result.pages + appendix_pages, result.anchors,
                    {k: v for k, v in measure_at.items() if v is not None}, notes)
