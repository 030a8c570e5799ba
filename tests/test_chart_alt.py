"""The trend chart's alt text tells the whole period the chart draws, from the example's
data (inputs/example/data.csv): Reviews fell from 86.3% (March 2018) to 69.8% (January
2019) and partly recovered to 77.6%, with November 2018 revised from 72.4% to 72.1%."""

from __future__ import annotations


def test_reviews_tells_the_fall_and_the_partial_recovery(example_figures):
    m = example_figures.measures["reviews"]
    alt = m.chart_alt
    assert alt.startswith("Line chart of Proportion of clients reviewed, reassessed or "
                          "assessed within 12 months, March 2018 to March 2019. ")
    assert ("It fell from 86.3% in March 2018 to a low of 69.8% in January 2019, then rose "
            "to 77.6% in March 2019.") in alt
    assert "Highest 86.3% in March 2018; lowest 69.8% in January 2019." in alt
    assert "Latest 77.6% in March 2019, short of the target of 85.0%." in alt
    assert "Revised since first published: November 2018 72.4%, now 72.1%." in alt
    assert m.short_name not in alt  # "Reviews": the title is read, not the short name
    assert "dotted" not in alt  # the data reach the year end: no target drawn beyond


def test_dols_series(example_figures):
    completed = example_figures.measures["dols_completed"].chart_alt
    assert ("It fell from 318 in March 2018 to a low of 287 in June 2018, then rose to 367 "
            "in March 2019.") in completed
    assert "Highest 367 in March 2019; lowest 287 in June 2018." in completed
    assert "Latest 367 in March 2019 (no target: DoT Only)." in completed
    assert "DoLS completed" not in completed and "Revised" not in completed
    waiting = example_figures.measures["dols_waiting"].chart_alt
    assert "It fell from 655 in March 2018 to 412 in March 2019." in waiting
    assert "Latest 412 in March 2019, meeting the target of 450." in waiting


def test_a_lagged_measure_names_the_year_end_target_drawn_dotted(example_figures):
    alt = example_figures.measures["dtoc"].chart_alt
    assert "Latest 9.49 in February 2019, short of the target of 7.95." in alt
    assert "The target to the year end, 7.95, is drawn dotted to March 2019." in alt
    assert "November 2018 9.20, now 9.12; December 2018 9.52, now 9.41" in alt


def test_the_figure_in_the_pdf_carries_the_same_text(built, example_figures):
    import pikepdf

    from tests.structure import tree

    figures = [n.alt for n in tree(pikepdf.open(built[1])).walk() if n.role == "Figure"]
    # the cabinet layout draws the SPC chart where a measure has icons, the trend elsewhere
    assert example_figures.measures["reviews"].spc_alt in figures
    assert example_figures.measures["reablement_91_days"].chart_alt in figures
