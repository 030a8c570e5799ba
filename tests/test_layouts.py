"""Layouts are data: validated, cascading through parent:, every choice honoured."""

from __future__ import annotations

import pytest

from report.layout.config import LayoutError, load_layout
from tests.conftest import EXAMPLE


def test_a_child_layout_overrides_its_parent_and_inherits_the_rest():
    cabinet, duplex = load_layout("cabinet"), load_layout("cabinet-duplex")
    assert (cabinet.page.duplex, duplex.page.duplex) == (False, True)
    assert duplex.name == "cabinet-duplex"
    assert duplex.sections == cabinet.sections  # from cabinet
    assert duplex.palette == cabinet.palette  # from base, through cabinet
    assert duplex.chart.height == pytest.approx(6.0 / 2.54 * 72)  # "6.0cm" in base.yaml


def test_layout_problems_are_clear(tmp_path):
    (tmp_path / "base.yaml").write_text((EXAMPLE.parents[1] / "layouts" / "base.yaml").read_text())
    (tmp_path / "tiny.yaml").write_text("parent: base\nname: tiny\nsections: [cover]\n"
                                        "styles:\n  small: {size: 8}\n")
    (tmp_path / "loop.yaml").write_text("parent: loop\nname: loop\n")
    with pytest.raises(LayoutError) as raised:
        load_layout("tiny", tmp_path)
    assert "styles.small.size: '8' must be at least 10" in str(raised.value)
    with pytest.raises(LayoutError) as raised:
        load_layout("loop", tmp_path)
    assert "inherit from each other in a loop" in str(raised.value)
    with pytest.raises(LayoutError) as raised:
        load_layout("missing", tmp_path)
    assert "there is no layout 'missing' (known: base, loop, tiny)" in str(raised.value)


def test_a_section_the_registry_does_not_know_is_an_input_problem_at_its_line(tmp_path):
    (tmp_path / "base.yaml").write_text((EXAMPLE.parents[1] / "layouts" / "base.yaml").read_text())
    (tmp_path / "odd.yaml").write_text(
        "parent: base\nname: odd\nsections:\n  - cover\n  - scorcard\nmeasure_page:\n"
        "  blocks: [title]\n  follow_with: [quartiles, cover]\n")
    with pytest.raises(LayoutError) as raised:
        load_layout("odd", tmp_path)
    found = [str(p) for p in raised.value.problems]
    from report.layout.registry import followers, standalone

    assert found == [
        (f"{(tmp_path / 'odd.yaml').as_posix()}:5: sections[2]: 'scorcard' is not a page type "
         f"(known: {', '.join(standalone())})"),
        (f"{(tmp_path / 'odd.yaml').as_posix()}:8: measure_page.follow_with[2]: 'cover' is not a "
         f"page that follows a measure page (known: {', '.join(followers())})")]
    assert {"cover", "scorecard", "measures", "glossary", "focus_areas"} <= set(standalone())
    assert followers() == ["areas", "quartiles"]


def test_every_section_a_layout_names_comes_from_the_registry():
    from report.layout.registry import sections
    from report.paths import layout_names

    for name in layout_names():
        layout = load_layout(name)
        assert set(layout.sections) <= set(sections())
        for follower in layout.measure_page.follow_with if layout.measure_page else []:
            assert sections()[follower].follows_measures
