"""What a screen-reader user hears for a measure's trend chart: the story of the whole
period the chart draws, told from the same figures (not just the last two points).

The chart plots the outturn as published, the recalculated figures where they differ,
the target for each period and the year-end target dotted after the latest data; the
sentence covers each of them in the same terms: the range (highest and lowest, and when),
which way the line went, the latest value against its target, and the revised points.
"""

from __future__ import annotations

from report.compute import format as fmt
from report.model import MeasureFigures
from report.periods import Period


def trend_alt(m: MeasureFigures) -> str:
    def value(v: float) -> str:
        return fmt.value(v, m.unit, m.decimals)

    def when(point) -> str:
        return Period.parse(point.period).long

    shown = [(p, p.reported if p.reported is not None else p.value) for p in m.series
             if p.value is not None]
    drawn_to = Period.parse(m.series[-1].period).long if m.series else m.period_label
    parts = [(f"Line chart of {m.title}, {when(m.series[0]) if m.series else m.period_label} "
              f"to {drawn_to}"), unit_sentence(m)]
    if len(shown) == 1:
        parts.append(f"One value so far: {value(shown[0][1])} in {when(shown[0][0])}")
    elif shown:
        parts.append(_course(shown, value, when))
        high = max(shown, key=lambda pv: pv[1])
        low = min(shown, key=lambda pv: pv[1])
        parts.append(f"Highest {value(high[1])} in {when(high[0])}; lowest {value(low[1])} "
                     f"in {when(low[0])}")
    parts.append(_latest(m, value))
    revised = [p for p in m.series if p.reported is not None and p.value is not None
               and p.reported != p.value]
    if revised:
        parts.append("Revised since first published: " + "; ".join(
            f"{when(p)} {value(p.reported)}, now {value(p.value)}" for p in revised))
    after = [p for p in m.series if p.value is None and p.target is not None
             and Period.parse(p.period) > Period.parse(m.period)]
    if after:
        parts.append(f"The target to the year end, {value(after[-1].target)}, is drawn "
                     f"dotted to {when(after[-1])}")
    if m.quartiles is not None:
        parts.append(f"National quartile: {m.quartiles.current}")
    parts += events_sentence([e for e in m.events if e.on_trend_chart])
    return ". ".join(parts) + "."


def events_sentence(events) -> list[str]:
    """The events a chart marks, as its alternative text names them."""
    if not events:
        return []
    marked = "; ".join(f"{e.label} ({e.period_label}"
                       + (", limits restarted" if e.rebase else "") + ")" for e in events)
    return [f"Marked on the chart: {marked}"]


def unit_sentence(m: MeasureFigures) -> str:
    """What the chart's axis says the numbers are, as the chart prints it: "Unit: %",
    "Unit: beds per 100,000 18+ population"."""
    return f"Unit: {m.unit_text}"


def _course(shown, value, when) -> str:
    """Which way the line went: from its first point to its last, by way of a low or a
    high beyond both ends when it is a clear part of the story (more than a third of
    the chart's whole range beyond the nearer end)."""
    (first, a), (last, b) = shown[0], shown[-1]
    inner = shown[1:-1]
    low = min(inner, key=lambda pv: pv[1]) if inner else None
    high = max(inner, key=lambda pv: pv[1]) if inner else None
    spread = max(v for _, v in shown) - min(v for _, v in shown)
    start = f"from {value(a)} in {when(first)}"
    end = f"{value(b)} in {when(last)}"
    if low is not None and min(a, b) - low[1] > spread / 3:
        return (f"It fell {start} to a low of {value(low[1])} in {when(low[0])}, "
                f"then rose to {end}")
    if high is not None and high[1] - max(a, b) > spread / 3:
        return (f"It rose {start} to a high of {value(high[1])} in {when(high[0])}, "
                f"then fell to {end}")
    if value(a) == value(b):
        return f"It was {value(b)} in both {when(first)} and {when(last)}"
    return f"It {'rose' if b > a else 'fell'} {start} to {end}"


def _latest(m: MeasureFigures, value) -> str:
    text = f"Latest {m.value_text} in {m.period_label}"
    if m.target is None:
        return text + f" (no target: {m.target_text})"
    met = {"GREEN": "meeting", "AMBER": "just short of", "RED": "short of"}.get(
        m.status or "", "against")
    return text + f", {met} the target of {value(m.target)}"


_ASSURED = {"pass": "so the process as it runs will meet it",
            "fail": "so the process as it runs will not meet it",
            "hit_and_miss": "so it may or may not be met"}


def spc_alt(m: MeasureFigures) -> str:
    """What a screen-reader user hears for the SPC chart: the signal first (the icon's
    words and the reason for it), then the assurance, the limits, each special cause and
    each rebase, from the same figures the chart draws."""
    spc = m.spc
    if spc is None or not spc.points:
        return ""

    def value(v: float) -> str:
        return fmt.value(v, m.unit, m.decimals)

    first, last = spc.points[0], spc.points[-1]
    group = spc.groups[-1]
    parts = []
    if spc.variation:
        parts.append(spc.variation_text)
        if spc.variation_reason:
            parts.append(f"Latest point: {spc.variation_reason}")
        if spc.assurance_reason:
            reason = spc.assurance_reason
            parts.append(f"{reason[0].upper()}{reason[1:]}, {_ASSURED[spc.assurance]}")
        elif spc.assurance_withheld:
            reason = spc.assurance_withheld
            parts.append(f"No assurance icon: {reason}")
    parts.append(f"SPC (XmR) chart of {m.title}, {Period.parse(first.period).long} to "
                 f"{Period.parse(last.period).long}")
    parts.append(unit_sentence(m))
    limits = f"mean {value(group.mean)}"
    if group.lower_limit is not None:
        limits += f", process limits {value(group.lower_limit)} to {value(group.upper_limit)}"
    parts.append(f"Latest limits: {limits}" if len(spc.groups) > 1 else limits.capitalize())
    if spc.signals:
        parts.append("Special causes: " + "; ".join(spc.signals))
    else:
        parts.append("No special causes")
    for g in spc.groups[1:]:
        parts.append(f"Limits restarted in {Period.parse(g.start).long}: {g.rebase_reason}")
    if not spc.variation and spc.icons_reason:
        parts.append(f"No icons: {spc.icons_reason}")
    parts += events_sentence(m.events)
    return ". ".join(parts) + "."


def area_alt(m: MeasureFigures) -> str:
    """The area chart: every area shown with its value, in the chart's order, the
    council-wide value and target it is drawn against, and the best area."""
    areas = m.areas
    shown = [a for a in areas.values if not a.suppressed]
    best = (max(shown, key=lambda a: a.value if m.polarity != "lower" else -a.value)
            if shown else None)
    return (f"Bar chart of {m.title} by area for {areas.period_label}: "
            + "; ".join(f"{a.area} {a.value_text}" for a in shown)
            + f". Council-wide {m.value_text}"
            + (f", target {m.target_short}" if m.target is not None else "") + "."
            + (f" Highest-performing area: {best.area}." if best else "")
            + f" {unit_sentence(m)}.")
