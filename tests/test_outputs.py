"""A build's outputs as one transaction: all appear together or none do, whatever fails."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from report import transaction
from report.cli import main
from tests.conftest import EXAMPLE


def snapshot(out: Path) -> dict[str, str]:
    """Every file below `out` but the cache, with its digest."""
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts}


def leftovers(out: Path) -> list[str]:
    return [p.name for p in out.rglob("*")
            if p.name.startswith((transaction.STAGING_PREFIX, ".partial"))]


@pytest.fixture
def built(tmp_path):
    """A pack copy, built once with its split parts, and the data edited since, so that a
    new build would change every output."""
    pack, out = tmp_path / "pack", tmp_path / "out"
    shutil.copytree(EXAMPLE, pack)
    assert main(["build", str(pack), "-o", str(out), "--split"]) == 0
    data = pack / "data.csv"
    data.write_text(data.read_text().replace("dtoc,2019-02,9.49", "dtoc,2019-02,9.41"))
    return pack, out


def test_a_failed_move_at_each_output_in_turn_leaves_the_previous_set(built, monkeypatch,
                                                                       capsys):
    pack, out = built
    before = snapshot(out)
    real_replace = transaction._rename
    moves = []

    def counting(source, target):
        moves.append((source, target))
        return real_replace(source, target)

    monkeypatch.setattr(transaction, "_rename", counting)
    assert main(["build", str(pack), "-o", str(out), "--split"]) == 0
    total = len(moves)
    after = snapshot(out)
    assert after != before and after.keys() == before.keys()
    assert total >= 8  # four outputs, each moved aside and replaced
    assert main(["build", str(pack), "-o", str(out), "--split"]) == 0  # back to `after`
    value = "9.41"
    for failing in range(total):
        calls = []

        def failing_move(source, target, failing=failing, calls=calls):
            calls.append(target)
            if len(calls) == failing + 1:
                raise PermissionError(errno.EACCES, "Permission denied", str(target))
            return real_replace(source, target)

        monkeypatch.setattr(transaction, "_rename", failing_move)
        data = pack / "data.csv"
        data.write_text(data.read_text().replace(f"dtoc,2019-02,{value}",
                                                 f"dtoc,2019-02,{9.5 + failing / 100:.2f}"))
        value = f"{9.5 + failing / 100:.2f}"
        capsys.readouterr()
        assert main(["build", str(pack), "-o", str(out), "--split"]) == 2, failing
        message = capsys.readouterr().err
        assert "permission denied" in message and "nothing was changed" in message
        assert "internal error" not in message and "Traceback" not in message
        assert message.count("\n") == 1
        monkeypatch.setattr(transaction, "_rename", real_replace)
        assert snapshot(out) == after, f"move {failing + 1} of {total} failed"
        assert leftovers(out) == []


def test_a_process_that_dies_mid_commit_is_undone_by_the_next_build(built, monkeypatch):
    pack, out = built
    before = snapshot(out)
    real_replace = transaction._rename
    calls = []

    class Killed(BaseException):
        """Stands for the process dying: nothing of ours runs after it."""

    def dying(source, target):
        calls.append(target)
        if len(calls) == 5:
            raise Killed
        return real_replace(source, target)

    monkeypatch.setattr(transaction.OutputSet, "discard", lambda self: None)  # died: no clean-up
    monkeypatch.setattr(transaction, "_rename", dying)
    with pytest.raises(Killed):
        main(["build", str(pack), "-o", str(out), "--split"])
    monkeypatch.setattr(transaction, "_rename", real_replace)
    assert snapshot(out) != before  # half-moved: some new files, some old
    monkeypatch.setattr(transaction, "_owner_alive", lambda staging: False)
    transaction.recover(out)
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_full_disk_is_one_line_and_leaves_nothing(built, monkeypatch, capsys):
    pack, out = built
    before = snapshot(out)
    written = []

    def full(path, data):
        written.append(path)
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        Path(path).write_bytes(data)

    monkeypatch.setattr(transaction, "_write", full)
    assert main(["build", str(pack), "-o", str(out), "--split"]) == 2
    message = capsys.readouterr().err
    assert message.startswith("cabinet-pack: the disk holding ") and "is full" in message
    assert message.count("\n") == 1
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_full_disk_leaves_no_output_folder_the_command_made(built, monkeypatch, capsys,
                                                             tmp_path):
    """Nothing half-written: an output folder (and its parents) made for this build, into
    which nothing was written, goes again; a folder the user made stays."""
    import errno

    pack, _ = built

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(transaction, "_write", full)
    out = tmp_path / "new" / "out"
    assert main(["build", str(pack), "-o", str(out), "--figures-only"]) == 2
    assert "is full" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()
    (tmp_path / "mine").mkdir()
    assert main(["build", str(pack), "-o", str(tmp_path / "mine"), "--figures-only"]) == 2
    assert (tmp_path / "mine").is_dir()


def test_a_folder_where_the_scorecard_goes_is_left_alone(built, capsys):
    pack, out = built
    (out / "pack.scorecard.csv").unlink()
    (out / "pack.scorecard.csv").mkdir()
    (out / "pack.scorecard.csv" / "mine.txt").write_text("the user's own")
    before = snapshot(out)
    assert main(["build", str(pack), "-o", str(out)]) == 2
    message = capsys.readouterr().err
    assert "pack.scorecard.csv: a folder of that name is in the way" in message
    assert snapshot(out) == before
    assert leftovers(out) == []


@pytest.mark.no_pdf  # the build is refused
def test_an_output_folder_inside_the_pack_is_refused(tmp_path, capsys):
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    for inside in (pack / "commentary", pack / "out"):
        assert main(["build", str(pack), "-o", str(inside)]) == 2
        assert "is inside the pack folder" in capsys.readouterr().err
    assert not (pack / "out").exists()
    assert not (pack / "commentary" / ".cache").exists()
    assert main(["validate", str(pack)]) == 0


@pytest.mark.no_pdf  # the build is refused
def test_an_output_path_that_is_a_file_is_one_line(tmp_path, capsys):
    target = tmp_path / "out"
    target.write_text("not a folder")
    assert main(["build", str(EXAMPLE), "-o", str(target)]) == 2
    message = capsys.readouterr().err
    assert message == (f"cabinet-pack: the output folder {target.as_posix()} is a file; "
                       "name a folder with -o\n")


def test_split_parts_of_an_earlier_build_are_removed(built, capsys):
    pack, out = built
    assert (out / "pack" / "01-summary-and-scorecard.pdf").exists()
    capsys.readouterr()
    assert main(["build", str(pack), "-o", str(out)]) == 0
    assert not (out / "pack").exists()
    assert f"removed {(out / 'pack').as_posix()}/" in capsys.readouterr().out
    assert main(["build", str(pack), "-o", str(out), "--split"]) == 0
    parts = sorted(p.name for p in (out / "pack").iterdir())
    assert parts[0] == "01-summary-and-scorecard.pdf" and len(parts) >= 4


def test_a_draft_or_another_layout_alone_leaves_the_final_files(built):
    pack, out = built
    assert main(["build", str(pack), "-o", str(out), "--layout", "cabinet",
                 "--layout", "analysis"]) == 0
    final = snapshot(out)
    assert main(["build", str(pack), "-o", str(out), "--draft", "--split"]) == 0
    assert main(["build", str(pack), "-o", str(out), "--layout", "analysis"]) == 0
    now = snapshot(out)
    assert {k: v for k, v in now.items() if k in final} == final
    assert {"pack.DRAFT.pdf", "pack.DRAFT.figures.json", "pack.DRAFT.scorecard.csv",
            "pack.analysis.figures.json", "pack.analysis.scorecard.csv"} <= now.keys()
    assert any(k.startswith("pack.DRAFT/") for k in now)


def test_a_final_build_removes_the_draft_of_the_same_pack(built, capsys):
    """Drafts and finals never mix: the final's build takes the draft's files away with
    its own moves into place, and says so in one line; another layout's draft stays."""
    pack, out = built
    assert main(["build", str(pack), "-o", str(out), "--draft", "--split"]) == 0
    assert main(["build", str(pack), "-o", str(out), "--draft", "--layout", "analysis"]) == 0
    drafts = ["pack.DRAFT.pdf", "pack.DRAFT.figures.json", "pack.DRAFT.scorecard.csv"]
    assert set(drafts) <= snapshot(out).keys() and (out / "pack.DRAFT").is_dir()
    capsys.readouterr()
    assert main(["build", str(pack), "-o", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    o = out.as_posix()
    assert [line for line in printed if line.startswith("removed the draft")] == [
        (f"removed the draft: {o}/pack.DRAFT.pdf, {o}/pack.DRAFT.figures.json, "
        f"{o}/pack.DRAFT.scorecard.csv, {o}/pack.DRAFT/ (a final build replaces it)")]
    left = snapshot(out).keys()
    assert not set(drafts) & left and not (out / "pack.DRAFT").exists()
    assert {"pack.pdf", "pack.analysis.DRAFT.pdf", "pack.analysis.DRAFT.figures.json"} <= left
    capsys.readouterr()
    assert main(["build", str(pack), "-o", str(out)]) == 0  # nothing left to remove: no line
    assert "removed the draft" not in capsys.readouterr().out


def test_a_final_build_that_fails_leaves_the_draft(built, monkeypatch, capsys):
    pack, out = built
    assert main(["build", str(pack), "-o", str(out), "--draft"]) == 0
    before = snapshot(out)
    real_rename = transaction._rename

    def failing(source, target):
        if Path(target).name == "pack.DRAFT.scorecard.csv":  # the last draft moved aside
            raise OSError(errno.EACCES, "Permission denied")
        return real_rename(source, target)

    monkeypatch.setattr(transaction, "_rename", failing)
    assert main(["build", str(pack), "-o", str(out)]) == 2
    assert snapshot(out) == before and "pack.DRAFT.pdf" in before


def test_ctrl_c_at_many_moments_never_lets_a_build_half_finish(tmp_path):
    """A Ctrl-C at any moment: either the build stops with the one-line message and the
    previous outputs untouched, or (pressed after the outputs were in place) it had already
    finished whole. Never an internal error, a traceback or a mixed set."""
    import signal
    import subprocess
    import sys
    import time

    pack, out = tmp_path / "pack", tmp_path / "out"
    shutil.copytree(EXAMPLE, pack)
    command = [sys.executable, "-m", "report", "build", str(pack), "-o", str(out), "--split"]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    duration = time.perf_counter() - started
    before = snapshot(out)
    outcomes = []
    # from while the program is still importing (0.1 s) to the moves into place
    moments = [0.1 + i * (duration * 0.95) / 8 for i in range(9)]
    for number, after in enumerate(moments):
        data = pack / "data.csv"  # every build would change every output
        data.write_text(data.read_text().replace("dtoc,2019-02,9.49", "dtoc,2019-02,9.47")
                        if number == 0 else data.read_text())
        build = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 start_new_session=True,
                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(after)
        try:
            os.killpg(build.pid, signal.SIGINT)
        except ProcessLookupError:
            pass
        stdout, stderr = build.communicate(timeout=60)
        err = stderr.decode()
        assert "Traceback" not in err and "internal error" not in err, (after, err)
        assert leftovers(out) == []
        if build.returncode == 1:
            assert "interrupted; nothing was written" in err
            assert snapshot(out) == before, after
            outcomes.append("stopped")
        else:
            assert build.returncode == 0, (after, err)
            assert b"built in" in stdout
            before = snapshot(out)
            assert len(before) >= 4
            outcomes.append("finished")
    assert outcomes.count("stopped") >= len(moments) // 2, outcomes
