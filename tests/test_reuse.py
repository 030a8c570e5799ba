"""A rebuild after a commentary edit reuses the last build's figures and layouts, and is
indistinguishable from a fresh build; any other change validates afresh."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys

import pytest

from report.build import build_pack
from report.figures import pack_figures
from report.inputs.load import load_pack
from report.layout.config import Layout, load_layout
from report.paths import LAYOUTS
from report.problems import InputProblems
from tests.conftest import EXAMPLE, PROJECT

EDIT = "\nA paragraph added for Cabinet, with **bold** words and a word in Hindi, \u0915.\n"


def _build(pack, out, stats, cache=None):
    env = {k: v for k, v in os.environ.items() if k != "CABINET_PACK_CACHE"}
    env["CABINET_PACK_STATS"] = str(stats)
    if cache is not None:
        env["CABINET_PACK_CACHE"] = str(cache)
    done = subprocess.run([sys.executable, "-m", "report", "build", str(pack), "-o", str(out)],
                          capture_output=True, text=True, env=env, cwd=PROJECT)
    assert done.returncode == 0, done.stderr
    return done, json.loads(stats.read_text())


def test_a_commentary_edit_is_built_from_reused_figures_exactly_as_a_fresh_build(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    stats = tmp_path / "stats.json"
    _, first = _build(pack, tmp_path / "out", stats)
    assert first["pydantic_imported"] is True  # nothing to reuse yet
    commentary = pack / "commentary" / "dtoc.md"
    commentary.write_text(commentary.read_text() + EDIT, encoding="utf-8")

    reused, report = _build(pack, tmp_path / "out", stats)
    assert report["pydantic_imported"] is False  # neither YAML nor CSV validated again
    fresh, _ = _build(pack, tmp_path / "fresh", stats, cache=tmp_path / "fresh-cache")
    for name in ("pack.pdf", "pack.figures.json", "pack.scorecard.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()
    warnings = [line for line in reused.stderr.splitlines() if line.startswith("warning")]
    assert warnings == [line for line in fresh.stderr.splitlines() if line.startswith("warning")]
    assert any("dtoc.md: has characters the pack's font cannot draw" in w for w in warnings)
    figures = json.loads((tmp_path / "out" / "pack.figures.json").read_text())
    # the SPC rebases to consider are printed too; the figures file has each as its
    # measure's spc.shift, without the file and line
    suggested = [w for w in warnings if "consider recalculating the limits" in w]
    assert len(suggested) == sum(m["spc"] is not None and m["spc"]["shift"] is not None
                                 for m in figures["measures"]) == 9
    assert [w for w in warnings if w not in suggested] == [
        f"warning: {w}" for w in figures["warnings"]]


@pytest.fixture
def quick(monkeypatch, tmp_path):
    """Builds in this process with empty chart boxes; says whether each reused figures."""
    import report.figures as figures

    monkeypatch.setenv("CABINET_PACK_CHARTS", "off")
    monkeypatch.setenv("CABINET_PACK_CACHE", str(tmp_path / "cache"))

    def build(pack, out) -> bool:
        build_pack(pack, out)
        return figures.REUSED

    return build


def _figures(out):
    return json.loads((out / "pack.figures.json").read_text())


def test_a_change_to_anything_but_commentary_text_is_validated_and_computed_afresh(
        tmp_path, quick):
    pack, out = tmp_path / "pack", tmp_path / "out"
    shutil.copytree(EXAMPLE, pack)
    assert quick(pack, out) is False
    commentary = pack / "commentary" / "dtoc.md"
    commentary.write_text(commentary.read_text() + EDIT, encoding="utf-8")
    assert quick(pack, out) is True  # the commentary edit reused the figures

    data = pack / "data.csv"
    text = data.read_text()
    assert "dtoc,2019-02,9.49," in text
    data.write_text(text.replace("dtoc,2019-02,9.49,", "dtoc,2019-02,9.61,", 1))
    assert quick(pack, out) is False
    measure = next(m for m in _figures(out)["measures"] if m["id"] == "dtoc")
    assert measure["latest"]["value"] == 9.61

    measures = pack / "measures.yaml"
    text = measures.read_text()
    assert "Daily average delayed beds" in text
    measures.write_text(text.replace("Daily average delayed beds", "Average delayed beds", 1))
    assert quick(pack, out) is False
    assert "Average delayed beds per day" in json.dumps(_figures(out))

    (pack / "commentary" / "nobody.md").write_text("## Commentary\nText\n")  # a new name
    with pytest.raises(InputProblems) as raised:
        quick(pack, out)
    assert [str(p) for p in raised.value.problems] == [
        f"{(pack / 'commentary' / 'nobody.md').as_posix()}: no measure has the id 'nobody'"]
    (pack / "commentary" / "nobody.md").unlink()
    appendix = pack / "appendices" / "carers-forum-report.pdf"
    assert quick(pack, out) is True
    appendix.write_bytes(appendix.read_bytes() + b"\n% changed\n")
    assert quick(pack, out) is False


def test_commentary_problems_on_a_reused_build_are_those_of_a_fresh_one(tmp_path, quick,
                                                                        monkeypatch):
    import report.inputs.load as load

    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    quick(pack, tmp_path / "out")
    commentary = pack / "commentary" / "dtoc.md"
    commentary.write_text("# Not a heading we know\nText\n\n## Commentary\n**open\n"
                          "## Commentary\nTwice\n", encoding="utf-8")
    validated = []
    monkeypatch.setattr(load, "load_pack", lambda folder: validated.append(folder))
    with pytest.raises(InputProblems) as reused:
        pack_figures(pack, tmp_path / "cache")
    assert validated == []  # the rest was reused, the commentary read again
    monkeypatch.undo()
    with pytest.raises(InputProblems) as fresh:
        load_pack(pack)
    assert reused.value.problems == fresh.value.problems
    assert len(reused.value.problems) == 2


def test_a_tampered_cache_entry_is_not_run_but_ignored(tmp_path, quick):
    pack, out = tmp_path / "pack", tmp_path / "out"
    shutil.copytree(EXAMPLE, pack)
    quick(pack, out)
    [entry] = (tmp_path / "cache").glob("figures-*.pickle")
    witness = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return os.system, (f"touch {witness}",)

    entry.write_bytes(pickle.dumps(Payload()))
    assert quick(pack, out) is False  # validated afresh instead
    assert not witness.exists()
    def text(value: str) -> bytes:  # pickle's SHORT_BINUNICODE
        return b"\x8c" + bytes([len(value.encode())]) + value.encode()

    for module, name in (("report.figures", "entries.io.FileIO"),  # reached through a name
                         ("report.figures", "Path"), ("io", "FileIO")):  # imported, foreign
        entry.write_bytes(b"\x80\x04" + text(module) + text(name) + b"\x93"  # the class
                          + text(str(witness)) + text("w") + b"\x86R.")  # called (path, "w")
        assert quick(pack, out) is False
        assert not witness.exists(), (module, name)
    entry.write_bytes(b"not a pickle at all")
    assert quick(pack, out) is False
    assert quick(pack, out) is True  # a good entry again


def test_a_layout_is_validated_again_when_a_layout_file_changes(tmp_path):
    layouts, cache = tmp_path / "layouts", tmp_path / "cache"
    shutil.copytree(LAYOUTS, layouts)
    fresh = load_layout("cabinet", layouts)
    assert isinstance(fresh, Layout)
    assert load_layout("cabinet", layouts, cache) == fresh
    assert load_layout("cabinet", layouts, cache) == fresh  # read back from the cache
    assert len(list(cache.glob("layout-cabinet-*.pickle"))) == 1
    base = layouts / "base.yaml"
    base.write_text(base.read_text().replace("margin_left: ", "margin_left: 2cm #", 1))
    changed = load_layout("cabinet", layouts, cache)
    assert changed.page.margin_left == pytest.approx(2 * 72 / 2.54)
    assert changed.page.margin_left != fresh.page.margin_left
    assert len(list(cache.glob("layout-cabinet-*.pickle"))) == 2  # a new entry; the old
    assert load_layout("cabinet", layouts, cache) == changed  # one goes when evicted


def test_a_rebuild_works_its_figures_out_beside_the_layout_code_loading(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    stats = tmp_path / "stats.json"
    _build(pack, tmp_path / "out", stats)
    commentary = pack / "commentary" / "dtoc.md"
    commentary.write_text(commentary.read_text() + EDIT, encoding="utf-8")
    _, report = _build(pack, tmp_path / "out", stats)
    assert report["figures_reused"] is True
    commentary.write_text("## Commentary\n\n## Commentary\nTwice\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CABINET_PACK_CACHE"}
    done = subprocess.run([sys.executable, "-m", "report", "build", str(pack), "-o",
                           str(tmp_path / "out")], capture_output=True, text=True, env=env)
    checked = subprocess.run([sys.executable, "-m", "report", "validate", str(pack)],
                             capture_output=True, text=True)
    assert done.returncode == checked.returncode == 2
    assert "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if line.startswith("  ")]
    assert problems == [line for line in checked.stderr.splitlines() if line.startswith("  ")]
    assert "'## Commentary' appears twice" in done.stderr


def test_a_symlinked_folder_and_an_output_folder_inside_the_pack_are_handled(tmp_path, quick):
    pack = tmp_path / "pack"
    shared = pack / "shared-benchmarks"  # a link may lead elsewhere in the pack, not out of it
    shutil.copytree(EXAMPLE, pack)
    shutil.move(pack / "benchmarks", shared)
    try:
        (pack / "benchmarks").symlink_to(shared, target_is_directory=True)
    except OSError:
        pytest.skip("no symbolic links here")
    out = tmp_path / "out"  # an output folder inside the pack is refused (test_outputs.py)
    assert quick(pack, out) is False
    commentary = pack / "commentary" / "dtoc.md"
    commentary.write_text(commentary.read_text() + EDIT, encoding="utf-8")
    assert quick(pack, out) is True
    england = shared / "england.csv"
    text = england.read_text()
    assert "dtoc,2017/18,4.30\n" in text
    england.write_text(text.replace("dtoc,2017/18,4.30\n", "dtoc,2017/18,4.40\n"))
    assert quick(pack, out) is False  # a change behind the link is a change
    measure = next(m for m in _figures(out)["measures"] if m["id"] == "dtoc")
    assert "4.4" in json.dumps(measure["england"])
