"""The example pack's figures, checked by hand against the reference packs' facts."""

import json


def test_delayed_transfers(example_figures):
    m = example_figures.measures["dtoc"]
    assert (m.latest.text, m.previous.reported_text, m.target.text) == ("9.49", "9.34",
                                                                       "7.95 (EoY 7.95)")
    assert m.status.word == "RED"
    assert m.change.text == "Up (Red) 1.6%"
    assert m.latest.lag_note == "(February data due to release schedule)"
    assert m.latest.with_period == "9.49 (Feb)"
    q = m.benchmarks.quartiles
    assert (q.current, q.top_distance) == ("4th", 68)
    assert abs(q.next_distance - 38) <= 1


def test_direct_payments_uses_the_reported_figure_for_change(example_figures):
    m = example_figures.measures["direct_payments"]
    assert (m.previous.reported_text, m.previous.recalculated_text, m.latest.text) == (
        "29.7%", "29.8%", "30.2%")
    assert m.change.text == "Up (Green) 0.5 pp"
    assert m.status.word == "GREEN"
    q = m.benchmarks.quartiles
    assert (q.current, q.next_distance, q.top_distance) == ("2nd", 264, 264)


def test_reviews_shared_lives_and_ld_employment(example_figures):
    reviews = example_figures.measures["reviews"]
    assert (reviews.latest.text, reviews.change.text, reviews.status.word) == (
        "77.6%", "Up (Green) 6.1 pp", "RED")
    shared = example_figures.measures["shared_lives"]
    assert (shared.latest.text, shared.change.text, shared.target.text) == (
        "76", "Up (Green) 1.3%", "140 (EoY 140)")
    ld = example_figures.measures["ld_employment"]
    assert ld.latest.text == "1.40%"
    q = ld.benchmarks.quartiles
    assert (q.current, q.next_distance, q.top_distance) == ("4th", 37, 170)


def test_pack_labels_are_derived(example_figures):
    assert example_figures.full_title == "Cabinet Scorecard \u2013 April 2019"
    assert example_figures.summary_label == "Q4"
    assert example_figures.data_period_label == "March 2019"


def test_quarterly_annual_and_no_target_measures(example_figures):
    quarterly = example_figures.measures["reablement_91_days"]
    assert quarterly.latest.with_period.endswith("(Q4)")
    annual = example_figures.measures["user_satisfaction"]
    assert annual.latest.lag_note == "(2017/18 data due to release schedule)"
    assert annual.latest.with_period.endswith("(2017/18)")
    dot_only = example_figures.measures["dols_completed"]
    assert dot_only.target.text == "DoT Only"
    assert dot_only.status.basis == "set in pack.yaml" and dot_only.status.reason
    context = example_figures.measures["contacts"]  # polarity none, no target
    assert (context.target.text, context.status.basis, context.status.word) == ("N/A", "context",
                                                                          None)
    assert (context.change.text, context.change.colour) == ("Up 5.3%", None)


def test_amber_comes_from_tolerance(example_figures):
    m = example_figures.measures["mh_employment"]
    assert m.status.word == "AMBER" and m.target.value - m.latest.value <= 0.5


def test_comparator_tie_shares_a_rank(example_figures):
    column = next(c for c in example_figures.measures["direct_payments"].benchmarks.comparators
                  if c.year == "2017/18")
    assert column.values["Example City"] == column.values["Marshgate"] == 26.8
    assert column.ranks["Example City"] == column.ranks["Marshgate"] == column.council_rank
    better = sum(v is not None and v > 26.8 for v in column.values.values())
    assert column.council_rank == better + 1


def test_area_suppression_below_five(example_figures):
    areas = example_figures.measures["direct_payments"].benchmarks.areas
    harbour = next(a for a in areas.values if a.area == "Harbour Quay")
    assert harbour.suppressed and harbour.value_text == "*" and harbour.value is None
    assert sum(a.suppressed for a in areas.values) == 1


def test_figures_export_has_every_measure_and_its_page(built):
    out, _ = built
    data = json.loads((out / "example.figures.json").read_text())
    assert data["schema"] == "cabinet-pack figures" and data["version"] == 1
    ids = [m["id"] for m in data["measures"]]
    assert len(ids) == 15 and ids[0] == "dtoc"
    dtoc = data["measures"][0]
    assert dtoc["direction_of_travel"]["text"] == "Up (Red) 1.6%"
    assert dtoc["quartiles"]["current_quartile"] == "4th"
    assert isinstance(dtoc["pages"]["cabinet"], int) and dtoc["pages"]["cabinet"] > 3
    csv_lines = (out / "example.scorecard.csv").read_text().splitlines()
    assert csv_lines[0].startswith("theme,number,measure,status")
    assert len(csv_lines) == 16
