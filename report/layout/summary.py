"""The summary front section: one block per focus measure, with resolved page references."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, Spacer

from report.content import SUMMARY_HEADINGS
from report.layout.context import Context, area_key, esc, measure_key, quartile_key, shown_status
from report.layout.keyref import beside_heading
from report.layout.points import points_to_note
from report.layout.registry import FRONT, Section
from report.pdf.flowables import Anchor


def see_also(ctx: Context, m):
    """"(see also pages 10 and 12)", the numbers resolved when the page is laid out."""
    keys = [measure_key(m)]
    if m.has_areas and "areas" in ctx.sections:  # the area breakdown follows the measure
        keys.append(area_key(m))
    if m.benchmarkable and "quartiles" in ctx.sections:
        keys.append(quartile_key(m))
    pieces: list[tuple[str | None, str | None]] = [
        ("(see also page " if len(keys) == 1 else "(see also pages ", None)]
    for index, key in enumerate(keys):
        if index:
            pieces.append((" and " if index == len(keys) - 1 else ", ", None))
        pieces.append((None, key))  # the page number, known when the page is laid out
    pieces.append((")", None))
    return ctx.inline_links(pieces, "small")


def summary(ctx: Context) -> list:
    f = ctx.figures
    if not f.focus:
        return []
    out = [NextPageTemplate("portrait"), PageBreak(),
           Anchor("summary", "Summary", 0), *beside_heading(ctx, ctx.heading("Summary", 1))]
    out += points_to_note(ctx)
    for measure_id in f.focus:
        m = f.measures[measure_id]
        ctx.tagger.open("Sect")
        head = [Anchor(f"summary-{m.id}", m.short_name, 1),
                ctx.heading(m.short_name, 2),
                see_also(ctx, m),
                ctx.para(esc(m.description))]
        figures_line = (f"<b>Target:</b> {esc(m.target.short)}&nbsp;&nbsp;&nbsp;"
                        f"<b>{esc(m.latest.summary_label)} performance:</b> {esc(m.latest.text)}")
        note = f"&nbsp;&nbsp;{esc(m.latest.lag_note)}" if m.latest.lag_note else ""
        row = ctx.grid([[ctx.para(figures_line + note).inner, ctx.badge(shown_status(m))]],
                    [ctx.width - 110, 110], hAlign="LEFT",
                    style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("ALIGN", (1, 0), (1, 0), "RIGHT")])
        head.append(ctx.tag(row, "P"))
        body = []
        for heading in SUMMARY_HEADINGS:
            blocks = m.commentary.get(heading)
            if blocks:
                body.append(ctx.heading(f"{heading}:", 3))
                body += ctx.blocks(blocks)
        ctx.tagger.close()
        out.append(KeepTogether(head + body[:2]))
        out += body[2:]
        out.append(Spacer(0, 10))
    return out


SECTIONS = (Section("summary", story=summary, part=FRONT),)
