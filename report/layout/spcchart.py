"""The measure page's SPC blocks: `spc_chart` (the icons, their reasons and the XmR
chart) and `reading` (the combined reading in one line, and where readings disagree).

Which of a measure's charts its page shows is the layout's choice
(`measure_page.spc_chart.show`, and `measures:` for one measure's own): the trend chart,
the SPC chart or both. A measure with too few points for icons has no SPC chart; its page
shows the trend chart and says why there is no SPC reading.
"""

from __future__ import annotations

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
    # the icons, then what each says and why, in one or two lines beside them
    cells = [ctx.tag(spcicons.variation(ctx, m, word=False), "Figure",
                     alt=spc.variation_text)]
    reason = spc.variation_reason and f"latest point {spc.variation_reason}"
    says = [_says(ICON_WORDS[spc.variation], reason or COMMON_CAUSE)]
    if spc.assurance:
        cells.append(ctx.tag(spcicons.assurance(ctx, m, word=False), "Figure",
                             alt=spc.assurance_text))
        says.append(_says(ICON_WORDS[spc.assurance], spc.assurance_reason))
    elif spc.assurance_withheld:  # the process has moved: no verdict from its old limits
        says.append(_says("No assurance", spc.shift.brief if spc.shift is not None
                          else spc.assurance_withheld))
    widths = [spcicons.SIZE + 6] * len(cells)
    row = ctx.grid([cells + [ctx.para(" ".join(says), "small")]],
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
        height = ctx.theme.layout.chart.height
        legend = ctx.chart_names[f"legend-spc-{m.id}"]
        out += [Spacer(0, 4), ctx.tag(ChartBox(name, ctx.width, height, over=(legend,)),
                                      "Figure", alt=m.spc.alt), Spacer(0, 4)]
    return out


COMMON_CAUSE = "the latest point varies only as the process always has"


def _says(word: str, reason: str | None) -> str:
    """"<b>Improvement:</b> latest point below the lower process limit (Feb 2019)." """
    text = f"<b>{esc(word)}:</b>"
    return f"{text} {esc(reason.rstrip('.'))}." if reason else text


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
