"""Compute every figure of a pack from its validated inputs. Nothing here draws."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from report.compute import format as fmt
from report.compute.reading import reading
from report.compute.revisions import revisions
from report.compute.rules import (
    competition_ranks,
    direction_of_travel,
    england_difference,
    quartile_position,
    signed,
    status,
)
from report.compute.spc import Event as SpcEvent
from report.compute.spc import Rebase, Spc, SpcSettings, measure_spc
from report.compute.units import unit_text
from report.inputs.load import PackInputs
from report.inputs.schema import Measure
from report.model import (
    NO_CHANGE,
    Appendix,
    Areas,
    AreaValue,
    Benchmarks,
    Change,
    ComparatorColumn,
    England,
    Event,
    Latest,
    MeasureFigures,
    PackFigures,
    Point,
    Previous,
    Quartiles,
    ReadOnly,
    Status,
    Target,
    Theme,
    Trend,
)
from report.periods import Period, measure_summary_label, summary_label
from report.problems import Problem

SUPPRESSION_THRESHOLD = 5


def compute_pack(inputs: PackInputs, suppression_threshold: int = SUPPRESSION_THRESHOLD
                 ) -> PackFigures:
    pack = inputs.pack
    data_period = Period.parse(pack.data_period)
    pack_month = Period.parse(pack.pack_month)
    theme_titles = {t.id: t for t in inputs.measures.themes}
    tables = _Tables(inputs)
    measures: dict[str, MeasureFigures] = {}
    pack_label = summary_label(data_period, pack.summary_label)
    for measure in inputs.measures.measures:
        theme = theme_titles[measure.theme]
        measures[measure.id] = _measure(measure, theme, inputs, tables, data_period,
                                        suppression_threshold, pack_label)
    themes = tuple(
        Theme(t.id, t.number, t.title,
              tuple(m.id for m in inputs.measures.measures if m.theme == t.id))
        for t in sorted(inputs.measures.themes, key=lambda t: t.number))
    years = sorted({lined.row.year for lined in inputs.comparators})
    from report.compute.analysis import compute_analysis

    analysis = compute_analysis(inputs, measures, data_period)
    figures = PackFigures(
        name=inputs.folder.resolve().name,
        title=pack.title,
        full_title=f"{pack.title} \u2013 {pack_month.long}",
        organisation=pack.organisation,
        authority=pack.authority,
        directorate=pack.directorate,
        produced_by=pack.produced_by,
        pack_month=pack_month.code,
        pack_month_label=pack_month.long,
        data_period=data_period.code,
        data_period_label=data_period.long,
        summary_label=pack_label,
        period_note=pack.period_note,
        layout=pack.layout,
        draft=pack.draft,
        protective_marking=pack.protective_marking,
        contact=pack.contact,
        glossary=ReadOnly(pack.glossary),
        themes=themes,
        measures=ReadOnly(measures),
        focus=tuple(pack.focus_measures),
        appendices=tuple(Appendix(a.title, str((inputs.folder / a.file).resolve()))
                         for a in pack.appendices),
        comparator_years=tuple(years),
        warnings=tuple(str(w) for w in inputs.warnings),
        suggestions=tuple(str(w) for w in _suggestions(inputs, measures)),
        analysis=analysis,
    )
    from report.compute.glossary import analysis_glossary, program_terms

    # The pack's own words (a user's definition of the same word wins).
    figures = replace(figures, glossary=ReadOnly({**program_terms(figures), **figures.glossary}))
    if figures.analysis is not None:
        figures = replace(figures, analysis=replace(figures.analysis,
                                                    glossary=analysis_glossary(figures)))
    return figures


class _Tables:
    """The CSV tables grouped by measure, built once."""

    def __init__(self, inputs: PackInputs):
        self.data = _by_measure(inputs.data)
        self.quartiles = _by_measure(inputs.quartiles)
        self.england = _by_measure(inputs.england)
        self.areas = _by_measure(inputs.areas)
        self.comparators = defaultdict(lambda: defaultdict(dict))
        for lined in inputs.comparators:
            row = lined.row
            self.comparators[row.measure][row.year][row.authority] = row.value


def _by_measure(table) -> dict[str, list]:
    grouped = defaultdict(list)
    for lined in table:
        grouped[lined.row.measure].append(lined.row)
    return grouped


def target_for(measure: Measure, period: Period) -> float | None:
    if isinstance(measure.target, dict):
        for key, value in measure.target.items():
            if Period.parse(key) == period:
                return value
        return None
    return measure.target


def eoy_target_for(measure: Measure, period: Period) -> float | None:
    """The target for the end of `period`'s financial year: a profile's own target for
    that year's last period (validation sees that it has one, and that an eoy_target
    beside it agrees), else eoy_target, else the single target."""
    if isinstance(measure.target, dict):
        return target_for(measure, period.fy_end())
    if measure.eoy_target is not None:
        return measure.eoy_target
    return measure.target


def _short_of(value: float, target: float, unit: str, decimals: int) -> str:
    """`value` to the fewest more decimal places at which it no longer prints as `target`
    (at most four more; past them the two print alike)."""
    for places in range(decimals + 1, decimals + 5):
        text = fmt.value(value, unit, places)
        if text != fmt.value(target, unit, places):
            return text
    return fmt.value(value, unit, decimals + 4)


def _measure(measure: Measure, theme, inputs: PackInputs, tables: _Tables,
             data_period: Period, threshold: int, pack_label: str = "") -> MeasureFigures:
    rows = {Period.parse_as(r.period, measure.frequency): r for r in tables.data[measure.id]}
    latest = max(rows)
    row = rows[latest]
    unit, decimals, polarity = measure.unit, measure.decimals, measure.polarity
    value_text = fmt.value(row.value, unit, decimals)

    due = data_period.latest_complete(measure.frequency)
    lagging = latest < due
    lag_note = f"({latest.lag_name} data due to release schedule)" if lagging else None
    current_month = measure.frequency == "monthly" and not lagging
    value_with_period = value_text if current_month else f"{value_text} ({latest.short})"

    previous = compared_period(rows, latest)
    prev_row = rows.get(previous) if previous is not None else None
    skipped = previous is not None and previous != latest.previous()
    previous_reported = previous_value = None
    previous_reported_text = recalculated_text = previous_with_period = None
    if prev_row is not None:
        previous_value = prev_row.value
        previous_reported = prev_row.reported if prev_row.reported is not None else prev_row.value
        previous_reported_text = fmt.value(previous_reported, unit, decimals)
        if not current_month or skipped:
            previous_with_period = f"{previous_reported_text} ({previous.short})"
        else:
            previous_with_period = previous_reported_text
        if prev_row.reported is not None and prev_row.reported != prev_row.value:
            recalculated_text = fmt.value(prev_row.value, unit, decimals)

    change = None
    if previous_reported is not None:
        change = direction_of_travel(row.value, previous_reported, polarity, unit == "percent",
                                     decimals, since=previous.long if skipped else None)

    target = target_for(measure, latest)
    eoy = eoy_target_for(measure, latest)
    if measure.target is None:
        target_text = target_short = measure.no_target or "N/A"
        eoy_text = None
    else:
        target_short = fmt.value(target, unit, decimals)
        eoy_text = fmt.value(eoy, unit, decimals)
        target_text = f"{target_short} (EoY {eoy_text})"

    override = inputs.pack.status_overrides.get(measure.id)
    if override is not None:
        rag, basis, reason = override.status, "set in pack.yaml", override.reason
    elif target is not None:
        rag = status(row.value, target, polarity, measure.tolerance)
        basis, reason = "target", None
        if rag != "GREEN" and value_text == target_short:
            # 84.96 against 85 prints "85.0%" against "85.0%" beside RED: the figure is
            # printed to as many more places as show it short of the target
            value_text = _short_of(row.value, target, unit, decimals)
            value_with_period = (value_text if current_month
                                 else f"{value_text} ({latest.short})")
    elif polarity == "none":  # a context measure: no target, no better direction
        rag, basis, reason = None, "context", None
    elif change is not None:
        rag = change.colour.upper()
        basis, reason = "direction of travel", None
    else:
        rag, basis, reason = None, "none", None

    series = _series(measure, rows, latest)
    quartiles = _quartiles(measure, tables, row.value, inputs.pack.authority)
    england = _england(measure, tables, row.value)
    areas = _areas(measure, tables, threshold)
    comparators = _comparators(measure, tables, inputs.pack.authority, england_rows=tables.england)
    figures = MeasureFigures(
        id=measure.id, number=inputs.numbers[measure.id], theme=theme.id,
        theme_number=theme.number,
        theme_title=theme.title, title=measure.title, short_name=measure.short_name,
        description=measure.description, unit=unit, decimals=decimals, polarity=polarity,
        unit_text=unit_text(unit, measure.title, measure.unit_text, measure.rate_per),
        preferred_travel=({"higher": "Upwards", "lower": "Downwards"}.get(polarity)
                          if measure.target is None else None),
        frequency=measure.frequency, source=measure.source, owner=measure.owner,
        responsible_officer=measure.responsible_officer, faq=measure.faq,
        latest=Latest(latest.code, latest.long, row.value, value_text, value_with_period,
                      measure_summary_label(pack_label, latest), lag_note),
        previous=Previous(previous.code if prev_row else None,
                          previous.long if prev_row else None, previous_reported,
                          previous_reported_text, previous_with_period, previous_value,
                          recalculated_text),
        target=Target(target, eoy, eoy_text, target_text, target_short),
        status=Status(rag, basis, reason), change=_change(change),
        trend=Trend(series),
        benchmarks=Benchmarks(quartiles, england, areas, comparators),
        commentary=ReadOnly(inputs.commentary.get(measure.id, {})),
        spc=_chart_counts(_spc(measure, rows, target, inputs.pack.spc), series),
        events=_events(measure, series), revisions=revisions(series, unit, decimals),
    )
    return _with_words(figures)


def _with_words(m: MeasureFigures) -> MeasureFigures:
    """The alt texts and the reading, which are worked out from the other figures."""
    b = m.benchmarks
    m = replace(m, trend=replace(m.trend, alt=chart_alt(m)),
                spc=replace(m.spc, alt=spc_alt(m)), benchmarks=replace(
        b, areas=b.areas and replace(b.areas, alt=area_alt(m)),
        quartiles=b.quartiles and replace(b.quartiles, alt=quartile_alt(m))))
    return replace(m, reading=reading(m))


def _change(change) -> Change:
    """The direction of travel's figures and words, as the pack prints them."""
    if change is None:
        return NO_CHANGE
    return Change(change.direction, change.colour, change.size, change.unit, change.text,
                  change.heading)


def compared_period(rows: dict[Period, object], latest: Period) -> Period | None:
    """The period the direction of travel compares with: the one before the latest, or,
    when that has no value (a survey run every other year), the latest earlier one that
    has; None when there is none."""
    before = latest.previous()
    if before in rows:
        return before
    return max((p for p in rows if p < latest), default=None)


def spc_settings(measure: Measure, pack_spc) -> SpcSettings:
    """The pack's SPC settings with the measure's own over them; its rebases are those of
    its `spc:` and the events marked `rebase: true`, each with its reason."""
    own = measure.spc
    rebases = [Rebase(r.period, r.reason) for r in own.rebases] if own else []
    rebases += [Rebase(e.period, e.reason) for e in measure.events if e.rebase]
    return SpcSettings(
        rule_set=own.rule_set if own and own.rule_set else pack_spc.rule_set,
        run_length=own.run_length if own and own.run_length else pack_spc.run_length,
        minimum_points=pack_spc.minimum_points, screen_outliers=pack_spc.screen_outliers,
        fix_after_n_points=own.fix_after_n_points if own else None,
        rebases=tuple(rebases),
        events=tuple(SpcEvent(e.period, e.label) for e in measure.events if not e.rebase))


def _spc(measure: Measure, rows: dict[Period, object], target: float | None, pack_spc) -> Spc:
    """Every period with a value, read with the pack's SPC settings and the measure's own."""
    periods = sorted(rows)
    return measure_spc([(period, rows[period].value) for period in periods],
                       measure.polarity, target, spc_settings(measure, pack_spc),
                       lambda v: fmt.value(v, measure.unit, measure.decimals),
                       targets={period: target_for(measure, period) for period in periods})


def _chart_counts(spc: Spc, series) -> Spc:
    """Why there are no icons, printed beside the trend chart: when that chart shows fewer
    points than SPC counted, it says so, so the two counts cannot be read as one."""
    shown = sum(p.value is not None for p in series)
    if spc.icons_reason is None or len(spc.groups) > 1 or shown >= len(spc.points):
        return spc
    head, tail = spc.icons_reason.split("; ", 1)
    return replace(spc, icons_reason=f"{head}, of which the trend chart shows the latest "
                                     f"{shown}; {tail}")


def _events(measure: Measure, series) -> tuple[Event, ...]:
    """What the service changed, in period order, with whether the trend chart (which
    starts a year back) reaches it."""
    drawn = {p.period for p in series}
    events = []
    for e in measure.events:
        period = Period.parse_as(e.period, measure.frequency)
        events.append(Event(period.code, period.long, period.axis, e.label, e.rebase,
                             e.reason, period.code in drawn))
    return tuple(sorted(events, key=lambda e: Period.parse(e.period)))


def rebase_suggestions(inputs: PackInputs) -> list[Problem]:
    """`validate` and `status`: each measure whose process has moved away from its SPC
    limits, with the rebase to consider (the build lists the same from its figures)."""
    tables = _Tables(inputs)
    shifts = {}
    for measure in inputs.measures.measures:
        if measure.id in inputs.failed_rows or not tables.data.get(measure.id):
            continue
        rows = {Period.parse_as(r.period, measure.frequency): r for r in tables.data[measure.id]}
        spc = _spc(measure, rows, target_for(measure, max(rows)), inputs.pack.spc)
        shifts[measure.id] = spc.shift
    return _suggestion_lines(inputs, shifts)


def _suggestions(inputs: PackInputs, measures: dict[str, MeasureFigures]) -> list[Problem]:
    return _suggestion_lines(inputs, {i: m.spc.shift for i, m in measures.items() if m.spc})


def _suggestion_lines(inputs: PackInputs, shifts: dict) -> list[Problem]:
    """Suggestions only, never applied: a rebase is the information team's decision, with
    its reason. Each names the measure's line in measures.yaml (or its event's)."""
    doc = inputs.measures_doc
    lines = []
    for index, measure in enumerate(inputs.measures.measures):
        shift = shifts.get(measure.id)
        if shift is None:
            continue
        loc: tuple = ("measures", index, "id")
        for number, event in enumerate(measure.events):
            if shift.event is not None and Period.parse_as(
                    event.period, measure.frequency).code == shift.event.period:
                loc = ("measures", index, "events", number, "period")
        lines.append(Problem(doc.path.as_posix(), doc.line_of(loc), "",
                             f"{measure.id}: {shift.suggestion}"))
    return lines


def _series(measure: Measure, rows: dict[Period, object], latest: Period) -> tuple[Point, ...]:
    """12 months (4 quarters, 4 years) before the latest data to the financial year's end."""
    back = {"monthly": 12, "quarterly": 4, "annual": 4}[measure.frequency]
    start, end = max(latest.shift(-back), min(rows)), latest.fy_end()  # no empty years first
    points = []
    period = start
    while period <= end:
        row = rows.get(period)
        after_latest = period > latest
        target = target_for(measure, period)
        if target is None and after_latest and measure.target is not None:
            target = eoy_target_for(measure, latest)
        points.append(Point(
            period.code, period.axis,
            None if row is None else row.value,
            None if row is None or row.reported is None else row.reported,
            target))
        period = period.shift(1)
    return tuple(points)


def _quartiles(measure: Measure, tables: _Tables, value: float, authority: str
               ) -> Quartiles | None:
    rows = tables.quartiles.get(measure.id)
    if not rows:
        return None
    latest = max(rows, key=lambda r: Period.parse(r.year))
    boundaries = (latest.worst, latest.third, latest.second, latest.first, latest.best)
    factor = measure.benchmark.unit_factor if measure.benchmark else None
    position = quartile_position(value, boundaries, measure.polarity, factor, authority,
                                 measure.decimals)
    unit_label = measure.benchmark.unit_label if measure.benchmark else None

    def printed(v: float) -> str:
        return fmt.value(v, measure.unit, measure.decimals)

    def distance(units: int | None, difference: float | None) -> str:
        if position.current == "1st":
            return "N/A"
        if units is None:  # in the measure's own terms (the page says so)
            return fmt.distance(difference, measure.unit, measure.decimals)
        return f"{units:,} {unit_label or 'Units'}"

    rows = tuple(("", "", "", "") if row.is_council else (
        printed(row.score), fmt.number(row.difference, measure.decimals),
        fmt.percent(row.percent) if row.percent is not None else "",
        f"{row.units:,}" if row.units is not None else "") for row in position.rows)
    b = [printed(v) for v in boundaries]
    # the chart's alt text, after the measure's opening sentence (see `_measure`)
    alt = (f"National quartiles, {latest.year}: worst {b[0]}, 3rd "
           f"quartile boundary {b[1]}, median {b[2]}, 1st quartile boundary {b[3]}, best "
           f"{b[4]}. {authority} at {printed(value)} is in the {position.current} quartile. "
           f"Unit: {unit_text(measure.unit, measure.title, measure.unit_text, measure.rate_per)}.")
    return Quartiles(latest.year, latest.source, boundaries, value, position.current,
                     position.rows, position.next_distance, position.top_distance,
                     position.next_difference, position.top_difference, unit_label, factor,
                     tuple(b), printed(value), rows,
                     distance(position.next_distance, position.next_difference),
                     distance(position.top_distance, position.top_difference), alt)


def _england(measure: Measure, tables: _Tables, value: float) -> England | None:
    rows = tables.england.get(measure.id)
    if not rows:
        return None
    latest = max(rows, key=lambda r: Period.parse(r.year))
    difference = england_difference(value, latest.value)
    return England(latest.year, latest.value, difference, signed(difference, measure.decimals))


def _areas(measure: Measure, tables: _Tables, threshold: int) -> Areas | None:
    rows = tables.areas.get(measure.id)
    if not rows:
        return None
    latest = max(Period.parse(r.period) for r in rows)
    values = []
    for row in rows:
        if Period.parse(row.period) != latest:
            continue
        smallest = min((v for v in (row.numerator, row.denominator) if v is not None),
                       default=None)
        suppressed = smallest is not None and smallest < threshold
        values.append(AreaValue(
            row.area, None if suppressed else row.value,
            "*" if suppressed else fmt.value(row.value, measure.unit, measure.decimals),
            None if suppressed else row.numerator, None if suppressed else row.denominator,
            suppressed, "*" if suppressed else _count(row.numerator),
            "*" if suppressed else _count(row.denominator)))
    return Areas(latest.code, latest.long, tuple(_best_first(values, measure.polarity)),
                 threshold, any(v.suppressed for v in values))


def _count(value: float | None) -> str:
    """A numerator or denominator as the area table prints it."""
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _best_first(values: list[AreaValue], polarity: str) -> list[AreaValue]:
    """The order the area chart draws and its table lists: best first by polarity (highest
    first where neither way is better), ties in input order, suppressed areas ("*") last."""
    sign = 1 if polarity == "lower" else -1
    return sorted(values, key=lambda a: (a.suppressed, 0 if a.suppressed else sign * a.value))


def _comparators(measure: Measure, tables: _Tables, authority: str, england_rows
                 ) -> tuple[ComparatorColumn, ...]:
    columns = []
    england = {r.year: r.value for r in england_rows.get(measure.id, [])}
    for year in sorted(tables.comparators.get(measure.id, {}), key=Period.parse):
        values = tables.comparators[measure.id][year]
        ranks = competition_ranks(values, measure.polarity)
        rank, ranked = ranks.get(authority), sum(v is not None for v in values.values())
        columns.append(ComparatorColumn(
            measure.id, year, ReadOnly(values), ReadOnly(ranks), rank, ranked, england.get(year),
            ReadOnly({a: "\u2013" if v is None else fmt.value(v, measure.unit, measure.decimals)
                      for a, v in values.items()}),
            f"{rank} of {ranked}" if rank else "\u2013",
            "\u2013" if england.get(year) is None
            else fmt.value(england[year], measure.unit, measure.decimals)))
    return tuple(columns)


def area_alt(m: MeasureFigures) -> str:
    from report.compute.alt import area_alt as alt

    return alt(m)


def quartile_alt(m: MeasureFigures) -> str:
    from report.compute.alt import quartile_alt as alt

    return alt(m)


def spc_alt(m: MeasureFigures) -> str:
    from report.compute.alt import spc_alt as alt

    return alt(m)


def chart_alt(m: MeasureFigures) -> str:
    """A screen-reader user hears the trend chart's whole period: see report/compute/alt.py."""
    from report.compute.alt import trend_alt

    return trend_alt(m)
