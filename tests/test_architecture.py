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
