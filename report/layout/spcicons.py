"""The variation and assurance icons as the layout places them: in a table cell, on a
measure page, and in the key beside the scorecard's. The words come from compute
(`report.compute.spc`); this only picks the drawing and the palette entry."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from report.compute.spc import ASSURANCE, ICON_WORDS, VARIATION
from report.pdf.icons import FILLS, SpcIcon, meaning
from report.pdf.paragraph import Paragraph

WIDTH = 106  # an icon with its word, in a row of them
SIZE = 18  # an icon's diameter, as tables and pages draw it


def icon(ctx, name: str, word: bool = True, size: float = SIZE) -> SpcIcon:
    """`name`: a VARIATION or ASSURANCE key."""
    text, letter = VARIATION.get(name) or ASSURANCE[name]
    fill = ctx.theme.colour(FILLS[meaning(name)])
    return SpcIcon(name, letter, text, fill, ctx.theme.font_name(bold=True),
                   ICON_WORDS[name] if word else "", size=size)


def variation(ctx, m, word: bool = True) -> Flowable | None:
    spc = m.spc
    return icon(ctx, spc.variation, word) if spc is not None and spc.variation else None


def assurance(ctx, m, word: bool = True) -> Flowable | None:
    spc = m.spc
    return icon(ctx, spc.assurance, word) if spc is not None and spc.assurance else None


def cell(ctx, flowable: Flowable | None, style: str = "cell"):
    """A table cell: the icon, or a dash when the measure has none."""
    return flowable if flowable is not None else Paragraph("\u2013", ctx.theme.styles[style])


KEY = (("improvement_high", "the latest point is a special cause, and better (H: higher)"),
       ("improvement_low", "the latest point is a special cause, and better (L: lower)"),
       ("concern_high", "the latest point is a special cause, and worse (H: higher)"),
       ("concern_low", "the latest point is a special cause, and worse (L: lower)"),
       ("neutral_high", "a special cause where neither direction is better (H or L)"),
       ("common_cause", "no signal of change: the points vary only as the process always has"),
       ("pass", ("the target lies outside the process limits on the good side: the process "
                 "as it runs will meet it")),
       ("fail", ("the target lies outside the process limits on the bad side: the process "
                 "as it runs will not meet it")),
       ("hit_and_miss", ("the target lies inside the process limits: it may or may not be "
                         "met")))


def key(ctx, width: float) -> list:
    """The icons' key, beside the scorecard's: each icon with its words and meaning."""
    from report.pdf.flowables import Anchor

    styles = ctx.theme.styles
    rows = [[Paragraph(x, styles["cell_head"]) for x in ("Icon", "Meaning")]]
    for name, meaning_ in KEY:
        text = (VARIATION.get(name) or ASSURANCE[name])[0]
        rows.append([icon(ctx, name, word=False),
                     Paragraph(f"<b>{text}</b>: {meaning_}", styles["cell"])])
    commands = [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 1), (0, -1), "CENTER")]
    title = "Key to the variation and assurance icons"
    note = ("Variation and assurance read each measure's statistical process control "
            "(XmR) chart, the NHS \u201cMaking Data Count\u201d way; see Methods.")
    return [Anchor("spc-key", title, 1), ctx.heading(title, 2), ctx.para(note, "small"),
            ctx.table(rows, [width * 0.14, width * 0.86], commands, repeat=1, header_cols=1)]


def beside(ctx, left: list, right: list, width: float) -> list:
    """Two keys side by side (the scorecard's and the icons'), read left then right; one
    after the other where side by side they would not fit a page."""
    from report.pdf.flowables import SideBySide

    grid = ctx.grid([[left, right]], [width / 2, width / 2], hAlign="LEFT",
                    style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)], kind=SideBySide)
    grid.stacked = [*left, Spacer(0, 8), *right]
    return [Spacer(0, 4), grid]


HEADS = ("Varia-<br/>tion", "Assur-<br/>ance")  # a table's two icon columns


def cells(ctx, m, style: str = "cell") -> list:
    """A table row's two icon cells, without words (the column says which); `style`: the
    dash's where a measure has no icon."""
    if m is None:
        return [cell(ctx, None, style), cell(ctx, None, style)]
    return [cell(ctx, variation(ctx, m, word=False), style),
            cell(ctx, assurance(ctx, m, word=False), style)]
