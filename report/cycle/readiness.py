"""`cabinet-pack status`: what stops or weakens this month's pack, measure by measure.

Columns: data for the period (within the measure's release lag), a target for it, the
commentary updated since `new-period` carried it, no month or quarter in its words left
from last month, and an owner and a source. Then the exact lines to fix, the problems
that stop the build first, and every warning the build would print (from
`report.pack_warnings`, as the build takes them), under the measure it concerns. It reads
what validation reads and reports even when the build would stop, which is the point: a
folder fresh from `new-period` has no new rows yet.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from report.cycle.periodwords import measure_periods, pack_periods, stale_words
from report.inputs.commentary import carried_from, carried_message
from report.inputs.crosscheck import profile, target_gaps
from report.periods import Period, oldest_allowed_period
from report.problems import Problem, counted, in_file_order

COLUMNS = ("data", "target", "updated", "months", "owner")
LEGEND = ("data: a row for the period, within its lag · target: this period's and year's · "
          "owner: all named\nupdated: commentary and set status renewed since carried "
          "forward · months: none from last month")
GROUP_CARRIED = 3  # more carried-forward files than this are listed on one line
_PLACEHOLDER = re.compile(r"^\s*(tbc|tbd|to be confirmed|unknown|n/?a|none|-+|\?+|x+)\s*$",
                          re.IGNORECASE)


_CARRIED = "is last month's text, carried forward from"


@dataclass
class MeasureStatus:
    id: str
    number: int | None
    short_name: str
    marks: dict[str, bool]

    @property
    def ready(self) -> bool:
        return all(self.marks.values())


@dataclass
class Readiness:
    folder: Path
    pack_month: Period
    data_period: Period
    measures: list[MeasureStatus]
    problems: list[Problem]  # what stops the build (validation)
    findings: list[Problem] = field(default_factory=list)  # what weakens the pack
    returns: dict[str, dict] | None = None  # what `collect` recorded; None: nothing yet
    warnings: list[Problem | str] = field(default_factory=list)  # what the build would print
    suggestions: list[Problem] = field(default_factory=list)  # rebases to consider

    @property
    def ready(self) -> bool:
        return (not self.problems and not self.findings and not self.warnings
                and all(m.ready for m in self.measures))

    @property
    def further_warnings(self) -> list[Problem | str]:
        """The warnings not already among the lines to fix (commentary carried forward is
        both)."""
        shown = {str(p) for p in self.problems + self.findings}
        return [w for w in self.warnings if str(w) not in shown]

    @property
    def lines(self) -> list[Problem]:
        seen = {str(p) for p in self.problems}
        findings = [f for f in in_file_order(self.findings) if str(f) not in seen]
        carried = [f for f in findings if f.message.startswith(_CARRIED)]
        if len(carried) > GROUP_CARRIED:
            at = findings.index(carried[0])
            names = ", ".join(Path(f.file).name for f in carried)
            folder = Path(carried[0].file).parent.as_posix()
            findings = [f for f in findings if f not in carried]
            findings.insert(at, Problem(folder, None, "", f"{len(carried)} files are last "
                                        f"month's text, carried forward and not yet updated "
                                        f"(edit each, then delete its first line): {names}"))
        return self.problems + findings


def readiness(folder: Path) -> Readiness:
    """InputProblems when pack.yaml or measures.yaml cannot be read: nothing to report on."""
    from report.inputs.load import gather_pack, input_warnings
    from report.pack_warnings import every_warning

    inputs, collector = gather_pack(folder)
    if inputs is None:
        collector.raise_if_any()
    if collector.problems:  # no figures to compute: the inputs' own warnings
        return readiness_of(inputs, collector.summarised(),
                            input_warnings(collector, inputs.commentary_warnings))
    return readiness_of(inputs, [], every_warning(inputs, collector))


def readiness_of(inputs, problems: list[Problem],
                 warnings: list[Problem | str] = ()) -> Readiness:
    """The report for inputs already read; `problems`: what validation found in them;
    `warnings`: what the build would print."""
    data_period = Period.parse(inputs.pack.data_period)
    report = Readiness(inputs.folder, Period.parse(inputs.pack.pack_month), data_period, [],
                       problems, warnings=list(warnings))
    doc = inputs.measures_doc
    latest_of = _latest_periods(inputs)
    for index, measure in enumerate(inputs.measures.measures):
        marks = {}
        latest = latest_of.get(measure.id)
        allowed = oldest_allowed_period(data_period, measure)
        marks["data"] = (latest is not None and latest >= allowed
                         and measure.id not in inputs.failed_rows
                         and _areas_ok(inputs, measure, latest, report.findings))
        marks["target"] = _target_ok(inputs, index, measure, max(latest or allowed, allowed),
                                     report.findings)
        marks["updated"], marks["months"] = _commentary(inputs, measure, latest, report)
        # what new-period carried is marked until confirmed (the warnings say where)
        override = inputs.pack.status_overrides.get(measure.id)
        marks["updated"] &= override is None or override.carried_from is None
        marks["target"] &= measure.target_carried_from is None or isinstance(measure.target,
                                                                              dict)
        faq_months, faq_quarters = pack_periods(data_period)
        if measure.faq and _scan(doc, ("measures", index, "faq"), measure.faq, faq_months,
                                 faq_quarters, f"measures[{measure.id}].faq", report.findings):
            marks["months"] = False
        marks["owner"] = _owner_ok(doc, index, measure, report.findings)
        report.measures.append(MeasureStatus(measure.id, inputs.numbers.get(measure.id),
                                             measure.short_name, marks))
    _pack_texts(inputs, report)
    report.returns = _returns(inputs.folder, data_period)
    if not problems:  # figures from inputs that fail validation would say nothing
        from report.compute.pack import rebase_suggestions

        report.suggestions = rebase_suggestions(inputs)
    return report


def _returns(folder: Path, data_period: Period) -> dict[str, dict] | None:
    """What came back from the owners for this period, by measure (report/cycle/collect.py)."""
    from report.cycle.collect import read_record

    record = read_record(folder)
    measures = record.get("measures")
    if record.get("period") != data_period.code or not isinstance(measures, dict):
        return None
    return {k: v for k, v in measures.items() if isinstance(v, dict)}


def _latest_periods(inputs) -> dict[str, Period]:
    frequency = {m.id: m.frequency for m in inputs.measures.measures}
    latest: dict[str, Period] = {}
    for lined in inputs.data:
        row = lined.row
        if row.measure not in frequency:
            continue
        try:
            period = Period.parse_as(row.period, frequency[row.measure])
        except ValueError:
            continue
        if period.end <= Period.parse(inputs.pack.data_period).end:
            latest[row.measure] = max(latest.get(row.measure, period), period)
    return latest


def _areas_ok(inputs, measure, latest: Period | None, findings: list[Problem]) -> bool:
    """The area page shows the latest period of the measure's area rows: rows older than
    its data leave that page on last month."""
    rows = []
    for lined in inputs.areas:
        if lined.row.measure == measure.id:
            try:
                rows.append((Period.parse_as(lined.row.period, measure.frequency), lined.line))
            except ValueError:
                pass
    if not rows or latest is None:
        return True
    newest, line = max(rows)
    if newest >= latest:
        return True
    path = inputs.folder / "benchmarks" / "areas.csv"
    findings.append(Problem(path.as_posix(), line, "period", f"{measure.id}'s areas are for "
                            f"{newest.code} but its data is to {latest.code}: the area page "
                            f"stays on {newest.long} (add the {latest.long} rows)"))
    return False


def _target_ok(inputs, index: int, measure, period: Period, findings: list[Problem]) -> bool:
    """A profile covers the period the pack will report (the latest data, or the period due
    when its row is not in yet) and that period's financial year end."""
    periods = profile(measure)
    if periods is None:
        return True
    doc = inputs.measures_doc
    if not periods:
        return False  # an empty profile: validation says so
    line = doc.line_of(("measures", index, "target", max(periods).code))
    gaps = target_gaps(measure, period)
    findings += [Problem(doc.path.as_posix(), line, f"measures[{measure.id}].target", gap)
                 for gap in gaps]
    return not gaps


def _commentary(inputs, measure, latest, report: Readiness) -> tuple[bool, bool]:
    path = inputs.folder / "commentary" / f"{measure.id}.md"
    if not path.is_file():
        report.findings.append(Problem(path.as_posix(), None, "", "is missing: the measure "
                                       "page will have no commentary"))
        return False, True
    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    carried = carried_from(text)
    if carried is not None:
        report.findings.append(Problem(path.as_posix(), 1, "", carried_message(carried)))
        return False, True  # its words are last month's: one line says so
    months, quarters = measure_periods(report.data_period, latest)
    ok = True
    for start, section in _sections(text):
        for mention in stale_words(section, months, quarters):
            line = start + section[:mention.offset].count("\n")
            report.findings.append(Problem(path.as_posix(), line, "",
                                           _stale_message(mention.word, report, latest)))
            ok = False
    return True, ok


def _sections(text: str):
    """(first line, text) of each `## ` section and of what comes before the first."""
    start, lines = 1, []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("#") and lines:
            yield start, "\n".join(lines)
            start, lines = number, []
        lines.append(line)
    if lines:
        yield start, "\n".join(lines)


def _stale_message(word: str, report: Readiness, latest: Period | None = None) -> str:
    period = _named(word, report.data_period)
    if latest is not None and latest.end != report.data_period.end:
        period = f"{period} or {_named(word, latest)}, its latest"
    return _STALE.format(word=word, period=period)


def _named(word: str, period: Period) -> str:
    """The period as the stale word would have named it: "April 2019", or "Q1 2019/20"
    for a quarter (the quarter the month is in)."""
    if re.search(r"\bQ[1-4]\b", word):
        if period.frequency != "quarterly":
            period = Period(period.end + 3 - period.month_of_quarter, "quarterly")
        return period.long
    return Period(period.end, "monthly").long


_STALE = ("names {word} but not {period}: last month's words? (update them if so)")


def _scan(doc, loc, text: str, months, quarters, field_name: str,
          findings: list[Problem]) -> bool:
    """Check one YAML text about the pack's period (the one month in `months`); the
    finding's line is where its stale word is in the file."""
    words = stale_words(text, months, quarters)
    if not words:
        return False
    for mention in words:
        line = _line_of_word(doc, loc, mention.word)
        findings.append(Problem(doc.path.as_posix(), line, field_name,
                                _STALE.format(word=mention.word,
                                              period=_named(mention.word, max(months)))))
    return True


def _line_of_word(doc, loc, word: str) -> int | None:
    """The first line at or after the key's line that holds the word (a folded text runs
    over several lines)."""
    start = doc.line_of(loc) or 1
    try:
        lines = doc.path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return start
    first = word.split()[0]
    for number in range(start, len(lines) + 1):
        if re.search(rf"\b{re.escape(first)}\b", lines[number - 1]):
            return number
    return start


def _owner_ok(doc, index: int, measure, findings: list[Problem]) -> bool:
    ok = True
    for name in ("owner", "responsible_officer", "source"):
        value = getattr(measure, name)
        if _PLACEHOLDER.match(value or ""):
            findings.append(Problem(doc.path.as_posix(), doc.line_of(("measures", index, name)),
                                    f"measures[{measure.id}].{name}",
                                    f"'{value}' is a placeholder (name the role, or the "
                                    "source, before the pack goes out)"))
            ok = False
    return ok


def _pack_texts(inputs, report: Readiness) -> None:
    """The period note, status reasons and areas.yaml's words, against the data period."""
    months, quarters = pack_periods(report.data_period)
    doc = inputs.pack_doc
    if inputs.pack.period_note:
        _scan(doc, ("period_note",), inputs.pack.period_note, months, quarters, "period_note",
              report.findings)
    for measure_id, override in inputs.pack.status_overrides.items():
        _scan(doc, ("status_overrides", measure_id, "reason"), override.reason, months,
              quarters, f"status_overrides.{measure_id}.reason", report.findings)
    areas, areas_doc = inputs.focus_areas, inputs.focus_areas_doc
    if areas is None:
        return
    texts = [(("title",), areas.title, "title"), (("strap_line",), areas.strap_line or "",
                                                   "strap_line")]
    texts += [(("overview", i), t, f"overview[{i + 1}]") for i, t in enumerate(areas.overview)]
    for a, area in enumerate(areas.areas):
        for kind in ("comments", "footnotes"):
            texts += [(("areas", a, kind, i), t, f"areas[{a + 1}].{kind}[{i + 1}]")
                      for i, t in enumerate(getattr(area, kind))]
    for loc, text, name in texts:
        _scan(areas_doc, loc, text, months, quarters, name, report.findings)


# --- printing -----------------------------------------------------------------------------
def report_lines(report: Readiness, encoding: str | None = None) -> list[str]:
    """The report as printed: a count, the table, the lines to fix. Ticks and crosses
    where the output can show them, else "ok" and "X" (a Windows console that is not
    UTF-8)."""
    yes, no = "\u2713", "\u2717"
    try:
        (yes + no + "\u00b7").encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        yes, no = "ok", "X"
    attention = sum(not m.ready for m in report.measures)
    total = len(report.measures)
    out = [(f"{report.folder.as_posix()}: the pack for {report.pack_month.long}, data to "
            f"{report.data_period.long}")]
    if report.ready:
        whose = "the measure has its" if total == 1 else f"all {total} measures have their"
        out.append(f"Ready: {whose} data, targets and updated "
                   "commentary.")
    else:
        stops = len(report.problems)
        head = (f"{attention} of {total} measures {'needs' if attention == 1 else 'need'} "
                "attention" if attention else
                f"{'The measure is' if total == 1 else f'The {total} measures are'} ready, but "
                "the lines below need attention")
        out.append(head + (f"; {counted(stops, 'problem')} {'stops' if stops == 1 else 'stop'} "
                           "the build." if stops else "; the pack builds."))
    width = max([len(m.short_name) for m in report.measures] + [7])
    out.append("")
    out.append(f"{'':>3}  {'measure':<{width}}  " + "  ".join(f"{c:^7}" for c in COLUMNS))
    for m in report.measures:
        marks = "  ".join(f"{yes if m.marks[c] else no:^7}" for c in COLUMNS)
        number = m.number if m.number is not None else ""
        out.append(f"{number:>3}  {m.short_name:<{width}}  {marks}")
    out += (LEGEND if yes != "ok" else LEGEND.replace("\u00b7", ";")).split("\n")
    out += returns_lines(report)
    out += _suggested(report.suggestions)
    lines = report.lines
    if lines:
        out.append("")
        out.append("To fix:")
        out += [f"  {line}" for line in lines]
    return out + _warning_lines(report)


def _warning_lines(report: Readiness) -> list[str]:
    """What the build would print besides, under the measure each warning concerns (in
    pack order), then those about the pack as a whole."""
    warnings = report.further_warnings
    if not warnings:
        return []
    count = len(warnings)
    out = ["", f"The build warns ({count} warning{'s' if count != 1 else ''}):"]
    for m in report.measures:
        own = [w for w in warnings if getattr(w, "measure", "") == m.id]
        if own:
            out.append(f"  {m.number} {m.short_name}" if m.number is not None else
                       f"  {m.short_name}")
            out += [f"    {w}" for w in own]
    known = {m.id for m in report.measures}
    rest = [w for w in warnings if getattr(w, "measure", "") not in known]
    if rest:
        out.append("  the pack")
        out += [f"    {w}" for w in rest]
    return out


def returns_lines(report: Readiness) -> list[str]:
    """Per measure: whether its owner's document came back (and for which period), with
    what in it, and who signed it off when. Nothing before the first collect."""
    from report.cycle.collect import COLLECTED_BEFORE, UPDATED
    from report.problems import printable

    if report.returns is None:
        return []
    back = [m for m in report.measures if m.id in report.returns]
    signed = [m for m in back if report.returns[m.id].get("signed_by")]
    out = ["", (f"Commentary from the owners: {len(back)} of {len(report.measures)} came back, "
               f"{len(signed)} signed off")]
    for m in report.measures:
        entry = report.returns.get(m.id)
        name = f"{m.number}. {m.short_name}" if m.number is not None else m.short_name
        if entry is None:
            out.append(f"  {name}: not back yet")
            continue
        try:
            made_for = Period.parse(str(entry.get("made_for"))).long
        except ValueError:
            made_for = str(entry.get("made_for"))
        state = {UPDATED: "updated", COLLECTED_BEFORE: "updated"}.get(
            entry.get("state"), "still last month's text")
        who = entry.get("signed_by")
        sign = (f"signed off by {who}" + (f" on {entry['signed_on']}" if entry.get("signed_on")
                                          else "") if who else "not signed off")
        out.append(printable(f"  {name}: back in {entry.get('file')} (made for data to "
                             f"{made_for}), {state}, {sign}"))
    return out


def _suggested(suggestions: list[Problem]) -> list[str]:
    """The rebases to consider, several to a line, so the report stays on one screen;
    `validate` and the build print each in full (its run, and the event that explains it)."""
    if not suggestions:
        return []
    import textwrap

    starts = [f"{p.message.split(':', 1)[0]} "
              f"{p.message.rsplit('limits from ', 1)[1].split(' ', 1)[0]}"
              for p in suggestions]
    return textwrap.wrap("SPC rebases to consider (the process has left its limits): "
                         + ", ".join(starts), 100, subsequent_indent="  ",
                         break_on_hyphens=False)


def print_status(folder: Path, strict: bool = False) -> int:
    """0 when the pack is ready, or when it builds and only what weakens it is listed;
    2 when the build would stop (or, with `strict`, when anything is listed)."""
    from report.problems import printable

    report = readiness(folder)
    for line in report_lines(report, sys.stdout.encoding):
        print(printable(line))  # the inputs' own text: it cannot drive the terminal
    if report.problems or (strict and not report.ready):
        return 2
    return 0
