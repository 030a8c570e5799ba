"""Shared fixtures: the example pack, copies of it to break, and a built PDF."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def synth40(tmp_path_factory):
    """A 40-measure synthetic pack built once through the CLI: (pack folder, out folder)
    with out/synth.pdf and out/synth.figures.json."""
    from report.cli import main

    base = tmp_path_factory.mktemp("synth40")
    folder, out = base / "synth", base / "out"
    assert main(["synth", str(folder), "--measures", "40"]) == 0
    assert main(["build", str(folder), "-o", str(out)]) == 0
    return folder, out
