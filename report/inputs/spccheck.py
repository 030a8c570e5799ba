"""The SPC settings checked against the rest of the pack: rebases at periods with data,
and run lengths the chosen rule set allows."""

from __future__ import annotations

from report.periods import Period
from report.problems import Collector


def check_pack_spc(pack, doc, collector: Collector) -> None:
    """pack.yaml's `spc:` on its own."""
    if pack.spc.run_length != 7 and pack.spc.rule_set == "nhsr-0.2.2":
        collector.add(doc.path, doc.line_of(("spc", "run_length")), "spc.run_length",
                      _run_length_problem(pack.spc.run_length))


def check_spc(inputs, measures: dict, collector: Collector) -> None:
    pack_spc = inputs.pack.spc
    check_pack_spc(inputs.pack, inputs.pack_doc, collector)
    data_periods: dict[str, set[Period]] = {}
    for lined in inputs.data:
        measure = measures.get(lined.row.measure)
        if measure is not None and (measure.spc is not None and measure.spc.rebases
                                    or measure.events):
            try:
                period = Period.parse_as(lined.row.period, measure.frequency)
            except ValueError:
                continue  # reported with data.csv
            data_periods.setdefault(measure.id, set()).add(period)
    doc = inputs.measures_doc
    for index, measure in enumerate(inputs.measures.measures):
        rebased = _check_events(inputs, index, measure, data_periods.get(measure.id),
                                collector)
        spc = measure.spc
        if spc is None:
            continue
        where = ("measures", index, "spc")
        field = f"measures[{measure.id}].spc"
        rule_set = spc.rule_set or pack_spc.rule_set
        if spc.run_length not in (None, 7) and rule_set == "nhsr-0.2.2":
            collector.add(doc.path, doc.line_of(where + ("run_length",)), f"{field}.run_length",
                          _run_length_problem(spc.run_length))
        elif spc.run_length is None and pack_spc.run_length != 7 and rule_set == "nhsr-0.2.2":
            collector.add(doc.path, doc.line_of(where + ("rule_set",)), f"{field}.rule_set",
                          f"nhsr-0.2.2 has runs of 7 points, but pack.yaml's spc.run_length is "
                          f"{pack_spc.run_length} (add run_length: 7 here)")
        seen: dict[Period, int] = {}
        for number, rebase in enumerate(spc.rebases):
            loc = where + ("rebases", number, "period")
            name = f"{field}.rebases[{number + 1}].period"
            try:
                period = Period.parse_as(rebase.period, measure.frequency)
            except ValueError as exc:
                collector.add(doc.path, doc.line_of(loc), name, str(exc))
                continue
            if period in seen:
                collector.add(doc.path, doc.line_of(loc), name,
                              f"{rebase.period} is listed twice (line "
                              f"{doc.line_of(where + ('rebases', seen[period], 'period'))})")
                continue
            if period in rebased:
                collector.add(doc.path, doc.line_of(loc), name,
                              f"{rebase.period} is also an event with rebase: true (line "
                              f"{rebased[period]}); keep one of the two")
                continue
            seen[period] = number
            known = data_periods.get(measure.id)
            if measure.id in inputs.failed_rows or known is None:
                continue  # its rows cannot be read, or it has none: reported with data.csv
            if period not in known:
                collector.add(doc.path, doc.line_of(loc), name,
                              f"{measure.id} has no value for {rebase.period} in data.csv "
                              "(a rebase starts the new limits at a period with a value)")


def _run_length_problem(length: int) -> str:
    return (f"{length} needs rule_set: mdc-2023 (nhsr-0.2.2 reproduces NHSRplotthedots 0.2.2, "
            "whose runs are 7 points)")


def _check_events(inputs, index: int, measure, known: set[Period] | None,
                  collector: Collector) -> dict[Period, int]:
    """Each event at a period of the measure's series, once; the line of each that
    rebases, by its period."""
    doc = inputs.measures_doc
    seen: dict[Period, int] = {}
    rebased: dict[Period, int] = {}
    for number, event in enumerate(measure.events):
        loc = ("measures", index, "events", number, "period")
        line = doc.line_of(loc)
        name = f"measures[{measure.id}].events[{number + 1}].period"
        try:
            period = Period.parse_as(event.period, measure.frequency)
        except ValueError as exc:
            collector.add(doc.path, line, name, str(exc))
            continue
        if period in seen:
            collector.add(doc.path, line, name, f"{event.period} already has an event (line "
                                                f"{seen[period]}); give each period one event")
            continue
        seen[period] = line
        if event.rebase:
            rebased[period] = line
        if measure.id in inputs.failed_rows or not known:
            continue  # its rows cannot be read, or it has none: reported with data.csv
        problem = _outside(period, event, known, measure)
        if problem:
            collector.add(doc.path, line, name, problem)
    return rebased


def _outside(period: Period, event, known: set[Period], measure) -> str | None:
    first, last = min(known), max(known)
    if not first <= period <= last:
        return (f"{event.period} is outside {measure.id}'s data ({first.code} to {last.code} "
                "in data.csv); an event marks a period of the series")
    if event.rebase and period not in known:
        return (f"{measure.id} has no value for {event.period} in data.csv (a rebase starts "
                "the new limits at a period with a value)")
    return None
