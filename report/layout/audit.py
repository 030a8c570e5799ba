"""Two appendices that let a figure be checked: the revision audit (every period whose
published figure has since been restated) and Methods (how every figure was worked out,
the program's version and a digest of its inputs)."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak

from report.layout.context import Context, esc, measure_anchor
from report.layout.registry import PartPlan, Section
from report.pdf.flowables import Anchor
from report.pdf.paragraph import Paragraph

PART = PartPlan("methods-and-revisions", "methods and revisions")


def _table_style(ctx: Context) -> list:
    return [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
            ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]


def _flows_on(ctx: Context, section: str, after: str) -> bool:
    """True where `section` comes straight after `after` in the layout: it then follows on
    the same page, where there is room, instead of starting one mostly left blank."""
    order = list(ctx.theme.layout.sections)
    return section in order and order.index(section) > 0 and \
        order[order.index(section) - 1] == after


def revisions(ctx: Context) -> list:
    f = ctx.figures
    revised = [(m, r) for m in f.in_order() for r in m.revisions]
    start = [CondPageBreak(ROOM)] if _flows_on(ctx, "revisions", "methods") else \
        [NextPageTemplate("portrait"), PageBreak()]
    # its later pages say "(continued)" in the running header, as the scorecard's do
    out = [*start, Anchor("revisions", "Revisions since published", 0,
                          opens="Revisions since published"),
           ctx.heading("Revisions since published", 1)]
    if not revised:
        return out + [ctx.para("No figure has been revised since it was first published."),
                      Anchor("revisions-end", closes=True)]
    s = ctx.theme.styles
    out.append(ctx.para(esc(
        "Every period whose figure has been restated since it was first reported: the "
        "direction of travel compares with the figure as published; the charts mark the "
        "revised periods."), "small"))
    rows = [[Paragraph(x, s["cell_head"]) for x in ("Measure", "Period", "As published",
                                                    "Now", "Difference", "Page")]]
    linked = set()
    for m, r in revised:
        name = f"{m.number}. {m.short_name}"
        first = m.id not in linked  # a measure's first row links to its page, once,
        linked.add(m.id)  # and names the page for a reader on paper
        rows.append([ctx.link_cell(measure_anchor(m), name, "cell") if first
                     else Paragraph(esc(name), s["cell"]),
                     Paragraph(esc(r.label), s["cell"]),
                     Paragraph(esc(r.reported_text), s["cell_number"]),
                     Paragraph(esc(r.value_text), s["cell_number"]),
                     Paragraph(esc(r.difference_text), s["cell_number"]),
                     ctx.page_cell(measure_anchor(m), "cell_number", m.title) if first
                     else Paragraph("", s["cell_number"])])
    w = ctx.width
    out.append(ctx.table(rows, [w * 0.31, w * 0.19, w * 0.14, w * 0.14, w * 0.14, w * 0.08],
                         _table_style(ctx), repeat=1, header_cols=1))
    return out + [Anchor("revisions-end", closes=True)]


def methods(ctx: Context) -> list:
    """Methods in a reader's words on one page (what each mark means, and a measure of this
    pack read through), then the technical notes: the rules with their constants, each
    measure's SPC limits, the program's version and the inputs' fingerprint."""
    m = ctx.figures.methods
    if m is None:
        return []
    out = [NextPageTemplate("portrait"), PageBreak(),
           Anchor("methods", "Methods", 0, opens="Methods"),
           ctx.heading("Methods: how to read this pack", 1)]
    for heading, paragraphs in m.guide:
        out.append(ctx.heading(heading, 2, "h3"))
        out += [ctx.para(esc(text)) for text in paragraphs]
    if m.example is not None:
        heading, sentences = m.example
        out += [ctx.heading(heading, 2, "h3"), ctx.para(esc(" ".join(sentences)))]
    return out + technical_notes(ctx) + [Anchor("methods-end", closes=True)]


def technical_notes(ctx: Context) -> list:
    f = ctx.figures
    m = f.methods
    s = ctx.theme.styles
    out = [CondPageBreak(ROOM), Anchor("technical-notes", "Technical notes", 1),
           ctx.heading("Technical notes", 2),
           ctx.para("For anyone checking or reproducing a figure: the rules, with their "
                    "constants, by which every figure is worked out.", "small")]
    for heading, paragraphs in m.paragraphs:
        out.append(ctx.heading(heading, 3))
        out += [ctx.para(esc(text), "small") for text in paragraphs]
    if m.spc:
        # the table runs on over the page (its heads repeated) rather than leave a gap
        heading = ctx.heading("Each measure's SPC limits", 3)
        heading.inner.keepWithNext = 0
        out += [CondPageBreak(80), heading]
        rows = [[Paragraph(x, s["cell_head"]) for x in ("Measure", "Rule set", "Run",
                                                        "Baseline", "Limits worked out over")]]
        for row in m.spc:
            measure = f.measures[row.measure]
            rows.append([Paragraph(esc(f"{measure.number}. {measure.short_name}"), s["cell"]),
                         Paragraph(esc(row.rule_set), s["cell"]),
                         Paragraph(str(row.run_length), s["cell_number"]),
                         Paragraph(esc(row.baseline), s["cell"]),
                         Paragraph(esc(row.limits), s["cell"])])
        w = ctx.width
        out.append(ctx.table(rows, [w * 0.24, w * 0.15, w * 0.07, w * 0.15, w * 0.39],
                             _table_style(ctx), repeat=1, header_cols=1))
    out.append(ctx.heading("This pack", 3))
    out.append(ctx.para(esc(f"Made by cabinet-pack {m.version}. Fingerprint of the input "
                            "files (a SHA-256 digest of each file's name and content: the "
                            "same files always give the same fingerprint):"), "small"))
    out.append(ctx.para(esc(m.digest or "none (the figures were not read from a folder)"),
                        "small"))
    return out


ROOM = 150  # a block that flows on starts a new page unless its heading and a few lines fit


SECTIONS = (Section("revisions", story=revisions, part=PART),
            Section("methods", story=methods, part=PART))
