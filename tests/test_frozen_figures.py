"""Figures are computed once and then only read: every part of them is frozen, and
neither validation nor computing writes back into the inputs they came from."""

from __future__ import annotations

import copy
import dataclasses

from report.model import ReadOnly
from tests.conftest import EXAMPLE


def _parts(value, seen: set[int]):
    """Every dataclass object and container reachable from `value`, once each."""
    if id(value) in seen or isinstance(value, (str, int, float, bool, type(None))):
        return
    seen.add(id(value))
    yield value
    if dataclasses.is_dataclass(value):
        children = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, dict):
        children = list(value.keys()) + list(value.values())
    elif isinstance(value, (tuple, list, set, frozenset)):
        children = list(value)
    else:
        children = []
    for child in children:
        yield from _parts(child, seen)


def test_every_part_of_the_figures_is_frozen(example_figures):
    parts = list(_parts(example_figures, set()))
    classes = {type(p) for p in parts if dataclasses.is_dataclass(p)}
    assert len(classes) > 20  # the walk reaches the measures' own parts
    thawed = sorted(c.__qualname__ for c in classes if not c.__dataclass_params__.frozen)
    assert thawed == []
    assert not [p for p in parts if isinstance(p, (list, set))]
    dicts = [p for p in parts if isinstance(p, dict)]
    assert dicts and all(type(p) is ReadOnly for p in dicts)


def test_figures_cannot_be_changed_after_they_are_computed(example_figures):
    import pytest

    m = example_figures.measures["dtoc"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.trend = None
    with pytest.raises(dataclasses.FrozenInstanceError):
        example_figures.warnings = ()
    with pytest.raises(TypeError):
        example_figures.glossary["DToC"] = "changed"
    with pytest.raises(TypeError):
        m.commentary.clear()
    assert copy.deepcopy(example_figures) == example_figures  # as the build cache keeps them


def test_validating_and_computing_leave_the_inputs_as_read(pack_copy):
    """The measures as their file's schema reads them equal the validated inputs, and the
    inputs equal themselves after the pack is computed from them."""
    import re

    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack, measures_file
    from report.problems import Collector

    path = pack_copy / "measures.yaml"  # numbered in pack order by validation
    head, measures = path.read_text(encoding="utf-8").split("\nmeasures:\n")
    path.write_text(head + "\nmeasures:\n" + re.sub(r"\n    number: \d+\n", "\n", measures),
                    encoding="utf-8")
    as_read, _ = measures_file(pack_copy, Collector(pack_copy))
    inputs = load_pack(pack_copy)
    assert inputs.measures == as_read
    assert inputs.numbers["dtoc"] == 1  # what validation worked out, beside the inputs
    before = copy.deepcopy(inputs)
    figures = compute_pack(inputs)
    assert figures.measures["dtoc"].number == 1
    assert inputs == before


def test_a_reused_build_gives_new_figures_and_leaves_the_cached_ones(tmp_path):
    """The commentary read afresh goes into new figures; the cached ones keep theirs."""
    import shutil

    from report import figures as built
    from report.figures import pack_figures

    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    first = pack_figures(pack, tmp_path / "cache")
    kept = copy.deepcopy(first)
    note = pack / "commentary" / "dtoc.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nA new closing line.\n",
                    encoding="utf-8")
    second = pack_figures(pack, tmp_path / "cache")
    assert built.REUSED
    assert first == kept
    assert second.measures["dtoc"].commentary != first.measures["dtoc"].commentary


def test_the_renders_pages_and_warnings_join_the_figures_at_export(example_figures):
    """The figures file takes the render's pages and warnings from what the render
    returned; the figures themselves never carry them."""
    import json

    from report.export import figures_json

    before = copy.deepcopy(example_figures)
    data = json.loads(figures_json(example_figures, {"cabinet": {"dtoc": 7}},
                                   ["appendix 'X' is not a tagged PDF"]))
    assert data["warnings"] == [*example_figures.warnings, "appendix 'X' is not a tagged PDF"]
    dtoc = next(m for m in data["measures"] if m["id"] == "dtoc")
    assert dtoc["pages"] == {"cabinet": 7}
    assert example_figures == before
