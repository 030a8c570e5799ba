"""Twelve months of the cycle from the example: `new-period`, the month's new rows added
(each measure's next period by its frequency and release lag), the 2019/20 targets added
where the profile ends, and a build, every month: the April year change and the quarter
ends included."""

from __future__ import annotations

import json
from pathlib import Path

from report.cli import main
from report.cycle.newperiod import new_period
from report.inputs.load import gather_pack
from report.periods import Period, oldest_allowed_period
from tests.conftest import EXAMPLE

NEW_YEAR_TARGETS = {f"{Period.month(2019, 4).shift(i).code}": round(7.9 - 0.03 * i, 2)
                    for i in range(12)}  # 2019-04 .. 2020-03, 7.90 down to 7.57
PDF_MONTHS = {"2019-04", "2019-06"}  # the year change, and the first quarter end after it


def add_the_month_s_rows(folder: Path) -> list[str]:
    """Each measure's rows up to the oldest period its release lag allows, the value moved
    a little from its last one; returns the rows added."""
    inputs, _ = gather_pack(folder)
    data_period = Period.parse(inputs.pack.data_period)
    rows = []
    for measure in inputs.measures.measures:
        points = {Period.parse_as(read.row.period, measure.frequency): read.row.value
                  for read in inputs.data if read.row.measure == measure.id}
        latest = max(points)
        value = points[latest]
        period = latest.shift(1)
        while period <= oldest_allowed_period(data_period, measure):
            value = round(value * 1.002, measure.decimals)
            rows.append(f"{measure.id},{period.code},{value},,,")
            period = period.shift(1)
    with (folder / "data.csv").open("a", encoding="utf-8") as data:
        data.write("".join(row + "\n" for row in rows))
    return rows


def add_the_new_year_s_targets(folder: Path) -> None:
    path = folder / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    added = "".join(f'      "{key}": {value:.2f}\n' for key, value in NEW_YEAR_TARGETS.items())
    text = text.replace('      "2019-03": 7.95\n', '      "2019-03": 7.95\n' + added, 1)
    path.write_text(text.replace("    eoy_target: 7.95\n", "    eoy_target: 7.57\n", 1),
                    encoding="utf-8")


def test_twelve_months_from_the_example_all_build(tmp_path, capsys, monkeypatch):
    folder, labels, eoy = EXAMPLE, [], {}
    for step in range(12):
        folder = new_period(folder, tmp_path / f"step-{step + 1:02d}").folder
        add_the_month_s_rows(folder)
        inputs, collector = gather_pack(folder)
        if any("has no target" in p.message for p in collector.problems):
            add_the_new_year_s_targets(folder)
        out = tmp_path / "out" / folder.name
        data_period = Period.parse(gather_pack(folder)[0].pack.data_period).code
        # the other months are laid out double-sided, with the charts as empty boxes of
        # their size (the pages are the same): every month's pack prints duplex
        duplex = data_period not in PDF_MONTHS
        extra = ["--layout", "cabinet-duplex"] if duplex else []
        monkeypatch.setenv("CABINET_PACK_CHARTS", "off" if duplex else "on")
        status = main(["build", str(folder), "-o", str(out), *extra])
        err = capsys.readouterr().err
        assert status == 0, f"{data_period}: {err}"
        assert "carried forward from" in err  # the commentary was never updated
        stem = f"{folder.name}.cabinet-duplex" if duplex else folder.name
        figures = json.loads((out / f"{stem}.figures.json").read_text(encoding="utf-8"))
        labels.append(figures["pack"]["summary_label"])
        dtoc = next(m for m in figures["measures"] if m["id"] == "dtoc")
        eoy[dtoc["latest"]["period"]] = dtoc["target"]["end_of_year"]
        if not duplex:
            assert (out / f"{folder.name}.pdf").stat().st_size > 100_000
    assert data_period == "2020-03"
    assert labels == ["M1", "M2", "Q1", "M1", "M2", "Q2", "M1", "M2", "Q3", "M1", "M2", "Q4"]
    # the end-of-year target follows the data into 2019/20
    assert eoy["2019-03"] == 7.95 and eoy["2019-04"] == 7.57 and eoy["2020-02"] == 7.57
