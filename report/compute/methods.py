"""How each figure was worked out, in words, for the Methods appendix: the rules for
status, direction of travel, quartiles and ranks, the SPC rule set with its constants,
each measure's SPC baseline and rebases with their reasons, the program's version and a
digest of the inputs, so a figure can be traced and reproduced."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from report import __version__
from report.compute.rules import RELATIVE_PLACES
from report.compute.spc import EVENT_REACH, LIMIT, MINIMUM_POINTS, RUN_LENGTH, SCREEN, TWO_SIGMA
from report.periods import Period


@dataclass(frozen=True)
class SpcRow:
    measure: str  # measure id
    rule_set: str
    run_length: int
    baseline: str  # "all points", "first 12 points"
    limits: str  # "Apr 2017–Mar 2019 (24 points)", then each rebase with its reason


@dataclass(frozen=True)
class Methods:
    paragraphs: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, paragraphs)
    spc: tuple[SpcRow, ...]
    version: str
    digest: str  # sha-256 of the input files, by name and content
    # the Methods page in a reader's words (`guide`), then its worked example from this
    # pack's figures (heading, sentences); `paragraphs` and `spc` are its technical notes
    guide: tuple[tuple[str, tuple[str, ...]], ...] = ()
    example: tuple[str, tuple[str, ...]] | None = None


def methods(figures, digest: str) -> Methods:
    rule_sets = sorted({m.spc.settings.rule_set for m in figures.in_order() if m.spc})
    spcs = [m.spc.settings for m in figures.in_order() if m.spc]
    minimum = spcs[0].minimum_points if spcs else MINIMUM_POINTS  # one pack-wide setting
    runs = {settings.run_length for settings in spcs} or {RUN_LENGTH}
    paragraphs = (
        ("Status", (
            ("GREEN when the latest outturn meets its target for that period (at or above it "
             "for a measure where higher is better, at or below it where lower is better); "
             "AMBER when it misses by no more than the measure's tolerance; RED otherwise. A "
             "measure with no target takes its status from its direction of travel; a "
             "status set in pack.yaml is shown with its reason; a context measure (neither "
             "direction is better) has none."),)),
        ("Direction of travel", (
            ("The latest period against the previous period as first reported (or the latest "
             "earlier period with a value). Percentages move in percentage points, at the "
             "measure's own decimals; counts and rates by relative change, to "
             f"{RELATIVE_PLACES} decimal place. A change that rounds to zero is Static. Green "
             "is a move in the better direction, Red in the worse."),)),
        ("National quartiles and ranks", (
            ("The council's latest value is placed among the published quartile boundaries "
             "(worst, 3rd, 2nd, 1st, best): a value at a boundary belongs to the better "
             "quartile. Distances are the differences to the next better boundary and to the "
             "top quartile, in the measure's units and in real units where the measure says "
             "how many. Comparator ranks are competition ranks: 1 is best, ties share the "
             "best rank (1, 2, 2, 4), a council with no value has no rank."),)),
        ("Statistical process control (SPC)", (
            ("Each measure's XmR chart, the NHS \u201cMaking Data Count\u201d way, with the "
            f"rule set{'s' if len(rule_sets) > 1 else ''} {', '.join(rule_sets)}: the mean "
            "of the points; the moving ranges between neighbouring points and their "
            f"average, screened once (a range of {SCREEN} \u00d7 the average or more is left "
            f"out and the average worked out again); process limits at the mean \u00b1 "
            f"{LIMIT} \u00d7 the average moving range; 2-sigma lines at the mean \u00b1 "
            f"{round(TWO_SIGMA, 4)} \u00d7 it."),
            ("Special causes, in this order: a point outside the process limits; a run of "
            f"{RUN_LENGTH} points each higher (or each lower) than the one before; two of "
            "three points in a row beyond the same 2-sigma line; a run of "
            f"{RUN_LENGTH} points on one side of the mean. A special cause is an "
            "improvement or a concern by the measure's polarity, neutral for a context "
            "measure. The variation icon reads the latest point; the assurance icon the "
            "target against the latest limits: beyond them on the good side it "
            "consistently passes, on the bad side it consistently fails, inside them it is "
            f"hit and miss. With fewer than {minimum} points since the limits were last "
            f"worked out there are no icons ({_minimum_words(minimum)})."),
            ("Where this pack goes beyond the rule set: the limits describe the process only "
            "while it stays as it was. When the latest point is part of a run of "
            f"{', '.join(sorted({str(n) for n in runs}))} points on one side of the mean, "
            "or of a rise or fall as long, that continues to the latest point, the process "
            "has moved: the pack prints no assurance icon from those limits but says since "
            "when and which way it moved and whether its values since then meet the "
            "target, and suggests recalculating the limits from the run's first point (or "
            f"from an event within {EVENT_REACH} periods of it); it never rebases by itself. "
            "It prints no assurance icon either when the latest point alone, beyond the "
            "limits, goes against it. The variation icon is always the rule set's."),)),
    )
    rows = []
    for m in figures.in_order():
        spc = m.spc
        if spc is None or not spc.groups:
            continue
        settings = spc.settings
        baseline = (f"first {settings.fix_after_n_points} points" if settings.fix_after_n_points
                    else "all points")
        limits = []
        for g in spc.groups:
            text = f"{g.label} ({g.points} point{'s' if g.points != 1 else ''})"
            if g.rebase_reason:
                text = f"rebased from {Period.parse(g.start).long}: {g.rebase_reason}; {text}"
            limits.append(text)
        rows.append(SpcRow(m.id, settings.rule_set, settings.run_length, baseline,
                           "; ".join(limits)))
    return Methods(paragraphs, tuple(rows), __version__, digest, GUIDE,
                   worked_example(figures))


def _minimum_words(minimum: int) -> str:
    """The pack's setting and the default, always both, so a reader of any pack knows."""
    setting = "as pack.yaml sets it" if minimum != MINIMUM_POINTS else "the default"
    return (f"{setting}: spc.minimum_points, default {MINIMUM_POINTS}; the reference package "
            "draws icons from fewer points, with a warning that the limits rest on too few")


def inputs_digest(files: list[Path], folder: Path) -> str:
    """The input files by name (within the folder) and content: the same inputs give the
    same digest wherever the folder is."""
    digest = hashlib.sha256()
    for path in files:
        if not path.is_file():
            continue
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# What each mark means, for a councillor: no file names, rule sets or constants (those are
# the technical notes, `Methods.paragraphs`).
GUIDE = (
    ("Status", (
        ("\u25cf GREEN: the latest figure meets its target for the period. \u25b2 AMBER: it "
        "misses the target, but by no more than the small margin the measure allows. "
        "\u2716 RED: it misses by more. A measure without a target takes the colour of its "
        "direction of travel, unless an officer has set its status for the period (marked "
        "\u2020, with the reason on the measure's page). \u25c6 CONTEXT: a measure where "
        "neither up nor down is better, which is not judged."),)),
    ("Direction of travel", (
        ("Up, Down or Static compares the latest figure with the one before it, as that was "
        "first published. (Green) means the move is an improvement, (Red) a deterioration, "
        "(Amber) no change. A percentage moves in percentage points (pp); any other figure "
        "by how much it changed, as a percentage of what it was."),)),
    ("Variation and assurance icons", (
        ("Each measure's figures are drawn on a statistical process control (SPC) chart, "
        "which shows the range a figure usually varies within. The variation icon says "
        "whether the latest figure is out of the ordinary: a blue circle when it is better, "
        "an orange diamond when it is worse, a grey circle with a wave for the usual ups and "
        "downs. The assurance icon says whether the target will be met if nothing changes: "
        "P it will be, F it will not, ? it may or may not. Where the figures have stayed "
        "away from their usual range for months on end, the process has moved: there is "
        "then no assurance icon until the range is worked out again, and the measure's "
        "page says since when and which way."),)),
    ("National quartiles and ranks", (
        ("Councils in England are put in order and split into four equal groups: the 1st "
        "quartile is the best quarter, the 4th the worst. The distance to the next quartile "
        "is how far the council is from moving up, in people, packages or beds where the "
        "measure says how many. Among similar councils, rank 1 is the best."),)),
)


def worked_example(figures) -> tuple[str, tuple[str, ...]] | None:
    """One measure of this pack read through as the guide says: its status against the
    target, its direction of travel, its icons and its quartile, every figure as the pack
    prints it. The first measure in pack order that has them all (or most of them)."""
    candidates = [m for m in figures.in_order()
                  if m.status.basis == "target" and m.target.value is not None]
    if not candidates:
        return None

    def richness(m) -> int:
        spc = m.spc
        return (bool(m.change.text) + bool(spc and spc.variation) + bool(spc and spc.assurance)
                + bool(m.benchmarks.quartiles))

    m = max(candidates, key=richness)  # the first of the richest (max keeps the first)
    return f"A worked example: {m.short_name}", tuple(_example_sentences(m))


def _example_sentences(m):
    from report.compute import format as fmt
    from report.compute.rules import exact_difference

    better = "higher" if m.polarity == "higher" else "lower"
    yield (f"{m.short_name} was {m.latest.text} in {m.latest.label}, against a target of "
           f"{m.target.short}; for this measure {better} is better.")
    gap = fmt.distance(abs(exact_difference(m.latest.value, m.target.value)), m.unit, m.decimals)
    yield {"GREEN": "It meets the target, so its status is \u25cf GREEN.",
           "AMBER": f"It misses the target by {gap}, within the margin the measure allows, "
                    f"so its status is \u25b2 AMBER.",
           "RED": f"It misses the target by {gap}, more than the measure allows, so its "
                  f"status is \u2716 RED."}[m.status.word]
    if m.change.text and m.previous.label:
        move = {"Green": "an improvement", "Red": "a deterioration"}.get(m.change.colour,
                                                                         "no change")
        yield (f"In {m.previous.label} it was {m.previous.reported_text} as first published, "
               f"so its direction of travel is {m.change.text}: {move}.")
    spc = m.spc
    if spc is not None and spc.variation:
        why = f" ({spc.variation_reason})" if spc.variation_reason else ""
        yield f"Its variation icon is \u201c{spc.variation_text}\u201d{why}."
    if spc is not None and spc.assurance:
        yield (f"Its assurance icon is \u201c{spc.assurance_text}\u201d: "
               f"{spc.assurance_reason}.")
    q = m.benchmarks.quartiles
    if q is not None:
        distance = ("" if q.current == "1st"
                    else f", {in_prose(q.next_text)} from the next quartile up")
        yield f"Nationally it is in the {q.current} quartile{distance}."


def in_prose(amount: str) -> str:
    """A table's amount as a sentence says it: "37 People" is "37 people" (the quartile
    table's unit is a heading word), where the unit is an ordinary word; "12 DToC" is
    left as it is."""
    number, _, unit = amount.partition(" ")
    if unit[:1].isupper() and unit[1:] == unit[1:].lower():
        return f"{number} {unit.lower()}"
    return amount
