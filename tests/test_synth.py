"""`cabinet-pack synth`: every size it accepts makes a pack that validates."""

from __future__ import annotations

import pytest
import yaml

from report.cli import main
from report.inputs.load import load_pack
from report.synth import synthesise


@pytest.mark.parametrize("size", [1, 3, 7, 16, 31])
def test_every_synthetic_pack_validates(tmp_path, size):
    folder = synthesise(size, tmp_path / f"synth{size}")
    inputs = load_pack(folder)
    assert len(inputs.measures.measures) == size
    used = {m.theme for m in inputs.measures.measures}
    assert {t.id for t in inputs.measures.themes} == used  # no empty theme


def test_a_pack_of_no_measures_is_refused(tmp_path, capsys):
    assert main(["synth", "--measures", "0", str(tmp_path / "none")]) == 2
    assert "a pack needs at least one measure" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()


def test_a_small_pack_names_only_its_own_measures(tmp_path):
    folder = synthesise(2, tmp_path / "two")
    pack = yaml.safe_load((folder / "pack.yaml").read_text(encoding="utf-8"))
    assert pack["focus_measures"] == ["dtoc"] and pack["status_overrides"] == {}
