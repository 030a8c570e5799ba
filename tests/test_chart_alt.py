"""What a screen reader says of a measure's charts, from the example's data
(inputs/example/data.csv) and a synthetic 200-measure pack: each chart's alt text opens
with one sentence giving the latest value and period, which way it moved, the target and
which way is better, then the chart's story (the trend) or its SPC reading; each phrase
once, in at most about 400 characters.

Facts: Reviews fell from 86.3% (March 2018) to 69.8% (January 2019) and recovered to
77.6% in March 2019 from 71.5% in February, with November 2018 revised from 72.4% to
72.1%; DToC's data end in February 2019 (9.34 to 9.49, target 7.95, lower is better)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from report.compute.alt import ALT_LIMIT

# The opening sentence, read back: name, movement, latest value and period, target, better.
OPENING = re.compile(
    r"^(?P<name>.+?) (?:(?P<verb>rose|fell) from (?P<earlier>\S+)(?: in (?P<since>[^,]+?))? "
    r"to |(?P<held>held at )|was )(?P<value>\S+) in (?P<period>.+?)(?: \(from \S+\))?, "
    r"(?:against a target of (?P<target>\S+)|with no target)"
    r"(?:; (?P<better>higher|lower) is better)?\. ")


@pytest.fixture(scope="module")
def synthetic_figures(tmp_path_factory):
    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack
    from report.synth import synthesise

    folder = synthesise(200, tmp_path_factory.mktemp("alt") / "synth")
    return compute_pack(load_pack(folder))


def _alts(figures):
    """Each chart's alt text of every measure: trend, SPC, quartiles, areas."""
    for m in figures.in_order():
        yield m, "trend", m.trend.alt
        if m.spc.alt:
            yield m, "spc", m.spc.alt
        if m.benchmarks.quartiles is not None:
            yield m, "quartiles", m.benchmarks.quartiles.alt
        if m.benchmarks.areas is not None:
            yield m, "areas", m.benchmarks.areas.alt


def test_reviews_opens_with_the_latest_then_tells_the_fall_and_the_recovery(example_figures):
    m = example_figures.measures["reviews"]
    alt = m.trend.alt
    assert alt.startswith("Reviews rose from 71.5% to 77.6% in March 2019, against a target "
                          "of 85.0%; higher is better. Line chart, March 2018 to March 2019. "
                          "Unit: %. ")
    assert ("From 86.3% in March 2018, its highest, it fell to a low of 69.8% in January "
            "2019, then rose.") in alt
    assert "Revised since first published: November 2018 72.4%, now 72.1%." in alt
    assert "dotted" not in alt  # the data reach the year end: no target drawn beyond


def test_dols_series(example_figures):
    completed = example_figures.measures["dols_completed"].trend.alt
    assert completed.startswith("DoLS completed rose from 352 to 367 in March 2019, with no "
                                "target; higher is better. ")
    assert ("From 318 in March 2018 it fell to a low of 287 in June 2018, then rose to its "
            "highest.") in completed
    assert "Revised" not in completed
    waiting = example_figures.measures["dols_waiting"].trend.alt
    assert waiting.startswith("DoLS waiting fell from 446 to 412 in March 2019, against a "
                              "target of 450; lower is better. ")
    assert "From 655 in March 2018, its highest, it fell to its lowest." in waiting


def test_a_context_measure_says_nothing_of_better(example_figures):
    alt = example_figures.measures["contacts"].trend.alt
    assert alt.startswith("Contacts rose from 3,466 to 3,649 in March 2019, with no target. ")
    assert "better" not in alt and "better" not in example_figures.measures["contacts"].spc.alt


def test_a_lagged_measure_opens_with_its_own_period_and_names_the_dotted_target(
        example_figures):
    m = example_figures.measures["dtoc"]
    assert m.trend.alt.startswith("DToC Total rose from 9.34 to 9.49 in February 2019, against "
                                  "a target of 7.95; lower is better. ")
    assert "The target runs on dotted to March 2019." in m.trend.alt
    assert m.spc.alt.startswith("DToC Total rose from 9.34 to 9.49 in February 2019, against "
                                "a target of 7.95; lower is better. Special cause "
                                "improvement: lower. Latest point: ")


def test_the_opening_states_the_figures(example_figures, synthetic_figures):
    """Read back, the opening's value, period, movement, target and better are the
    measure's own, for every measure of the example and of a 200-measure pack."""
    from report.compute import format as fmt

    read, kinds = 0, set()
    for figures in (example_figures, synthetic_figures):
        for m, kind, alt in _alts(figures):
            found = OPENING.match(alt)
            assert found, (m.id, kind, alt)
            assert found["name"] == m.short_name
            assert (found["value"], found["period"]) == (m.latest.text, m.latest.label), m.id
            verb = {"rose": "Up", "fell": "Down"}.get(found["verb"] or "")
            if found["held"]:
                verb = "Static"
            assert verb == (m.change.direction if m.previous.reported is not None else None), m.id
            if verb in ("Up", "Down"):
                assert found["earlier"] == m.previous.reported_text
                assert (found["since"] is not None) == ("since" in (m.change.text or ""))
            target = (None if m.target.value is None
                      else fmt.value(m.target.value, m.unit, m.decimals))
            assert found["target"] == target, m.id
            assert found["better"] == (m.polarity if m.polarity != "none" else None)
            read += 1
            kinds.add(kind)
    assert read > 400 and kinds == {"trend", "spc", "quartiles", "areas"}


def _repeated(alt: str) -> list[tuple[str, ...]]:
    words = re.findall(r"[^\s.;,:()]+", alt)
    runs = Counter(tuple(words[i:i + 6]) for i in range(len(words) - 5))
    return [run for run, count in runs.items() if count > 1]


def test_every_alt_text_is_short_and_says_each_phrase_once(example_figures,
                                                            synthetic_figures):
    from report.compute.alt import events_sentence

    for figures in (example_figures, synthetic_figures):
        for m, kind, alt in _alts(figures):
            # the events a chart marks are named whatever the length (the issue's own ask)
            marked = " ".join(events_sentence(m.events)) if kind in ("trend", "spc") else ""
            marked = marked if marked and marked in alt else ""
            assert len(alt) - len(marked) <= ALT_LIMIT, (m.id, kind, len(alt))
            assert _repeated(alt) == [], (m.id, kind, alt)
            sentences = [s.strip() for s in re.split(r"[.;]\s", alt) if s.strip()]
            assert len(sentences) == len(set(sentences)), (m.id, kind)
    assert ALT_LIMIT == 400


def test_the_spc_alt_counts_the_other_special_causes_once_each(example_figures):
    """MH employment's chart has many special causes, four of them "2 of 3 points beyond
    the upper 2-sigma line": the alt text counts each kind once, within its limit."""
    from report.compute.alt import _other_causes

    m = example_figures.measures["mh_employment"]
    causes = _other_causes(m.spc)
    assert causes.startswith("Other special causes: ")
    assert "2 of 3 points near the upper limit 4 times" in causes
    assert "3 points above the upper limit" in causes  # Aug 2018, Oct 2018, Jan 2019
    assert causes.count("2 of 3") == 1
    points = [p for p in m.spc.points if p.rule == "outside_limits" and p.side == "above"]
    assert len(points) == 3


def test_a_long_revision_list_is_counted_not_read_out(example_figures):
    from dataclasses import replace

    from report.compute.alt import trend_alt

    m = example_figures.measures["reviews"]
    series = tuple(replace(p, reported=p.value + 0.5) if p.value is not None else p
                   for p in m.trend.points)
    alt = trend_alt(replace(m, trend=replace(m.trend, points=series)))
    assert len(alt) <= ALT_LIMIT
    assert re.search(r"; and \d+ more\.", alt)


def test_the_figure_in_the_pdf_carries_the_same_text(built, example_figures):
    import pikepdf

    from tests.structure import tree

    figures = [n.alt for n in tree(pikepdf.open(built[1])).walk() if n.role == "Figure"]
    # the cabinet layout draws the SPC chart where a measure has icons, the trend elsewhere
    assert example_figures.measures["reviews"].spc.alt in figures
    assert example_figures.measures["reablement_91_days"].trend.alt in figures


def test_the_quartile_and_area_alt_open_as_the_trend_and_spc_alt_do(example_figures):
    """The same opening sentence, then the chart's own figures, which way is better said
    once, within the limit."""
    from report.compute.alt import opening

    said = set()
    for m in example_figures.in_order():
        for alt in (m.benchmarks.quartiles.alt if m.benchmarks.quartiles else None,
                    m.benchmarks.areas.alt if m.benchmarks.areas else None):
            if alt is None:
                continue
            assert alt.startswith(opening(m) + " "), m.id
            assert alt.lower().count("is better") == 1, m.id
            assert len(alt) <= ALT_LIMIT and _repeated(alt) == [], m.id
            said.add(m.polarity)
    assert said == {"higher", "lower"}
    areas = example_figures.measures["direct_payments"].benchmarks.areas.alt
    assert ("Bar chart by area, March 2019: Hillcrest 34.6%; Ashton Vale 33.1%; Greenacre "
            "31.7%; Northfield 31.3%; Millfield 30.4%; Westbrook 28.5%; Riverside 27.6%; "
            "Kingsway 27.5%; Eastgate 26.7%. Highest-performing area: Hillcrest. Unit: %.") in areas
    quartiles = example_figures.measures["dtoc"].benchmarks.quartiles.alt
    assert ("National quartiles, 2017/18: worst 17.70, 3rd quartile boundary 4.90, median "
            "2.90, 1st quartile boundary 1.40, best 0.00. Example City at 9.49 is in the 4th "
            "quartile. Unit: beds per 100,000 18+ population.") in quartiles


def test_many_areas_are_counted_beyond_the_limit(example_figures):
    from dataclasses import replace

    from report.compute.alt import area_alt
    from report.model import AreaValue

    m = example_figures.measures["direct_payments"]
    many = tuple(AreaValue(f"Locality number {i}", 30.0 - i / 10, f"{30.0 - i / 10:.1f}%",
                           None, None, False) for i in range(40))
    alt = area_alt(replace(m, benchmarks=replace(
        m.benchmarks, areas=replace(m.benchmarks.areas, values=many))))
    assert len(alt) <= ALT_LIMIT and re.search(r"; and \d+ more\.", alt)
    assert "Locality number 0 30.0%" in alt
