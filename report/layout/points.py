""""Points to note", at the top of the summary: every disagreement between a measure's
readings (`report.compute.reading`), in pack order, each linked to its measure's page
with the page number printed, so a councillor can go straight to it."""

from __future__ import annotations

from report.layout.context import Context, esc, measure_anchor
from report.pdf.flowables import Anchor, Deferred
from report.pdf.paragraph import Paragraph


def points_to_note(ctx: Context) -> list:
    f = ctx.figures
    flagged = [m for m in f.in_order() if m.reading is not None and m.reading.flags]
    if not flagged:
        return []
    s = ctx.theme.styles
    rows = [[Paragraph(x, s["cell_head"]) for x in ("Measure", "Point to note", "Page")]]
    for m in flagged:  # one row a measure, so each page is linked once
        key = measure_anchor(m)
        points = "<br/>".join(esc(flag.text[0].upper() + flag.text[1:]) + "."
                              for flag in m.reading.flags)
        rows.append([
            ctx.link_cell(key, f"{m.number}. {m.short_name}", "cell"),
            Paragraph(points, s["cell"]),
            ctx.linked(Deferred(lambda refs, key=key: Paragraph(
                ctx.link(key, f"page {refs.page(key)}"), s["cell"])), key),
        ])
    commands = [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
                ("VALIGN", (0, 0), (-1, -1), "TOP")]
    intro = ("Measures whose readings disagree: status, direction of travel, SPC, "
             "quartile, commentary.")
    return [Anchor("points-to-note", "Points to note", 1), ctx.heading("Points to note", 2),
            ctx.para(esc(intro), "small"),
            ctx.table(rows, [ctx.width * 0.2, ctx.width * 0.69, ctx.width * 0.11], commands,
                      repeat=1, header_cols=1)]
