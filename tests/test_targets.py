"""Target profiles across financial years: the end-of-year target is that of the year of
the data, and a profile that stops short is found by validation, not by a crash."""

from __future__ import annotations

from report.compute.pack import eoy_target_for, target_for
from report.inputs.crosscheck import target_gaps
from report.inputs.schema import Measure
from report.periods import Period

BASE = dict(id="dtoc", number=1, theme="t", title="DToC", short_name="DToC",
            description="d", unit="rate", polarity="lower", source="s", owner="o",
            responsible_officer="r")


def measure(**changes) -> Measure:
    return Measure.model_validate({**BASE, **changes})


TWO_YEARS = {"2019-02": 8.0, "2019-03": 7.95, "2019-04": 7.9, "2019-05": 7.85,
             "2020-03": 7.5}


def test_the_end_of_year_target_is_that_of_the_data_s_financial_year():
    dtoc = measure(target=TWO_YEARS)
    assert eoy_target_for(dtoc, Period.parse("2019-03")) == 7.95
    assert eoy_target_for(dtoc, Period.parse("2019-04")) == 7.5  # the new year's, not 7.95
    assert target_for(dtoc, Period.parse("2019-04")) == 7.9


def test_a_single_target_keeps_its_eoy_target():
    assert eoy_target_for(measure(target=80, eoy_target=85), Period.parse("2019-04")) == 85
    assert eoy_target_for(measure(target=80), Period.parse("2019-04")) == 80


def test_a_profile_that_stops_at_march_names_the_missing_month():
    dtoc = measure(target={"2018-04": 8.6, "2019-03": 7.95})
    assert target_gaps(dtoc, Period.parse("2019-03")) == []
    assert target_gaps(dtoc, Period.parse("2019-04")) == [
        "has no target for 2019-04 (the profile ends at 2019-03; add the 2019/20 targets)"]


def test_a_profile_without_its_year_end_names_the_year_end():
    dtoc = measure(target={"2019-03": 7.95, "2019-04": 7.9})
    assert target_gaps(dtoc, Period.parse("2019-04")) == [
        ("has no target for 2020-03, the end of 2019/20 (the profile ends at 2019-04; the "
         "end-of-year target is the profile's target for the year's last month: add the rest "
         "of the 2019/20 targets)")]


def test_quarterly_profiles_end_at_q4():
    reablement = measure(frequency="quarterly", target={"2019/20 Q1": 85, "2019/20 Q4": 87})
    assert target_gaps(reablement, Period.parse("2019/20 Q1")) == []
    assert eoy_target_for(reablement, Period.parse("2019/20 Q1")) == 87
    assert target_gaps(reablement, Period.parse("2020/21 Q1"))[0].startswith(
        "has no target for 2020/21 Q1 (the profile ends at 2019/20 Q4")


def test_measures_without_numbers_are_numbered_in_pack_order(pack_copy):
    """The example's measures are numbered 1-15 in pack order already: without any
    `number`, the pack prints the same numbers; a measure added at the end of the first
    theme takes the next number there and the rest move on."""
    import re

    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack

    before = load_pack(pack_copy).numbers
    path = pack_copy / "measures.yaml"
    head, measures = path.read_text(encoding="utf-8").split("\nmeasures:\n")
    path.write_text(head + "\nmeasures:\n" + re.sub(r"\n    number: \d+\n", "\n", measures),
                    encoding="utf-8")
    figures = compute_pack(load_pack(pack_copy))
    assert {m.id: m.number for m in figures.measures.values()} == before
    assert sorted(before.values()) == list(range(1, 16))

    text = path.read_text(encoding="utf-8")
    block = text[text.index("  - id: good_provider"):text.index("  - id: reviews")]
    added = block.replace("id: good_provider", "id: good_provider_2")
    path.write_text(text.replace("  # --- 2.", added + "  # --- 2.", 1), encoding="utf-8")
    with (pack_copy / "data.csv").open("a", encoding="utf-8") as data:
        data.write("good_provider_2,2019-03,80.5,,,\n")
    inputs = load_pack(pack_copy)
    numbers = inputs.numbers
    assert all(m.number is None for m in inputs.measures.measures)  # as read, untouched
    assert numbers["good_provider_2"] == 6  # after the five of theme 1
    assert numbers["direct_payments"] == 7 and numbers["dols_waiting"] == 16
    assert numbers["dtoc"] == 1


def test_a_figure_just_short_of_its_target_is_printed_short_of_it(pack_copy):
    """Reviews at 84.96% against 85.0% is RED, computed at full precision; printed at its
    one decimal place it read "85.0%" against "85.0%" beside RED. It is printed to as
    many more places as show it short: "84.96%"."""
    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack

    data = pack_copy / "data.csv"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "reviews,2019-03,77.6,,7857,10125", "reviews,2019-03,84.96,,,"), encoding="utf-8")
    m = compute_pack(load_pack(pack_copy)).measures["reviews"]
    assert (m.status.word, m.latest.text, m.target.short) == ("RED", "84.96%", "85.0%")
    assert m.latest.with_period == "84.96%"
    other = compute_pack(load_pack(pack_copy)).measures["good_provider"]
    assert other.latest.text == "81.4%"  # a figure that prints apart from its target: as ever
