"""The cover: organisation, pack title, directorate, produced-by line, period, contact."""

from __future__ import annotations

from reportlab.platypus import Spacer

from report.layout.context import Context, esc
from report.layout.registry import FRONT, Section
from report.pdf.flowables import Anchor


def cover(ctx: Context) -> list:
    f = ctx.figures
    out = [Anchor("cover", "Cover", 0), Spacer(0, 90),
           ctx.para(esc(f.organisation), "subtitle"),
           ctx.heading(cover_title(f), 1, "title"),
           ctx.para(esc(f.directorate), "subtitle"),
           Spacer(0, 12),
           ctx.para(f"Performance to {esc(f.data_period_label)}", "body")]
    if f.period_note:
        out.append(ctx.para(esc(f.period_note), "body"))
    if f.draft:
        out.append(ctx.para("<b>DRAFT</b> \u2013 not for publication", "h2"))
    out += [Spacer(0, 40), ctx.para(esc(f.produced_by), "body"),
            Spacer(0, 20), ctx.para(f"<b>Other formats.</b> {esc(f.contact)}", "body")]
    return out


def cover_title(f) -> str:
    """The pack's title with its month and year joined by a no-break space, so a title
    that wraps never leaves the year alone on the last line ("– August / 2019")."""
    month = f.pack_month_label
    return f.full_title[:-len(month)] + month.replace(" ", "\u00a0") \
        if f.full_title.endswith(month) else f.full_title


SECTIONS = (Section("cover", story=cover, part=FRONT),)
