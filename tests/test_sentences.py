"""No sentence the figures contradict: random series, targets and polarities, computed as
a pack computes them, and every sentence the pack writes about the measure (its reading,
points to note, SPC wording, suggestion and both charts' alternative text) checked
against its latest value, its status and its direction.

PROPERTY_EXAMPLES=300 PROPERTY_RANDOM=1 searches further than the suite's run."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from report.compute.pack import compute_pack
from report.inputs.load import load_pack
from report.periods import Period


@st.composite
def measures(draw):
    """A monthly series to March 2019: a level, perhaps a step to another level part way
    (a shift), perhaps a steady rise or fall, and noise; a target or none."""
    length = draw(st.integers(2, 30))
    first, second = draw(st.integers(20, 80)), draw(st.integers(20, 80))
    step_at = draw(st.integers(1, length))
    slope = draw(st.sampled_from([0, 0, 0.5, -0.5, 1.5, -1.5]))
    noise = draw(st.lists(st.integers(-3, 3), min_size=length, max_size=length))
    values = [min(max(round((first if i < step_at else second) + slope * i + noise[i], 1),
                      0.0), 100.0) for i in range(length)]
    polarity = draw(st.sampled_from(["higher", "lower", "none"]))
    target = (None if polarity == "none" or draw(st.integers(0, 4)) == 0
              else draw(st.integers(15, 85)) + draw(st.sampled_from([0, 0.5])))
    return values, polarity, target, draw(st.sampled_from([0.0, 0.0, 2.0]))


def _pack(folder: Path, values, polarity, target, tolerance) -> None:
    latest = Period.parse("2019-03")
    (folder / "pack.yaml").write_text(yaml.safe_dump({
        "title": "Scorecard", "organisation": "Example City Council",
        "authority": "Example City", "directorate": "Adult Social Care",
        "produced_by": "Produced by the performance team", "pack_month": "2019-04",
        "data_period": "2019-03", "contact": "team@example.gov.uk"}), encoding="utf-8")
    spec = {"id": "m", "number": 1, "theme": "t", "title": "Share of reviews completed",
            "short_name": "Reviews", "description": "Reviews.", "unit": "percent",
            "decimals": 1, "polarity": polarity, "source": "Records", "owner": "Director",
            "responsible_officer": "Manager", "tolerance": tolerance}
    if target is None:
        spec["no_target"] = "DoT Only"
    else:
        spec["target"] = target
    (folder / "measures.yaml").write_text(yaml.safe_dump({
        "themes": [{"id": "t", "number": 1, "title": "Theme"}], "measures": [spec]}),
        encoding="utf-8")
    rows = [f"m,{latest.shift(i - len(values) + 1).code},{v},,," for i, v in enumerate(values)]
    (folder / "data.csv").write_text("measure,period,value,reported,numerator,denominator\n"
                                     + "\n".join(rows) + "\n", encoding="utf-8")


def sentences(m) -> list[str]:
    spc = m.spc
    said = [m.reading.line, m.trend.alt, m.spc.alt] + [f.text for f in m.reading.flags]
    said += [spc.assurance_withheld or "", spc.icons_reason or "", spc.assurance_reason or ""]
    said += [spc.shift.suggestion, spc.shift.brief] if spc.shift else []
    return said


def met(value: float, target: float, polarity: str) -> bool:
    return value >= target if polarity == "higher" else value <= target


def check(m, values, polarity, target) -> None:
    said = " | ".join(sentences(m))
    latest = values[-1]
    # the latest value, as printed, is the one the charts' text names
    assert f"{m.latest.text} in March 2019" in m.trend.alt.split(". ")[0]  # its opening
    # ... and which way it moved, as the direction of travel says
    opening = m.trend.alt.split(". ")[0]
    assert ((" rose from " in opening) == (m.change.direction == "Up")
            and (" fell from " in opening) == (m.change.direction == "Down")), (
        m.change.direction, opening)
    # status: a measure meeting its target is never told it misses it, nor the reverse
    if target is not None:
        assert (m.status.word == "GREEN") == met(latest, target, polarity)
        if m.status.word == "GREEN":
            for wrong in ("will not meet", "fails the target", "but not the latest",
                          "short of the target"):
                assert wrong not in said, (wrong, said)
        else:
            for wrong in ("will meet it", "passes the target", "the latest included",
                          "meeting the target"):
                assert wrong not in said, (wrong, said)
    # direction of travel: the words follow the latest value against the one before
    if m.change.direction in ("Up", "Down"):
        assert (m.change.direction == "Up") == (latest > values[-2])
        assert m.change.text.startswith(m.change.direction)
    # SPC: "moved up" only when the latest point is above the mean it is read against,
    # and each count of months meeting the target is what the figures show
    shift = m.spc.shift
    for way in ("up", "down"):
        if f"moved {way} since" in said:
            mean = m.spc.groups[-1].mean
            assert shift is not None and shift.way == way
            assert latest > mean if way == "up" else latest < mean
    if shift is not None and shift.met is not None and target is not None:
        tail = values[-shift.points:]
        assert shift.met == sum(met(v, target, polarity) for v in tail)
        counted = re.search(r"(\d+|all|none) of the (\d+) months since then", said)
        if counted and counted.group(1).isdigit():
            assert int(counted.group(1)) == shift.met
    # an assurance verdict is never read from limits the latest point contradicts
    if m.spc.assurance == "pass":
        assert met(latest, target, polarity)
    if m.spc.assurance == "fail":
        assert not met(latest, target, polarity)


@settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 40)),
          derandomize=not os.environ.get("PROPERTY_RANDOM"), database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(measures())
def test_no_sentence_contradicts_the_figures(drawn):
    values, polarity, target, tolerance = drawn
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        _pack(folder, values, polarity, target, tolerance)
        m = compute_pack(load_pack(folder)).measures["m"]
    event(f"shift: {m.spc.shift is not None}, withheld: {m.spc.assurance_withheld is not None}, "
          f"status: {m.status.word}")
    check(m, values, polarity, target)


def test_the_check_catches_a_green_measure_told_it_will_fail(example_figures):
    """The property's own check goes red on the sentence this pack used to print."""
    from dataclasses import replace

    import pytest

    from report.compute.reading import Flag, Reading

    m = example_figures.measures["long_term_admissions"]
    values = [p.value for p in m.spc.points]
    check(m, values, "lower", 600.0)
    wrong = replace(m, reading=Reading(m.reading.line, (Flag(
        "green_failing", "GREEN this period, but the process as it runs will not meet the "
        "target: the 600.0 target is below the lower process limit of 623.6"),)))
    with pytest.raises(AssertionError):
        check(wrong, values, "lower", 600.0)
