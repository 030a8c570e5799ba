"""A build's figures: validated and computed from the pack folder, or, where only the
commentary changed since the last build into the same output folder, that build's figures
with the commentary read afresh.

Commentary is what changes between most builds of a month's pack: its author rewrites a
paragraph and rebuilds to see the page. Every other file in the folder (YAML, CSV,
appendices) is part of the cache entry's key, as are the commentary files' names, so
anything else that changed means a full validation, as on a first build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from report import cache as entries
from report.model import PackFigures
from report.problems import Problem, in_file_order


@dataclass
class Reusable:
    figures: PackFigures
    warnings: list[Problem]  # those not about the commentary's own text


def pack_figures(folder: Path, cache: Path | None = None) -> PackFigures:
    """The pack's figures (InputProblems lists every problem); `cache`: a folder to keep
    them in for the next build."""
    key = _key(folder) if cache is not None and folder.is_dir() else None
    kind = f"figures-{entries.short_digest(folder.resolve().as_posix())}"  # one per pack
    reused = entries.read(cache, kind, key) if key else None
    if isinstance(reused, Reusable):
        from report.inputs.commentary import read_commentary

        commentary, notes = read_commentary(folder)
        notes.raise_if_any()
        figures = reused.figures
        for measure in figures.measures.values():
            measure.commentary = commentary.get(measure.id, {})
        figures.warnings = tuple(str(w) for w in in_file_order(reused.warnings + notes.warnings))
        return figures

    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack

    inputs = load_pack(folder)
    figures = compute_pack(inputs)
    if key is not None:
        own = {id(w) for w in inputs.commentary_warnings}
        entries.write(cache, kind, key,
                      Reusable(figures, [w for w in inputs.warnings if id(w) not in own]))
    return figures


def _key(folder: Path) -> str:
    """Every file in the folder but the commentary's text (its files' names count)."""
    commentary = folder / "commentary"
    files = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        if path.parent == commentary and path.suffix.lower() == ".md":
            files.append((name, None))  # present; its text is read on every build
        else:
            files.append((name, path))
    return entries.file_digest(files, folder.as_posix(), folder.resolve().as_posix())
