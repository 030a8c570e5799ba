"""Limits that fit: a sustained shift to the latest point is found and suggested as a
rebase (at the event that explains it, where there is one), and no assurance verdict is
read from limits the process has left, or that the latest point contradicts."""

from __future__ import annotations

from report.compute import format as fmt
from report.compute.spc import Event, Rebase, SpcSettings, measure_spc
from report.periods import Period

# 14 months around 10, then a step down to around 6 for 10 months, to the latest point
STEADY = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10.5, 9.5, 11, 10, 9]
STEP_DOWN = STEADY + [6, 7, 5, 6, 6.5, 5.5, 6, 7, 6, 5]


def spc(values, polarity="lower", target=None, targets=None, **settings):
    first = Period.month(2017, 4)
    points = [(first.shift(i), v) for i, v in enumerate(values)]
    return measure_spc(points, polarity, target, SpcSettings(**settings),
                       lambda v: fmt.value(v, "rate", 1), targets=targets)


def test_a_shift_with_no_event_is_suggested_from_its_first_point():
    result = spc(STEP_DOWN, target=5.5)
    shift = result.shift
    assert (shift.rule, shift.side, shift.start, shift.points) == ("shift", "below",
                                                                   "2018-06", 10)
    assert shift.suggestion == ("10 months below the mean since June 2018: consider "
                                "recalculating the limits from 2018-06 (add a rebase with "
                                "its reason)")
    # the limits from all 24 months put the 5.5 target below the lower limit (a "fail"),
    # but the process has moved: no verdict from them
    assert result.assurance is None and result.assurance_reason is None
    assert result.assurance_withheld == (
        "the process has moved down since June 2018 (10 months below the mean); 3 of the "
        "10 months since then meet the target, the latest included; the limits are due to "
        "be recalculated, so no assurance is read from them")
    assert result.variation == "improvement_low"  # the variation icon is the rule set's


def test_a_shift_starting_at_an_event_is_suggested_at_the_event():
    events = (Event("2018-05", "New review team"),)
    shift = spc(STEP_DOWN, target=5.5, events=events).shift
    assert shift.event == Event("2018-05", "New review team")
    assert shift.suggestion == (
        "10 months below the mean since June 2018, which the event \u201cNew review "
        "team\u201d (May 2018) may explain: consider recalculating the limits from 2018-05 "
        "(add rebase: true and its reason to that event)")
    far = (Event("2017-10", "Office move"),)  # well before the shift explains nothing
    assert spc(STEP_DOWN, events=far).shift.event is None


def test_the_rebase_once_made_ends_the_suggestion():
    rebased = spc(STEP_DOWN, target=5.5, rebases=(Rebase("2018-06", "new review team"),))
    assert rebased.shift is None
    assert rebased.icons_reason == ("only 10 months since the rebase in Jun 2018; the icons "
                                    "need at least 13")


def test_a_trend_to_the_last_point():
    values = STEADY + [10.2, 10.8, 11.3, 11.9, 12.4, 13.0, 13.1, 13.6]
    result = spc(values, polarity="higher", target=11)
    shift = result.shift
    assert (shift.rule, shift.side, shift.start, shift.points) == ("trend", "increasing",
                                                                   "2018-05", 9)
    assert shift.suggestion.startswith("9 months in a row rising since May 2018: ")
    assert result.assurance is None
    assert "moved up since May 2018" in result.assurance_withheld


def test_a_shift_that_has_ended_suggests_nothing():
    values = STEADY[:6] + [6, 7, 5, 6, 6.5, 5.5, 6, 7] + STEADY
    result = spc(values, target=15)
    assert result.shift is None
    assert "7 points in a row" not in (result.variation_reason or "")
    assert result.assurance == "pass"  # the limits fit the latest points: a verdict
    assert result.assurance_withheld is None


def test_a_run_too_short_is_not_a_shift():
    assert spc(STEADY + [6, 7, 5, 6, 6.5, 5.5]).shift is None  # 6 of the 7 a run needs
    assert spc(STEADY + [6, 7, 5, 6, 6.5, 5.5], run_length=6,
               rule_set="mdc-2023").shift.points == 6


def test_a_latest_point_beyond_the_limits_against_their_verdict_gets_none():
    # limits around 10 fail a 15 target (higher is better); a single 20 meets it
    result = spc(STEADY + [10, 20], polarity="higher", target=15)
    assert result.shift is None
    assert result.assurance is None
    assert result.assurance_withheld.startswith("the latest point, 20.0, is beyond the "
                                                "process limits (")
    assert result.assurance_withheld.endswith(") and meets the 15.0 target they put out of "
                                              "reach: too soon to say whether the process "
                                              "has moved")
    # where the latest point agrees with the verdict, it stands
    assert spc(STEADY + [10, 11], polarity="higher", target=15).assurance == "fail"


def test_each_period_is_held_to_its_own_target():
    first = Period.month(2017, 4)
    profile = {first.shift(i): (11.0 if i < 20 else 5.0) for i in range(len(STEP_DOWN))}
    result = spc(STEP_DOWN, target=5.0, targets=profile)
    # June 2018 to Oct 2018 meet 11.0; Nov 2018 to Mar 2019 against 5.0: only the last
    assert (result.shift.met, result.shift.judged, result.shift.latest_met) == (7, 10, True)


def test_the_example_suggests_rebases_where_the_process_has_moved(example_figures):
    shifts = {m.id: m.spc.shift.suggestion for m in example_figures.in_order()
              if m.spc is not None and m.spc.shift is not None}
    assert shifts["dtoc"] == ("11 months below the mean since April 2018: consider "
                              "recalculating the limits from 2018-04 (add a rebase with its "
                              "reason)")
    for green in ("long_term_admissions", "direct_payments", "dols_waiting"):
        m = example_figures.measures[green]
        assert m.status.word == "GREEN" and m.spc.assurance is None
        assert "will not meet" not in m.reading.line + m.spc.alt
        assert not [f for f in m.reading.flags if f.kind == "green_failing"]
        assert "the latest included" in m.spc.assurance_withheld


DTOC_SUGGESTION = ("dtoc: 11 months below the mean since April 2018: consider recalculating "
                   "the limits from 2018-04 (add a rebase with its reason)")


def test_validate_and_the_build_suggest_each_rebase_in_full(pack_copy, capsys):
    from report.cli import main

    assert main(["validate", str(pack_copy)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"warning: pack/measures.yaml:18: {DTOC_SUGGESTION}" in err
    # the event that explains DoLS waiting's shift is named, at its own line
    assert ("warning: pack/measures.yaml:365: dols_waiting: 11 months below the mean since "
            "the event \u201cTwo more Best Interests Assessors\u201d in May 2018: consider "
            "recalculating the limits from 2018-05 (add rebase: true and its reason to that "
            "event)") in err
    assert main(["build", str(pack_copy), "-o", "out", "--figures-only"]) == 0
    assert f"warning: pack/measures.yaml:18: {DTOC_SUGGESTION}" in capsys.readouterr().err


def test_status_lists_the_rebases_to_consider_and_a_rebase_ends_one(pack_copy, capsys):
    from report.cli import main

    assert main(["status", str(pack_copy)]) == 0
    out = capsys.readouterr().out
    assert "SPC rebases to consider (the process has left its limits): dtoc 2018-04," in out
    assert "dols_waiting 2018-05" in " ".join(out.split())
    measures = pack_copy / "measures.yaml"
    measures.write_text(measures.read_text(encoding="utf-8").replace(
        '{period: "2018-05", label: "Two more Best Interests Assessors"}',
        '{period: "2018-05", label: "Two more Best Interests Assessors", rebase: true, '
        'reason: "Assessor capacity doubled"}'), encoding="utf-8")
    assert main(["status", str(pack_copy)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "dtoc 2018-04" in out and "dols_waiting" not in out


def test_the_example_readings_say_where_the_process_has_moved(example_figures):
    lines = {i: example_figures.measures[i].reading.line
             for i in ("dtoc", "long_term_admissions", "mh_employment", "ld_employment")}
    assert lines == {
        "dtoc": "RED against the 7.95 target; Up (Red) 1.6%; SPC improvement, lower; moved "
                "down since April 2018, limits due to be recalculated; 4th national quartile",
        "long_term_admissions": "GREEN against the 600.0 target; Down (Green) 0.7%; SPC "
                                "improvement, lower; moved down since May 2018, limits due "
                                "to be recalculated; 3rd national quartile",
        "mh_employment": "AMBER against the 7.0% target; Down (Red) 0.1 pp; SPC improvement, "
                         "higher; moved up since June 2018, limits due to be recalculated; "
                         "2nd national quartile",
        # its limits still fit its latest points: the rule set's verdict stands
        "ld_employment": "RED against the 2.00% target; Up (Green) 0.10 pp; SPC improvement, "
                         "higher; fails the target; 4th national quartile"}
    noted = {m.id: [f.kind for f in m.reading.flags] for m in example_figures.in_order()
             if m.reading.flags}
    # DToC's "much improved on last year" is about the year, and true: not flagged
    assert noted == {"dtoc": ["red_improving"], "shared_lives": ["red_improving"],
                     "ld_employment": ["red_improving"], "ld_own_home": ["red_improving"]}
