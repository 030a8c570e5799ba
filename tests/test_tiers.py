"""The fast tier's scan (tests/conftest.py): which tests build a PDF and so are marked
`pdf`, left out of `make test-fast`. The functions below are read, never run."""

from __future__ import annotations

import subprocess
import sys

import pytest

from report.build import build_pack
from report.cli import main
from tests.conftest import EXAMPLE, _calls_a_build

pytestmark = pytest.mark.no_pdf  # its functions say "build" but are only read


def builds_in_this_process():
    main(["build", str(EXAMPLE), "-o", "out"])


def builds_in_a_child():
    command = [sys.executable, "-m", "report", "build", str(EXAMPLE), "-o", "out"]
    subprocess.run(command, check=True)


def builds_in_a_child_script():
    script = "from report.cli import main; main(['build', 'pack', '-o', 'out'])"
    subprocess.run([sys.executable, "-c", script], check=True)


def builds_through_the_pipeline():
    build_pack(EXAMPLE, "out")


def builds_through_a_helper():
    builds_in_this_process()


def figures_only():
    main(["build", str(EXAMPLE), "-o", "out", "--figures-only"])
    build_pack(EXAMPLE, "out", figures_only=True)


def validates():
    main(["validate", str(EXAMPLE)])
    subprocess.run([sys.executable, "-m", "report", "validate", str(EXAMPLE)], check=True)


@pytest.mark.parametrize("function", [builds_in_this_process, builds_in_a_child,
                                      builds_in_a_child_script, builds_through_the_pipeline,
                                      builds_through_a_helper], ids=lambda f: f.__name__)
def test_a_build_is_seen(function):
    assert _calls_a_build(function) is True


@pytest.mark.parametrize("function", [figures_only, validates], ids=lambda f: f.__name__)
def test_what_builds_no_pdf_is_not_taken_for_a_build(function):
    assert _calls_a_build(function) is False


def test_a_test_is_in_the_pdf_tier_by_a_fixture_that_builds():
    from types import SimpleNamespace

    from tests.conftest import _builds_a_pdf

    def item(*fixtures):
        definitions = {f.__name__: [SimpleNamespace(func=f)] for f in fixtures}
        return SimpleNamespace(function=validates,
                               _fixtureinfo=SimpleNamespace(name2fixturedefs=definitions))

    assert _builds_a_pdf(item(validates, builds_through_a_helper)) is True
    assert _builds_a_pdf(item(validates, figures_only)) is False
