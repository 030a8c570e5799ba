"""Periods and their labels, as the reference packs print them."""

import pytest

from report.periods import Period, oldest_allowed_period, summary_label


def test_month_quarter_and_year_parse_to_their_last_month():
    assert Period.parse("2019-03").code == "2019-03"
    q = Period.parse("2019/20 Q2")
    assert (q.month_name, q.year, q.quarter, q.short) == ("September", 2019, 2, "Q2")
    fy = Period.parse("2018/19")
    assert (fy.month_name, fy.year, fy.long) == ("March", 2019, "2018/19")


@pytest.mark.parametrize("text", ["2019-13", "2019/21", "2019/20 Q5", "Oct 2019", "2019-1"])
def test_malformed_periods_say_what_is_expected(text):
    with pytest.raises(ValueError) as raised:
        Period.parse(text)
    assert text in str(raised.value)


def test_q1_is_april_to_june():
    assert Period.parse("2019-04").quarter == 1
    assert Period.parse("2019-06").quarter == 1
    assert Period.parse("2020-03").quarter == 4
    assert Period.parse("2020-03").fy_label == "2019/20"


def test_summary_labels_from_the_reference_packs():
    # q4-2019: data to March -> "Q4 performance"; m2-2019: data to August -> "M2 performance"
    assert summary_label(Period.parse("2019-03"), "quarter") == "Q4"
    # the same style in the months between quarter ends: no switch by hand each month
    assert [summary_label(Period.parse(f"2019-{m:02d}"), "quarter") for m in range(4, 10)] == [
        "M1", "M2", "Q1", "M1", "M2", "Q2"]
    assert summary_label(Period.parse("2019-08"), "month-of-quarter") == "M2"
    assert summary_label(Period.parse("2019-10"), "month") == "October"


def test_latest_complete_period_of_each_frequency():
    october = Period.parse("2019-10")
    assert october.latest_complete("monthly").code == "2019-10"
    assert october.latest_complete("quarterly").code == "2019/20 Q2"
    assert october.latest_complete("annual").code == "2018/19"
    march = Period.parse("2019-03")
    assert march.latest_complete("quarterly").code == "2018/19 Q4"
    assert march.latest_complete("annual").code == "2018/19"


class _Measure:
    def __init__(self, frequency, release_lag):
        self.frequency, self.release_lag = frequency, release_lag


def test_release_lag_counts_back_from_the_data_period():
    march = Period.parse("2019-03")
    assert oldest_allowed_period(march, _Measure("monthly", 0)).code == "2019-03"
    assert oldest_allowed_period(march, _Measure("monthly", 1)).code == "2019-02"
    # ASCOF survey results publish about six months after the year ends
    assert oldest_allowed_period(march, _Measure("annual", 6)).code == "2017/18"


def test_shift_previous_and_year_end():
    assert Period.parse("2019-01").previous().code == "2018-12"
    assert Period.parse("2019/20 Q1").previous().code == "2018/19 Q4"
    assert Period.parse("2019-10").fy_end().code == "2020-03"
    assert Period.parse("2019-10").axis == "Oct 19"
