"""The variation and assurance icons as the layout places them: in a table cell, on a
measure page, and in the key beside the scorecard's. The words come from compute
(`report.compute.spc`); this only picks the drawing and the palette entry."""

from __future__ import annotations

from reportlab.platypus import Flowable

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


# The key's rows: the icons of one kind together (H and L), their words and meaning.
KEY = ((("improvement_high", "improvement_low"), "Special cause improvement",
        "the latest point is unusual, and better: H higher, L lower"),
       (("concern_high", "concern_low"), "Special cause concern",
        "the latest point is unusual, and worse: H higher, L lower"),
       (("neutral_high",), "Special cause variation",
        "unusual, where neither direction is better (H or L)"),
       (("common_cause",), "Common cause variation",
        "no signal of change: the usual ups and downs"),
       (("pass",), "Consistently passes the target",
        "the target is beyond the process limits on the good side"),
       (("fail",), "Consistently fails the target",
        "the target is beyond the process limits on the bad side"),
       (("hit_and_miss",), "Hit and miss",
        "the target is inside the process limits: it may or may not be met"))


def key(ctx, width: float) -> list:
    """The icons' key, for the key page: each kind of icon with its words and meaning."""
    from report.pdf.flowables import Anchor

    styles = ctx.theme.styles
    rows = [[Paragraph(x, styles["cell_head"]) for x in ("Icon", "Meaning")]]
    for names, words, meaning_ in KEY:
        rows.append([_icons(ctx, names),
                     Paragraph(f"<b>{words}</b>: {meaning_}", styles["cell"])])
    commands = [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 1), (0, -1), "CENTER")]
    title = "Variation and assurance icons"
    return [Anchor("spc-key", title, 1), ctx.heading(title, 2),
            ctx.table(rows, [width * 0.2, width * 0.8], commands, repeat=1, header_cols=1)]


def _icons(ctx, names: tuple[str, ...]) -> Flowable:
    """One icon, or two side by side (H and L) read as one cell: "…: higher or lower"."""
    if len(names) == 1:
        return icon(ctx, names[0], word=False)
    grid = ctx.grid([[icon(ctx, name, word=False) for name in names]], [SIZE + 4] * len(names),
                    hAlign="CENTER", style=[("LEFTPADDING", (0, 0), (-1, -1), 2),
                                            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                                            ("TOPPADDING", (0, 0), (-1, -1), 0),
                                            ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    first = VARIATION[names[0]][0]
    grid.spoken = f"{first.rsplit(':', 1)[0]}: higher or lower"
    return grid


HEADS = ("Varia-<br/>tion", "Assur-<br/>ance")  # a table's two icon columns


def cells(ctx, m, style: str = "cell") -> list:
    """A table row's two icon cells, without words (the column says which); `style`: the
    dash's where a measure has no icon."""
    if m is None:
        return [cell(ctx, None, style), cell(ctx, None, style)]
    return [cell(ctx, variation(ctx, m, word=False), style),
            cell(ctx, assurance(ctx, m, word=False), style)]
