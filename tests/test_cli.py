"""The command line as the information team meets it."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report.cli import main
from tests.conftest import EXAMPLE, PROJECT
from tests.pdfcheck import BuiltPdf


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "report", *args], capture_output=True,
                          text=True, cwd=cwd or PROJECT)


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "validate" in result.stdout and "build" in result.stdout


def test_validate_the_example_without_importing_the_drawing_libraries():
    code = (f"import sys; from report.cli import main; status = main(['validate', "
            f"{str(EXAMPLE)!r}]); "
            "heavy = [m for m in ('matplotlib', 'reportlab') if m in sys.modules]; "
            "print('heavy', heavy); raise SystemExit(status)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "valid (15 measures" in result.stdout
    assert "heavy []" in result.stdout


def test_bad_input_exits_2_with_every_problem_and_no_traceback(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    data = pack / "data.csv"
    data.write_text(data.read_text().replace("dtoc,2019-02,9.49", "dtoc,2019-02,nine", 1))
    (pack / "commentary" / "nobody.md").write_text("## Commentary\nText\n")
    result = run("validate", str(pack))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "The inputs have 2 problems." in result.stderr
    assert "data.csv:24: value: 'nine' is not a number" in result.stderr
    assert "nobody.md: no measure has the id 'nobody'" in result.stderr


@pytest.mark.no_pdf  # the build is refused
def test_missing_folder_is_a_clear_message(tmp_path):
    result = run("build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "is not a folder" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [
    ["validate", "{long}"], ["status", "{long}"], ["template", "{long}"],
    ["build", "{pack}", "-o", "{long}", "--figures-only"], ["requests", "{pack}", "-o", "{long}"],
    ["collect", "{pack}", "{long}.docx"], ["build", "{pack}", "-o", "{loop}", "--figures-only"],
    ["requests", "{pack}", "-o", "{loop}"]])
def test_a_path_the_disk_will_not_take_is_one_line_not_an_internal_error(tmp_path, command):
    """A name longer than the disk allows, or links that lead round in a loop, where a
    path is given: one line naming it, exit 2, nothing written."""
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    paths = {"long": str(tmp_path / ("y" * 300)), "pack": str(EXAMPLE),
             "loop": str(tmp_path / "loop-a")}
    result = run(*[part.format(**paths) for part in command])
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cabinet-pack: cannot use "), lines
    assert "too long for the disk" in lines[0] or "lead round in a loop" in lines[0]
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop-a", "loop-b"]


def test_a_failed_build_leaves_the_previous_outputs_untouched(tmp_path):
    pack = tmp_path / "pack"
    out = tmp_path / "out"
    shutil.copytree(EXAMPLE, pack)
    assert main(["build", str(pack), "-o", str(out), "--split"]) == 0
    assert (out / "pack.pdf").exists() and (out / "pack" / "01-summary-and-scorecard.pdf").exists()
    def snapshot():
        return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts}

    before = snapshot()
    measures = pack / "measures.yaml"
    measures.write_text(measures.read_text().replace("polarity: lower", "polarity: down", 1))
    assert main(["build", str(pack), "-o", str(out), "--split"]) == 2
    assert snapshot() == before
    assert not any(p.name.startswith(".partial-") for p in out.rglob("*"))


def test_warnings_for_suspicious_jumps_do_not_stop_the_build(tmp_path, capsys):
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    data = pack / "data.csv"
    data.write_text(data.read_text().replace("shared_lives,2019-03,76",
                                             "shared_lives,2019-03,176", 1))
    assert main(["build", str(pack), "-o", str(tmp_path / "out"), "--figures-only"]) == 0
    err = capsys.readouterr().err
    assert "shared_lives moves from 75 to 176" in err
    figures = json.loads((tmp_path / "out" / "pack.figures.json").read_text())
    assert any("shared_lives moves" in w for w in figures["warnings"])


def test_synth_writes_a_valid_pack_and_never_replaces_a_folder_it_did_not_make(tmp_path):
    target = tmp_path / "big"
    assert main(["synth", "--measures", "20", str(target)]) == 0
    assert main(["validate", str(target)]) == 0
    assert main(["synth", "--measures", "20", str(target)]) == 0  # its own: replaced
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "notes.txt").write_text("keep me")
    assert main(["synth", "--measures", "5", str(keep)]) == 2
    assert (keep / "notes.txt").read_text() == "keep me"
    assert main(["synth", "--measures", "5", str(EXAMPLE)]) == 2
    assert (EXAMPLE / "pack.yaml").exists()


def test_a_commentary_only_rebuild_draws_no_chart_and_never_imports_matplotlib(tmp_path):
    import json
    import os

    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "CABINET_PACK_CACHE"}
    stats = tmp_path / "stats.json"
    env["CABINET_PACK_STATS"] = str(stats)
    command = [sys.executable, "-m", "report", "build", str(pack), "-o", str(out)]
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    charts = sorted((out / ".cache").glob("chart-*.pdf"))
    # 15 trend or SPC, 7 quartile, 2 area charts, 15 sparklines, and the 6 legends the 12 SPC
    # charts share, each drawn once (DoLS waiting's chart, taller for its events, has its own)
    assert len(charts) == 39 + 6
    cold = json.loads(stats.read_text())
    assert cold["matplotlib_imported"] is False  # the workers draw; this process lays out
    assert cold["rss_worker_mb"] > 20  # the workers report their memory
    commentary = pack / "commentary" / "dtoc.md"
    commentary.write_text(commentary.read_text() + "\nOne more sentence for Cabinet.\n")
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    report = json.loads(stats.read_text())
    assert report["matplotlib_imported"] is False
    assert report["rss_worker_mb"] == 0
    assert sorted((out / ".cache").glob("chart-*.pdf")) == charts  # nothing redrawn
    data = pack / "data.csv"
    data.write_text(data.read_text().replace("9.49", "9.51", 1))
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    assert json.loads(stats.read_text())["rss_worker_mb"] > 20  # the data changed: drawn


def test_content_too_large_for_a_page_is_a_clear_message(example_figures, capsys):
    from reportlab.platypus import Spacer

    from report.layout.config import load_layout
    from report.layout.styles import build_theme
    from report.pdf.doc import PageLayoutError, build_passes
    from report.pdf.flowables import Anchor

    theme = build_theme(load_layout("cabinet"))
    story = [Anchor("x", opens="9. Shared Lives"), Spacer(10, 5000)]
    try:
        build_passes(example_figures, theme, lambda refs: (list(story), None))
    except PageLayoutError as exc:
        assert "something in 9. Shared Lives (page " in str(exc)
        assert "is too large to fit on a page; shorten the longest text in it" in str(exc)
    else:
        raise AssertionError("a 5000-point box was laid out")


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_pages_and_charts_on_a_terminal_and_nothing_elsewhere(tmp_path,
                                                                             monkeypatch):
    from report.build import build_pack
    from report.progress import Progress

    monkeypatch.delenv("CABINET_PACK_CACHE", raising=False)
    assert Progress.on_terminal(io.StringIO()) is None  # a pipe or a file: silent
    screen = _Terminal()
    progress = Progress.on_terminal(screen)
    build_pack(EXAMPLE, tmp_path / "out", layouts=["cabinet"], progress=progress)
    progress.close()
    shown = screen.getvalue()
    assert "cabinet: measuring" in shown  # no page numbers known yet: a measuring pass
    pages = BuiltPdf(tmp_path / "out" / "example.pdf").plain_texts
    # the generated pages counted as laid out, then the appendix
    assert "cabinet: laying out:" in shown and f"/{len(pages) - 1} [" in shown
    assert "charts:" in shown and "/45 [" in shown  # 39 charts and 6 SPC legends
    done = subprocess.run([sys.executable, "-m", "report", "build", str(EXAMPLE), "-o",
                           str(tmp_path / "again")], capture_output=True, text=True)
    assert done.returncode == 0 and "\r" not in done.stderr and "charts:" not in done.stderr


def reader_gone(*args: str, closed: str = "stdout", cwd: Path = PROJECT):
    """`cabinet-pack ARGS` whose output's reader has gone before the first line (as `| head
    -1` leaves it, without the race): (exit status, what it said on the other stream)."""
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    process = subprocess.Popen([sys.executable, "-m", "report", *args], cwd=cwd, **pipes)
    getattr(process, closed).close()
    other = process.stderr if closed == "stdout" else process.stdout
    said = other.read().decode("utf-8", "replace")
    return process.wait(timeout=120), said


@pytest.mark.parametrize("args, code", [
    (("status", "{pack}"), 0), (("validate", "{pack}"), 0), (("--help",), 0),
    (("new-period", "{pack}", "{tmp}/may"), 0), (("template", "{pack}"), 0),
    (("build", "{pack}", "-o", "{tmp}/out", "--figures-only"), 0),
    (("status", "--strict", "{tmp}/bad"), 2),
])
def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path, args, code):
    """The command finishes as it would have (its files written, its own exit status);
    only what nobody reads is dropped: no traceback, no "internal error"."""
    shutil.copytree(EXAMPLE, tmp_path / "pack")
    shutil.copytree(EXAMPLE, tmp_path / "bad")
    (tmp_path / "bad" / "commentary" / "dtoc.md").write_text("## Wrong heading\n")
    args = [a.format(pack=tmp_path / "pack", tmp=tmp_path) for a in args]
    status, said = reader_gone(*args)
    # what the command says on its other stream is its warnings (the SPC rebases it
    # suggests for the example), nothing else
    assert (status, [line for line in said.splitlines() if not line.startswith("warning: ")]) \
        == (code, [])
    if "new-period" in args:
        assert (tmp_path / "may" / "pack.yaml").is_file()
    if "template" in args:
        assert (tmp_path / "pack" / "data-template.xlsx").is_file()


def test_problems_whose_reader_has_gone_still_exit_2(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "bad")
    (tmp_path / "bad" / "commentary" / "dtoc.md").write_text("## Wrong heading\n")
    assert reader_gone("validate", str(tmp_path / "bad"), closed="stderr") == (2, "")
