"""Hostile and broken inputs, made here from copies of the example pack (nothing large is
committed): each must end in problems naming the file and line, exit 2, quickly, never a
traceback, a crash, a hang or a flood of memory; or, where the input is in fact valid, in
a build. The commands that could hang or crash if this regressed run in a child process
with a time limit, so the suite fails instead of stopping."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from report.cli import _print_warnings, main
from report.inputs.load import load_pack
from report.problems import InputProblems, printable
from tests.conftest import PROJECT

needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                                 reason="symbolic links and named pipes")


def problems(pack: Path) -> list[str]:
    with pytest.raises(InputProblems) as raised:
        load_pack(pack)
    return [str(p) for p in raised.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def command(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`cabinet-pack ARGS` in a child process, from the current folder, with at most
    `MEMORY` of address space where the system can say so."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run([sys.executable, "-m", "report", *args], capture_output=True,
                          text=True, errors="backslashreplace", timeout=timeout, env=env,
                          preexec_fn=_limit_memory if sys.platform == "linux" else None)


MEMORY = 2 << 30  # bytes


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


# --- YAML ------------------------------------------------------------------------------
def read_alone(path: Path, monkeypatch) -> tuple[list[str], dict[str, int]]:
    """One YAML file read in this process: its problems, and the work done on it (the
    parser events read, the times it was built into data): what a refusal "at once" must
    keep small, whatever the machine's load."""
    from report.inputs import yamlfile
    from report.problems import Collector

    work = {"events": 0, "built": 0}
    for loader in (yamlfile.FastPackLoader, yamlfile.PackLoader):
        def get_event(self, read=loader.get_event):
            work["events"] += 1
            return read(self)

        monkeypatch.setattr(loader, "get_event", get_event)
    load = yamlfile._load

    def counted_load(*args):
        work["built"] += 1
        return load(*args)

    monkeypatch.setattr(yamlfile, "_load", counted_load)
    collector = Collector(path.parent)
    assert yamlfile.load_yaml(path, collector) is None
    return [str(p) for p in collector.problems], work


def test_brackets_nested_100000_deep_are_a_problem_not_a_crash(pack_copy, monkeypatch):
    (pack_copy / "areas.yaml").write_text("title: x\nareas: " + "[" * 100_000, encoding="utf-8")
    message = ("pack/areas.yaml:2: lists and mappings are nested more than 100 deep here; a "
               "pack file needs only a few levels (is a bracket or the indentation wrong?)")
    result = command("validate", str(pack_copy))  # a crash here stays in the child
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    from report.inputs.yamlfile import MAX_DEPTH

    found, work = read_alone(pack_copy / "areas.yaml", monkeypatch)
    assert found == [message]
    assert work["built"] == 0  # refused from the events, before any node is made
    assert work["events"] <= MAX_DEPTH + 10  # read up to the level too deep, no further


def test_a_mapping_nested_3000_deep_is_a_problem_at_its_line(pack_copy):
    deep = "".join(" " * i + f"k{i}:\n" for i in range(3000)) + " " * 3000 + "v\n"
    (pack_copy / "areas.yaml").write_text(deep, encoding="utf-8")
    assert problems(pack_copy) == [
        ("pack/areas.yaml:101: lists and mappings are nested more than 100 deep here; a pack "
         "file needs only a few levels (is a bracket or the indentation wrong?)")]


@pytest.mark.parametrize("bomb, line", [
    # billion laughs: each alias stands for ten of the one before
    ("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)), 5),
    # merge keys: each mapping merges the one before twice
    ("m0: &m0 {k0: 1, k1: 2}\n" + "".join(
        f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}], z{i}: 1}}\n" for i in range(1, 30)), 14),
], ids=["aliases", "merge-keys"])
def test_alias_bombs_are_refused_at_once(pack_copy, bomb, line, monkeypatch):
    import yaml

    (pack_copy / "areas.yaml").write_text(bomb, encoding="utf-8")
    message = (f"pack/areas.yaml:{line}: aliases (*name) here stand for more than 100,000 "
               "values all told; write the values out instead")
    result = command("validate", str(pack_copy), timeout=30)  # a flood stays in the child
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[1:] == [f"  {message}"]
    found, work = read_alone(pack_copy / "areas.yaml", monkeypatch)
    assert found == [message]
    assert work["built"] == 0  # no alias was expanded: nothing was built from the file
    written = len(list(yaml.parse(bomb, Loader=yaml.SafeLoader)))  # the events as written
    assert 0 < work["events"] <= written


def test_aliases_within_bounds_are_read(pack_copy):
    edit(pack_copy / "measures.yaml", "    owner: Assistant Director, Adult Social Care\n",
         "    owner: &ad Assistant Director, Adult Social Care\n")
    edit(pack_copy / "measures.yaml",
         "    responsible_officer: Head of Hospital Social Work and Discharge\n",
         "    responsible_officer: *ad\n")
    inputs = load_pack(pack_copy)
    officer = inputs.measures.measures[0].responsible_officer
    assert officer == "Assistant Director, Adult Social Care"


def test_a_yaml_file_over_5_mb_is_refused_unread(pack_copy):
    (pack_copy / "areas.yaml").write_text("areas:\n" + ("  - {title: " + "y" * 90 + "}\n") * 60_000,
                                          encoding="utf-8")
    assert problems(pack_copy) == [
        ("pack/areas.yaml: is 6.0 MB, more than the 5 MB a pack's .yaml file may be (is it the "
         "right file?)")]


def test_merged_keys_may_be_set_again_and_the_pack_builds(pack_copy):
    pack = pack_copy / "pack.yaml"
    edit(pack, "  dols_completed:\n", "  dols_completed: &set\n")
    edit(pack, "glossary:\n", "  dols_waiting:\n    <<: *set\n    status: AMBER\nglossary:\n")
    assert main(["build", str(pack_copy), "-o", "out", "--figures-only"]) == 0
    figures = json.loads(Path("out/pack.figures.json").read_text(encoding="utf-8"))
    status = {m["id"]: m["status"] for m in figures["measures"]}
    assert status["dols_waiting"]["value"] == "AMBER"  # its own key wins over the merged one
    assert status["dols_waiting"]["reason"] == status["dols_completed"]["reason"]


# --- which files are read ---------------------------------------------------------------
@pytest.mark.no_pdf  # the build is refused
@needs_links
def test_links_out_of_the_pack_are_refused_and_never_read(pack_copy, tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.md"
    secret.write_text("## What happened\n- SECRET WORDS\n## Not a heading we know\n",
                      encoding="utf-8")
    (outside / "data.csv").write_text("SECRET,COLUMNS\n", encoding="utf-8")
    (pack_copy / "commentary" / "dtoc.md").unlink()
    (pack_copy / "commentary" / "dtoc.md").symlink_to(secret)
    (pack_copy / "data.csv").unlink()
    (pack_copy / "data.csv").symlink_to(outside / "data.csv")
    (outside / "benchmarks").mkdir()
    for path in (pack_copy / "benchmarks").iterdir():
        path.rename(outside / "benchmarks" / path.name)
    (pack_copy / "benchmarks").rmdir()
    (pack_copy / "benchmarks").symlink_to(outside / "benchmarks", target_is_directory=True)
    file_link = "is a link to a file outside the pack folder; copy the file into the folder instead"
    assert problems(pack_copy) == [
        ("pack/benchmarks: is a link to a folder outside the pack folder; copy the folder into "
         "the pack folder instead"),
        f"pack/commentary/dtoc.md: {file_link}",
        f"pack/data.csv: {file_link}"]
    assert main(["build", str(pack_copy), "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert "SECRET" not in err and file_link in err


@needs_links
def test_the_whole_commentary_folder_linked_out_of_the_pack_is_one_problem(pack_copy, tmp_path):
    (pack_copy / "commentary").rename(tmp_path / "commentary")
    (pack_copy / "commentary").symlink_to(tmp_path / "commentary", target_is_directory=True)
    assert problems(pack_copy) == [
        ("pack/commentary: is a link to a folder outside the pack folder; copy the folder into "
         "the pack folder instead")]


def test_commentary_bold_and_italic_word_by_word_is_refused(pack_copy):
    """Thousands of bold or italic spans in a file (every word stressed) took reportlab
    minutes to lay out; a commentary stresses tens of phrases."""
    path = pack_copy / "commentary" / "dtoc.md"
    stressed = " ".join(f"**w{n}** *x{n}*" for n in range(1001))
    path.write_text(f"## Commentary\n\n{stressed}\n", encoding="utf-8")
    assert problems(pack_copy) == [
        ("pack/commentary/dtoc.md: text: has 2,002 bold or italic spans, more than the 2,000 "
         "a commentary may have (keep bold and italic for the phrases that need stressing)")]


def test_a_glossary_longer_than_a_pack_can_print_is_refused(pack_copy):
    """Its terms are printed as a glossary: 60,000 of them (a 2.4 MB pack.yaml, under the
    5 MB a YAML file may be) took many minutes to lay out."""
    path = pack_copy / "pack.yaml"
    terms = "".join(f"  TERM{number}: a term added to the glossary\n" for number in range(1001))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("glossary:\n", "glossary:\n" + terms), encoding="utf-8")
    assert problems(pack_copy) == [
        ("pack/pack.yaml:35: glossary: has more than 1,000 entries, more than a printed pack "
         "can carry (is it the right file?)")]


@needs_links
def test_a_link_that_leads_nowhere_is_a_problem_not_an_input_left_out(pack_copy):
    """An optional input (the commentary folder, areas.yaml, a benchmark table, an
    appendix) that is there as a link to nothing, or to links in a loop, is said to be so:
    taken as left out, the pack would quietly lose it."""
    import shutil

    shutil.rmtree(pack_copy / "commentary")
    (pack_copy / "loop-a").symlink_to("loop-b")
    (pack_copy / "loop-b").symlink_to("loop-a")
    (pack_copy / "commentary").symlink_to("loop-a")
    (pack_copy / "areas.yaml").unlink()
    (pack_copy / "areas.yaml").symlink_to("areas-renamed.yaml")
    (pack_copy / "benchmarks" / "england.csv").unlink()
    (pack_copy / "benchmarks" / "england.csv").symlink_to("england-2018.csv")
    appendix = pack_copy / "appendices" / "carers-forum-report.pdf"
    appendix.unlink()
    appendix.symlink_to("carers-forum-report.pdf")
    nowhere = ("is a link to something that does not exist; put the file or folder itself in "
               "the pack folder")
    loop = ("is a link whose links lead round in a loop; put the file or folder itself in the "
            "pack folder")
    said = problems(pack_copy)
    assert f"pack/commentary: {loop}" in said
    assert f"pack/areas.yaml: {nowhere}" in said
    assert f"pack/benchmarks/england.csv: {nowhere}" in said
    assert any(p.endswith(f"'appendices/carers-forum-report.pdf' {loop}") for p in said), said


@pytest.mark.no_pdf  # the build is refused
@needs_links
def test_pipes_devices_and_huge_linked_trees_neither_hang_nor_flood(pack_copy):
    """validate and build (whose cache key hashes the pack's files) end at once."""
    for name in ("data.csv", "areas.yaml", "commentary/dtoc.md",
                 "appendices/carers-forum-report.pdf"):
        (pack_copy / name).unlink()
        os.mkfifo(pack_copy / name)
    (pack_copy / "benchmarks" / "england.csv").unlink()
    (pack_copy / "benchmarks" / "england.csv").symlink_to("/dev/zero")
    (pack_copy / "whole-disk").symlink_to("/", target_is_directory=True)  # never walked
    pipe = "is a named pipe, not a file (save the data as an ordinary file in the pack folder)"
    expected = [f"pack/areas.yaml: {pipe}",
                ("pack/benchmarks/england.csv: is a link to a file outside the pack folder; "
                 "copy the file into the folder instead"),
                f"pack/commentary/dtoc.md: {pipe}",
                f"pack/data.csv: {pipe}",
                ("pack/pack.yaml:23: appendices[1].file: 'appendices/carers-forum-report.pdf' "
                 "is a named pipe, not a PDF file")]
    for args in (["validate", "pack"], ["build", "pack", "-o", "out"]):
        result = command(*args, timeout=60)
        assert result.returncode == 2, result.stderr
        assert [line.strip() for line in result.stderr.splitlines()[1:]] == expected


@needs_links
def test_the_cache_key_does_not_walk_a_linked_tree(pack_copy, tmp_path):
    from report.figures import _files

    tree = tmp_path / "tree"
    tree.mkdir()
    for i in range(50):
        (tree / f"{i}.txt").write_text("x", encoding="utf-8")
    (pack_copy / "archive").symlink_to(tree, target_is_directory=True)
    found = {p.relative_to(pack_copy).as_posix() for p in _files(pack_copy, ())}
    assert "archive" in found  # counted as a link, by where it points
    assert not any(name.startswith("archive/") for name in found)


def test_a_nul_in_an_appendix_path_is_a_problem_with_its_line(pack_copy):
    edit(pack_copy / "pack.yaml", "    file: appendices/carers-forum-report.pdf",
         '    file: "appendices/carers\\0.pdf"')
    assert problems(pack_copy) == [
        ("pack/pack.yaml:23: appendices[1].file: contains a control character (\\x00); a file "
         "name is plain text, e.g. appendices/report.pdf")]


# --- CSV -------------------------------------------------------------------------------
def test_a_one_megabyte_cell_is_a_problem_not_an_internal_error(pack_copy):
    with open(pack_copy / "data.csv", "a", encoding="utf-8") as data:
        data.write('dtoc,2019-03,"' + "9" * 1_000_000 + '",,,\n')
    assert problems(pack_copy) == [
        ("pack/data.csv:309: value: the cell is longer than 10,000 characters (a cell holds "
         "one value; is a quote missing?)")]


def test_a_stray_quote_is_one_short_problem_at_its_line(pack_copy, capsys):
    edit(pack_copy / "data.csv", "reviews,2018-04,", 'reviews,"2018-04,')
    line = next(n for n, text in enumerate(
        (pack_copy / "data.csv").read_text(encoding="utf-8").splitlines(), start=1)
        if text.startswith('reviews,"'))
    assert problems(pack_copy) == [
        (f'pack/data.csv:{line}: a quote " opened on this line is never closed, so the rest of '
         "the file reads as one cell (delete the quote, or close it)")]


def test_a_quote_closed_far_away_is_one_problem(pack_copy):
    edit(pack_copy / "data.csv", "reviews,2018-04,", 'reviews,"2018-04,')
    edit(pack_copy / "data.csv", "reviews,2019-01,", 'reviews,2019-01",')
    lines = (pack_copy / "data.csv").read_text(encoding="utf-8").splitlines()
    start = next(n for n, text in enumerate(lines, start=1) if text.startswith('reviews,"'))
    end = next(n for n, text in enumerate(lines, start=1) if text.startswith("reviews,2019-01"))
    assert problems(pack_copy) == [
        (f'pack/data.csv:{start}: a quote " opened on this line closes only on line {end}, so '
         "the lines between read as one cell (is a quote missing or one too many?)")]


def test_quoted_input_in_a_message_is_cut_short(pack_copy):
    edit(pack_copy / "data.csv", "dtoc,2017-05,13.05,,,", "dtoc,2017-05," + "7x" * 2000 + ",,,")
    (message,) = problems(pack_copy)
    assert message.startswith("pack/data.csv:3: value: '7x7x")
    assert "…' is not a number (write digits, e.g. 9.49)" in message
    assert len(message) < 150


def test_byte_order_marks_at_the_start_are_taken_off(pack_copy):
    data = pack_copy / "data.csv"
    data.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + data.read_bytes())  # saved twice by Excel
    (pack_copy / "pack.yaml").write_bytes(b"\xef\xbb\xbf" + (pack_copy / "pack.yaml").read_bytes())
    assert load_pack(pack_copy).pack.title == "Cabinet Scorecard"


# --- the terminal ------------------------------------------------------------------------
def test_printed_messages_escape_control_and_invisible_characters(pack_copy, capsys):
    edit(pack_copy / "data.csv", "dtoc,2017-05,13.05,,,", "dtoc,2017-05,\x1b[2J13.05\u202e,,,")
    assert main(["validate", str(pack_copy)]) == 2
    err = capsys.readouterr().err
    assert "'\\x1b[2J13.05\\u202e' is not a number" in err
    assert "\x1b" not in err and "\u202e" not in err


def test_warnings_are_printed_escaped(capsys):
    _print_warnings(["appendix '\x1b[2J\x9bTitle\u202e\ufeff\x00' is not a tagged PDF"])
    err = capsys.readouterr().err
    assert err == "warning: appendix '\\x1b[2J\\x9bTitle\\u202e\\ufeff\\x00' is not a tagged PDF\n"


def test_printable_keeps_every_visible_character():
    text = "Cabinet Scorecard – April 2019 ✖ RED ▲ AMBER 😀 עברית é\u00a0£"
    assert printable(text) == text
    assert printable("a\tb\nc\x7fd\u2028e\u200bf") == "a\\x09b\\x0ac\\x7fd\\u2028e\\u200bf"


# --- what the tool writes cannot attack its reader ---------------------------------------
HOSTILE_TITLES = ['=HYPERLINK("http://example.invalid","Click")', "+cmd|' /C calc'!A0",
                  "-2+3", "@SUM(A1:A9)"]


def test_scorecard_text_cells_cannot_be_formulas(pack_copy):
    """OWASP's CSV-injection rule: a text cell starting = + - @ tab or CR gets a single
    quote before it; the figures, negative numbers among them, stay numbers."""
    from report.cells import inert
    from report.compute.pack import compute_pack
    from report.export import scorecard_csv

    edit(pack_copy / "measures.yaml", "title: Use of Resources", "title: '=1+1'")
    lines = (pack_copy / "measures.yaml").read_text(encoding="utf-8").split("\n")
    titles = [i for i, line in enumerate(lines) if line.startswith("    title: ")][4:]
    for index, title in zip(titles, HOSTILE_TITLES):
        lines[index] = f"    title: {json.dumps(title)}"
    (pack_copy / "measures.yaml").write_text("\n".join(lines), encoding="utf-8")
    figures = compute_pack(load_pack(pack_copy))
    rows = list(csv.reader(io.StringIO(scorecard_csv(figures))))
    assert [r[2] for r in rows[1:5]] == ["'" + t for t in HOSTILE_TITLES]
    assert rows[1][0] == "1. =1+1"  # starts with its number: no formula
    for row in rows[1:]:
        assert not row[2].startswith(("=", "+", "-", "@", "\t", "\r"))
    # a title's spaces are trimmed as it is read; a tab or return reaching a cell would not be
    assert [inert(v) for v in ("\tx", "\rx", "-3.5", "+1.22", "-4%", "-1,200", 7, -2.5, "",
                               "- 3", "-1-1")] == [
        "'\tx", "'\rx", "-3.5", "+1.22", "-4%", "-1,200", 7, -2.5, "", "'- 3", "'-1-1"]
