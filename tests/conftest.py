"""Shared fixtures: the example pack, copies of it to break, and a built PDF."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
EXAMPLE = PROJECT / "inputs" / "example"
REFERENCE = PROJECT.parent / "shared" / "reference"


@pytest.fixture(scope="session", autouse=True)
def shared_chart_cache(tmp_path_factory):
    """Every test build shares one chart cache, so a chart is drawn once per session
    (tests that need a cold cache unset CABINET_PACK_CACHE themselves)."""
    import os

    path = tmp_path_factory.mktemp("chart-cache")
    previous = os.environ.get("CABINET_PACK_CACHE")
    os.environ["CABINET_PACK_CACHE"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("CABINET_PACK_CACHE", None)
    else:
        os.environ["CABINET_PACK_CACHE"] = previous


@pytest.fixture
def pack_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the example pack at ./pack (cwd is tmp_path), safe to break."""
    shutil.copytree(EXAMPLE, tmp_path / "pack")
    monkeypatch.chdir(tmp_path)
    return Path("pack")


@pytest.fixture(scope="session")
def example_figures():
    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack

    return compute_pack(load_pack(EXAMPLE))


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The example pack built once through the CLI, both layouts, as `make pack` does:
    (out folder, cabinet pdf path)."""
    from report.cli import main

    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(EXAMPLE), "-o", str(out), "--layout", "cabinet",
                 "--layout", "analysis"]) == 0
    return out, out / "example.pdf"


def _synthetic_build(base: Path, measures: int) -> tuple[Path, Path]:
    """A synthetic pack built through the CLI with its charts as empty boxes of the same
    size (the pages are laid out exactly as with charts): (pack folder, out folder)."""
    from report.cli import main

    folder, out = base / "synth", base / "out"
    assert main(["synth", str(folder), "--measures", str(measures)]) == 0
    previous = os.environ.get("CABINET_PACK_CHARTS")
    os.environ["CABINET_PACK_CHARTS"] = "off"
    try:
        assert main(["build", str(folder), "-o", str(out)]) == 0
    finally:
        if previous is None:
            del os.environ["CABINET_PACK_CHARTS"]
        else:
            os.environ["CABINET_PACK_CHARTS"] = previous
    return folder, out


@pytest.fixture(scope="session")
def synth40(tmp_path_factory):
    """40 measures: out/synth.pdf and out/synth.figures.json."""
    return _synthetic_build(tmp_path_factory.mktemp("synth40"), 40)


@pytest.fixture(scope="session")
def synth200(tmp_path_factory):
    """200 measures, as the pages of a large council's pack."""
    return _synthetic_build(tmp_path_factory.mktemp("synth200"), 200)
