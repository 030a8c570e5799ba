"""The analysis pack as councillors read it on paper: several areas to a page, each table
row with its unit, month heads with their year, DIFF read as better or worse than England,
and a note where a month is blank because its figure is not published yet."""

from __future__ import annotations

import pytest

from report.compute.analysis import (
    financial_year_months,
    lag_note,
    month_years,
    not_yet_published,
    unit_label,
    versus_england,
)
from report.periods import Period
from tests.pagefill import stubs
from tests.pdfcheck import BuiltPdf
from tests.readaloud import Reader

MARCH_2019 = Period.month(2019, 3)


# -- the figures -----------------------------------------------------------------------
def test_diff_is_better_or_worse_by_polarity():
    # DToC 9.49 against England's 4.30: lower is better, so +5.19 is worse
    assert versus_england(9.49 - 4.30, "lower", 2) == "worse"
    # Direct Payments 30.2 against 28.5: higher is better, so +1.7 is better
    assert versus_england(30.2 - 28.5, "higher", 1) == "better"
    assert versus_england(1.40 - 6.00, "higher", 2) == "worse"  # LD in employment
    assert versus_england(412 - 450, "lower", 0) == "better"
    assert versus_england(0.04, "higher", 1) == "same"  # DIFF prints 0.0: no better, no worse
    assert versus_england(5.0, "none", 1) is None  # no polarity: no judgement


def test_each_unit_comes_from_the_measure():
    dtoc = ("Daily average delayed beds per day per 100,000 18+ population (social care "
            "and joint delays)")
    assert unit_label("rate", dtoc) == "per 100,000 18+ population"
    assert unit_label("rate", "Long-term admissions per 100,000 population aged 65+") \
        == "per 100,000 population aged 65+"
    assert unit_label("rate", "Admissions to care", rate_per=1000) == "per 1,000"
    assert unit_label("rate", "Admissions to care") == "rate"
    assert unit_label("percent", "Uptake of Direct Payments") == "%"
    assert unit_label("count", "Number of DoLS applications") == "number"
    assert unit_label("days", "Average wait") == "days"


def test_month_heads_carry_their_years():
    months = financial_year_months(MARCH_2019)
    assert [m.month_name[:3] for m in months] == ["Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                 "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
    assert month_years(months) == (("2018", 9), ("2019", 3))
    assert month_years(financial_year_months(Period.month(2018, 6))) == (("2018", 3),)
    assert month_years(financial_year_months(Period.month(2020, 1))) == (("2019", 9),
                                                                         ("2020", 1))


def test_a_month_not_yet_published_is_found_from_the_data():
    months = financial_year_months(MARCH_2019)
    # DToC: monthly, latest February, the pack's data to March
    assert not_yet_published(Period.month(2019, 2), MARCH_2019, months) == [MARCH_2019]
    assert not_yet_published(MARCH_2019, MARCH_2019, months) == []
    assert not_yet_published(Period.month(2019, 1), MARCH_2019, months) \
        == [Period.month(2019, 2), MARCH_2019]
    # a quarterly measure reports in its quarter's last month: Q3 latest, Q4 not out yet
    q3 = Period.parse("2018/19 Q3")
    assert not_yet_published(q3, MARCH_2019, months) == [MARCH_2019]
    assert not_yet_published(q3, Period.month(2019, 2), months) == []  # Q4 not over yet
    # a year: 2017/18 latest, 2018/19 due in March 2019's column
    assert not_yet_published(Period.parse("2017/18"), MARCH_2019, months) == [MARCH_2019]


def test_the_lag_note_names_the_periods_and_the_release_lag():
    monthly = Period.month(2019, 2)
    assert lag_note([MARCH_2019], monthly, 1) == \
        "March 2019 not yet published: the data are released a month in arrears"
    assert lag_note([Period.month(2019, 2), MARCH_2019], Period.month(2019, 1), 2) == \
        "February and March 2019 not yet published: the data are released 2 months in arrears"
    assert lag_note([MARCH_2019], Period.parse("2018/19 Q3"), 3) == \
        "Q4 2018/19 not yet published: the data are released 3 months in arrears"
    assert lag_note([], monthly, 1) is None


def test_the_example_rows(example_figures):
    rows = {row.measure: row for area in example_figures.analysis.areas for row in area.rows}
    assert example_figures.analysis.years == (("2018", 9), ("2019", 3))
    dtoc = rows["dtoc"]
    assert (dtoc.difference, dtoc.versus_england) == ("+5.19", "worse")
    assert dtoc.unit == "per 100,000 18+ population"
    assert dtoc.values[-1] == "" and dtoc.unpublished == (11,)  # March, the last column
    assert dtoc.lag_note.startswith("March 2019 not yet published")
    assert (rows["direct_payments"].difference, rows["direct_payments"].versus_england) \
        == ("+1.7", "better")
    assert rows["reviews"].versus_england is None  # no England value: nothing to read
    assert [rows[m].unit for m in ("reviews", "dols_completed")] == ["%", "number"]
    # a quarterly measure's blank months between quarter ends are no lag
    assert rows["safeguarding_outcomes"].unpublished == ()
    # recalculated since first published (data.csv's `reported` differs): DToC November
    # and December 2018, Reviews November, Direct Payments January and February 2019
    assert (rows["dtoc"].revised, rows["reviews"].revised,
            rows["direct_payments"].revised, rows["dols_completed"].revised) == (
        (7, 8), (7,), (9, 10), ())


def test_a_recalculated_month_is_marked_r_with_its_note(analysis):
    """"Corrections are shown as recalculated figures, never silently replaced": each
    recalculated month carries an "r", and its table a note that says what it means."""
    text = " ".join(BuiltPdf(analysis).plain_texts[2].split())
    assert "9.62 9.12r 9.41r 9.34 9.49" in text  # DToC, October to February
    assert "74.2 72.1r 70.3" in text  # Reviews, October to December
    assert text.count("r revised: recalculated since first published") == 2
    assert "\u2020 March 2019 not yet published" in text  # the lag keeps its first mark


# -- the pack --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def analysis(built):
    return built[0] / "example.analysis.pdf"


@pytest.fixture(scope="module")
def area_tables(analysis, example_figures):
    """Each area's table as read aloud, with its page index, in area order."""
    found = [(page, rows) for page, rows in Reader(analysis).tables() if rows[0][0] == "Measure"]
    assert len(found) == sum(bool(area.rows) for area in example_figures.analysis.areas)
    return found


def test_the_pack_is_five_pages_with_no_stub_page(analysis):
    pdf = BuiltPdf(analysis)
    assert len(pdf.texts) <= 5
    assert not stubs(analysis)
    areas = [(title, page) for level, title, page in pdf.outline if level == 1]
    pages = [page for _, page in areas]
    assert all(pages.count(page) >= 2 for page in pages), areas  # areas share pages


def test_each_row_says_its_unit(area_tables, example_figures):
    rows = [row for area in example_figures.analysis.areas for row in area.rows]
    read = [cells for _, table in area_tables for cells in table[2:]]
    assert len(read) == len(rows)
    for cells, row in zip(read, rows):
        assert cells[0] == f"{row.title} (unit: {row.unit})", cells[0]


def test_the_month_heads_have_their_years_above(area_tables):
    for _, table in area_tables:
        assert table[0][:3] == ["Measure", "2018", "2019"]
        assert table[1][:12] == ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                 "Dec", "Jan", "Feb", "Mar"]


def test_diff_says_better_or_worse(area_tables):
    by_title = {cells[0].split(" (unit")[0]: cells for _, table in area_tables
                for cells in table[2:]}
    dtoc = by_title["Daily average delayed beds per day per 100,000 18+ population "
                    "(social care and joint delays)"]
    assert dtoc[13:16] == ["4.30", "+5.19 worse", "7.95"]
    assert by_title["Uptake of Direct Payments"][12:16] == ["30.2", "28.5", "+1.7 better", "30"]


def test_a_blank_month_not_yet_published_is_marked_with_its_note(analysis, area_tables):
    page, table = area_tables[0]  # Hospital Discharge: DToC
    assert table[2][12] == "\u2020"  # March
    text = " ".join(BuiltPdf(analysis).texts[page].split())
    assert ("\u2020 March 2019 not yet published: the data are released a month in "
            "arrears.") in text


def test_the_key_is_once_on_every_page_of_areas(analysis, area_tables):
    from report.layout.analysis import KEY

    texts = BuiltPdf(analysis).texts
    for page in sorted({page for page, _ in area_tables}):
        assert " ".join(texts[page].split()).count(KEY) == 1, page + 1


def test_the_glossary_holds_what_the_analysis_pack_prints(example_figures, analysis):
    glossary = example_figures.analysis.glossary
    assert [word for word, _ in glossary] == ["DoLS"]  # "Safeguarding and DoLS", a title
    assert glossary[0][1] == example_figures.glossary["DoLS"]
    assert "DToC" in example_figures.glossary  # the cabinet pack's glossary keeps them all
    text = BuiltPdf(analysis).texts[1]  # the overview's page
    assert "Glossary" in text and "DoLS Deprivation of Liberty Safeguards" in text
    assert "DToC" not in " ".join(BuiltPdf(analysis).texts)
