"""A build's figures: validated and computed from the pack folder, or, where only the
commentary changed since the last build into the same output folder, that build's figures
with the commentary read afresh.

Commentary is what changes between most builds of a month's pack: its author rewrites a
paragraph and rebuilds to see the page. Every other file in the folder (YAML, CSV,
appendices, through symbolic links too) is part of the cache entry's key, as are the
commentary files' names, so anything else that changed means a full validation, as on a
first build. The output folder is left out of the key where it lies inside the pack's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from report import cache as store
from report.model import PackFigures, ReadOnly
from report.problems import Problem, in_file_order

REUSED = False  # whether this build's figures were the last build's (for `make bench`)


@dataclass
class Reusable:
    figures: PackFigures
    warnings: list[Problem]  # those not about the commentary's own text


def pack_figures(folder: Path, cache: Path | None = None,
                 skip: tuple[Path, ...] = ()) -> PackFigures:
    """The pack's figures (InputProblems lists every problem); `cache`: a folder to keep
    them in for the next build; `skip`: folders that are not inputs (the output folder)."""
    global REUSED
    REUSED = False
    skip = tuple(p.resolve() for p in skip + ((cache,) if cache is not None else ()))
    key = _key(folder, skip) if cache is not None and folder.is_dir() else None
    kind = f"figures-{store.short_digest(folder.resolve().as_posix())}"  # one per pack
    reused = store.read(cache, kind, key) if key else None
    if isinstance(reused, Reusable):
        from report.inputs.commentary import read_commentary

        commentary, notes = read_commentary(folder)
        notes.raise_if_any()
        figures = replace(reused.figures, measures=ReadOnly({
            i: replace(m, commentary=ReadOnly(commentary.get(i, {})))
            for i, m in reused.figures.measures.items()}),
            warnings=tuple(str(w) for w in in_file_order(reused.warnings + notes.warnings)))
        REUSED = True
        return _with_methods(_with_glossary_warnings(figures), folder, skip)

    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack

    inputs = load_pack(folder)
    figures = compute_pack(inputs)
    if key is not None and _key(folder, skip) == key:  # no file changed while it was read
        own = {id(w) for w in inputs.commentary_warnings}
        store.write(cache, kind, key,
                      Reusable(figures, [w for w in inputs.warnings if id(w) not in own]))
    return _with_methods(_with_glossary_warnings(figures), folder, skip)


def _with_methods(figures: PackFigures, folder: Path, skip: tuple[Path, ...]) -> PackFigures:
    """The Methods appendix's words, with a digest of the inputs as they are now (the
    commentary's text included), so a figure can be traced to the files it came from."""
    from report.compute.methods import inputs_digest, methods

    digest = inputs_digest(_files(folder, skip), folder) if folder.is_dir() else ""
    return replace(figures, methods=methods(figures, digest))


def _with_glossary_warnings(figures: PackFigures) -> PackFigures:
    from report.pack_warnings import figures_warnings

    return replace(figures, warnings=tuple(figures.warnings) + tuple(figures_warnings(figures)))


def _key(folder: Path, skip: tuple[Path, ...]) -> str:
    """Every file in the folder but the commentary's text (its files' names count), and
    the fonts the glyph warnings are checked against."""
    commentary = folder / "commentary"
    files = []
    for path in _files(folder, skip):
        name = path.relative_to(folder).as_posix()
        if path.parent == commentary and path.suffix.lower() == ".md":
            files.append((name, None))  # present; its text is read on every build
        else:
            files.append((name, path))
    return store.file_digest(files, folder.as_posix(), folder.resolve().as_posix(),
                               *_glyph_fonts(), root=folder)


def _files(folder: Path, skip: tuple[Path, ...]) -> list[Path]:
    """The files below `folder`, outside `skip`, and its symbolic links to folders: those
    are not followed (one may lead to a tree as large as the disk, or out of the pack,
    where the inputs are refused), so each counts as where it points. A link to a folder
    inside the pack reaches files that are counted under their own names."""
    found: list[Path] = []
    for top, folders, names in os.walk(folder):
        real = Path(os.path.realpath(top))
        if any(real == s or real.is_relative_to(s) for s in skip):
            folders[:] = []
            continue
        folders.sort()
        found += [Path(top) / name for name in names]
        found += [Path(top) / name for name in folders if os.path.islink(Path(top) / name)]
    return sorted(found)


def _glyph_fonts() -> list[str]:
    """The fonts whose character maps the glyph warnings come from, by size and time."""
    from report.inputs.glyphs import FONT_FILES
    from report.paths import FONTS

    stamps = []
    for name in FONT_FILES:
        try:
            stat = (FONTS / name).stat()
            stamps.append(f"{name} {stat.st_size} {stat.st_mtime_ns}")
        except OSError:
            stamps.append(f"{name} missing")
    return stamps
