"""The measure page's SPC blocks: `spc_chart` (the icons, their reasons and the XmR
chart) and `reading` (the combined reading in one line, and where readings disagree).

Which of a measure's charts its page shows is the layout's choice
(`measure_page.spc_chart.show`, and `measures:` for one measure's own): the trend chart,
the SPC chart or both. A measure with too few points for icons has no SPC chart; its page
shows the trend chart and says why there is no SPC reading.
"""

from __future__ import annotations

import re
from html import unescape

from reportlab.platypus import Spacer

from report.compute.spc import ICON_WORDS
from report.layout import spcicons
from report.layout.context import Context, esc
from report.model import MeasureFigures
from report.pdf.flowables import ChartBox


def _options(layout):
    return layout.measure_page.spc_chart


def has_spc_chart(m: MeasureFigures) -> bool:
    return m.spc is not None and m.spc.variation is not None


def shown(layout, m: MeasureFigures) -> set[str]:
    """The charts `m`'s page shows: "trend", "spc" or both (never none)."""
    page = layout.measure_page
    if page is None:
        return set()
    options = _options(layout)
    choice = options.measures.get(m.id, options.show)
    if "spc_chart" not in page.blocks:
        choice = "trend"
    if "chart" not in page.blocks:
        choice = "spc"
    wanted = {"trend", "spc"} if choice == "both" else {choice}
    if "spc" in wanted and not has_spc_chart(m):
        wanted = {"trend"} if "chart" in page.blocks else set()
    return wanted


def spc_chart(ctx: Context, m: MeasureFigures) -> list:
    spc = m.spc
    out: list = []
    if spc is None:
        return out
    if spc.variation is None:
        if spc.icons_reason:
            out.append(ctx.para(f"<b>SPC:</b> no variation or assurance icons: "
                                f"{esc(spc.icons_reason)}.", "small"))
        return out
    # the icons, then what each says and why, in one line beside them
    cells = [ctx.tag(spcicons.variation(ctx, m, word=False), "Figure",
                     alt=spc.variation_text)]
    if spc.assurance:
        cells.append(ctx.tag(spcicons.assurance(ctx, m, word=False), "Figure",
                             alt=spc.assurance_text))
    widths = [spcicons.SIZE + 6] * len(cells)
    style = ctx.theme.styles["small"]
    says = one_line(icon_lines(spc), ctx.width - sum(widths) - 6, style)  # 6: its padding
    row = ctx.grid([cells + [ctx.para(says, "small")]],
                   widths + [ctx.width - sum(widths)], hAlign="LEFT",
                   style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (-2, -1), 0),
                          ("TOPPADDING", (0, 0), (-1, -1), 1),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
    out += [Spacer(0, 2), row]
    rebases = [g.rebase_note for g in spc.groups if g.rebase_note]
    if rebases:
        out.append(ctx.para(esc("SPC " + "; ".join(rebases)) + ".", "small"))
    name = ctx.chart_names.get(f"spc-{m.id}")
    if name is not None and "spc" in shown(ctx.theme.layout, m):
        height = ctx.chart_heights.get(f"spc-{m.id}", ctx.theme.layout.chart.height)
        legend = ctx.chart_names[f"legend-spc-{m.id}"]
        out += [Spacer(0, 4), ctx.tag(ChartBox(name, ctx.width, height, over=(legend,)),
                                      "Figure", alt=m.spc.alt), Spacer(0, 4)]
    return out


COMMON_CAUSE = "the latest point varies only as the process always has"


def _says(word: str, reason: str | None) -> str:
    """"<b>Improvement:</b> latest point below the lower process limit (Feb 2019).", or
    the bare "<b>Improvement.</b>" """
    if not reason:
        return f"<b>{esc(word)}.</b>"
    return f"<b>{esc(word)}:</b> {esc(reason.rstrip('.'))}."


def icon_lines(spc) -> list[str]:
    """What the icons say, from the fullest reasons to the bare words: the page prints the
    first that fits its one line beside the icons (the points to note, the figures file
    and the chart's description keep the whole reasons). Where the line is short of room,
    the assurance's reason goes first (shortened, then dropped), the latest point's after
    it: the latest point is the chart's news."""
    variation = ICON_WORDS[spc.variation]
    latest = spc.variation_reason and f"latest point {spc.variation_reason}"
    if spc.assurance:
        assurance, verdicts = ICON_WORDS[spc.assurance], [spc.assurance_reason, None]
    elif spc.assurance_withheld:  # the process has moved: no verdict from its old limits
        assurance, shift = "No assurance", spc.shift
        verdicts = ([shift.brief, f"moved {shift.way} since {shift.start_label}", None]
                    if shift is not None else [spc.assurance_withheld, None])
    else:
        assurance, verdicts = None, [None]
    reasons = [latest, None] if latest else [COMMON_CAUSE, SHORT_COMMON_CAUSE, None]
    lines = []
    for reason in reasons:
        for verdict in verdicts:
            says = [_says(variation, reason)]
            if assurance:
                says.append(_says(assurance, verdict))
            lines.append(" ".join(says))
    return list(dict.fromkeys(lines))


SHORT_COMMON_CAUSE = "no special cause at the latest point"


def one_line(lines: list[str], width: float, style) -> str:
    """The first of `lines` (markup) whose words fit in `width` at `style`'s fonts, else
    the last. Summing the words' widths is all it takes: no paragraph is wrapped."""
    from reportlab.lib.fonts import tt2ps
    from reportlab.pdfbase.pdfmetrics import stringWidth

    faces = {False: style.fontName, True: tt2ps(style.fontName, 1, 0)}
    for line in lines:
        used = sum(stringWidth(unescape(text), faces[bold], style.fontSize)
                   for bold, text in _runs(line))
        if used <= width:
            return line
    return lines[-1]


def plain(markup: str) -> str:
    """The words of a line of markup, as they print."""
    return "".join(unescape(text) for _, text in _runs(markup))


def _runs(markup: str) -> list[tuple[bool, str]]:
    """"<b>Improvement:</b> latest …" as (bold, text) runs."""
    parts = re.split(r"</?b>", markup)
    return [(index % 2 == 1, part) for index, part in enumerate(parts) if part]


def reading(ctx: Context, m: MeasureFigures) -> list:
    """Where the readings of a measure disagree, say so on its page (the badge, the change
    and the icons above already give each reading; the whole line is in the figures file
    and leads the summary's Points to note)."""
    if m.reading is None or not m.reading.flags:
        return []
    notes = "; ".join(esc(flag.brief) for flag in m.reading.flags)
    return [ctx.para(f"<b>Readings disagree:</b> {notes}.", "small")]


def charts(figures, layout, width: float, style: dict) -> dict[str, dict]:
    """Each SPC chart shown (`spc-ID`) and its legend (`legend-spc-ID`), drawn apart."""
    from report.charts.spec import spc_legend_spec, spc_spec

    page = layout.measure_page
    if not page or "spc_chart" not in page.blocks:
        return {}
    palette = layout.palette
    colours = {"improvement": palette["spc_improvement"], "concern": palette["spc_concern"],
               "neutral": palette["spc_neutral"], "common": palette["spc_common_cause"]}
    specs = {}
    for m in figures.in_order():
        if "spc" in shown(layout, m):
            spec = spc_spec(m, width, layout.chart.height, style, colours,
                            _options(layout).two_sigma)
            specs[f"spc-{m.id}"], specs[f"legend-spc-{m.id}"] = spec, spc_legend_spec(spec)
    return specs


def unknown_measures(figures, layout) -> list[str]:
    """A measure the layout names that the pack does not have."""
    page = layout.measure_page
    if page is None:
        return []
    return [f"measure_page.spc_chart.measures: '{name}' is not a measure of this pack "
            f"(known: {', '.join(sorted(figures.measures))})"
            for name in _options(layout).measures if name not in figures.measures]
