"""The shape of the package: the seams STYLE.md asks for, checked over the source."""

from __future__ import annotations

import re

from tests.conftest import PROJECT

PACKAGE = PROJECT / "report"


def test_the_environment_is_read_in_one_place():
    readers = sorted(p.relative_to(PROJECT).as_posix() for p in PACKAGE.rglob("*.py")
                     if re.search(r"\bos\.environ\b|\bgetenv\(", p.read_text(encoding="utf-8")))
    # report/bench.py sets the environment of the builds it starts; it reads nothing
    assert readers == ["report/bench.py", "report/settings.py"]
    bench = (PACKAGE / "bench.py").read_text(encoding="utf-8")
    assert not re.search(r"os\.environ\.get|os\.environ\[|getenv\(", bench)


def _imports(path, name: str) -> set[str]:
    """The program's modules that `name` imports, at the top or inside a function."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # imports for type names only do not run
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    # `from report import settings` names the module report.settings, not the package
    # `report`, whose __init__ only starts the command
    return {m for m in found if m.startswith("report.") and m != name}


def _graph(level: int | None = None) -> dict[str, set[str]]:
    """What imports what: modules, or (level 2) the packages report.inputs, report.layout …"""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PROJECT).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    graph = {name: _imports(path, name) & modules.keys() for name, path in modules.items()}
    if level is None:
        return graph
    packages: dict[str, set[str]] = {}
    for name, imported in graph.items():
        top = ".".join(name.split(".")[:level])
        packages.setdefault(top, set()).update(
            ".".join(i.split(".")[:level]) for i in imported)
    return {top: found - {top} for top, found in packages.items()}


def _circles(graph: dict[str, set[str]]) -> list[str]:
    circles = []
    for start in sorted(graph):  # a depth-first walk from each module back to itself
        stack, seen = [(start, (start,))], set()
        while stack:
            name, trail = stack.pop()
            for nxt in sorted(graph[name]):
                if nxt == start:
                    circles.append(" -> ".join(trail + (start,)))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + (nxt,)))
    return circles


def test_no_module_imports_itself_back_through_others():
    assert _circles(_graph()) == []


def test_the_packages_depend_one_way():
    """inputs -> compute -> layout -> pdf, with model, content and periods below them all:
    no package imports one that imports it back."""
    assert _circles(_graph(level=2)) == []


def test_the_pages_print_figures_as_computed_and_never_format_them():
    """Every figure a page prints is text the computation made (and the figures file
    holds): no page module formats a number itself."""
    graph = _graph()
    formatting = {name: sorted(i for i in imported if i.startswith("report.compute"))
                  for name, imported in graph.items()
                  if name.startswith(("report.layout", "report.pdf"))}
    assert {name: found for name, found in formatting.items()
            if "report.compute.format" in found} == {}
