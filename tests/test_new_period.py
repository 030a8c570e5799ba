"""`cabinet-pack new-period`: next month's folder from this month's, never overwriting."""

from __future__ import annotations

import errno
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from report.cli import main
from report.cycle.newperiod import default_folder, new_period
from report.periods import Period
from tests.conftest import EXAMPLE
from tests.test_hostile_inputs import command

MAY = Period.parse("2019-05")


@pytest.mark.parametrize("name, expected", [
    ("april-2019", "may-2019"), ("April 2019", "May 2019"), ("APR-19", "MAY-19"),
    ("may-2019", "june-2019"), ("jun19", "jul19"), ("december-2019", "january-2020"),
    ("dec-19", "jan-20"), ("2019-04", "2019-05"), ("pack-2019-12", "pack-2020-01"),
    ("sept-2019", "oct-2019"), ("example", "example-2019-05"), ("summary", "summary-2019-05"),
])
def test_the_new_folder_is_named_after_the_new_month(name, expected):
    assert default_folder(Path("inputs") / name, MAY) == Path("inputs") / expected


def test_new_period_moves_the_months_and_marks_the_commentary(tmp_path):
    made = new_period(EXAMPLE, tmp_path / "may-2019")
    pack = (tmp_path / "may-2019" / "pack.yaml").read_text(encoding="utf-8")
    original = (EXAMPLE / "pack.yaml").read_text(encoding="utf-8")
    assert pack == original.replace('pack_month: "2019-04"', 'pack_month: "2019-05"').replace(
        'data_period: "2019-03"', 'data_period: "2019-04"').replace(
        "    status: GREEN\n", '    status: GREEN\n    carried_from: "2019-03"  # delete this '
        "line once the status is confirmed for this month\n")
    assert (made.pack_month.code, made.data_period.code) == ("2019-05", "2019-04")
    assert len(made.carried) == 15
    dtoc = (tmp_path / "may-2019" / "commentary" / "dtoc.md").read_text(encoding="utf-8")
    assert dtoc.split("\n", 1) == [
        ("<!-- carried forward from March 2019: not yet updated (edit the text, then delete "
        "this line) -->"), (EXAMPLE / "commentary" / "dtoc.md").read_text(encoding="utf-8")]
    for name in ("data.csv", "areas.yaml", "benchmarks/quartiles.csv",
                 "appendices/carers-forum-report.pdf"):
        assert (tmp_path / "may-2019" / name).read_bytes() == (EXAMPLE / name).read_bytes()
    # April starts 2019/20: each single target is marked as 2018/19's, a profile is not
    measures = (tmp_path / "may-2019" / "measures.yaml").read_text(encoding="utf-8")
    assert measures == re.sub(r"(?m)^(    target: \S+\n)", r'\1    target_carried_from: "2018/19"  '
                              "# delete this line once the target is confirmed for this "
                              r"financial year\n",
                              (EXAMPLE / "measures.yaml").read_text(encoding="utf-8"))
    assert measures.count("target_carried_from") == 12
    # a second month: the text is still March's, the marker says so once; the status is
    # still the one set for March, and no new year has started
    new_period(tmp_path / "may-2019", tmp_path / "june-2019")
    again = (tmp_path / "june-2019" / "commentary" / "dtoc.md").read_text(encoding="utf-8")
    assert again == dtoc
    june = (tmp_path / "june-2019" / "pack.yaml").read_text()
    assert 'data_period: "2019-05"' in june
    assert june == pack.replace('"2019-05"', '"2019-06"').replace('"2019-04"', '"2019-05"')
    assert (tmp_path / "june-2019" / "measures.yaml").read_text(encoding="utf-8") == measures


def test_new_period_never_overwrites_a_folder(tmp_path, capsys):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("mine")
    assert main(["new-period", str(EXAMPLE), str(tmp_path / "taken")]) == 2
    err = capsys.readouterr().err
    assert f"{(tmp_path / 'taken').as_posix()}: already exists; new-period never overwrites" in err
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["keep.txt"]


def test_new_period_makes_the_sibling_folder_by_default(tmp_path, monkeypatch, capsys):
    shutil.copytree(EXAMPLE, tmp_path / "april-2019")
    monkeypatch.chdir(tmp_path)
    assert main(["new-period", "april-2019"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote may-2019: the pack for May 2019, data to April 2019\n")
    assert ("  to confirm: 1 status an officer set for March 2019 and 12 single targets set for "
            "2018/19, marked as carried (confirm each, then delete its carried_from line)\n"
            ) in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["april-2019", "may-2019"]


def test_carried_commentary_builds_with_a_warning_and_without_its_marker(tmp_path):
    """The carried first line is never printed; the build says which files still hold
    last month's text."""
    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack

    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    path = pack / "commentary" / "dtoc.md"
    path.write_text("<!-- carried forward from February 2019: not yet updated (edit the "
                    "text, then delete this line) -->\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    inputs = load_pack(pack)
    assert [str(w) for w in inputs.warnings if "dtoc.md" in w.file] == [
        (f"{path.as_posix()}:1: is last month's text, carried forward from February 2019 and "
         "not yet updated (edit it, then delete its first line)")]
    figures = compute_pack(inputs)
    reference = compute_pack(load_pack(EXAMPLE))
    assert figures.measures["dtoc"].commentary == reference.measures["dtoc"].commentary


def test_a_comment_after_the_month_and_single_quotes_are_kept(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    path = pack / "pack.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'data_period: "2019-03"', "data_period:   '2019-03'  # the latest month"),
        encoding="utf-8")
    new_period(pack, tmp_path / "next")
    assert "data_period:   '2019-04'  # the latest month" in (
        tmp_path / "next" / "pack.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_a_pack_yaml_ending_its_lines_with_cr_moves_on_and_keeps_them(tmp_path, newline):
    """Line ends of an old Mac (CR alone), which validate reads, and Windows' (CR LF): the
    months move on, a carried status is marked, and the file keeps its line ends."""
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    path = pack / "pack.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", newline.encode()))
    new_period(pack, tmp_path / "next")
    written = (tmp_path / "next" / "pack.yaml").read_bytes().decode("utf-8")
    lines = written.split(newline)
    assert 'pack_month: "2019-05"' in lines and 'data_period: "2019-04"' in lines
    assert any(line.strip().startswith('carried_from: "2019-03"') for line in lines)
    assert ("\n" in written) == (newline == "\r\n")


# --- odd folders: one line, exit 2, nothing left behind ----------------------------------
@pytest.fixture
def april(tmp_path, monkeypatch) -> Path:
    """The example as ./april-2019, the current folder being tmp_path."""
    shutil.copytree(EXAMPLE, tmp_path / "april-2019")
    monkeypatch.chdir(tmp_path)
    return Path("april-2019")


def refused(args: list[str], capsys) -> str:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    return captured.err


def everything(folder: Path) -> list[str]:
    return sorted(p.as_posix() for p in folder.rglob("*"))


def test_a_read_only_parent_folder_is_one_line_and_leaves_nothing(april, tmp_path,
                                                                  monkeypatch, capsys):
    """Simulated (the tests may run as root, whom a read-only folder does not stop): the
    folders made on the way to it go again."""
    before = everything(tmp_path)
    real_mkdir = Path.mkdir

    def read_only(path, *args, **kwargs):
        if path.name == ".june.partial":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    assert refused(["new-period", "april-2019", "team/2019/june"], capsys) == (
        "cabinet-pack: cannot write team/2019/june: permission denied (the folder or file is "
        "read-only, or open in another program such as Excel; close it and run new-period "
        "again)\n")
    assert everything(tmp_path) == before


def test_a_full_disk_is_one_line_and_leaves_nothing(april, tmp_path, monkeypatch, capsys):
    before = everything(tmp_path)
    copies = []

    def full(source, target, *args):
        copies.append(target.name)
        if len(copies) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_copy(source, target, *args)

    real_copy = shutil.copyfileobj
    monkeypatch.setattr("report.cycle.newperiod.shutil.copyfileobj", full)
    assert refused(["new-period", "april-2019", "june"], capsys) == (
        "cabinet-pack: the disk holding june is full; free some space and run new-period "
        "again\n")
    assert len(copies) == 5
    assert everything(tmp_path) == before


def test_a_new_folder_under_a_file_or_inside_this_month_is_refused(april, tmp_path, capsys):
    Path("notes.txt").write_text("mine")
    before = everything(tmp_path)
    assert refused(["new-period", "april-2019", "notes.txt/june"], capsys) == (
        "cabinet-pack: cannot write notes.txt/june: notes.txt is a file, not a folder\n")
    assert refused(["new-period", "april-2019", "april-2019/sub"], capsys) == (
        "cabinet-pack: cannot write april-2019/sub: it is inside this month's folder "
        "april-2019; name a folder beside it\n")
    assert refused(["new-period", "april-2019", "april-2019/commentary/../../april-2019/x"],
                   capsys).startswith("cabinet-pack: cannot write april-2019/commentary/../")
    assert everything(tmp_path) == before


needs_links = pytest.mark.skipif(sys.platform == "win32", reason="links and named pipes")


@needs_links
def test_a_named_pipe_in_the_pack_folder_is_refused_without_hanging(april, tmp_path):
    os.mkfifo(april / "commentary" / "dtoc-draft.md")
    os.mkfifo(april / "feed")
    before = everything(tmp_path)
    done = command("new-period", "april-2019", "june", timeout=30)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "The inputs have 2 problems; nothing was written.\n"
        "  april-2019/commentary/dtoc-draft.md: is a named pipe, not a file (new-period "
        "copies only ordinary files; move it out of the pack folder)\n"
        "  april-2019/feed: is a named pipe, not a file (new-period copies only ordinary "
        "files; move it out of the pack folder)\n")
    assert everything(tmp_path) == before


@needs_links
def test_commentary_linked_from_outside_is_refused_not_copied(april, tmp_path, capsys):
    """As the build refuses it: what the link points to is never read, nor carried."""
    secret = tmp_path / "secret.md"
    secret.write_text("## Commentary\nNot for the pack.\n")
    (april / "commentary" / "dtoc.md").unlink()
    (april / "commentary" / "dtoc.md").symlink_to(secret)
    (april / "commentary" / "alias.md").symlink_to("reviews.md")  # inside: carried as a file
    before = everything(tmp_path)
    assert refused(["new-period", "april-2019", "june"], capsys) == (
        "The inputs have 1 problem; nothing was written.\n"
        "  april-2019/commentary/dtoc.md: is a link to a file outside the pack folder; copy "
        "the file into the folder instead\n")
    assert everything(tmp_path) == before
    (april / "commentary" / "dtoc.md").unlink()
    assert main(["new-period", "april-2019", "june"]) == 0
    alias = Path("june/commentary/alias.md")
    assert not alias.is_symlink()
    assert alias.read_text().endswith((april / "commentary" / "reviews.md").read_text())


def test_a_pack_month_before_its_data_is_not_carried_to_the_next_month(april, tmp_path,
                                                                        capsys):
    """validate refuses a pack whose data reach past the month it goes to Cabinet; so does
    new-period, rather than carry the slip on (each month after it would be refused)."""
    pack = april / "pack.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace(
        'data_period: "2019-03"', 'data_period: "2019-06"'), encoding="utf-8")
    before = everything(tmp_path)
    assert refused(["new-period", str(april)], capsys).splitlines() == [
        "The inputs have 1 problem; nothing was written.",
        ("  april-2019/pack.yaml:7: pack_month: 2019-04 is before data_period 2019-06 (the "
         "pack goes to Cabinet after the month it reports)")]
    assert everything(tmp_path) == before


def test_new_period_refuses_a_month_past_the_years_a_pack_reports(pack_copy, capsys):
    """December 2100's next month would make a folder that validate refuses."""
    from report.cli import main

    pack = pack_copy / "pack.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace(
        'pack_month: "2019-04"', 'pack_month: "2100-12"').replace(
        'data_period: "2019-03"', 'data_period: "2100-11"'), encoding="utf-8")
    before = sorted(p.name for p in pack_copy.parent.iterdir())
    assert main(["new-period", str(pack_copy)]) == 2
    assert ("pack_month: the month after December 2100 is January 2101, past the years a "
            "pack reports (to 2100); is pack_month right?") in capsys.readouterr().err
    assert sorted(p.name for p in pack_copy.parent.iterdir()) == before
