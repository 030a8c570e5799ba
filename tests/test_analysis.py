"""The "Performance and Report Analysis" layout from the same inputs."""

from __future__ import annotations

import re
import shutil

import pytest

from report.cli import main
from tests.conftest import EXAMPLE
from tests.pdfcheck import BuiltPdf


@pytest.fixture(scope="module")
def analysis(built):
    return BuiltPdf(built[0] / "example.analysis.pdf")


def test_pages_and_title(analysis):
    # cover; overview, glossary and areas of focus; six areas, two to a page
    assert len(analysis.texts) == 5
    assert analysis.reader.metadata.title == "Performance and Report Analysis \u2013 April 2019"
    cover = " ".join(analysis.texts[0].split())
    assert "Performance and Report Analysis April 2019" in cover
    assert "A city where everyone can live well and independently" in cover
    assert "Performance Overview" in analysis.texts[1]


def test_areas_of_focus_link_to_their_areas(analysis):
    contents = analysis.page_with("Areas of Focus")
    links = [link for link in analysis.links if link.page == contents]
    titles = [link for link in links if not re.fullmatch(r"\d+", link.text)]
    numbers = [link for link in links if re.fullmatch(r"\d+", link.text)]
    assert [link.text for link in titles] == [
        "Hospital Discharge", "Reviews", "Direct Payments", "Safeguarding and DoLS",
        "Learning Disability and Mental Health in Employment", "Financial"]
    for link in titles:
        assert f"\n{link.text}\n" in analysis.texts[link.target - 1]
    for link in numbers:
        assert int(link.text) == link.target


def test_diff_column_is_latest_minus_england_signed(built, example_figures):
    from tests.readaloud import Reader

    rows = {cells[0].split(" (unit")[0]: cells
            for _, table in Reader(built[0] / "example.analysis.pdf").tables()
            for cells in table[2:]}
    m = example_figures.measures["direct_payments"]
    assert m.benchmarks.england.difference_text == "+1.7" and m.latest.value == 30.2
    assert m.benchmarks.england.value == 28.5
    assert rows["Uptake of Direct Payments"][12:16] == ["30.2", "28.5", "+1.7 better", "30"]
    ld = rows["The percentage of service users aged 18-64 with learning disabilities in "
              "employment"]
    assert ld[12:16] == ["1.40", "6.00", "-4.60 worse", "2"]  # negative: below England


def test_comments_only_area(analysis):
    text = analysis.texts[analysis.page_with("\nFinancial\n") - 1].split("\nFinancial\n")[1]
    assert "Comments:" in text and "Apr" not in text.replace("April", "")


def test_analysis_needs_areas_yaml(tmp_path, capsys):
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    (pack / "areas.yaml").unlink()
    assert main(["build", str(pack), "-o", str(tmp_path / "out"), "--layout", "analysis"]) == 2
    assert "areas.yaml: is missing: the analysis layout needs it" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_layout_is_a_clear_error(tmp_path, capsys):
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path / "out"), "--layout", "glossy"]) == 2
    assert ("'glossy' is not a layout (known: analysis, cabinet, cabinet-duplex)"
            in capsys.readouterr().err)
