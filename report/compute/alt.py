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

# What a screen reader says of a chart, at most: enough to read in one breath, the
# figures in the tables beside it. Parts beyond the first few are dropped to fit.
ALT_LIMIT = 400


def trend_alt(m: MeasureFigures) -> str:
    def value(v: float) -> str:
        return fmt.value(v, m.unit, m.decimals)

    def when(point) -> str:
        return Period.parse(point.period).long

    shown = [(p, p.reported if p.reported is not None else p.value) for p in m.trend.points
             if p.value is not None]
    drawn_to = Period.parse(m.trend.points[-1].period).long if m.trend.points else m.latest.label
    drawn_from = when(m.trend.points[0]) if m.trend.points else m.latest.label
    span = drawn_from if drawn_from == drawn_to else f"{drawn_from} to {drawn_to}"
    parts = [opening(m), f"Line chart, {span}", unit_sentence(m)]
    if shown:
        parts.append(_course(shown, value, when))
    parts += events_sentence([e for e in m.events if e.on_trend_chart])
    revised = [p for p in m.trend.points if p.reported is not None and p.value is not None
               and p.reported != p.value]
    after = [p for p in m.trend.points if p.value is None and p.target is not None
             and Period.parse(p.period) > Period.parse(m.latest.period)]
    extra = []
    if after:
        extra.append(_dotted(m, after[-1], value, when))
    if m.benchmarks.quartiles is not None:
        extra.append(f"National quartile: {m.benchmarks.quartiles.current}")
    if revised:
        extra.append(_revised(revised, value, when, room=ALT_LIMIT - len(_join(parts + extra))))
    return _join(parts + [part for part in extra if part])


def events_sentence(events) -> list[str]:
    """The events a chart marks, as its alternative text names them."""
    if not events:
        return []
    marked = "; ".join(f"{e.label} ({e.period_label}"
                       + (", limits restarted" if e.rebase else "") + ")" for e in events)
    return [f"Marked on the chart: {marked}"]


def _join(parts: list[str]) -> str:
    return " ".join(part if part.endswith(".") else part + "." for part in parts)


def _fitted(parts: list[str], optional: list[str]) -> str:
    """The parts, then as many of the optional parts, in order, as fit the limit."""
    kept = list(parts)
    for part in optional:
        if len(_join(kept + [part])) <= ALT_LIMIT:
            kept.append(part)
    return _join(kept)


def opening(m: MeasureFigures) -> str:
    """The sentence every chart of a measure opens with: the latest value and its period,
    which way it moved (as the direction of travel compares, with the previous figure as
    published), the target, and which way is better: "DToC Total rose from 9.34 to 9.49
    in February 2019, against a target of 7.95; lower is better."."""
    latest = f"{m.latest.text} in {m.latest.label}"
    earlier = m.previous.reported_text
    if earlier is not None and m.previous.period is not None and (
            Period.parse(m.previous.period) != Period.parse(m.latest.period).previous()):
        earlier = f"{earlier} in {m.previous.label}"  # the period before had no value
    if m.change.direction in ("Up", "Down") and earlier is not None:
        moved = f"{'rose' if m.change.direction == 'Up' else 'fell'} from {earlier} to {latest}"
    elif m.change.direction == "Static" and earlier is not None:
        moved = (f"held at {latest}" if earlier == m.previous.reported_text
                 and earlier == m.latest.text else f"held at {latest} (from {earlier})")
    else:
        moved = f"was {latest}"
    aim = (f", against a target of {fmt.value(m.target.value, m.unit, m.decimals)}"
           if m.target.value is not None else ", with no target")
    better = {"higher": "; higher is better", "lower": "; lower is better"}.get(m.polarity, "")
    return f"{m.short_name} {moved}{aim}{better}."


def _dotted(m: MeasureFigures, last, value, when) -> str:
    if m.target.value is not None and last.target == m.target.value:
        return f"The target runs on dotted to {when(last)}"
    return f"The year-end target, {value(last.target)}, runs on dotted to {when(last)}"


def _revised(revised, value, when, room: int) -> str:
    """The points restated since first published, as many as fit in `room` characters,
    the rest counted."""
    head = "Revised since first published: "
    items = [f"{when(p)} {value(p.reported)}, now {value(p.value)}" for p in revised]
    for count in range(len(items), 0, -1):
        rest = len(items) - count
        text = head + "; ".join(items[:count]) + (f"; and {rest} more" if rest else "")
        if len(text) + 2 <= room:
            return text
    return ""


def unit_sentence(m: MeasureFigures) -> str:
    """What the chart's axis says the numbers are, as the chart prints it: "Unit: %",
    "Unit: beds per 100,000 18+ population"."""
    return f"Unit: {m.unit_text}"


def _course(shown, value, when) -> str:
    """Which way the line went, from its first point by way of its highest and lowest to
    the latest (which the opening names): "From 10.37 in February 2018 it rose to a high
    of 10.80 in March 2018, fell to a low of 9.05 in August 2018, then rose."."""
    values = [v for _, v in shown]
    if len(shown) == 1:
        return "One value so far"
    last = len(shown) - 1
    high = values.index(max(values))
    low = values.index(min(values))

    def verb(a: float, b: float) -> str:
        if value(a) == value(b):
            return "held"
        return "rose" if b > a else "fell"

    (first, start) = shown[0]
    text = f"From {value(start)} in {when(first)}"
    if value(max(values)) != value(min(values)):
        text += ", its highest," if high == 0 else ", its lowest," if low == 0 else ""
    turns = sorted(i for i in {high, low} if 0 < i < last)
    steps, previous = [], start
    for i in turns:
        point, v = shown[i]
        steps.append(f"{verb(previous, v)} to a {'high' if i == high else 'low'} of "
                     f"{value(v)} in {when(point)}")
        previous = v
    end = verb(previous, values[last])
    if value(max(values)) != value(min(values)):
        end += " to its highest" if high == last else " to its lowest" if low == last else ""
    steps.append(("then " if turns else "") + end)
    return f"{text} it {', '.join(steps)}"


_ASSURED = {"pass": "so the process as it runs will meet it",
            "fail": "so the process as it runs will not meet it",
            "hit_and_miss": "so it may or may not be met"}


def spc_alt(m: MeasureFigures) -> str:
    """What a screen-reader user hears for the SPC chart: the opening sentence, then the
    signal (the icon's words and the reason for it) and the assurance, then the chart's
    span, unit, mean and limits, the other special causes counted by kind, each rebase,
    from the same figures the chart draws; within the limit, each phrase once."""
    spc = m.spc
    if spc is None or not spc.points:
        return ""

    def value(v: float) -> str:
        return fmt.value(v, m.unit, m.decimals)

    first, last = spc.points[0], spc.points[-1]
    group = spc.groups[-1]
    parts = [opening(m)]
    if spc.variation:
        parts.append(spc.variation_text)
        if spc.variation_reason:
            parts.append(f"Latest point: {spc.variation_reason}")
        if spc.assurance_reason:
            reason = spc.assurance_reason
            parts.append(f"{reason[0].upper()}{reason[1:]}, {_ASSURED[spc.assurance]}")
        elif spc.assurance_withheld:  # the process has moved: no verdict from old limits
            shift = spc.shift
            reason = (f"the process moved {shift.way} in {shift.start_label}; its limits are "
                      "due to be recalculated" if shift is not None else spc.assurance_withheld)
            parts.append(f"No assurance icon: {reason}")
    parts.append(f"SPC chart, {Period.parse(first.period).long} to "
                 f"{Period.parse(last.period).long}")
    parts.append(unit_sentence(m))
    limits = f"mean {value(group.mean)}"
    spread = (f"{value(group.lower_limit)} to {value(group.upper_limit)}"
              if group.lower_limit is not None else None)
    if spread and spread not in (spc.assurance_reason or ""):  # else said just above
        limits += f", process limits {spread}"
    if not spc.variation and spc.icons_reason:
        parts.append(f"No icons: {spc.icons_reason}")
    parts += events_sentence(m.events)
    optional = [f"Latest limits: {limits}" if len(spc.groups) > 1 else limits.capitalize(),
                _other_causes(spc) or ("" if spc.signals else "No special causes")]
    optional += [f"Limits restarted in {Period.parse(g.start).long}: {g.rebase_reason}"
                 for g in spc.groups[1:]]
    return _fitted(parts, [part for part in optional if part])


# Each kind of special cause, counted, in words a listener has not just heard in the
# reasons above: (rule, side) -> (one, many, counted by points rather than occurrences).
_CAUSES = {
    ("outside_limits", "above"): ("a point above the upper limit",
                                  "{n} points above the upper limit", True),
    ("outside_limits", "below"): ("a point below the lower limit",
                                  "{n} points below the lower limit", True),
    ("shift", "above"): ("a run above the mean", "{n} runs above the mean", False),
    ("shift", "below"): ("a run below the mean", "{n} runs below the mean", False),
    ("trend", "increasing"): ("a rising run", "{n} rising runs", False),
    ("trend", "decreasing"): ("a falling run", "{n} falling runs", False),
    ("two_of_three", "above"): ("2 of 3 points near the upper limit once",
                                "2 of 3 points near the upper limit {n} times", False),
    ("two_of_three", "below"): ("2 of 3 points near the lower limit once",
                                "2 of 3 points near the lower limit {n} times", False),
}


def _other_causes(spc) -> str:
    """The special causes other than the latest point's, each kind once, counted: "Other
    special causes: 9 points below the lower limit, 2 runs above the mean."."""
    latest = spc.variation_reason
    counts: dict[tuple[str, str], set] = {}
    for index, point in enumerate(spc.points):
        kind = (point.rule, point.side)
        if point.reason is None or point.reason == latest or kind not in _CAUSES:
            continue
        counted = _CAUSES[kind][2]
        counts.setdefault(kind, set()).add(index if counted else point.reason)
    words = [(_CAUSES[kind][0] if len(seen) == 1 else _CAUSES[kind][1].format(n=len(seen)))
             for kind, seen in counts.items()]
    if not words:
        return ""
    head = "Other special causes" if latest else "Special causes"
    return f"{head}: {', '.join(words)}"


def area_alt(m: MeasureFigures) -> str:
    """The area chart: the opening sentence, then every area shown with its value, in the
    chart's order (as many as fit; the table below the chart has them all), the
    council-wide value and target it is drawn against where the opening has not said them,
    and the best area."""
    areas = m.benchmarks.areas
    shown = [a for a in areas.values if not a.suppressed]
    best = (max(shown, key=lambda a: a.value if m.polarity != "lower" else -a.value)
            if shown else None)
    against = ""
    if areas.period != m.latest.period:  # the opening gave the latest period's, not this one's
        against = f" Council-wide {m.latest.text}" + (
            f", target {m.target.short}." if m.target.value is not None else ".")
    tail = (against + (f" Highest-performing area: {best.area}." if best else "")
            + f" {unit_sentence(m)}.")
    head = f"{opening(m)} Bar chart by area, {areas.period_label}: "
    values = [f"{a.area} {a.value_text}" for a in shown]
    for count in range(len(values), 0, -1):
        rest = len(values) - count
        listed = "; ".join(values[:count]) + (f"; and {rest} more" if rest else "") + "."
        if len(head + listed + tail) <= ALT_LIMIT:
            return head + listed + tail
    return head + f"{len(values)} areas." + tail


def quartile_alt(m: MeasureFigures) -> str:
    """The quartile chart: the opening sentence, then the quartiles and where the council
    stands among them (`Quartiles.alt`, from the national figures)."""
    return f"{opening(m)} {m.benchmarks.quartiles.alt}"
