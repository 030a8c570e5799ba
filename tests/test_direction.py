"""Direction of travel through the whole pack: a survey run every other year is compared
with the latest earlier year that has a value, and every place that prints it says so."""

from __future__ import annotations

import json
import shutil

import pytest

from report.cli import main
from report.compute.pack import compute_pack
from report.inputs.load import load_pack
from tests.conftest import EXAMPLE
from tests.pdfcheck import BuiltPdf

SURVEY_ROWS = ("user_satisfaction,2014/15,60.2,,,\nuser_satisfaction,2016/17,65.1,,,\n"
               "user_satisfaction,2018/19,61.9,,,\n")


@pytest.fixture(scope="module")
def every_other_year(tmp_path_factory):
    """The example pack with the satisfaction survey run in 2014/15, 2016/17 and 2018/19."""
    pack = tmp_path_factory.mktemp("survey") / "pack"
    shutil.copytree(EXAMPLE, pack)
    data = pack / "data.csv"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("user_satisfaction,")]
    data.write_text("".join(kept) + SURVEY_ROWS, encoding="utf-8")
    return pack


def test_the_change_is_since_the_last_year_with_a_value(every_other_year):
    m = compute_pack(load_pack(every_other_year)).measures["user_satisfaction"]
    assert m.change.text == "Down (Red) 3.2 pp since 2016/17"
    assert m.change.heading == "Down (Red) since 2016/17"
    assert (m.previous.period, m.previous.reported_text) == ("2016/17", "65.1%")
    assert m.previous.with_period == "65.1% (2016/17)"
    assert m.trend.alt.startswith("User satisfaction fell from 65.1% in 2016/17 to 61.9% in "
                                  "2018/19, ")
    assert "its lowest, it rose to a high of 65.1% in 2016/17, then fell." in m.trend.alt


def test_the_previous_period_is_used_when_it_has_a_value(example_figures):
    m = example_figures.measures["user_satisfaction"]
    assert m.change.text == "Down (Red) 0.9 pp"  # 62.8% in 2016/17, 61.9% in 2017/18
    assert m.change.heading == "Down (Red)"


def test_figures_scorecard_and_measure_page_name_the_period(every_other_year, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(every_other_year), "-o", str(out), "--layout", "cabinet"]) == 0
    figures = json.loads((out / "pack.figures.json").read_text(encoding="utf-8"))
    survey = next(m for m in figures["measures"] if m["id"] == "user_satisfaction")
    travel = survey["direction_of_travel"]
    assert travel["text"] == "Down (Red) 3.2 pp since 2016/17"
    assert travel["since"] == {"period": "2016/17", "label": "2016/17"}
    assert abs(travel["change"] - 3.2) < 1e-9 and travel["unit"] == "pp"
    dtoc = next(m for m in figures["measures"] if m["id"] == "dtoc")
    assert dtoc["direction_of_travel"]["since"] == {"period": "2019-01", "label": "January 2019"}
    row = next(line for line in (out / "pack.scorecard.csv").read_text(encoding="utf-8")
               .splitlines() if "Overall satisfaction" in line)
    assert "65.1% (2016/17)" in row and "Down (Red) 3.2 pp since 2016/17" in row

    pdf = BuiltPdf(out / "pack.pdf")
    # pypdf reads in drawing order, so the words of one table cell stay together
    scorecard = next(" ".join(page.extract_text().split()) for page in pdf.reader.pages
                     if "Constitu" in page.extract_text() and "Overall satisfaction" in
                     page.extract_text())
    assert "Down (Red) since 2016/17" in scorecard
    page = " ".join(pdf.plain_texts[survey["pages"]["cabinet"] - 1].split())  # drawn order
    assert "Change: Down (Red) 3.2 pp since 2016/17" in page
