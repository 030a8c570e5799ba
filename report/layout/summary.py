"""The summary front section: one block per focus measure, with resolved page references."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak

from report.content import SUMMARY_HEADINGS
from report.layout.context import (
    WIDEST_PAGE,
    Context,
    area_anchor,
    esc,
    measure_anchor,
    quartile_anchor,
    shown_status,
    widest_part_words,
)
from report.layout.keyref import beside_heading, heading_with
from report.layout.points import points_to_note
from report.layout.registry import FRONT, Section
from report.pdf.flowables import Anchor


def _see_also_keys(ctx: Context, m) -> list[str]:
    keys = [measure_anchor(m)]
    if m.has_areas and "areas" in ctx.sections:  # the area breakdown follows the measure
        keys.append(area_anchor(m))
    if m.benchmarkable and "quartiles" in ctx.sections:
        keys.append(quartile_anchor(m))
    return keys


def see_also(ctx: Context, m):
    """"(see also pages 10 and 12)", the numbers resolved when the page is laid out."""
    return ctx.inline_links(_see_also_pieces(ctx, m), "small")


def _see_also_pieces(ctx: Context, m) -> list[tuple[str | None, str | None]]:
    """The words, and the anchors whose page numbers go between them."""
    keys = _see_also_keys(ctx, m)
    pieces: list[tuple[str | None, str | None]] = [
        ("(see also page " if len(keys) == 1 else "(see also pages ", None)]
    for index, key in enumerate(keys):
        if index:
            pieces.append((" and " if index == len(keys) - 1 else ", ", None))
        pieces.append((None, key))  # the page number, known when the page is laid out
    pieces.append((")", None))
    return pieces


def summary(ctx: Context) -> list:
    f = ctx.figures
    if not f.focus:
        return []
    out = [NextPageTemplate("portrait"), PageBreak(),
           Anchor("summary", "Summary", 0), *beside_heading(ctx, ctx.heading("Summary", 1))]
    out += points_to_note(ctx)
    for measure_id in f.focus:  # each heading's space above parts them
        m = f.measures[measure_id]
        ctx.tagger.open("Sect")
        head = [Anchor(f"summary-{m.id}", m.short_name, 1),
                *heading_and_pages(ctx, m),
                ctx.para(esc(m.description))]
        figures_line = (f"<b>Target:</b> {esc(m.target.short)}&nbsp;&nbsp;&nbsp;"
                        f"<b>{esc(m.latest.summary_label)} performance:</b> {esc(m.latest.text)}")
        note = f"&nbsp;&nbsp;{esc(m.latest.lag_note)}" if m.latest.lag_note else ""
        row = ctx.grid([[ctx.para(figures_line + note).inner, ctx.badge(shown_status(m))]],
                    [ctx.width - 110, 110], hAlign="LEFT",
                    style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
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
    return out


SECTIONS = (Section("summary", story=summary, part=FRONT),)


def heading_and_pages(ctx: Context, m) -> list:
    """The measure's heading with "(see also pages …)" on its line, to the right, where
    that fits at its longest: three-digit pages in a split part, which names the part they
    are in (a name as long as the theme's), so the full pack and its parts break the same
    lines (a pack of a thousand pages may do otherwise). Else the pages on a line of their
    own below."""
    heading, pages = ctx.heading(m.short_name, 2), see_also(ctx, m)
    style, small = heading.inner.style, ctx.theme.styles["small"]
    pieces = _see_also_pieces(ctx, m)
    longest = ("".join(WIDEST_PAGE if text is None else text for text, _ in pieces[:-1])
               + widest_part_words(m.theme_title) + pieces[-1][0])
    first = stringWidth(m.short_name, style.fontName, style.fontSize) + 12
    if first + stringWidth(longest, small.fontName, small.fontSize) > ctx.width:
        return [heading, pages]
    return [heading_with(ctx, heading, pages, first, lift=5)]
