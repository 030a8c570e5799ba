"""Shared fixtures: the example pack, copies of it to break, and a built PDF."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
EXAMPLE = PROJECT / "inputs" / "example"
TESTS = PROJECT / "tests"
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


# --- The two tiers ---------------------------------------------------------------------
# `make test-fast` runs every test not marked `pdf`. A test is marked `pdf` here if it, a
# fixture it uses (at any depth), or a helper of the tests' own that either calls, builds
# a pack's PDF: it calls build_pack, or passes the command line "build" (in process, in a
# child process or in a child's script) without --figures-only. A test that builds a PDF
# some other way says so with @pytest.mark.pdf; one that is missed fails (see below). A
# test whose build is refused before any page is laid out (bad input) is marked `no_pdf`.
def pytest_collection_modifyitems(items):
    for item in items:
        marked = item.get_closest_marker("pdf") or item.get_closest_marker("no_pdf")
        if marked is None and _builds_a_pdf(item):
            item.add_marker(pytest.mark.pdf)


def _builds_a_pdf(item) -> bool:
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for definitions in (info.name2fixturedefs.values() if info else ()):
        functions += [definition.func for definition in definitions]
    return any(_calls_a_build(f) for f in functions if f is not None)


_BUILDS: dict = {}  # function: whether it builds; each read once (a parametrized test is many)


def _calls_a_build(function) -> bool:
    import inspect

    function = inspect.unwrap(function)
    if not inspect.isfunction(function):
        return False
    if function not in _BUILDS:
        _BUILDS[function] = False  # meanwhile: a helper calling back adds nothing
        _BUILDS[function] = _reads_as_a_build(function)
    return _BUILDS[function]


def _reads_as_a_build(function) -> bool:
    import ast
    import inspect
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return False
    for node in ast.walk(tree):
        if _a_build(node):
            return True
        helper = _helper(node, function)
        if helper is not None and _calls_a_build(helper):
            return True
    return False


def _a_build(node) -> bool:
    import ast

    if isinstance(node, ast.Call):
        callee = getattr(node.func, "id", getattr(node.func, "attr", ""))
        figures_only = any(k.arg == "figures_only" for k in node.keywords)
        if callee == "build_pack" and not figures_only:
            return True
        return _says_build(node.args)
    if isinstance(node, (ast.List, ast.Tuple)):
        return _says_build(node.elts)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):  # a child's script
        said = "'build'" in node.value or '"build"' in node.value
        return said and "--figures-only" not in node.value
    return False


def _says_build(nodes) -> bool:
    words = [n.value for n in nodes if isinstance(getattr(n, "value", None), str)]
    return "build" in words and "--figures-only" not in words


def _helper(node, function):
    """The tests' own function that `node` calls by name, if it is one."""
    import ast
    import inspect

    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        return None
    found = function.__globals__.get(node.func.id)
    if not inspect.isfunction(found):
        return None
    return found if Path(inspect.getfile(found)).resolve().parent == TESTS else None


@pytest.fixture(autouse=True)
def _a_pdf_test_is_marked(request, monkeypatch):
    """A test not marked `pdf` that builds a pack's PDF in this process fails, naming the
    mark to add: the fast tier stays fast without anyone checking it by hand."""
    if request.node.get_closest_marker("pdf") is not None:
        yield
        return
    import report.build

    built = []
    real = report.build.build_pack

    def build_pack(*args, **kwargs):
        result = real(*args, **kwargs)
        built.extend(p for p in result.written if p.suffix == ".pdf")
        return result

    monkeypatch.setattr(report.build, "build_pack", build_pack)
    yield
    if built:
        pytest.fail(f"{request.node.nodeid} builds a PDF but is not marked: add "
                    f"@pytest.mark.pdf (make test-fast leaves those out)", pytrace=False)
