"""`cabinet-pack status`: the readiness report, each finding pinned by its exact line."""

from __future__ import annotations

import re
import shutil
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


UNTAGGED = ("appendix 'Partner report: Carers' Forum annual summary' is not a tagged PDF: "
            "screen-reader users will not be able to follow it (ask its author for a tagged "
            "copy); the pack's accessibility covers the pages the tool makes")


def test_the_example_is_ready_but_for_the_warning_its_build_prints(capsys):
    assert main(["status", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == ("The 15 measures are ready, but the lines below need attention; the "
                      "pack builds.")
    # one screen: the table, the rebases SPC suggests, the build's warning
    assert len(out) <= 30 and max(map(len, out[:-1])) <= 100
    assert "To fix:" not in out
    assert out[4].split() == ["1", "DToC", "Total"] + ["\u2713"] * 5
    assert out[-4:] == ["", "The build warns (1 warning):", "  the pack", f"    {UNTAGGED}"]
    assert main(["status", "--strict", str(EXAMPLE)]) == 2  # a warning counts


def test_ready_when_the_build_would_print_nothing(pack_copy, capsys):
    (pack_copy / "pack.yaml").write_text(re.sub(
        r"appendices:\n(  .*\n)+", "", (pack_copy / "pack.yaml").read_text(encoding="utf-8")),
        encoding="utf-8")
    assert main(["status", "--strict", str(pack_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "Ready: all 15 measures have their data, targets and updated commentary."
    assert "The build warns" not in "\n".join(out)


@pytest.fixture
def may(tmp_path) -> Path:
    """The example moved on a month by new-period, nothing else done."""
    return new_period(EXAMPLE, tmp_path / "may").folder


def test_a_folder_fresh_from_new_period(may, capsys):
    assert main(["status", str(may)]) == 2  # the new rows are not in: the build would stop
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "15 of 15 measures need attention; 12 problems stop the build."
    m = may.as_posix()
    end = out.index("", out.index("To fix:"))
    fixes, warned = out[out.index("To fix:") + 1:end], out[end + 1:]
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
    # what new-period carried for someone to confirm: marked in the table, and warned under
    # its measure (the carried commentary is among the lines to fix, so not listed again)
    assert warned[:3] == [
        "The build warns (13 warnings):", "  2 Good provider all",
        (f"    {m}/measures.yaml:75: measures[good_provider].target: 80 was the target for "
        "2018/19 and new-period carried it into 2019/20 (confirm it is the 2019/20 target, then "
        "delete target_carried_from; or give the 2019/20 targets as a profile)")]
    assert warned[-4:-2] == [
        "  14 DoLS completed",
        (f"    {m}/pack.yaml:32: status_overrides.dols_completed: GREEN was set for March 2019 "
        "and carried forward to April 2019, not yet confirmed (confirm it, then delete "
        "carried_from; or delete the override to let the figures decide)")]


def test_updated_commentary_that_still_names_last_month(may):
    with (may / "data.csv").open("a", encoding="utf-8") as data:
        data.write(APRIL_ROWS)
    path = may / "commentary" / "good_provider.md"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    report = readiness(may)
    assert not report.problems  # the build would go ahead
    row = next(m for m in report.measures if m.id == "good_provider")
    # its single target is still 2018/19's, carried into 2019/20 until someone confirms it
    assert row.marks == {"data": True, "target": False, "updated": True, "months": False,
                         "owner": True}
    measures = may / "measures.yaml"
    measures.write_text(measures.read_text(encoding="utf-8").replace(
        '    target_carried_from: "2018/19"  # delete this line once the target is confirmed '
        "for this financial year\n", "", 1), encoding="utf-8")  # the first: good_provider's
    row = next(m for m in readiness(may).measures if m.id == "good_provider")
    assert (row.marks["target"], row.marks["months"]) == (True, False)
    assert (f"{path.as_posix()}:3: names March but not April 2019: last month's words? "
            "(update them if so)") in lines_of(may)
    # the month given its year is taken as meant
    path.write_text(path.read_text(encoding="utf-8").replace("a March inspection",
                                                             "a March 2018 inspection"))
    assert not any(line.startswith(path.as_posix()) for line in lines_of(may))


def test_a_month_with_its_year_named_as_history_is_kept(may):
    """"started in March 2019" dates an event; "in March" beside April's figures is last
    month's report, and so is "the quarter ending March 2019"."""
    areas = may / "areas.yaml"
    m = may.as_posix()
    huddles = (f"{m}/areas.yaml:14: areas[1].comments[2]: names March but not April 2019: "
               "last month's words? (update them if so)")
    assert huddles in lines_of(may)
    _edit(areas, "acute site started in March.", "acute site started in March 2019.")
    _edit(may / "pack.yaml", "  Figures are for", "  The new front door opened in March 2019. "
          "Figures are for")
    lines = lines_of(may)
    assert not any(line.startswith(f"{m}/areas.yaml:14:") for line in lines)
    assert (f"{m}/areas.yaml:25: areas[3].comments[1]: names March but not April 2019: last "
            "month's words? (update them if so)") in lines
    # "the quarter ending March 2019" is not history
    assert (f"{m}/pack.yaml:11: period_note: names March 2019 but not April 2019: last "
            "month's words? (update them if so)") in lines
    _edit(areas, "started in March 2019.", "were held in March 2019.")  # no event: a report
    assert huddles.replace("names March but", "names March 2019 but") in lines_of(may)


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


# --- the build's warnings ------------------------------------------------------------------
def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def warned_pack(folder: Path) -> Path:
    """The example with one of every kind of warning a build prints."""
    shutil.copytree(EXAMPLE, folder)
    data = folder / "data.csv"
    _edit(data, "direct_payments,2019-03,30.2,", "direct_payments,2019-03,0.302,")  # a fraction
    _edit(data, "reviews,2018-11,72.1,72.4,7298,10122\n", "")  # a month missing
    _edit(data, "dols_waiting,2019-03,", "dols_waiting,2019-03,4")  # a jump (10x)
    (folder / "commentary" / "shared_lives.md").unlink()
    dtoc = folder / "commentary" / "dtoc.md"
    dtoc.write_text("<!-- carried forward from February 2019: not yet updated (edit the text, "
                    "then delete this line) -->\n" + dtoc.read_text(encoding="utf-8"),
                    encoding="utf-8")
    reviews = folder / "commentary" / "reviews.md"
    reviews.write_text(reviews.read_text(encoding="utf-8") + "\nA word in Hindi, \u0915.\n",
                       encoding="utf-8")  # a character the font cannot draw
    _edit(folder / "pack.yaml", "    status: GREEN\n",
          '    status: GREEN\n    carried_from: "2019-02"\n')
    _edit(folder / "pack.yaml", "  LD: Learning disability\n", "")  # not in the glossary
    _edit(folder / "measures.yaml", "    target: 85\n", '    target: 85\n'
          '    target_carried_from: "2017/18"\n')
    return folder


def test_status_lists_every_warning_the_build_prints(tmp_path, capsys, monkeypatch):
    """One source of warnings: for each pack, what the build prints is what status lists."""
    from report.problems import printable

    monkeypatch.setenv("CABINET_PACK_CHARTS", "off")  # the pages are laid out all the same
    for folder in (EXAMPLE, warned_pack(tmp_path / "warned")):
        capsys.readouterr()
        assert main(["build", str(folder), "-o", str(tmp_path / "out" / folder.name)]) == 0
        printed = [line[len("warning: "):] for line in capsys.readouterr().err.splitlines()
                   if line.startswith("warning: ")]
        # every warning, and the SPC rebases it suggests, status lists too
        report = readiness(folder)
        listed = [printable(str(w)) for w in (*report.warnings, *report.suggestions)]
        assert sorted(printed) == sorted(listed)
    assert len(printed) == 10 + len(report.suggestions)
    assert main(["status", "--strict", str(tmp_path / "warned")]) == 2


def test_each_warning_is_listed_under_its_measure(tmp_path, capsys):
    folder = warned_pack(tmp_path / "warned")
    assert main(["status", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    warned = out[out.index("The build warns (9 warnings):"):]
    f = folder.as_posix()
    # the status and target carried are marked in the table too, until confirmed
    marks = {line.split()[0]: line.split()[-5:] for line in out[4:19]}
    yes, no = "\u2713", "\u2717"
    assert marks["14"] == [yes, yes, no, yes, yes]  # DoLS completed: its status is carried
    assert marks["3"] == [yes, no, yes, yes, yes]  # Reviews: its target is 2017/18's
    assert warned == [
        "The build warns (9 warnings):",
        "  3 Reviews",
        (f"    {f}/commentary/reviews.md: has characters the pack's font cannot draw, which "
        "will print as a question mark in a diamond (U+FFFD): '\u0915' (U+0915)"),
        (f"    {f}/data.csv:68: period: reviews has no value for 2018-11 between 2018-10 and "
        "2018-12; the chart shows a gap there"),
        (f"    {f}/measures.yaml:97: measures[reviews].target: 85 was the target for 2017/18 and "
        "new-period carried it into 2018/19 (confirm it is the 2018/19 target, then delete "
        "target_carried_from; or give the 2018/19 targets as a profile)"),
        "  6 Direct payments uptake",
        (f"    {f}/data.csv:143: value: direct_payments is 0.302 in 2019-03 after 29.8 in "
        "2019-02: a percentage typed as a fraction? (if 30.2% is meant, write 30.2: "
        "percentages are written 0 to 100)"),
        "  9 Shared Lives",
        (f"    {f}/commentary/shared_lives.md: is missing: shared_lives's page will have no "
        "commentary"),
        "  14 DoLS completed",
        (f"    {f}/pack.yaml:32: status_overrides.dols_completed: GREEN was set for February "
        "2019 and carried forward to March 2019, not yet confirmed (confirm it, then delete "
        "carried_from; or delete the override to let the figures decide)"),
        "  15 DoLS waiting",
        (f"    {f}/data.csv:307: value: dols_waiting moves from 446 to 4412 in 2019-03, more than "
        "5 times its usual change (18); check the figure"),
        "  the pack",
        ("    pack.yaml: glossary: 'LD' is printed (measures.yaml ld_employment short_name; "
        "commentary/ld_employment.md; measures.yaml ld_own_home short_name) but not explained; "
        "add it to the glossary so readers on paper know it"),
        f"    {UNTAGGED}"]


def test_the_inputs_own_text_is_printed_escaped(pack_copy, capsys):
    """An appendix titled with a terminal escape is listed, as the build lists it,
    harmlessly."""
    _edit(pack_copy / "pack.yaml", "title: \"Partner report: Carers' Forum annual summary\"",
          'title: "Partner report\\e[2J\\u202e"')
    assert main(["status", str(pack_copy)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "    appendix 'Partner report\\x1b[2J\\u202e' is not a tagged PDF" in out
