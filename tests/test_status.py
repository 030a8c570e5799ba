"""`cabinet-pack status`: the readiness report, each finding pinned by its exact line."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.cli import main
from report.cycle.newperiod import new_period
from report.cycle.readiness import readiness, report_lines
from tests.conftest import EXAMPLE

APRIL_ROWS = """dtoc,2019-03,9.38,,,
good_provider,2019-04,81.2,,,
reviews,2019-04,84.9,,,
long_term_admissions,2019-04,598.1,,,
contacts,2019-04,3377,,,
direct_payments,2019-04,30.4,,,
shared_lives,2019-04,77,,,
ld_employment,2019-04,1.6,,,
mh_employment,2019-04,6.9,,,
ld_own_home,2019-04,74.8,,,
dols_completed,2019-04,301,,,
dols_waiting,2019-04,405,,,
"""


def lines_of(folder: Path) -> list[str]:
    return [str(p) for p in readiness(folder).lines]


def test_the_example_is_ready_and_fits_one_screen(capsys):
    assert main(["status", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "Ready: all 15 measures have their data, targets and updated commentary."
    assert len(out) <= 25 and max(map(len, out)) <= 100
    assert "To fix:" not in out
    assert out[4].split() == ["1", "DToC", "Total"] + ["\u2713"] * 5


@pytest.fixture
def may(tmp_path) -> Path:
    """The example moved on a month by new-period, nothing else done."""
    return new_period(EXAMPLE, tmp_path / "may").folder


def test_a_folder_fresh_from_new_period(may, capsys):
    assert main(["status", str(may)]) == 2  # the new rows are not in: the build would stop
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "15 of 15 measures need attention; 12 problems stop the build."
    m = may.as_posix()
    fixes = out[out.index("To fix:") + 1:]
    assert fixes[0] == (f"  {m}/data.csv:24: period: the latest dtoc value is for 2019-02, "
                        "older than its release lag of 1 month(s) allows for a pack with data "
                        "to 2019-04 (expected 2019-03 or later, or a larger release_lag in "
                        "measures.yaml)")
    assert fixes[12:] == [
        (f"  {m}/areas.yaml:14: areas[1].comments[2]: names March but not April 2019: last "
         "month's words? (update them if so)"),
        (f"  {m}/areas.yaml:25: areas[3].comments[1]: names March but not April 2019: last "
         "month's words? (update them if so)"),
        (f"  {m}/commentary: 15 files are last month's text, carried forward and not yet "
         "updated (edit each, then delete its first line): contacts.md, direct_payments.md, "
         "dols_completed.md, dols_waiting.md, dtoc.md, good_provider.md, ld_employment.md, "
         "ld_own_home.md, long_term_admissions.md, mh_employment.md, reablement_91_days.md, "
         "reviews.md, safeguarding_outcomes.md, shared_lives.md, user_satisfaction.md"),
        (f"  {m}/measures.yaml:56: measures[dtoc].faq: names March but not April 2019: last "
         "month's words? (update them if so)"),
        (f"  {m}/pack.yaml:11: period_note: names March 2019 but not April 2019: last month's "
         "words? (update them if so)")]


def test_updated_commentary_that_still_names_last_month(may):
    with (may / "data.csv").open("a", encoding="utf-8") as data:
        data.write(APRIL_ROWS)
    path = may / "commentary" / "good_provider.md"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    report = readiness(may)
    assert not report.problems  # the build would go ahead
    row = next(m for m in report.measures if m.id == "good_provider")
    assert row.marks == {"data": True, "target": True, "updated": True, "months": False,
                         "owner": True}
    assert (f"{path.as_posix()}:3: names March but not April 2019: last month's words? (update "
            "them if so)") in lines_of(may)
    # the month given its year is taken as meant
    path.write_text(path.read_text(encoding="utf-8").replace("a March inspection",
                                                             "a March 2018 inspection"))
    assert not any(line.startswith(path.as_posix()) for line in lines_of(may))


def test_a_quarter_left_from_last_quarter(pack_copy):
    path = pack_copy / "commentary" / "reablement_91_days.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## What were the challenges\n\n"
                    "- Fewer people were still at home in Q3.\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").split("\n").index(
        "- Fewer people were still at home in Q3.") + 1
    assert lines_of(pack_copy) == [
        (f"{path.as_posix()}:{line}: names Q3 but not Q4 2018/19: last month's words? (update "
         "them if so)")]
    # comparing with it is meant
    path.write_text(path.read_text(encoding="utf-8").replace("in Q3.", "in Q4, up from Q3."))
    assert lines_of(pack_copy) == []


def test_a_target_profile_that_will_stop_next_month(may, tmp_path):
    """June's pack needs dtoc's April figure, and a 2019/20 target for it, before the row
    is even there: status says so at the profile's last line."""
    june = new_period(may, tmp_path / "june").folder
    assert (f"{(june / 'measures.yaml').as_posix()}:44: measures[dtoc].target: has no target "
            "for 2019-04 (the profile ends at 2019-03; add the 2019/20 targets)") in lines_of(june)
    row = next(m for m in readiness(june).measures if m.id == "dtoc")
    assert (row.marks["data"], row.marks["target"]) == (False, False)


def test_placeholder_owner_and_strict_exit(pack_copy, capsys):
    path = pack_copy / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("    owner:", text.index("  - id: contacts"))
    path.write_text(text[:at] + "    owner: TBC" + text[text.index("\n", at):],
                    encoding="utf-8")
    text = path.read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(text, 1) if t.strip() == "owner: TBC")
    assert lines_of(pack_copy) == [(f"{path.as_posix()}:{line}: measures[contacts].owner: 'TBC' "
                                    "is a placeholder (name the role, or the source, before the "
                                    "pack goes out)")]
    assert main(["status", str(pack_copy)]) == 0
    assert "1 of 15 measures needs attention; the pack builds." in capsys.readouterr().out
    assert main(["status", "--strict", str(pack_copy)]) == 2


def test_plain_letters_where_the_output_cannot_show_ticks():
    lines = report_lines(readiness(EXAMPLE), "cp1252")
    assert lines[4].split() == ["1", "DToC", "Total"] + ["ok"] * 5
    "\n".join(lines).encode("cp1252")


def test_area_rows_left_on_last_month(may):
    with (may / "data.csv").open("a", encoding="utf-8") as data:
        data.write(APRIL_ROWS)
    areas = may / "benchmarks" / "areas.csv"
    line = max(i for i, t in enumerate(areas.read_text().split("\n"), 1)
               if t.startswith("direct_payments,"))  # the last: the new rows go after it
    row = next(m for m in readiness(may).measures if m.id == "direct_payments")
    assert row.marks["data"] is False
    assert (f"{areas.as_posix()}:{line}: period: direct_payments's areas are for 2019-03 but "
            "its data is to 2019-04: the area page stays on March 2019 (add the April 2019 "
            "rows)") in lines_of(may)


def test_validate_ends_with_the_same_report(pack_copy, capsys):
    path = pack_copy / "pack.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "for the quarter ending March 2019", "for Q3 2018/19"), encoding="utf-8")
    assert main(["validate", str(pack_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("pack: valid (15 measures")
    assert out[1:3] == ["pack: the pack for April 2019, data to March 2019",
                        ("The 15 measures are ready, but the lines below need attention; the "
                        "pack builds.")]
    assert out[-2:] == ["To fix:", ("  pack/pack.yaml:11: period_note: names Q3 2018/19 but not "
                        "Q4 2018/19: last month's words? (update them if so)")]


def test_counts_agree_with_their_nouns(pack_copy):
    """"1 problem stops the build", "2 problems stop it"; "1 of 15 measures needs"."""
    heads = []
    for name in ("dtoc", "reviews"):
        (pack_copy / "commentary" / f"{name}.md").write_text("## Wrong heading\n")
        heads.append(report_lines(readiness(pack_copy))[1])
    measures = (pack_copy / "measures.yaml").read_text(encoding="utf-8")
    (pack_copy / "measures.yaml").write_text(measures.replace(
        "owner: Assistant Director, Commissioning", "owner: TBC", 1), encoding="utf-8")
    heads.append(report_lines(readiness(pack_copy))[1])
    assert heads == [
        ("The 15 measures are ready, but the lines below need attention; 1 problem stops the "
        "build."),
        ("The 15 measures are ready, but the lines below need attention; 2 problems stop the "
        "build."),
        "1 of 15 measures needs attention; 2 problems stop the build."]
