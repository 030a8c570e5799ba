"""A section carries itself: its module declares what it needs, the registry lists the
modules, and the core asks the declarations rather than naming a section."""

from __future__ import annotations

import ast

import pytest

from report.layout import registry
from tests.conftest import PROJECT

LAYOUT = PROJECT / "report" / "layout"


def _declares_sections(path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.Assign)
               and any(getattr(t, "id", "") == "SECTIONS" for t in node.targets)
               for node in tree.body)


def test_the_registry_lists_exactly_the_modules_that_declare_sections():
    declaring = {p.stem for p in LAYOUT.glob("*.py") if _declares_sections(p)}
    assert set(registry.MODULES) == declaring
    assert len(registry.MODULES) == len(set(registry.MODULES))


def test_a_module_left_out_of_the_list_leaves_its_page_types_out():
    without = registry.declared([m for m in registry.MODULES if m != "at_a_glance"])
    assert "at_a_glance" in registry.sections() and "at_a_glance" not in without


def test_two_page_types_of_one_name_are_refused():
    with pytest.raises(RuntimeError, match="two page types are named 'cover'"):
        registry.declared(["cover", "cover"])
