"""Two appendices that let a figure be checked: the revision audit (every period whose
published figure has since been restated) and Methods (how every figure was worked out,
the program's version and a digest of its inputs)."""

from __future__ import annotations

from reportlab.platypus import NextPageTemplate, PageBreak

from report.layout.context import Context, esc, measure_key
from report.layout.registry import PartPlan, Section
from report.pdf.flowables import Anchor
from report.pdf.paragraph import Paragraph

PART = PartPlan("revisions-and-methods", "revisions and methods")


def _table_style(ctx: Context) -> list:
    return [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
            ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]


def revisions(ctx: Context) -> list:
    f = ctx.figures
    revised = [(m, r) for m in f.in_order() for r in m.revisions]
    out = [NextPageTemplate("portrait"), PageBreak(),
           Anchor("revisions", "Revisions since published", 0),
           ctx.heading("Revisions since published", 1)]
    if not revised:
        return out + [ctx.para("No figure has been revised since it was first published.")]
    s = ctx.theme.styles
    out.append(ctx.para(esc(
        "Every period whose figure has been restated since it was first reported: the "
        "direction of travel compares with the figure as published; the charts mark the "
        "revised periods."), "small"))
    rows = [[Paragraph(x, s["cell_head"]) for x in ("Measure", "Period", "As published",
                                                    "Now", "Difference")]]
    linked = set()
    for m, r in revised:
        name = f"{m.number}. {m.short_name}"
        first = m.id not in linked  # a measure's first row links to its page, once
        linked.add(m.id)
        rows.append([ctx.link_cell(measure_key(m), name, "cell") if first
                     else Paragraph(esc(name), s["cell"]),
                     Paragraph(esc(r.label), s["cell"]),
                     Paragraph(esc(r.reported_text), s["cell_number"]),
                     Paragraph(esc(r.value_text), s["cell_number"]),
                     Paragraph(esc(r.difference_text), s["cell_number"])])
    w = ctx.width
    out.append(ctx.table(rows, [w * 0.34, w * 0.2, w * 0.15, w * 0.15, w * 0.16],
                         _table_style(ctx), repeat=1, header_cols=1))
    return out


def methods(ctx: Context) -> list:
    f = ctx.figures
    m = f.methods
    if m is None:
        return []
    s = ctx.theme.styles
    out = [NextPageTemplate("portrait"), PageBreak(), Anchor("methods", "Methods", 0),
           ctx.heading("Methods", 1)]
    for heading, paragraphs in m.paragraphs:
        out.append(ctx.heading(heading, 2))
        out += [ctx.para(esc(text)) for text in paragraphs]
    if m.spc:
        out.append(ctx.heading("Each measure's SPC limits", 2))
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
    out.append(ctx.heading("This pack", 2))
    out.append(ctx.para(esc(f"Made by cabinet-pack {m.version}. Digest of the input files "
                            f"(SHA-256 of each file's name and content):"), "small"))
    out.append(ctx.para(esc(m.digest or "none (the figures were not read from a folder)"),
                        "small"))
    return out


SECTIONS = (Section("revisions", story=revisions, part=PART),
            Section("methods", story=methods, part=PART))
