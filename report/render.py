"""Lay out and render one layout of a computed pack: figures in, PDF bytes out.

`Renderer` prepares a layout once (styles, chart specs, charts drawn in other processes)
and renders the full pack, then, for `--split`, each part again from the same figures with
the full pack's page numbers, so every part keeps links, outline and tags of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import NextPageTemplate, PageBreak

from report.charts.spec import chart_digest
from report.charts.workers import PendingCharts, start_charts
from report.layout.config import Layout, load_layout
from report.layout.context import Context
from report.layout.registry import in_layout, layout_specs, trailing
from report.layout.registry import sections as registered
from report.layout.registry import title as layout_title
from report.layout.styles import build_theme
from report.model import PackFigures
from report.pdf.doc import Refs, build_passes
from report.pdf.finish import finish
from report.pdf.flowables import PageSide
from report.pdf.marks import Tagger


def _right_hand(flowables: list, duplex: bool) -> list:
    """Double-sided: a section that starts a page starts on a right-hand one (a left-hand
    page before it is left blank, and says so)."""
    if not duplex or not flowables or isinstance(flowables[0], PageSide):
        return flowables
    lead = 0
    while lead < len(flowables) and isinstance(flowables[lead], (NextPageTemplate, PageBreak)):
        lead += 1
    if not any(isinstance(f, PageBreak) for f in flowables[:lead]):
        return flowables
    return [PageSide(), *flowables]


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    anchors: dict[str, int]
    measure_pages: dict[str, int]
    warnings: list[str]
    generated_pages: int = 0


@dataclass
class Part:
    """A piece of the pack the clerks send on its own, as pages of the full pack."""

    name: str  # file name: "02-use-of-resources.pdf"
    title: str
    sections: list[str]
    first: int  # first and last page in the full pack
    last: int
    themes: set[str] | None = None
    trailing: bool = False  # the pages a section brings whole (the appendices)


@dataclass
class Renderer:
    figures: PackFigures
    layout_name: str
    cache: Path | None = None
    warnings: list[str] = field(default_factory=list)
    draw_charts: bool = True  # False: empty boxes of the same size (the benchmark's floor)
    pending: PendingCharts | None = None  # charts already started (build.py starts them early)
    specs: dict[str, dict] | None = None  # this layout's charts by id, if already worked out
    progress: object | None = None  # a report.progress.Progress, on a terminal
    layout: Layout | None = None  # the layout, if already loaded

    def __post_init__(self):
        figures = self.figures
        layout = self.layout = self.layout or load_layout(self.layout_name)
        self.theme = build_theme(layout)
        page = layout.page
        self.width = A4[0] - page.margin_left - page.margin_right
        self.landscape_width = landscape(A4)[0] - page.margin_left - page.margin_right
        self.kinds = {section.name for section in in_layout(layout)}
        self.kept: dict[str, object] = {}  # what the sections work out once (Context.kept)
        self.title = layout_title(figures, layout)
        if self.specs is None:
            self.specs = layout_specs(figures, layout)
        specs = self.specs
        self.names = {chart_id: f"Chart{index}" for index, chart_id in enumerate(specs, start=1)}
        if self.pending is None:
            self.pending = start_charts(list(specs.values()) if self.draw_charts else [],
                                        self.cache)
        self._charts: dict[str, bytes] | None = None
        self.trailing = trailing(layout)
        self.trailing_pages = self.trailing.pages(figures, layout) if self.trailing else 0
        if self.trailing_pages:
            from report.pack_warnings import trailing_warnings

            self.warnings = trailing_warnings(figures, layout)

    def charts(self) -> dict[str, bytes]:
        if self._charts is None:
            if self.draw_charts:
                drawn = self.pending.result()
                self._charts = {self.names[chart_id]: drawn[chart_digest(spec)]
                                for chart_id, spec in self.specs.items()}
            else:
                from report.pdf.post import empty_chart

                self._charts = {self.names[chart_id]: empty_chart(spec)
                                for chart_id, spec in self.specs.items()}
        return self._charts

    def _story(self, refs: Refs, sections: list[str], themes=None, available=None,
               part_of=None, kinds: set[str] | None = None):
        """`kinds`: the page types the document has (all of the layout's by default)."""
        ctx = Context(self.figures, self.theme, refs, Tagger(), self.width, self.landscape_width,
                      chart_names=self.names, sections=kinds or self.kinds, only_themes=themes,
                      chart_heights={key: spec["height"] for key, spec in self.specs.items()},
                      available=available, part_of=part_of or {}, kept=self.kept)
        story: list = []
        for section in sections:
            story += _right_hand(registered()[section].story(ctx), self.layout.page.duplex)
        return story, ctx.tagger

    # -- the full pack -------------------------------------------------------------------
    def full(self) -> Rendered:
        guess = self._remembered_pages()
        try:
            result = build_passes(self.figures, self.theme,
                                  lambda refs: self._story(refs, self.layout.sections),
                                  extra_pages=self.trailing_pages, title=self.title,
                                  guess=guess, progress=self.progress,
                                  label=self.layout_name, remade=True)
        except BaseException:
            self.pending.cancel()
            raise
        self.full_result = result
        self._remember_pages(result.anchors, result.pages + self.trailing_pages)
        pdf = finish(result, self.charts, self.figures, self.theme, self.title,
                     appendices=bool(self.trailing_pages))
        measure_pages: dict[str, int] = {}
        for section in in_layout(self.layout):
            if section.pages is not None:
                measure_pages |= section.pages(self.figures, result.anchors)
        return Rendered(pdf, result.pages + self.trailing_pages, result.anchors,
                        measure_pages, self.warnings, result.pages)

    def _pages_key(self) -> str:
        from report import cache as store

        return store.digest_of(b"", self.figures.name, self.layout_name)

    def _remembered_pages(self) -> Refs | None:
        """Page numbers of the last build of this pack and layout: a good first guess."""
        import json

        from report import cache as store

        data = store.read_bytes(self.cache, "pages", self._pages_key(), "json")
        try:
            data = json.loads(data.decode("utf-8"))
            return Refs({str(k): int(v) for k, v in data["anchors"].items()}, int(data["pages"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def _remember_pages(self, anchors: dict[str, int], pages: int) -> None:
        import json

        from report import cache as store

        data = json.dumps({"anchors": anchors, "pages": pages}).encode("utf-8")
        store.write_bytes(self.cache, "pages", self._pages_key(), data, "json")

    # -- sections alone --------------------------------------------------------------------
    def alone(self, sections: list[str]) -> Rendered:
        """The named sections of this layout by themselves, from page 1, as in no pack:
        links to pages they do not hold are plain text (to see a new page type, or test
        one, without the rest of the pack)."""
        story, tagger = self._story(Refs(), sections, kinds=set(sections))
        start = _at_once(story)
        result = build_passes(self.figures, self.theme, lambda refs: (story, tagger),
                              title=self.title, **start, progress=self.progress,
                              label=self.layout_name)
        pdf = finish(result, self.charts, self.figures, self.theme, self.title,
                     appendices=False)
        return Rendered(pdf, result.pages, result.anchors, {}, self.warnings, result.pages)

    # -- split parts ---------------------------------------------------------------------
    def parts(self) -> list[Part]:
        """The cabinet layout's parts, from the full pack's page numbers."""
        f, anchors = self.figures, self.full_result.anchors
        generated = self.full_result.pages
        starts: list[tuple[int, str, str, list[str], set[str] | None]] = []
        for position, name in enumerate(self.layout.sections):
            plan = registered()[name].part
            if plan is None:
                continue
            if plan.by_theme is not None:  # a part per theme, from where the section says
                for theme in f.themes:
                    key = plan.by_theme(theme)
                    if key in anchors:
                        starts.append((anchors[key], _slug(theme.title),
                                       f"{f.full_title}: {theme.number}. {theme.title}",
                                       [name], {theme.id}))
                continue
            if starts and starts[-1][1] == plan.slug:  # the part goes on with this section
                starts[-1][3].append(name)
                continue
            first = 1 if position == 0 else anchors.get(name)
            if first is not None:
                starts.append((first, plan.slug, f"{f.full_title}: {plan.title}", [name], None))
        starts.sort(key=lambda s: s[0])
        parts = []
        for index, (first, slug, title, sections, themes) in enumerate(starts):
            last = starts[index + 1][0] - 1 if index + 1 < len(starts) else generated
            parts.append(Part(f"{index + 1:02d}-{slug}.pdf", title, sections, first, last, themes))
        if self.trailing_pages:
            plan = self.trailing.part
            parts.append(Part(f"{len(parts) + 1:02d}-{plan.slug}.pdf",
                              f"{f.full_title}: {plan.title}", [], generated + 1,
                              generated + self.trailing_pages, trailing=True))
        return parts

    def part(self, part: Part) -> bytes:
        total = self.full_result.pages + self.trailing_pages
        if part.trailing:
            return self.trailing.alone(self.figures, self.theme, part.first - 1, total)
        anchors = self.full_result.anchors
        available = {key for key, page in anchors.items() if part.first <= page <= part.last}
        known = Refs(dict(anchors), total)

        part_of = {key: other.name.removesuffix(".pdf") for other in self.parts()
                   for key, page in anchors.items() if other.first <= page <= other.last}
        expected = part.last - part.first + 1
        # A reference to a page in another part names that part ("page 9, in 02-…"); where
        # the longer words would move a page break, the part's references are printed as
        # the pack prints them, so the part keeps the pack's pages.
        for names in (part_of, {}):
            story, tagger = self._story(known, part.sections, part.themes, available, names)
            start = _at_once(story)
            made = (story, tagger)
            result = build_passes(self.figures, self.theme, lambda refs, made=made: made,
                                  title=part.title, known=known, page_offset=part.first - 1,
                                  **start, running_title=self.title,
                                  progress=self.progress, label=part.name)
            if result.pages == expected:
                return finish(result, self.charts, self.figures, self.theme, part.title,
                              appendices=False, page_offset=part.first - 1)
        raise RuntimeError(f"split part {part.name} laid out to {result.pages} pages, "
                           f"not the {expected} it has in the full pack")


def _at_once(story: list) -> dict:
    """The story starts on its first page, with no blank page before it (a split part, a
    section alone): the page breaks before it go, and the page template it asks for is the
    first page's (as `build_passes`'s `first_template`)."""
    start = {}
    while story and isinstance(story[0], (NextPageTemplate, PageBreak, PageSide)):
        item = story.pop(0)
        if isinstance(item, NextPageTemplate):
            start["first_template"] = item.action[1]
    return start


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "part"
