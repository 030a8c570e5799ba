"""The README and docs/ as a reader follows them: every relative link leads to a file and,
where it names one, a heading; the README stays a guide, not the reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import PROJECT

README = PROJECT / "README.md"
GUIDES = [README, *sorted((PROJECT / "docs").glob("*.md"))]
README_MOST_LINES = 250

# [words](target) and ![words](target); a target may carry a "title"
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE_SPAN = re.compile(r"`+[^`]*`+")


def prose_lines(text: str) -> list[str]:
    """The lines a reader sees as text: fenced code blocks left out."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(line)
    return lines


def anchor(heading: str) -> str:
    """The anchor a Markdown renderer gives a heading: lower case, punctuation dropped,
    spaces as hyphens (`### \\`pack.yaml\\`` -> `packyaml`)."""
    words = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return words.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    for line in prose_lines(path.read_text(encoding="utf-8")):
        heading = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            name = anchor(heading.group(1))
            repeat = 0
            while (name if not repeat else f"{name}-{repeat}") in found:
                repeat += 1
            found.add(name if not repeat else f"{name}-{repeat}")
    return found


def links(path: Path) -> list[str]:
    """The relative targets the file links to (web and mail addresses left out)."""
    targets = []
    for line in prose_lines(path.read_text(encoding="utf-8")):
        for target in LINK.findall(CODE_SPAN.sub("", line)):
            if not re.match(r"[a-z][a-z0-9+.-]*:", target):
                targets.append(target)
    return targets


def broken(path: Path) -> list[str]:
    problems = []
    for target in links(path):
        file_part, _, fragment = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            problems.append(f"{target}: no such file")
        elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
            problems.append(f"{target}: {linked.name} has no heading #{fragment}")
    return problems


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.relative_to(PROJECT).as_posix())
def test_every_relative_link_resolves(path):
    assert broken(path) == []


def test_the_link_check_finds_a_missing_file_and_a_missing_heading(tmp_path):
    (tmp_path / "other.md").write_text("# Other\n## `pack.yaml` fields\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("# Page\n[ok](other.md#packyaml-fields) [self](#page)\n"
                    "[gone](missing.md) [no heading](other.md#nowhere)\n"
                    "```\n[in code](missing-too.md)\n```\n"
                    "`[in a code span](missing-three.md)` [web](https://example.org/x)\n",
                    encoding="utf-8")
    assert broken(page) == ["missing.md: no such file",
                            "other.md#nowhere: other.md has no heading #nowhere"]


def test_the_readme_links_every_reference_page():
    linked = {Path(t.partition("#")[0]).as_posix() for t in links(README)}
    reference = {p.relative_to(PROJECT).as_posix() for p in GUIDES[1:]}
    assert reference - linked == set()


def test_the_readme_is_a_guide_not_the_reference():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MOST_LINES


def test_the_readme_gives_the_makefiles_test_and_lint_commands():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    for target in ("test", "test-fast", "lint"):
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), target
        assert f"make {target}" in readme, target
    # the commands it gives without make are the Makefile's own
    assert '-m pytest -m "not pdf"' in makefile and 'python -m pytest -m "not pdf"' in readme
    assert "-m ruff check report tests" in makefile
    assert "python -m ruff check report tests" in readme
