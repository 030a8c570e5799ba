"""SPC: hand-worked cases, the reference package's own test expectations (NHSRplotthedots
0.2.2, tests/testthat and its snapshots) and the example pack's monthly series."""

from __future__ import annotations

import pytest
from r_random import RRandom

from report.compute import format as fmt
from report.compute.spc import (
    Limits,
    Rebase,
    SpcSettings,
    assurance,
    measure_spc,
    part_of_run,
    part_of_two_in_three,
    shift_flags,
    special_causes,
    trend_flags,
    two_in_three,
    xmr_limits,
)
from report.periods import Period, span_label


def monthly(values, start=(2018, 1)):
    first = Period.month(*start)
    return [(first.shift(i), v) for i, v in enumerate(values)]


def spc(values, polarity="higher", target=None, start=(2018, 1), **settings):
    return measure_spc(monthly(values, start), polarity, target, SpcSettings(**settings),
                       lambda v: fmt.value(v, "count", 1))


def types(result):
    return [p.point_type for p in result.points]


# -- the reference package's tests (test-ptd_calculate_point_type.R) -----------------------
def test_package_seven_point_one_side_mean():
    assert shift_flags([]) == []
    assert shift_flags([1] * 6) == [0] * 6
    assert shift_flags([1] * 6 + [-1]) == [0] * 7
    assert shift_flags([1] * 8 + [-1]) == [0] * 6 + [1, 1, 0]
    assert shift_flags([-1] * 8 + [1]) == [0] * 6 + [1, 1, 0]


def test_package_part_of_seven_trend():
    assert part_of_run([]) == []
    assert part_of_run([0] * 6) == [0] * 6
    assert part_of_run([0] * 6 + [1, 0]) == [1] * 7 + [0]
    assert part_of_run([0] * 7 + [1, 0]) == [0] + [1] * 7 + [0]
    assert part_of_run([0] * 6 + [-1, 0]) == [1] * 7 + [0]
    assert part_of_run([0] * 7 + [-1, 0]) == [0] + [1] * 7 + [0]


def test_package_seven_point_trend():
    assert trend_flags([]) == []
    assert trend_flags(list(range(1, 7))) == [0] * 6
    assert trend_flags([1, 2, 3, 3, 4, 5, 6]) == [0] * 7  # a tie breaks the run
    assert trend_flags(list(range(1, 8))) == [0] * 6 + [1]
    assert trend_flags([2, *range(1, 8), 3]) == [0] * 7 + [1, 0]
    assert trend_flags(list(range(7, 0, -1))) == [0] * 6 + [-1]
    assert trend_flags([2, *range(7, 0, -1), 3]) == [0] * 7 + [-1, 0]


def test_package_two_in_three():
    assert two_in_three([], []) == []
    assert two_in_three([1, 0, 1], [1, 1, 1]) == two_in_three([0, 1, 1], [1, 1, 1]) \
        == two_in_three([1, 1, 0], [1, 1, 1]) == [1, 1, 1]
    assert two_in_three([0, 0, 1, 0, 1, 0, 0], [1] * 7) == [0, 0, 1, 1, 1, 0, 0]
    assert two_in_three([0, 0, 1, 1, 0, 0, 0], [1] * 7) == [0, 1, 1, 1, 1, 0, 0]


def test_package_two_in_three_on_opposite_sides_of_the_mean():
    for beyond in ([1, 0, 1], [0, 1, 1], [1, 1, 0]):
        assert two_in_three(beyond, [1, -1, 1]) == [0, 0, 0]
    assert two_in_three([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1]) == [0] * 7
    assert two_in_three([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1]) == [0] * 7


@pytest.mark.parametrize("beyond, expected", [
    ([1, 0, 1], [1, 0, 1]), ([0, 1, 1], [0, 1, 1]), ([1, 1, 0], [1, 1, 0]),
    ([0, 0, 1, 0, 1, 0, 0], [0, 0, 1, 0, 1, 0, 0]), ([1, 0, 0, 1], [0, 0, 0, 0]),
    ([1, 0, 0, 1, 1], [0, 0, 0, 1, 1]),
])
def test_package_part_of_two_in_three(beyond, expected):
    windows = two_in_three(beyond, [1] * len(beyond))
    assert part_of_two_in_three(windows, beyond) == expected


# -- test-ptd_spc_standard.R and its snapshot ----------------------------------------------
def rnorm_20():
    return RRandom(123).rnorm(20)


def test_the_r_generator_reproduces_the_package_data():
    assert [round(v, 8) for v in rnorm_20()[:4]] == [-0.56047565, -0.23017749, 1.55870831,
                                                     0.07050839]


def test_package_limits_snapshot():
    y = rnorm_20()
    r1 = xmr_limits(y)
    assert (round(r1.mean, 7), round(r1.lower, 5), round(r1.upper, 6)) == (
        0.1416238, -3.01138, 3.294627)
    relative = [1 if v > r1.mean else -1 for v in y]
    assert relative[:15] == [-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]

    y[14] = 10
    r2 = xmr_limits(y)
    assert (round(r2.mean, 7), round(r2.lower, 6), round(r2.upper, 6)) == (
        0.6694159, -2.383666, 3.722497)
    assert r2.screened == 2  # the two ranges either side of the 10
    r3 = xmr_limits(y, screen_outliers=False)
    assert (round(r3.mean, 7), round(r3.lower, 6), round(r3.upper, 6)) == (
        0.6694159, -4.596625, 5.935457)
    assert r3.upper - r3.lower > r2.upper - r2.lower
    assert len({r1.lower, r2.lower, r3.lower}) == 3


def test_package_fixing_after_12_points_changes_the_limits():
    y = rnorm_20()
    assert xmr_limits(y, 12).lower != xmr_limits(y).lower
    assert xmr_limits(y, 12).mean == pytest.approx(sum(y[:12]) / 12)


def test_package_two_of_three_needs_one_side_of_the_mean():
    values = [1, -1] * 8
    values[14], values[15] = 5.5, -5.5
    assert types(spc(values))[-2:] == ["common_cause", "common_cause"]


def test_package_summary_snapshot():
    """summary(): every point common cause; the facets' limits (10 points each)."""
    y = rnorm_20()
    whole = spc(y, target=0.5)
    assert set(types(whole)) == {"common_cause"}
    assert whole.variation == "common_cause" and whole.assurance == "hit_and_miss"
    first, second = xmr_limits(y[:10]), xmr_limits(y[10:])
    assert (round(first.mean, 4), round(first.lower, 2), round(first.upper, 2)) == (
        0.0746, -2.60, 2.75)
    assert (round(second.mean, 3), round(second.lower, 2), round(second.upper, 2)) == (
        0.209, -3.28, 3.70)


def test_package_rebase_splits_the_groups():
    rebased = spc(rnorm_20(), rebases=(Rebase("2018-11", "new counting rules"),))
    assert [p.group for p in rebased.points] == [0] * 10 + [1] * 10
    assert [(g.start, g.points, g.rebase_reason) for g in rebased.groups] == [
        ("2018-01", 10, None), ("2018-11", 10, "new counting rules")]
    assert rebased.groups[1].mean == pytest.approx(sum(rnorm_20()[10:]) / 10)


# -- test-ptd_calculate_assurance_type.R ---------------------------------------------------
LIMITS_ABC = [Limits(2, 1, 0, 1, 3, None, None), Limits(6, 1, 0, 5, 7, None, None),
              Limits(4, 1, 0, 1, 5, None, None)]


@pytest.mark.parametrize("polarity, expected", [
    ("higher", ["fail", "pass", "hit_and_miss"]),
    ("lower", ["pass", "fail", "hit_and_miss"]),
    ("none", [None, None, None]),
])
def test_package_assurance(polarity, expected):
    assert [assurance(4, limits, polarity) for limits in LIMITS_ABC] == expected


def test_package_assurance_without_a_target():
    assert assurance(None, LIMITS_ABC[0], "higher") is None


def test_package_assurance_uses_the_latest_period_of_limits():
    # the latest limits decide: rows in order (1, 2, 3), (2, 3, 1) and (3, 1, 2)
    a, b, c = LIMITS_ABC
    assert [assurance(4, last, "lower") for last in (c, a, b)] == [
        "hit_and_miss", "pass", "fail"]


# -- test-geom_ptd_icon.R: ptd_get_icons ---------------------------------------------------
def test_package_icons():
    generator = RRandom(123)
    y = generator.rnorm(24)
    everything = dict(minimum_points=2)  # the package test sets the warning threshold to 0
    assert spc(y, **everything).variation == "common_cause"
    with_target = spc(y, target=0.5, **everything)
    assert (with_target.variation, with_target.assurance) == ("common_cause", "hit_and_miss")
    for half in (y[:12], y[12:]):
        faceted = spc(half, target=0.5, **everything)
        assert (faceted.variation, faceted.assurance) == ("common_cause", "hit_and_miss")

    # The package reads the assurance from limits the last 12 points have left; the pack
    # gives the package's verdict (`assurance`) no icon there and says the process moved.
    y[12:] = generator.rnorm(12, 5)
    up = spc(y, target=-3)
    assert (up.variation, _package_assurance(up, -3, "higher")) == ("improvement_high", "pass")
    down = spc(y, polarity="lower", target=-3)
    assert (down.variation, _package_assurance(down, -3, "lower")) == ("concern_high", "fail")
    assert (up.assurance, down.assurance, up.shift.side) == (None, None, "above")

    y[12:] = generator.rnorm(12, -5)
    up = spc(y, target=3)
    assert (up.variation, _package_assurance(up, 3, "higher")) == ("concern_low", "fail")
    down = spc(y, polarity="lower", target=3)
    assert (down.variation, _package_assurance(down, 3, "lower")) == ("improvement_low", "pass")
    neutral = spc(y, polarity="none", target=3)
    assert (neutral.variation, neutral.assurance) == ("neutral_low", None)


def _package_assurance(result, target, polarity):
    g = result.groups[-1]
    return assurance(target, Limits(g.mean, g.moving_range, g.screened, g.lower_limit,
                                    g.upper_limit, None, None), polarity)


# -- hand-worked cases ---------------------------------------------------------------------
def test_limits_by_hand_with_a_screened_range():
    values = [10, 12, 10, 12, 10, 30, 10, 12, 10, 12, 10, 12, 10]
    limits = xmr_limits(values)
    # ranges: ten of 2 and two of 20, average 60/12 = 5; 20 >= 3.267 x 5, so both go: 2
    assert limits.screened == 2 and limits.moving_range == 2
    assert limits.mean == pytest.approx(160 / 13)
    assert limits.upper == pytest.approx(160 / 13 + 5.32)
    assert limits.lower_two_sigma == pytest.approx(160 / 13 - 2 * 2.66 / 3 * 2)
    assert xmr_limits(values, screen_outliers=False).moving_range == 5
    result = spc(values)
    assert types(result)[5] == "special_cause_improvement"
    assert result.points[5].reason == "above the upper process limit (Jun 2018)"


def test_a_point_beyond_the_limits_comes_before_a_run():
    values = [10, 11, 10, 11, 10, 11, 10, 11, 14, 14, 14, 14, 14, 14, 30]
    result = spc(values)
    assert result.points[-1].rule == "outside_limits"
    assert [p.rule for p in result.points[8:14]] == ["shift"] * 6


def test_a_tie_breaks_a_trend():
    base = [10, 12] * 3
    rising = base + [10.2, 10.4, 10.6, 10.8, 11.0, 11.2, 11.4] + base
    assert [p.rule for p in spc(rising).points] == [None] * 6 + ["trend"] * 7 + [None] * 6
    assert spc(rising).points[6].reason == "7 points in a row rising (Jul 2018\u2013Jan 2019)"
    tied = base + [10.2, 10.4, 10.4, 10.6, 10.8, 11.0, 11.2] + base
    assert "trend" not in [p.rule for p in spc(tied).points]



def test_a_point_exactly_on_the_mean_breaks_a_shift():
    values = [0, 10] * 3 + [7, 7, 7, 5, 7, 7, 7] + [3] * 6
    assert xmr_limits(values).mean == 5  # 95 / 19
    assert "shift" not in [p.rule for p in spc(values).points]
    values[9] = 6  # now above the mean: the 10 before and the seven after make eight
    result = spc(values)
    assert [p.rule for p in result.points][5:13] == ["shift"] * 8
    assert result.points[9].reason == "8 points in a row above the mean (Jun 2018\u2013Jan 2019)"


def test_top_of_a_rise_then_a_fall_takes_the_fall():
    values = [0, 12] * 3 + [4, 5, 6, 7, 8, 9, 10, 9, 8, 7, 6, 5, 4] + [12, 0] * 3
    result = spc(values)
    assert [p.side for p in result.points[6:19]] == ["increasing"] * 6 + ["decreasing"] * 7
    assert result.points[11].reason == "7 points in a row rising (Jul 2018\u2013Jan 2019)"
    assert result.points[12].reason == "7 points in a row falling (Jan\u2013Jul 2019)"


def test_two_of_three_beyond_the_two_sigma_line():
    values = [10, 11] * 6 + [13.5, 10.9, 13.5] + [10, 11] * 2
    limits = xmr_limits(values)  # mean 205.9 / 19, average moving range 25.2 / 18 = 1.4
    assert limits.moving_range == pytest.approx(1.4)
    assert limits.upper_two_sigma < 13.5 < limits.upper and 10.9 > limits.mean
    result = spc(values)
    assert [p.rule for p in result.points[12:15]] == ["two_of_three", None, "two_of_three"]
    assert result.points[12].reason == result.points[14].reason == (
        "2 of 3 points beyond the upper 2-sigma line (Jan\u2013Mar 2019)")


def test_mdc_2023_counts_points_beyond_the_limits_towards_two_of_three():
    values = [10, 11] * 6 + [14, 12.5, 30] + [10, 11] * 2
    limits = xmr_limits(values)
    assert limits.upper_two_sigma < 14 < limits.upper < 30 and 12.5 > limits.mean
    nhsr, mdc = spc(values), spc(values, rule_set="mdc-2023")
    assert nhsr.points[12].rule is None  # the package counts only points inside the limits
    assert mdc.points[12].rule == "two_of_three"
    assert mdc.points[12].reason == ("2 of 3 points beyond the upper 2-sigma line "
                                     "(Jan\u2013Mar 2019)")
    assert nhsr.points[14].rule == mdc.points[14].rule == "outside_limits"


def test_run_length_six():
    values = [13, 9] * 4 + [12] * 6 + [9, 13] * 2
    assert set(p.rule for p in spc(values).points) == {None}
    six = spc(values, rule_set="mdc-2023", run_length=6)
    assert [p.rule for p in six.points[8:14]] == ["shift"] * 6
    assert six.points[8].reason == "6 points in a row above the mean (Sep 2018–Feb 2019)"


def test_fix_after_n_points_keeps_the_baseline():
    values = [10, 11] * 6 + [20, 21] * 4
    fixed = spc(values, fix_after_n_points=12)
    assert fixed.groups[0].baseline == 12 and fixed.groups[0].mean == 10.5
    assert fixed.groups[0].upper_limit == pytest.approx(10.5 + 2.66)
    assert types(fixed)[-1] == "special_cause_improvement"
    assert fixed.variation_reason == "above the upper process limit (Aug 2019)"


def test_too_few_points_and_too_short_after_a_rebase():
    short = spc([1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2], target=2)
    assert short.variation is None and short.assurance is None
    assert short.icons_reason == ("only 12 months of data, Jan\u2013Dec 2018; the icons need at "
                                  "least 13")
    assert short.groups[0].upper_limit is not None  # trial limits are still worked out

    values = [1, 2, 3, 2] * 5
    rebased = spc(values, target=2, rebases=(Rebase("2019-03", "new definition"),))
    assert rebased.variation is None
    assert rebased.icons_reason == ("only 6 months since the rebase in Mar 2019; the icons "
                                    "need at least 13")
    assert spc(values, target=2).variation == "common_cause"


def test_neutral_measures_have_no_assurance():
    values = [10, 11] * 7 + [20]
    result = spc(values, polarity="none", target=None)
    assert (result.variation, result.variation_letter, result.assurance) == (
        "neutral_high", "H", None)
    assert types(result)[-1] == "special_cause_neutral_high"


def test_assurance_at_the_limit_is_hit_and_miss():
    limits = Limits(10, 1, 0, 7.34, 12.66, None, None)
    assert assurance(12.66, limits, "higher") == "hit_and_miss"
    assert assurance(12.67, limits, "higher") == "fail"
    assert assurance(7.33, limits, "lower") == "fail"


def test_a_constant_series_has_no_limits():
    result = spc([5] * 14, target=6)
    assert result.groups[0].upper_limit is None and set(types(result)) == {"common_cause"}
    # the package compares the target with NaN limits: neither above nor below
    assert result.assurance == "hit_and_miss"


def test_reasons_name_their_periods():
    assert span_label(Period.parse("2018-05"), Period.parse("2018-11")) == "May\u2013Nov 2018"
    assert span_label(Period.parse("2018-11"), Period.parse("2019-05")) == \
        "Nov 2018\u2013May 2019"
    assert span_label(Period.parse("2019-02"), Period.parse("2019-02")) == "Feb 2019"
    assert span_label(Period.parse("2018/19 Q1"), Period.parse("2018/19 Q3")) == \
        "Q1\u2013Q3 2018/19"
    assert span_label(Period.parse("2017/18 Q4"), Period.parse("2018/19 Q2")) == \
        "Q4 2017/18\u2013Q2 2018/19"
    assert span_label(Period.parse("2015/16"), Period.parse("2018/19")) == "2015/16\u20132018/19"


# -- the example pack's monthly series -----------------------------------------------------
EXAMPLE_ICONS = {  # measure: (variation, assurance); None where the process has moved
    "dtoc": ("improvement_low", None),
    "good_provider": ("improvement_high", None),
    "reviews": ("concern_low", None),
    "long_term_admissions": ("improvement_low", None),
    "contacts": ("common_cause", None),
    "direct_payments": ("improvement_high", None),
    "shared_lives": ("improvement_high", None),
    "ld_employment": ("improvement_high", "fail"),
    "mh_employment": ("improvement_high", None),
    "ld_own_home": ("improvement_high", None),
    "dols_completed": ("improvement_high", None),
    "dols_waiting": ("improvement_low", None),
}


def test_example_icons(example_figures):
    monthly_ids = [m.id for m in example_figures.in_order() if m.frequency == "monthly"]
    assert sorted(monthly_ids) == sorted(EXAMPLE_ICONS)
    got = {i: (example_figures.measures[i].spc.variation,
               example_figures.measures[i].spc.assurance) for i in monthly_ids}
    assert got == EXAMPLE_ICONS


def test_example_shared_lives_by_hand(example_figures):
    """24 months summing to 1,742; 23 moving ranges summing to 23, none screened."""
    s = example_figures.measures["shared_lives"].spc
    group = s.groups[0]
    assert group.mean == pytest.approx(1742 / 24) and group.moving_range == pytest.approx(1)
    assert (group.lower_limit, group.upper_limit) == pytest.approx((1742 / 24 - 2.66,
                                                                     1742 / 24 + 2.66))
    assert s.signals == (
        "7 points in a row below the mean (Apr\u2013Oct 2017)",
        "2 of 3 points beyond the lower 2-sigma line (Jul\u2013Sep 2017)",
        "below the lower process limit (Aug 2017)",
        "7 points in a row above the mean (Sep 2018\u2013Mar 2019)",
        "above the upper process limit (Mar 2019)",
    )
    assert s.assurance is None and s.assurance_reason is None  # 7 months above the mean
    assert s.assurance_withheld == (
        "the process has moved up since September 2018 (7 months above the mean); none of "
        "the 7 months since then meets the target; the limits are due to be recalculated, "
        "so no assurance is read from them")
    assert (s.variation_text, s.variation_letter) == ("Special cause improvement: higher", "H")


def test_example_reviews_ends_in_a_run_below_the_mean(example_figures):
    s = example_figures.measures["reviews"].spc
    assert s.variation_reason == "9 points in a row below the mean (Jul 2018\u2013Mar 2019)"
    assert s.assurance is None and s.shift.start == "2018-07"


def test_example_quarterly_and_annual_measures_are_too_short(example_figures):
    """The count is what the rule counts, named, and the trend chart beside it (a year
    back) is said to show fewer: "8 quarters" never reads as the chart's 5."""
    reablement = example_figures.measures["reablement_91_days"]
    assert reablement.spc.icons_reason == (
        "only 8 quarters of data, Q1 2017/18\u2013Q4 2018/19, of which the trend chart shows "
        "the latest 5; the icons need at least 13")
    assert sum(p.value is not None for p in reablement.trend.points) == 5
    assert len(reablement.spc.points) == 8
    satisfaction = example_figures.measures["user_satisfaction"]
    assert satisfaction.spc.icons_reason == (  # the chart shows all four
        "only 4 years of data, 2014/15\u20132017/18; the icons need at least 13")
    assert sum(p.value is not None for p in satisfaction.trend.points) == 4


# -- settings from pack.yaml and measures.yaml, through to the figures file ------------------
def test_settings_reach_the_figures_file(pack_copy):
    import json
    from pathlib import Path

    from report.cli import main

    with (pack_copy / "pack.yaml").open("a", encoding="utf-8") as handle:
        handle.write("spc:\n  rule_set: mdc-2023\n  run_length: 6\n")
    measures = pack_copy / "measures.yaml"
    text = measures.read_text(encoding="utf-8")
    own = ("    spc:\n      rule_set: nhsr-0.2.2\n      run_length: 7\n"
           "      fix_after_n_points: 12\n      rebases:\n"
           "        - {period: \"2018-05\", reason: New discharge-to-assess pathway}\n")
    measures.write_text(text.replace("      unit_factor: 8.4\n\n", "      unit_factor: 8.4\n"
                                     + own + "\n", 1), encoding="utf-8")
    assert main(["build", str(pack_copy), "-o", "out", "--figures-only"]) == 0
    figures = json.loads(Path("out/pack.figures.json").read_text(encoding="utf-8"))
    by_id = {m["id"]: m["spc"] for m in figures["measures"]}

    dtoc = by_id["dtoc"]
    assert (dtoc["rule_set"], dtoc["run_length"], dtoc["fix_after_n_points"]) == (
        "nhsr-0.2.2", 7, 12)
    first, second = dtoc["limits"]
    assert (first["start"], first["end"], first["rebase_reason"]) == ("2017-04", "2018-04",
                                                                       None)
    assert (second["start"], second["points"], second["baseline"], second["rebase_reason"]) \
        == ("2018-05", 10, 10, "New discharge-to-assess pathway")
    assert dtoc["variation"] is None and dtoc["assurance"] is None
    assert dtoc["icons_reason"] == ("only 10 months since the rebase in May 2018; the icons "
                                    "need at least 13")
    assert [p["group"] for p in dtoc["points"]].count(1) == 10

    reviews = by_id["reviews"]
    assert (reviews["rule_set"], reviews["run_length"]) == ("mdc-2023", 6)
    assert reviews["variation"] == {
        "icon": "concern_low", "text": "Special cause concern: lower", "letter": "L",
        "reason": "9 points in a row below the mean (Jul 2018\u2013Mar 2019)"}
    assert reviews["assurance"] is None  # 9 months below the mean: the process has moved
    assert reviews["shift"]["start"] == "2018-07"
    point = reviews["points"][-1]
    assert set(point) == {"period", "label", "value", "group", "type", "rule", "side", "reason"}
    assert (point["period"], point["label"], point["type"], point["rule"]) == (
        "2019-03", "Mar 19", "special_cause_concern", "shift")


# -- the rules against a line-by-line transcription of the package's R code ------------------
def _r_sign(x):
    return (x > 0) - (x < 0)


def r_seven_point_one_side_mean(v):
    vp = [0] * 6 + list(v)
    return [int(all(vp[i] == vp[i - k] for k in range(1, 7)) and vp[i] != 0)
            for i in range(6, len(v) + 6)]


def r_part_of_seven_trend(v):
    vp = list(v) + [0] * 6
    return [int(any(abs(vp[i + k]) == 1 for k in range(7))) for i in range(len(v))]


def r_seven_point_trend(y):
    if len(y) < 7:
        return [0] * len(y)
    out = [0] * 6
    for i in range(6, len(y)):
        window = [y[i - k] for k in range(7)]  # y[i - 0:6]
        d = [_r_sign(b - a) * -1 for a, b in zip(window, window[1:])]
        out.append(1 if all(x == 1 for x in d) else -1 if all(x == -1 for x in d) else 0)
    return out


def r_two_in_three(v, rtm):
    vp, rp = [0, 0, *v, 0, 0], [0, 0, *rtm, 0, 0]
    return [int(any(sum(vp[i + k:i + k + 3]) >= 2 and abs(sum(rp[i + k:i + k + 3])) == 3
                    for k in range(3))) for i in range(len(v))]


def r_special_cause_type(y, relative_to_mean, close_to_limits, outside_limits):
    n = len(y)
    part_trend = r_part_of_seven_trend(r_seven_point_trend(y))
    part_two = [int(a == 1 and abs(b) == 1)
                for a, b in zip(r_two_in_three(close_to_limits, relative_to_mean),
                                close_to_limits)]
    part_shift = r_part_of_seven_trend(r_seven_point_one_side_mean(relative_to_mean))
    sdy = [_r_sign(b - a) for a, b in zip(y, y[1:])]
    condition = [bool((part_trend[1:] + [0])[i] and part_trend[i]) for i in range(n)]
    yes, no = sdy + sdy[-1:], [0] + sdy
    sdy = [yes[i] if condition[i] else no[i] for i in range(n)]
    above_or_below = ["Above" if r > 0 else "Below" for r in relative_to_mean]
    out = []
    for i in range(n):
        if outside_limits[i] != 0:
            out.append("Above UCL" if relative_to_mean[i] == 1 else "Below LCL")
        elif part_trend[i] != 0:
            out.append(f"7 Point Trend ({'In' if sdy[i] == 1 else 'De'}creasing)")
        elif part_two[i] != 0:
            out.append(f"2 in 3 {above_or_below[i]} CL")
        elif part_shift[i] != 0:
            out.append(f"7 Points {above_or_below[i]} CL")
        else:
            out.append("Common Cause")
    return out


_PACKAGE_WORDS = {("outside_limits", "above"): "Above UCL",
                  ("outside_limits", "below"): "Below LCL",
                  ("trend", "increasing"): "7 Point Trend (Increasing)",
                  ("trend", "decreasing"): "7 Point Trend (Decreasing)",
                  ("two_of_three", "above"): "2 in 3 Above CL",
                  ("two_of_three", "below"): "2 in 3 Below CL",
                  ("shift", "above"): "7 Points Above CL", ("shift", "below"): "7 Points Below CL",
                  None: "Common Cause"}


def _as_package_words(y):
    limits = xmr_limits(y)
    relative = [_r_sign(v - limits.mean) for v in y]
    if limits.upper is None:
        outside = close = [0] * len(y)
    else:
        outside = [int(v > limits.upper or v < limits.lower) for v in y]
        close = [int(not o and (v < limits.lower_two_sigma or v > limits.upper_two_sigma))
                 for v, o in zip(y, outside)]
    return (r_special_cause_type(y, relative, close, outside),
            [_PACKAGE_WORDS[c] for c in special_causes(y, limits)])


def test_the_rules_match_the_package_on_random_series():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(derandomize=True, max_examples=400, deadline=None)
    @given(st.lists(st.integers(0, 6), min_size=1, max_size=40))
    def check(values):
        package, ours = _as_package_words(values)
        assert ours == package
        assert trend_flags(values) == r_seven_point_trend(values)
        relative = [_r_sign(v - 3) for v in values]
        assert shift_flags(relative) == r_seven_point_one_side_mean(relative)
        flags = r_seven_point_trend(values)
        assert part_of_run(flags) == r_part_of_seven_trend(flags)
        beyond = [int(v in (0, 6)) for v in values]
        assert two_in_three(beyond, relative) == r_two_in_three(beyond, relative)

    check()


def test_long_trends_and_runs_match_the_package():
    rng = RRandom(2023)
    for _ in range(200):
        walk, value = [], 0.0
        for step in rng.rnorm(30):
            value += step + 0.4  # drifting, so runs of 7 and trends are common
            walk.append(round(value, 1))
        package, ours = _as_package_words(walk)
        assert ours == package
