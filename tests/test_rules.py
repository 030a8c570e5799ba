"""The pack's rules against the facts printed in ../shared/reference/."""

import pytest

from report.compute import format as fmt
from report.compute.rules import (
    competition_ranks,
    direction_of_travel,
    england_difference,
    quartile_position,
    round_half_up,
    signed,
    status,
)


# --- status ----------------------------------------------------------------------------
def test_status_follows_polarity():
    assert status(9.49, 7.95, "lower") == "RED"  # delayed transfers, q4-2019
    assert status(30.2, 30.0, "higher") == "GREEN"  # direct payments, q4-2019
    assert status(77.6, 85.0, "higher") == "RED"  # reviews, q4-2019
    assert status(7.95, 7.95, "lower") == "GREEN"  # met exactly


def test_status_is_amber_within_tolerance_only():
    assert status(6.8, 7.0, "higher", tolerance=0.5) == "AMBER"
    assert status(6.5, 7.0, "higher", tolerance=0.5) == "AMBER"
    assert status(6.49, 7.0, "higher", tolerance=0.5) == "RED"
    assert status(8.2, 7.95, "lower", tolerance=0.25) == "AMBER"
    assert status(6.99, 7.0, "higher") == "RED"  # default tolerance is 0


# --- direction of travel ------------------------------------------------------------------
def test_direction_facts_from_the_spec():
    assert direction_of_travel(9.49, 9.34, "lower", False).text == "Up (Red) 1.6%"
    assert direction_of_travel(76, 75, "higher", False).text == "Up (Green) 1.3%"
    assert direction_of_travel(77.6, 71.5, "higher", True).text == "Up (Green) 6.1 pp"
    # direct payments: reported 29.7, recalculated 29.8, now 30.2 -> from the reported
    assert direction_of_travel(30.2, 29.7, "higher", True).text == "Up (Green) 0.5 pp"
    assert direction_of_travel(1.4033, 1.3, "higher", True).text == "Up (Green) 0.1 pp"


def test_direction_down_static_and_no_polarity():
    assert direction_of_travel(9.0, 9.34, "lower", False).text == "Down (Green) 3.6%"
    assert direction_of_travel(70.0, 71.5, "higher", True).text == "Down (Red) 1.5 pp"
    assert direction_of_travel(75, 75, "higher", False).text == "Static (Amber)"
    # a context measure's move is no better or worse: no colour at all
    context = direction_of_travel(3649, 3466, "none", False)
    assert (context.colour, context.text, context.heading) == (None, "Up 5.3%", "Up")
    assert direction_of_travel(3649, 3649, "none", False).text == "Static"
    # a move too small to print is Static, never "Up 0.0%"
    assert direction_of_travel(1000.2, 1000, "higher", False).direction == "Static"


def test_percentage_point_change_follows_the_measures_decimals():
    # a two-decimal percentage moves 0.05 pp, not 0.1 pp; a whole-number one 1 pp, not 1.0
    assert direction_of_travel(1.504, 1.555, "higher", True, 2).text == "Down (Red) 0.05 pp"
    assert direction_of_travel(72, 71, "higher", True, 0).text == "Up (Green) 1 pp"
    assert direction_of_travel(1.4033, 1.3, "higher", True, 2).text == "Up (Green) 0.10 pp"
    # the facts of the spec, at the measures' one decimal
    assert direction_of_travel(77.6, 71.5, "higher", True, 1).text == "Up (Green) 6.1 pp"
    assert direction_of_travel(30.2, 29.7, "higher", True, 1).text == "Up (Green) 0.5 pp"


def test_change_rounds_half_up_at_the_printed_precision():
    # 0.125 and 0.5 are exact in binary, where Python's own rounding goes to even
    assert direction_of_travel(1.625, 1.5, "higher", True, 2).text == "Up (Green) 0.13 pp"
    assert direction_of_travel(70.0, 70.5, "higher", True, 0).text == "Down (Red) 1 pp"
    assert direction_of_travel(0.25, 0.2, "higher", False).text == "Up (Green) 25.0%"


def test_static_means_rounds_to_zero_at_the_same_precision():
    assert direction_of_travel(1.553, 1.555, "higher", True, 2).direction == "Static"
    assert direction_of_travel(1.545, 1.555, "higher", True, 2).text == "Down (Red) 0.01 pp"
    assert direction_of_travel(70.4, 70.0, "higher", True, 0).text == "Static (Amber)"
    assert direction_of_travel(70.04, 70.0, "higher", True, 1).direction == "Static"
    assert direction_of_travel(70.04, 70.0, "higher", True, 2).text == "Up (Green) 0.04 pp"


def test_relative_change_keeps_one_decimal_whatever_the_decimals():
    # Shared Lives is a whole-number count; its change still prints 1.3%
    assert direction_of_travel(76, 75, "higher", False, 0).text == "Up (Green) 1.3%"
    assert direction_of_travel(9.49, 9.34, "lower", False, 2).text == "Up (Red) 1.6%"
    assert direction_of_travel(1000.2, 1000, "higher", False, 2).direction == "Static"


def test_a_comparison_with_an_earlier_period_names_it():
    change = direction_of_travel(61.9, 65.1, "higher", True, 1, since="2016/17")
    assert change.text == "Down (Red) 3.2 pp since 2016/17"
    assert change.heading == "Down (Red) since 2016/17"
    static = direction_of_travel(61.9, 61.9, "higher", True, 1, since="2016/17")
    assert static.text == "Static (Amber) since 2016/17"
    assert direction_of_travel(61.9, 65.1, "higher", True, 1).heading == "Down (Red)"


def test_change_is_computed_on_full_precision():
    # 9.494 vs 9.336 prints as 9.49 and 9.34 but is a 1.69% change, shown as 1.7%
    assert direction_of_travel(9.494, 9.336, "lower", False).text == "Up (Red) 1.7%"


# --- quartiles -----------------------------------------------------------------------------
def _close(a, b, tolerance=1):
    return abs(a - b) <= tolerance


def test_delayed_transfers_quartile_facts():
    q = quartile_position(9.49, (17.70, 4.90, 2.90, 1.40, 0.00), "lower", 8.4, "Birmingham")
    assert q.current == "4th"
    assert _close(q.next_distance, 38) and _close(q.top_distance, 68)
    printed = {  # q4-2019: label -> (difference, %, beds/day)
        "Worst": (8.21, 86, 69), "3rd": (-4.59, -48, -38), "2nd": (-6.59, -69, -55),
        "1st": (-8.09, -85, -68), "Best": (-9.49, -100, -80)}
    labels = [row.label for row in q.rows]
    assert labels == ["Worst", "Birmingham", "3rd", "2nd", "1st", "Best"]
    for row in q.rows:
        if row.is_council:
            continue
        difference, percent, units = printed[row.label]
        assert round_half_up(row.difference, 2) == difference
        assert _close(round_half_up(row.percent), percent)
        assert _close(row.units, units)


def test_direct_payments_quartile_facts():
    q = quartile_position(30.2, (0.0, 21.7, 28.0, 33.4, 58.3), "higher", 82.5, "Birmingham")
    assert (q.current, q.next_distance, q.top_distance) == ("2nd", 264, 264)
    assert [r.label for r in q.rows] == ["Worst", "3rd", "2nd", "Birmingham", "1st", "Best"]
    printed = {"Worst": (-30.2, -100, -2492), "3rd": (-8.5, -28, -702), "2nd": (-2.2, -7, -182),
               "1st": (3.2, 11, 264), "Best": (28.1, 93, 2319)}
    for row in q.rows:
        if not row.is_council:
            difference, percent, units = printed[row.label]
            assert round_half_up(row.difference, 1) == difference
            assert _close(round_half_up(row.percent), percent)
            assert _close(row.units, units)


def test_learning_disability_employment_quartile_facts():
    q = quartile_position(1.4033, (0.0, 3.2, 5.4, 9.7, 20.2), "higher", 20.5, "Birmingham",
                          decimals=2)
    assert (q.current, q.next_distance, q.top_distance) == ("4th", 37, 170)
    # the page prints 1.40% and a difference of 18.80: 18.80 / 1.40 is 1,343%, where the
    # unrounded 1.4033 would give 1,339%, which no reader of the page could check
    assert [fmt.percent(r.percent) for r in q.rows if not r.is_council] == [
        "-100%", "129%", "286%", "593%", "1,343%"]


def test_a_quartile_percentage_is_the_printed_difference_over_the_printed_value():
    for value, decimals in ((1.4033, 2), (9.4949, 2), (30.249, 1), (76.5, 0)):
        q = quartile_position(value, (0.0, 3.2, 5.4, 9.7, 120.2), "higher", None, "Us",
                              decimals=decimals)
        shown = round_half_up(value, decimals)
        for row in q.rows:
            if not row.is_council:
                difference = round_half_up(row.difference, decimals)
                assert row.percent == pytest.approx(difference / shown * 100), (value, row)


def test_top_quartile_has_no_distance_and_ties_count_as_reached():
    q = quartile_position(33.4, (0.0, 21.7, 28.0, 33.4, 58.3), "higher", 82.5, "Us")
    assert (q.current, q.next_distance, q.top_distance) == ("1st", None, None)
    assert [r.label for r in q.rows] == ["Worst", "3rd", "2nd", "1st", "Us", "Best"]
    worse_than_worst = quartile_position(20.0, (17.7, 4.9, 2.9, 1.4, 0.0), "lower", None, "Us")
    assert [r.label for r in worse_than_worst.rows][0] == "Us"
    assert worse_than_worst.next_distance is None
    assert worse_than_worst.next_difference == pytest.approx(15.1)


# --- ranks --------------------------------------------------------------------------------
def test_ranks_follow_polarity_ties_share_the_best_rank_and_blanks_are_left_out():
    values = {"A": 30.0, "B": 26.8, "C": 26.8, "D": 20.0, "E": None}
    assert competition_ranks(values, "higher") == {"A": 1, "B": 2, "C": 2, "D": 4}
    assert competition_ranks(values, "lower") == {"D": 1, "B": 2, "C": 2, "A": 4}
    assert competition_ranks(values, "none") == {}


# --- England difference -----------------------------------------------------------------
# (latest value, ENG, DIFF as printed) of each table row of
# sept-2022-performance-analysis.txt that has a DIFF, in the order the pack prints them.
ANALYSIS_ROWS = [
    (93.62, 92.2, "+1.42"), (14.04, 26.6, "-12.56"), (72.06, 79.2, "-7.14"),
    (41.67, 67.1, "-25.43"), (34.31, 34.1, "+0.21"), (79.41, 91.0, "-11.59"),
    (113.0, 146.0, "-33"), (124.0, 153.0, "-29"), (3.73, 5.1, "-1.37"),
    (76.76, 78.3, "-1.54"), (7.78, 9.0, "+1.22"), (63.33, 58.0, "+5.33"),
]


def test_england_differences_match_the_analysis_pack_except_its_typing_error():
    wrong = []
    for latest, england, printed in ANALYSIS_ROWS:
        decimals = len(printed.split(".")[1]) if "." in printed else 0
        if signed(england_difference(latest, england), decimals) != printed:
            wrong.append((latest, england, printed))
    # The one typing error the SPEC names: 7.78 vs England 9.0 printed as "+1.22"
    assert wrong == [(7.78, 9.0, "+1.22")]
    assert signed(england_difference(7.78, 9.0), 2) == "-1.22"


def test_a_figure_that_rounds_to_zero_has_no_minus_sign():
    assert fmt.number(-0.04, 1) == "0.0"
    assert fmt.number(-0.0, 0) == "0"
    assert fmt.value(-0.004, "percent", 2) == "0.00%"
    assert fmt.value(-0.4, "count", 0) == "0"
    assert fmt.percent(-0.4) == "0%"
    # only the figures that round to zero: the rest keep their sign, rounded half up
    assert fmt.number(-0.05, 1) == "-0.1"
    assert fmt.number(-1234.56, 1) == "-1,234.6"
    assert fmt.percent(-99.5) == "-100%"
    q = quartile_position(30.0004, (0.0, 21.7, 28.0, 30.0, 58.3), "higher", 82.5, "Council")
    assert [fmt.number(r.difference, 1) for r in q.rows if r.label == "1st"] == ["0.0"]


def test_a_chart_label_that_rounds_to_zero_has_no_minus_sign():
    from report.charts.draw import _fmt

    assert _fmt(-1e-17, {"decimals": 1, "unit": "percent"}) == "0.0%"  # a tick matplotlib placed
    assert _fmt(-2.5, {"decimals": 1, "unit": "rate"}) == "-2.5"


def test_signed_never_prints_minus_zero():
    assert signed(-0.001, 2) == "0.00"
    assert signed(1.425, 2) == "+1.43"


def test_extreme_values_round_without_error():
    # found by the property test: a change from 6.9e-159 is astronomically large
    change = direction_of_travel(9.49, 6.859130654557028e-159, "lower", False)
    assert change.direction == "Up" and change.colour == "Red"
    assert round_half_up(1e200, 1) == 1e200
    assert round_half_up(float("inf")) == float("inf")


def test_chart_labels_round_as_the_pack_does():
    # a chart once printed 2.67 beside a tile's 2.68: one rounding rule everywhere
    from report.charts.draw import _fmt

    for value, unit, decimals in ((2.675, "rate", 2), (0.125, "percent", 2), (1204.5, "count", 0),
                                  (-0.04, "percent", 1)):
        assert _fmt(value, {"unit": unit, "decimals": decimals}) == fmt.value(value, unit,
                                                                               decimals)
    assert _fmt(2.675, {"unit": "rate", "decimals": 2}) == "2.68"
    import numpy  # matplotlib hands the tick formatter numpy floats

    assert _fmt(numpy.float64(2.675), {"unit": "rate", "decimals": 2}) == "2.68"
