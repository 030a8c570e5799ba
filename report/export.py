"""The figures export (`<pack>.figures.json`) and the scorecard table (`<pack>.scorecard.csv`)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import TYPE_CHECKING

from report.cells import inert_row
from report.model import MeasureFigures, PackFigures

if TYPE_CHECKING:
    from report.compute.spc import Spc

SCHEMA_VERSION = 1
SCORECARD_COLUMNS = ("theme", "number", "measure", "status", "target", "last_month",
                     "this_month", "direction_of_travel", "constituencies", "benchmarkable")


def figures_json(pack: PackFigures, pages: dict[str, dict[str, int]] | None = None,
                 render_warnings: list[str] | tuple[str, ...] = ()) -> str:
    """Every figure the pack prints, joined with what the render returned: `pages`, per
    layout, the page each measure starts on; `render_warnings`, after the figures' own."""
    document = {
        "schema": "cabinet-pack figures",
        "version": SCHEMA_VERSION,
        "pack": {
            "name": pack.name, "title": pack.full_title, "organisation": pack.organisation,
            "authority": pack.authority, "directorate": pack.directorate,
            "pack_month": pack.pack_month, "data_period": pack.data_period,
            "summary_label": pack.summary_label, "draft": pack.draft,
            "protective_marking": pack.protective_marking,
        },
        "themes": [{"id": t.id, "number": t.number, "title": t.title,
                    "measures": list(t.measures)} for t in pack.themes],
        "measures": [_measure(m, pages or {}) for m in pack.in_order()],
        "technical_notes": _technical_notes(pack),
        "warnings": list(pack.warnings) + list(render_warnings),
    }
    return _indented(document) + "\n"


def _indented(document: dict) -> str:
    """The document as JSON indented by two spaces, by orjson: Python's own encoder
    indents only in pure Python (about 0.2 s of a 200-measure build, a tenth of that
    here). The same text, but for how a number under 0.0001 is written (0.00001, not
    1e-05: the same number). A text orjson refuses (a lone surrogate, which a YAML escape
    can make) is left to Python's encoder, which writes it as before."""
    import orjson

    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:
        return json.dumps(document, indent=2, ensure_ascii=False)


def _measure(m: MeasureFigures, pages: dict[str, dict[str, int]]) -> dict:
    out = {
        "id": m.id, "number": m.number, "theme": m.theme, "title": m.title,
        "short_name": m.short_name, "unit": m.unit, "unit_text": m.unit_text,
        "decimals": m.decimals,
        "polarity": m.polarity, "frequency": m.frequency,
        "latest": {"period": m.latest.period, "label": m.latest.label, "value": m.latest.value,
                   "text": m.latest.text, "lag_note": m.latest.lag_note,
                   "summary_label": m.latest.summary_label},
        "previous": None if m.previous.period is None else {
            "period": m.previous.period, "reported": m.previous.reported,
            "recalculated": m.previous.value, "reported_text": m.previous.reported_text,
            "recalculated_text": m.previous.recalculated_text},
        "target": {"value": m.target.value, "end_of_year": m.target.eoy, "text": m.target.text},
        "status": {"value": m.status.word, "basis": m.status.basis, "reason": m.status.reason},
        "direction_of_travel": None if m.change.direction is None else {
            "direction": m.change.direction, "colour": m.change.colour, "change": m.change.size,
            "unit": m.change.unit, "text": m.change.text,
            "since": {"period": m.previous.period, "label": m.previous.label}},
        "series": [dataclasses.asdict(p) for p in m.trend.points],
        "chart_alt": m.trend.alt,
        "quartiles": None,
        "england": (None if m.benchmarks.england is None
                    else dataclasses.asdict(m.benchmarks.england)),
        "comparators": [{"year": c.year, "council_rank": c.council_rank, "ranked": c.ranked,
                         "england": c.england, "values": c.values, "ranks": c.ranks}
                        for c in m.benchmarks.comparators],
        "areas": None if m.benchmarks.areas is None else dataclasses.asdict(m.benchmarks.areas),
        "spc": None if m.spc is None else _spc(m.spc),
        "events": [dataclasses.asdict(e) for e in m.events],
        "reading": None if m.reading is None else {
            "line": m.reading.line,
            "flags": [dataclasses.asdict(flag) for flag in m.reading.flags]},
        "revisions": [dataclasses.asdict(r) for r in m.revisions],
        "pages": {layout: by_measure[m.id] for layout, by_measure in pages.items()
                  if m.id in by_measure},
    }
    if m.benchmarks.quartiles is not None:
        q = m.benchmarks.quartiles
        out["quartiles"] = {
            "year": q.year, "source": q.source, "value": q.value,
            "boundaries": dict(zip(("worst", "third", "second", "first", "best"), q.boundaries)),
            "current_quartile": q.current, "distance_to_next": q.next_distance,
            "distance_to_top": q.top_distance, "difference_to_next": q.next_difference,
            "difference_to_top": q.top_difference, "unit_label": q.unit_label,
            "unit_factor": q.unit_factor,
            "rows": [dataclasses.asdict(r) for r in q.rows],
        }
    return out


def _technical_notes(pack: PackFigures) -> dict | None:
    """The Methods page's technical notes: the rule sets and constants the figures were
    worked out with, the program's version and the inputs' fingerprint."""
    from report.compute import spc

    m = pack.methods
    if m is None:
        return None
    return {"version": m.version, "input_digest": m.digest or None,
            "rule_sets": sorted({row.rule_set for row in m.spc}),
            "constants": {"process_limits": spc.LIMIT, "two_sigma": spc.TWO_SIGMA,
                          "moving_range_screen": spc.SCREEN, "run_length": spc.RUN_LENGTH,
                          "minimum_points": spc.MINIMUM_POINTS},
            "worked_example": None if m.example is None else {
                "heading": m.example[0], "sentences": list(m.example[1])}}


def _spc(spc: Spc) -> dict:
    settings = spc.settings
    return {
        "rule_set": settings.rule_set, "run_length": settings.run_length,
        "minimum_points": settings.minimum_points, "screen_outliers": settings.screen_outliers,
        "fix_after_n_points": settings.fix_after_n_points,
        "limits": [dataclasses.asdict(g) for g in spc.groups],
        "points": [{"period": p.period, "label": p.label, "value": p.value, "group": p.group,
                    "type": p.point_type, "rule": p.rule, "side": p.side, "reason": p.reason}
                   for p in spc.points],
        "variation": None if spc.variation is None else {
            "icon": spc.variation, "text": spc.variation_text, "letter": spc.variation_letter,
            "reason": spc.variation_reason},
        "assurance": None if spc.assurance is None else {
            "icon": spc.assurance, "text": spc.assurance_text, "letter": spc.assurance_letter,
            "reason": spc.assurance_reason},
        "icons_reason": spc.icons_reason,
        "assurance_withheld": spc.assurance_withheld,
        "shift": None if spc.shift is None else {
            "rule": spc.shift.rule, "side": spc.shift.side, "start": spc.shift.start,
            "points": spc.shift.points, "met": spc.shift.met, "judged": spc.shift.judged,
            "event": None if spc.shift.event is None else dataclasses.asdict(spc.shift.event),
            "suggestion": spc.shift.suggestion},
        "signals": list(spc.signals),
    }


def scorecard_csv(pack: PackFigures) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SCORECARD_COLUMNS)
    for theme in pack.themes:
        for measure_id in theme.measures:
            m = pack.measures[measure_id]
            writer.writerow(inert_row([
                f"{theme.number}. {theme.title}", m.number, m.title, m.status.word or "",
                m.target.text, m.previous.with_period or "", m.latest.with_period,
                m.change.text or "", "yes" if m.has_areas else "",
                "yes" if m.benchmarkable else ""]))
    return buffer.getvalue()
