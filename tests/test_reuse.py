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
from report.layout.config import Settings, load_layout
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
    assert warnings == [f"warning: {w}" for w in figures["warnings"]]


@pytest.fixture
def quick(monkeypatch, tmp_path):
    """Builds in this process with empty chart boxes, counting full validations."""
    import report.inputs.load as load

    monkeypatch.setenv("CABINET_PACK_CHARTS", "off")
    monkeypatch.setenv("CABINET_PACK_CACHE", str(tmp_path / "cache"))
    validations = []
    original = load.load_pack
    monkeypatch.setattr(load, "load_pack", lambda folder: validations.append(1) or original(folder))
    return validations


def _figures(out):
    return json.loads((out / "pack.figures.json").read_text())


def test_a_change_to_anything_but_commentary_text_is_validated_and_computed_afresh(
        tmp_path, quick):
    pack, out = tmp_path / "pack", tmp_path / "out"
    shutil.copytree(EXAMPLE, pack)
    build_pack(pack, out)
    commentary = pack / "commentary" / "dtoc.md"
    commentary.write_text(commentary.read_text() + EDIT, encoding="utf-8")
    build_pack(pack, out)
    assert len(quick) == 1  # the commentary edit reused the figures

    data = pack / "data.csv"
    text = data.read_text()
    assert "dtoc,2019-02,9.49," in text
    data.write_text(text.replace("dtoc,2019-02,9.49,", "dtoc,2019-02,9.61,", 1))
    build_pack(pack, out)
    assert len(quick) == 2
    measure = next(m for m in _figures(out)["measures"] if m["id"] == "dtoc")
    assert measure["latest"]["value"] == 9.61

    measures = pack / "measures.yaml"
    text = measures.read_text()
    assert "Daily average delayed beds" in text
    measures.write_text(text.replace("Daily average delayed beds", "Average delayed beds", 1))
    build_pack(pack, out)
    assert len(quick) == 3
    assert "Average delayed beds per day" in json.dumps(_figures(out))

    (pack / "commentary" / "nobody.md").write_text("## Commentary\nText\n")  # a new name
    with pytest.raises(InputProblems) as raised:
        build_pack(pack, out)
    assert [str(p) for p in raised.value.problems] == [
        f"{(pack / 'commentary' / 'nobody.md').as_posix()}: no measure has the id 'nobody'"]
    (pack / "commentary" / "nobody.md").unlink()
    appendix = pack / "appendices" / "carers-forum-report.pdf"
    appendix.write_bytes(appendix.read_bytes() + b"\n% changed\n")
    build_pack(pack, out)
    assert len(quick) == 5


def test_commentary_problems_on_a_reused_build_are_those_of_a_fresh_one(tmp_path, quick):
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    build_pack(pack, tmp_path / "out")
    commentary = pack / "commentary" / "dtoc.md"
    commentary.write_text("# Not a heading we know\nText\n\n## Commentary\n**open\n"
                          "## Commentary\nTwice\n", encoding="utf-8")
    with pytest.raises(InputProblems) as reused:
        pack_figures(pack, tmp_path / "cache")
    assert len(quick) == 1  # the rest was reused, the commentary read again
    with pytest.raises(InputProblems) as fresh:
        load_pack(pack)
    assert reused.value.problems == fresh.value.problems
    assert len(reused.value.problems) == 2


def test_a_tampered_cache_entry_is_not_run_but_ignored(tmp_path, quick):
    pack, out = tmp_path / "pack", tmp_path / "out"
    shutil.copytree(EXAMPLE, pack)
    build_pack(pack, out)
    [entry] = (tmp_path / "cache").glob("figures-*.pickle")
    witness = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return os.system, (f"touch {witness}",)

    entry.write_bytes(pickle.dumps(Payload()))
    build_pack(pack, out)
    assert not witness.exists()
    assert len(quick) == 2  # validated afresh instead
    entry.write_bytes(b"not a pickle at all")
    build_pack(pack, out)
    assert len(quick) == 3


def test_a_layout_is_validated_again_when_a_layout_file_changes(tmp_path):
    layouts, cache = tmp_path / "layouts", tmp_path / "cache"
    shutil.copytree(LAYOUTS, layouts)
    fresh = load_layout("cabinet", layouts)
    assert isinstance(fresh, Settings)
    assert load_layout("cabinet", layouts, cache) == fresh
    assert load_layout("cabinet", layouts, cache) == fresh  # read back from the cache
    assert len(list(cache.glob("layout-cabinet-*.pickle"))) == 1
    base = layouts / "base.yaml"
    base.write_text(base.read_text().replace("margin_left: ", "margin_left: 2cm #", 1))
    changed = load_layout("cabinet", layouts, cache)
    assert changed.page.margin_left == pytest.approx(2 * 72 / 2.54)
    assert changed.page.margin_left != fresh.page.margin_left
    assert len(list(cache.glob("layout-cabinet-*.pickle"))) == 1  # the old entry replaced
