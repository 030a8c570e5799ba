"""Checks that need more than one input file: ids, periods, agreement between figures."""

from __future__ import annotations

import statistics
from collections import defaultdict
from pathlib import Path

from report.inputs.appendix import problem as appendix_problem
from report.inputs.schema import FIRST_YEAR, LAST_YEAR, Measure
from report.inputs.text import broken_link, special_kind
from report.periods import Period, date_order, oldest_allowed_period
from report.problems import Collector

JUMP_FACTOR = 5  # a change beyond 5x the usual month-to-month change earns a warning

# An area page is one chart and one table: more areas than this would not be read.
MAX_AREAS = 30


def crosscheck(inputs, collector: Collector) -> dict[str, int | None]:
    """Every cross-file check; returns what it worked out: each measure's number (the
    inputs are left as they were read)."""
    measures = {m.id: m for m in inputs.measures.measures}
    numbers = _check_themes_and_measures(inputs, collector)
    data_period = _check_pack(inputs, measures, collector)
    _check_targets(inputs, collector)
    _warn_carried(inputs, measures, data_period, collector)
    _check_data(inputs, measures, data_period, collector)
    _check_benchmarks(inputs, measures, data_period, collector)
    if inputs.focus_areas is not None:
        doc = inputs.focus_areas_doc
        for index, area in enumerate(inputs.focus_areas.areas):
            for position, measure_id in enumerate(area.measures):
                if measure_id not in measures:
                    collector.add(doc.path, doc.line_of(("areas", index, "measures", position)),
                                  f"areas[{index + 1}].measures",
                                  f"'{measure_id}' is not a measure id"
                                  f"{_close(measure_id, measures)}")
    from report.inputs.spccheck import check_spc

    check_spc(inputs, measures, collector)
    from report.inputs.glyphs import check_glyphs

    check_glyphs(inputs, collector)
    from report.inputs.words import check_words

    check_words(inputs, collector)
    for measure_id in inputs.commentary:
        if measure_id not in measures:
            collector.add(inputs.folder / "commentary" / f"{measure_id}.md", None, "",
                          f"no measure has the id '{measure_id}'{_close(measure_id, measures)}")
    return numbers


def _implausible(period: Period, text: str) -> str | None:
    """A period whose year no pack reports (a slip such as 0219-03 or 9999-12)."""
    if FIRST_YEAR <= period.year <= LAST_YEAR:
        return None
    return (f"'{text}' is not a plausible period (its year should be between {FIRST_YEAR} "
            f"and {LAST_YEAR})")


def _benchmark_year(text: str, data_period: Period) -> str | None:
    """Why a benchmark's year cannot be used for a pack with data to `data_period`: not a
    plausible year, or one that had not begun by then (a slip: 2025/26 for 2015/16)."""
    try:
        year = _financial_year(text)
        problem = _implausible(year, text)
    except ValueError as exc:
        return str(exc)
    if problem is None and year.fy_start > data_period.fy_start:
        problem = (f"{text} had not begun by {data_period.long}, the month this pack's data "
                   f"are to; benchmarks are for years already published (is it "
                   f"{data_period.fy_start - 1}/{data_period.fy_start % 100:02d}?)")
    return problem


def _close(name: str, known) -> str:
    import difflib

    match = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _check_themes_and_measures(inputs, collector: Collector) -> dict[str, int | None]:
    doc = inputs.measures_doc
    path = doc.path
    seen: dict[str, str] = {}
    for kind, items in (("themes", inputs.measures.themes), ("measures", inputs.measures.measures)):
        ids: dict[str, int] = {}
        numbers: dict[int, int] = {}
        for index, item in enumerate(items):
            if item.id in ids:
                collector.add(path, doc.line_of((kind, index, "id")), f"{kind}[{item.id}].id",
                              f"'{item.id}' is used by another {kind[:-1]} (line "
                              f"{doc.line_of((kind, ids[item.id], 'id'))}); ids must be unique")
            if item.number is not None and item.number in numbers:
                other = items[numbers[item.number]]
                collector.add(path, doc.line_of((kind, index, "number")),
                              f"{kind}[{item.id}].number",
                              f"{item.number} is also the number of {other.id} (line "
                              f"{doc.line_of((kind, numbers[item.number], 'number'))}); "
                              "numbers must be unique")
            ids.setdefault(item.id, index)
            if item.number is not None:
                numbers.setdefault(item.number, index)
        seen[kind] = ids
    numbers = _number_measures(inputs, collector)
    for index, measure in enumerate(inputs.measures.measures):
        if measure.theme not in seen["themes"]:
            collector.add(path, doc.line_of(("measures", index, "theme")),
                          f"measures[{measure.id}].theme",
                          f"'{measure.theme}' is not a theme id (themes: "
                          f"{', '.join(sorted(seen['themes']))})")
    return numbers


def _number_measures(inputs, collector: Collector) -> dict[str, int | None]:
    """Numbers for every measure or for none: without them, measures are numbered in pack
    order (theme by theme, as listed), so a measure added at the end of a theme takes the
    next number and the rest move on. Returns each measure's number by id."""
    doc = inputs.measures_doc
    items = inputs.measures.measures
    given = {m.id: m.number for m in items}
    unnumbered = [index for index, m in enumerate(items) if m.number is None]
    if not unnumbered:
        return given
    if len(unnumbered) < len(items):
        for index in unnumbered:
            collector.add(doc.path, doc.line_of(("measures", index, "id")),
                          f"measures[{items[index].id}].number",
                          "is missing while other measures have one (number every measure, "
                          "or leave number out of all of them to number them in pack order)")
        return given
    order = {t.id: (t.number, position) for position, t in enumerate(inputs.measures.themes)}
    in_pack_order = sorted(items, key=lambda m: order.get(m.theme, (1000, 0)))
    return {measure.id: number for number, measure in enumerate(in_pack_order, start=1)}


def check_rows_alone(folder: Path, data, collector: Collector) -> None:
    """With measures.yaml unreadable, data.csv's periods can still be checked as periods."""
    dates = date_order(lined.row.period for lined in data)
    for lined in data:
        try:
            Period.parse(lined.row.period, dates)
        except ValueError as exc:
            collector.add(folder / "data.csv", lined.line, "period", str(exc))


def check_pack_alone(folder: Path, pack, doc, collector: Collector) -> None:
    """The pack.yaml checks that need no other file, for when measures.yaml is unreadable."""
    from types import SimpleNamespace

    _check_pack(SimpleNamespace(folder=folder, pack=pack, pack_doc=doc), None, collector)
    from report.inputs.spccheck import check_pack_spc

    check_pack_spc(pack, doc, collector)


def check_pack_month(pack, doc, collector: Collector) -> None:
    """The pack goes to Cabinet after the month its data reach (also checked by
    `new-period`, which would carry the slip on to the next month)."""
    if Period.parse(pack.pack_month) < Period.parse(pack.data_period):
        collector.add(doc.path, doc.line_of(("pack_month",)), "pack_month",
                      f"{pack.pack_month} is before data_period {pack.data_period} (the pack goes "
                      "to Cabinet after the month it reports)")


def _check_pack(inputs, measures: dict[str, Measure] | None, collector: Collector) -> Period:
    pack, doc = inputs.pack, inputs.pack_doc
    path = doc.path
    data_period = Period.parse(pack.data_period)
    check_pack_month(pack, doc, collector)
    from report.paths import layout_names

    known = layout_names()
    if pack.layout not in known:
        collector.add(path, doc.line_of(("layout",)), "layout",
                      f"'{pack.layout}' is not a layout (expected one of: {', '.join(known)})")
    seen: set[str] = set()
    for index, measure_id in enumerate(pack.focus_measures if measures is not None else ()):
        if measure_id not in measures:
            collector.add(path, doc.line_of(("focus_measures", index)), "focus_measures",
                          f"'{measure_id}' is not a measure id{_close(measure_id, measures)}")
        elif measure_id in seen:
            collector.add(path, doc.line_of(("focus_measures", index)), "focus_measures",
                          f"'{measure_id}' is listed twice")
        seen.add(measure_id)
    for measure_id in pack.status_overrides if measures is not None else ():
        if measure_id not in measures:
            collector.add(path, doc.line_of(("status_overrides", measure_id)),
                          f"status_overrides.{measure_id}",
                          f"'{measure_id}' is not a measure id{_close(measure_id, measures)}")
    root = inputs.folder.resolve()
    for index, appendix in enumerate(pack.appendices):
        line = doc.line_of(("appendices", index, "file"))
        field = f"appendices[{index + 1}].file"
        candidate = Path(appendix.file)
        said = broken_link(inputs.folder / candidate)
        if said:
            collector.add(path, line, field, f"'{appendix.file}' {said}")
            continue
        target = (inputs.folder / candidate).resolve()
        if candidate.is_absolute() or (target != root and root not in target.parents):
            collector.add(path, line, field, f"'{appendix.file}' is outside the pack folder "
                          "(put the PDF inside it, e.g. appendices/report.pdf)")
            continue
        if not target.exists():
            collector.add(path, line, field, f"'{appendix.file}' does not exist in the pack folder")
            continue
        kind = special_kind(target.stat().st_mode)
        if kind:  # never opened: a pipe would wait for ever, a device read for ever
            collector.add(path, line, field, f"'{appendix.file}' is {kind}, not a PDF file")
            continue
        if target.suffix.lower() != ".pdf":
            collector.add(path, line, field, f"'{appendix.file}' is not a .pdf file")
            continue
        with target.open("rb") as handle:
            if b"%PDF-" not in handle.read(1024):
                collector.add(path, line, field, f"'{appendix.file}' is not a PDF (it does "
                              "not start like one)")
                continue
        problem = appendix_problem(target)
        if problem:
            collector.add(path, line, field, f"'{appendix.file}' {problem}")
    return data_period


def _warn_carried(inputs, measures: dict[str, Measure], data_period: Period,
                  collector: Collector) -> None:
    """What `new-period` carried into this month for someone to confirm: a status an
    officer set for last month, and a single target set for last financial year. Each
    still applies, and earns a warning until its carried_from line is deleted."""
    doc = inputs.pack_doc
    for measure_id, override in inputs.pack.status_overrides.items():
        if override.carried_from is None or measure_id not in measures:
            continue
        carried = Period.parse(override.carried_from)
        collector.warn(doc.path, doc.line_of(("status_overrides", measure_id, "carried_from")),
                       f"status_overrides.{measure_id}",
                       f"{override.status} was set for {carried.long} and carried forward to "
                       f"{data_period.long}, not yet confirmed (confirm it, then delete "
                       "carried_from; or delete the override to let the figures decide)",
                       measure_id)
    doc = inputs.measures_doc
    for index, measure in enumerate(inputs.measures.measures):
        year = measure.target_carried_from
        if year is None or isinstance(measure.target, dict) or measure.target is None:
            continue
        collector.warn(doc.path, doc.line_of(("measures", index, "target_carried_from")),
                       f"measures[{measure.id}].target",
                       f"{measure.target:g} was the target for {year} and new-period carried "
                       f"it into {data_period.fy_label} (confirm it is the "
                       f"{data_period.fy_label} target, then delete target_carried_from; or "
                       f"give the {data_period.fy_label} targets as a profile)", measure.id)


def _check_targets(inputs, collector: Collector) -> None:
    doc = inputs.measures_doc
    for index, measure in enumerate(inputs.measures.measures):
        if isinstance(measure.target, dict):
            for key in measure.target:
                try:
                    problem = _implausible(Period.parse_as(key, measure.frequency), key)
                except ValueError as exc:
                    problem = str(exc)
                if problem:
                    collector.add(doc.path, doc.line_of(("measures", index, "target", key)),
                                  f"measures[{measure.id}].target", problem)


def profile(measure: Measure) -> dict[Period, float] | None:
    """A measure's target profile by period, or None for a single target (or none); keys
    that are not periods of its frequency are left out (they are reported on their own)."""
    if not isinstance(measure.target, dict):
        return None
    periods = {}
    for key, value in measure.target.items():
        try:
            periods[Period.parse_as(key, measure.frequency)] = value
        except ValueError:
            pass
    return periods


def target_gaps(measure: Measure, period: Period) -> list[str]:
    """What a target profile lacks for a pack reporting `period`: the period's own target
    (its status needs it) and the target for the end of the period's financial year (the
    end-of-year target is that year's, never last year's). Empty for a single target."""
    periods = profile(measure)
    if not periods:
        return []  # not a profile, or an empty one (reported by _check_targets)
    last = max(periods)
    year = period.fy_label
    if period not in periods:
        if period > last:
            return [(f"has no target for {period.code} (the profile ends at {last.code}; add the "
                     f"{year} targets)")]
        if period < min(periods):
            return [(f"has no target for {period.code} (the profile starts at "
                     f"{min(periods).code}; add the {year} targets)")]
        return [(f"has no target for {period.code} (the profile runs from {min(periods).code} to "
                 f"{last.code} but leaves {period.code} out; add it)")]
    end = period.fy_end()
    if end not in periods:
        return [(f"has no target for {end.code}, the end of {year} (the profile ends at "
                 f"{last.code}; the end-of-year target is the profile's target for the year's "
                 f"last {'month' if measure.frequency == 'monthly' else 'period'}: add the rest "
                 f"of the {year} targets)")]
    return []


def _check_profile(inputs, index: int, measure: Measure, latest: Period,
                   collector: Collector) -> None:
    """The profile covers the latest period and its year's end; an eoy_target beside it
    agrees with that year's last target (a year-end target left from last year does not)."""
    doc = inputs.measures_doc
    periods = profile(measure)
    if periods is not None and len(periods) < len(measure.target):
        return  # a key that is not a period is reported already; the gap may be that one
    gaps = target_gaps(measure, latest)
    if periods:
        line = doc.line_of(("measures", index, "target", max(periods).code))
        for gap in gaps:
            collector.add(doc.path, line, f"measures[{measure.id}].target", gap)
    if gaps or not periods or measure.eoy_target is None:
        return
    end = latest.fy_end()
    if measure.eoy_target != periods[end]:
        collector.add(doc.path, doc.line_of(("measures", index, "eoy_target")),
                      f"measures[{measure.id}].eoy_target",
                      f"{measure.eoy_target:g} is not the profile's target for {end.code} "
                      f"({periods[end]:g}), the end of {end.fy_label}; a profile's end-of-year "
                      f"target is its target for the year's end: leave eoy_target out, or make "
                      f"it {periods[end]:g}")


def _check_data(inputs, measures: dict[str, Measure], data_period: Period,
                collector: Collector) -> None:
    path = inputs.folder / "data.csv"
    by_measure: dict[str, list[tuple[Period, float, int]]] = defaultdict(list)
    seen: dict[tuple[str, Period], int] = {}
    skipped: set[str] = set()
    dates = date_order(lined.row.period for lined in inputs.data)  # a date read as its column's
    for lined in inputs.data:
        row, line = lined.row, lined.line
        measure = measures.get(row.measure)
        if measure is None:
            collector.add(path, line, "measure",
                          f"'{row.measure}' is not a measure id in measures.yaml"
                          f"{_close(row.measure, measures)}")
            continue
        try:
            period = Period.parse_as(row.period, measure.frequency, dates)
        except ValueError as exc:
            collector.add(path, line, "period", str(exc))
            skipped.add(row.measure)
            continue
        if _implausible(period, row.period):
            collector.add(path, line, "period", _implausible(period, row.period))
            skipped.add(row.measure)
            continue
        if period.end > data_period.end:
            collector.add(path, line, "period",
                          f"{row.period} is after the pack's data period {data_period.code} "
                          "(pack.yaml data_period)")
            skipped.add(row.measure)
            continue
        if (row.measure, period) in seen:
            collector.add(path, line, "period", f"{row.measure} already has a row for "
                          f"{row.period} (line {seen[(row.measure, period)]}); keep one")
            continue
        seen[(row.measure, period)] = line
        _check_value(path, line, measure, row, collector)
        by_measure[row.measure].append((period, row.value, line))
    if collector.is_broken(path):
        return  # the file itself is reported; counting its rows would only repeat that
    for index, measure in enumerate(inputs.measures.measures):
        if measure.id in inputs.failed_rows or measure.id in skipped:
            continue  # its unreadable rows are reported already
        points = sorted(by_measure.get(measure.id, []))
        if not points:
            collector.add(path, None, "measure",
                          f"{measure.id} has no rows (every measure needs at least one value)")
            continue
        latest = points[-1][0]
        oldest_allowed = oldest_allowed_period(data_period, measure)
        if latest < oldest_allowed:
            collector.add(path, points[-1][2], "period",
                          f"the latest {measure.id} value is for {latest.code}, older than its "
                          f"release lag of {measure.release_lag} month(s) allows for a pack with "
                          f"data to {data_period.code} (expected {oldest_allowed.code} or later, "
                          "or a larger release_lag in measures.yaml)")
        _check_profile(inputs, index, measure, latest, collector)
        _warn_jumps(path, measure, points, collector)
        _warn_gaps(path, measure, points, collector)
        if measure.id not in inputs.commentary:
            collector.warn(inputs.folder / "commentary" / f"{measure.id}.md", None, "",
                           f"is missing: {measure.id}'s page will have no commentary",
                           measure.id)


def _check_value(path: Path, line: int, measure: Measure, row, collector: Collector) -> None:
    if measure.unit == "count":
        for name in ("value", "reported"):
            value = getattr(row, name, None)
            if value is not None and value < 0:
                collector.add(path, line, name, f"{value:g} is negative, but {measure.id} is "
                              "a count (a count is 0 or more)")
    if measure.unit == "percent":
        for name in ("value", "reported"):
            value = getattr(row, name, None)
            if value is not None and not 0 <= value <= 100:
                collector.add(path, line, name, f"{value:g} is not a percentage between 0 and "
                              f"100 ({measure.id} is a percent measure)")
    numerator, denominator = row.numerator, row.denominator
    if (numerator is None) != (denominator is None):
        collector.add(path, line, "numerator" if numerator is None else "denominator",
                      "is blank but the other is given (give both or neither)")
        return
    if numerator is None:
        return
    if denominator <= 0:
        collector.add(path, line, "denominator", f"{denominator:g} must be more than 0")
        return
    if numerator < 0:
        collector.add(path, line, "numerator", f"{numerator:g} must not be negative")
        return
    scale = 100 if measure.unit == "percent" else (measure.rate_per or 1)
    expected = numerator / denominator * scale
    if abs(expected - row.value) > 0.5 * 10 ** -measure.decimals + 1e-9:
        collector.add(path, line, "value",
                      f"{row.value:g} does not agree with numerator / denominator "
                      f"({numerator:g} / {denominator:g}{' x ' + str(scale) if scale != 1 else ''}"
                      f" = {expected:.{measure.decimals + 2}f})")


def _warn_gaps(path: Path, measure: Measure, points, collector: Collector) -> None:
    for (before, _, _), (after, _, line) in zip(points, points[1:]):
        missing = []
        period = before.shift(1)
        while period < after and len(missing) < 4:
            missing.append(period.code)
            period = period.shift(1)
        if missing:
            collector.warn(path, line, "period",
                           f"{measure.id} has no value for {', '.join(missing)} between "
                           f"{before.code} and {after.code}; the chart shows a gap there",
                           measure.id)


def _as_fraction(measure: Measure, before: float, after: float) -> bool:
    """A percentage typed as a fraction (0.31 after 30.9): a value of 1 or less that, as a
    percentage, lies nearer the one before it than it does itself."""
    return (measure.unit == "percent" and 0 < after <= 1 < before
            and abs(after * 100 - before) < abs(after - before))


def _warn_jumps(path: Path, measure: Measure, points, collector: Collector) -> None:
    fractions = set()
    for before, after in zip(points, points[1:]):
        if _as_fraction(measure, before[1], after[1]):
            fractions.add(after[2])
            collector.warn(path, after[2], "value",
                           f"{measure.id} is {after[1]:g} in {after[0].code} after {before[1]:g} "
                           f"in {before[0].code}: a percentage typed as a fraction? (if "
                           f"{after[1] * 100:g}% is meant, write {after[1] * 100:g}: percentages "
                           "are written 0 to 100)", measure.id)
    changes = [abs(b[1] - a[1]) for a, b in zip(points, points[1:])]
    if len(changes) < 4:
        return
    usual = statistics.median(changes)
    if usual == 0:
        return
    for (before, after), change in zip(zip(points, points[1:]), changes):
        if change > JUMP_FACTOR * usual and not fractions & {before[2], after[2]}:
            collector.warn(path, after[2], "value",
                           f"{measure.id} moves from {before[1]:g} to {after[1]:g} in "
                           f"{after[0].code}, more than {JUMP_FACTOR} times its usual change "
                           f"({usual:.{measure.decimals}f}); check the figure", measure.id)


def _financial_year(text: str) -> Period:
    return Period.parse_as(text, "annual")


def _check_benchmarks(inputs, measures: dict[str, Measure], data_period: Period,
                      collector: Collector) -> None:
    bench = inputs.folder / "benchmarks"
    authority = inputs.pack.authority
    _check_quartiles(bench / "quartiles.csv", inputs.quartiles, measures, data_period,
                     collector)

    def known(path: Path, lined) -> Measure | None:
        measure = measures.get(lined.row.measure)
        if measure is None:
            collector.add(path, lined.line, "measure",
                          f"'{lined.row.measure}' is not a measure id in measures.yaml"
                          f"{_close(lined.row.measure, measures)}")
        return measure

    def year_ok(path: Path, lined) -> bool:
        problem = _benchmark_year(lined.row.year, data_period)
        if problem:
            collector.add(path, lined.line, "year", problem)
            return False
        return True

    path = bench / "comparators.csv"
    seen: dict[tuple, tuple[int, str]] = {}
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lined in inputs.comparators:
        row = lined.row
        measure = known(path, lined)
        if measure is None or not year_ok(path, lined):
            continue
        # "ALDERMOOR" and "Aldermoor" are one council: ranked once, not as two
        key = (row.measure, row.year, row.authority.casefold())
        if key in seen:
            line, spelt = seen[key]
            said = row.authority if spelt == row.authority else \
                f"{row.authority} is {spelt} in other capitals, which"
            collector.add(path, lined.line, "authority", f"{said} already has a "
                          f"{row.measure} value for {row.year} (line {line}); keep one")
            continue
        seen[key] = (lined.line, row.authority)
        groups[(row.measure, row.year)].add(row.authority)
        if measure.unit == "percent" and row.value is not None and not 0 <= row.value <= 100:
            collector.add(path, lined.line, "value", f"{row.value:g} is not a percentage "
                          "between 0 and 100")
    for (measure_id, year), names in groups.items():
        if authority not in names:
            collector.add(path, None, "authority", f"{measure_id} {year} has no row for "
                          f"'{authority}' (pack.yaml authority); add one, with a blank value "
                          "if the figure is missing")

    path = bench / "england.csv"
    seen = {}
    for lined in inputs.england:
        if known(path, lined) is None or not year_ok(path, lined):
            continue
        key = (lined.row.measure, lined.row.year)
        if key in seen:
            collector.add(path, lined.line, "year", f"{lined.row.measure} already has an "
                          f"England value for {lined.row.year} (line {seen[key]}); keep one")
        seen[key] = lined.line

    path = bench / "areas.csv"
    failed_areas = inputs.failed_areas
    seen = {}
    with_rows: set[str] = set()
    area_counts: dict[tuple[str, Period], int] = {}
    dates = date_order(lined.row.period for lined in inputs.areas)
    for lined in inputs.areas:
        row = lined.row
        measure = known(path, lined)
        if measure is None:
            continue
        if not measure.area_breakdown:
            collector.add(path, lined.line, "measure", f"{measure.id} has area rows but "
                          "area_breakdown is not true in measures.yaml")
            continue
        try:
            period = Period.parse_as(row.period, measure.frequency, dates)
        except ValueError as exc:
            collector.add(path, lined.line, "period", str(exc))
            continue
        if _implausible(period, row.period):
            collector.add(path, lined.line, "period", _implausible(period, row.period))
            continue
        if period.end > data_period.end:
            collector.add(path, lined.line, "period", f"{row.period} is after the pack's "
                          f"data period {data_period.code}")
            continue
        key = (row.measure, period, row.area)
        if key in seen:
            collector.add(path, lined.line, "area", f"{row.area} already has a {row.measure} "
                          f"value for {row.period} (line {seen[key]}); keep one")
            continue
        seen[key] = lined.line
        with_rows.add(measure.id)
        count = area_counts[(row.measure, period)] = area_counts.get((row.measure, period), 0) + 1
        if count == MAX_AREAS + 1:
            collector.add(path, lined.line, "area", f"{row.measure} has more than {MAX_AREAS} "
                          f"areas for {row.period}: an area page shows at most {MAX_AREAS} "
                          f"(group them into localities or constituencies)")
        if count > MAX_AREAS:
            continue
        _check_value(path, lined.line, measure, row, collector)
    for index, measure in enumerate(inputs.measures.measures):
        if collector.is_broken(path):
            break
        if measure.id in failed_areas:
            continue
        if measure.area_breakdown and measure.id not in with_rows:
            collector.add(inputs.measures_doc.path,
                          inputs.measures_doc.line_of(("measures", index, "area_breakdown")),
                          f"measures[{measure.id}].area_breakdown",
                          f"is true but benchmarks/areas.csv has no rows for {measure.id}")


def _check_quartiles(path: Path, rows, measures: dict[str, Measure], data_period: Period,
                     collector: Collector) -> None:
    seen: dict[tuple[str, str], int] = {}
    for lined in rows:
        row = lined.row
        measure = measures.get(row.measure)
        if measure is None:
            collector.add(path, lined.line, "measure", f"'{row.measure}' is not a measure id "
                          f"in measures.yaml{_close(row.measure, measures)}")
            continue
        problem = _benchmark_year(row.year, data_period)
        if problem:
            collector.add(path, lined.line, "year", problem)
            continue
        key = (row.measure, row.year)
        if key in seen:
            collector.add(path, lined.line, "year", f"{row.measure} already has quartiles for "
                          f"{row.year} (line {seen[key]}); keep one")
            continue
        seen[key] = lined.line
        if measure.polarity == "none":
            collector.add(path, lined.line, "measure", f"{measure.id} has polarity none, so "
                          "quartiles cannot say which way is better (set polarity in "
                          "measures.yaml)")
            continue
        values = [row.worst, row.third, row.second, row.first, row.best]
        ordered = values == sorted(values, reverse=measure.polarity == "lower")
        if not ordered:
            way = "decrease" if measure.polarity == "lower" else "increase"
            collector.add(path, lined.line, "worst..best",
                          f"boundaries {', '.join(f'{v:g}' for v in values)} should {way} from "
                          f"worst to best ({measure.id} has polarity {measure.polarity})")

