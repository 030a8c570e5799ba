"""The whole pipeline for one pack: load, validate, compute, lay out, write."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from report import cache as store
from report import interrupt, settings
from report.transaction import OutputSet, check_destination


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # outputs of earlier builds now stale
    drafts_removed: list[Path] = field(default_factory=list)  # by a final build
    warnings: list[str] = field(default_factory=list)
    pages: int = 0


def pdf_name(name: str, layout: str, draft: bool) -> str:
    """`example.pdf`, `example.analysis.pdf`, `example.DRAFT.pdf`."""
    stem = name if layout == "cabinet" else f"{name}.{layout}"
    return f"{stem}.DRAFT.pdf" if draft else f"{stem}.pdf"


def split_folder(name: str, draft: bool) -> str:
    """`example`, or `example.DRAFT` for a draft's parts."""
    return f"{name}.DRAFT" if draft else name


def output_stem(name: str, pack_layout: str, layouts: list[str], draft: bool,
                figures_only: bool) -> str:
    """The name the figures file and scorecard CSV start with. They go with the PDFs of the
    same build, so a build of another layout alone, or a draft, never overwrites the final
    pack's: `example`, `example.analysis` (only the analysis layout built, the pack's own
    being cabinet), `example.DRAFT`."""
    stem = name
    if not figures_only and pack_layout not in layouts:
        stem = f"{name}.{layouts[0]}"
    return f"{stem}.DRAFT" if draft else stem


def draft_outputs(name: str, pack_layout: str, layouts: list[str],
                  figures_only: bool) -> list[str]:
    """What a draft build of the same layouts left, which a final build removes so that a
    draft and a final of one pack never lie side by side: its PDFs, figures file, scorecard
    CSV and split parts."""
    stem = output_stem(name, pack_layout, layouts, True, figures_only)
    names = [] if figures_only else [pdf_name(name, layout, True) for layout in layouts]
    names += [f"{stem}.figures.json", f"{stem}.scorecard.csv"]
    if "cabinet" in layouts and not figures_only:
        names.append(split_folder(name, True))
    return names


def build_pack(folder: Path, out: Path, layouts: list[str] | None = None,
               figures_only: bool = False, draft: bool = False,
               split: bool = False, progress=None) -> BuildResult:
    """`progress`: a report.progress.Progress to show pages and charts on (the CLI gives
    one when standard error is a terminal)."""
    check_destination(folder, out)
    options = settings.current()
    cache = reuse = store.folder(out)
    draw_charts = options.draw_charts and not figures_only
    marker = _drawn_before(folder, layouts, cache) if draw_charts else None

    from report.export import figures_json, scorecard_csv
    from report.figures import pack_figures
    from report.layout.config import load_layout
    from report.layout.registry import layout_specs

    figures = pack_figures(folder, reuse)
    figures = replace(figures, draft=figures.draft or draft)
    chosen_layouts = list(dict.fromkeys(layouts or [figures.layout]))
    _check_layouts(folder, figures, chosen_layouts, split, figures_only)
    name = figures.name
    stem = output_stem(name, figures.layout, chosen_layouts, figures.draft, figures_only)
    result = BuildResult(warnings=list(figures.warnings) + list(figures.suggestions))
    loaded = {} if figures_only else {chosen: load_layout(chosen, cache=reuse)
                                      for chosen in chosen_layouts}
    _check_needs(folder, figures, loaded)
    specs = {chosen: layout_specs(figures, layout) for chosen, layout in loaded.items()}
    outputs = OutputSet(out)
    pending = None
    try:
        if draw_charts:
            from report.charts.workers import start_charts

            # Before the page-layout code is imported: the workers draw while it loads.
            pending = start_charts([s for by_id in specs.values() for s in by_id.values()],
                                   cache, progress=progress)
        pages: dict[str, dict[str, int]] = {}  # the render's, joined with the figures
        render_warnings: list[str] = []  # at export, never written into them
        for chosen in [] if figures_only else chosen_layouts:
            from report.render import Renderer

            renderer = Renderer(figures, chosen, cache=cache, draw_charts=draw_charts,
                                pending=pending, specs=specs[chosen], progress=progress,
                                layout=loaded[chosen])
            rendered = renderer.full()
            interrupt.check()  # one recorded but not raised (see interrupt.install) stops here
            if chosen == "cabinet":
                # The split parts belong to the cabinet pack: this build's, or none.
                parts_folder = split_folder(name, figures.draft)
                outputs.replace(parts_folder)
                for part in renderer.parts() if split else []:
                    outputs.add_bytes(f"{parts_folder}/{part.name}", renderer.part(part))
            pages[chosen] = rendered.measure_pages
            new = [w for w in rendered.warnings if w not in result.warnings]
            result.warnings += new
            render_warnings += new
            outputs.add_bytes(pdf_name(name, chosen, figures.draft), rendered.pdf)
            result.pages += rendered.pages
        outputs.add_text(f"{stem}.figures.json", figures_json(figures, pages,
                                                                  render_warnings))
        outputs.add_text(f"{stem}.scorecard.csv", scorecard_csv(figures))
        drafts = [] if figures.draft else draft_outputs(name, figures.layout, chosen_layouts,
                                                        figures_only)
        for draft_name in drafts:
            outputs.remove(draft_name)
        interrupt.hold()  # from here a Ctrl-C is only recorded: the moves finish or undo
        interrupt.check()  # one that some library swallowed still stops the build
        result.written = outputs.commit()
        if interrupt.requested():  # pressed during the moves: put the old set back
            outputs.rollback()
            raise KeyboardInterrupt
        result.drafts_removed = [p for p in outputs.removed if p.name in drafts]
        result.removed = [p for p in outputs.removed if p.name not in drafts]
        if marker is not None:
            store.write_bytes(reuse, "drawn", marker, b"")
        store.evict(reuse)
    finally:
        outputs.discard()
        if pending is not None:
            pending.cancel()
    return result


def _drawn_before(folder: Path, layouts: list[str] | None, cache: Path) -> str | None:
    """The marker to leave after this build. Unless the last build from the same chart
    inputs left its charts in the cache, charts are likely to be drawn, and the chart
    workers' fork server is started now."""
    from report.charts.workers import drawn_marker, warm_up

    try:
        marker = drawn_marker(folder, layouts, cache)
    except OSError:
        return None  # an unreadable folder: load_pack says what is wrong
    if store.read_bytes(cache, "drawn", marker) is None:
        warm_up()
    return marker


def _check_layouts(folder: Path, figures, layouts: list[str], split: bool = False,
                   figures_only: bool = False) -> None:
    """Layout choices are checked with the inputs: exit 2, before anything is drawn."""
    from report.paths import layout_names
    from report.problems import InputProblems, Problem

    problems = []
    known = layout_names()
    for layout in layouts:
        if layout not in known:
            problems.append(Problem("--layout", None, "", f"'{layout}' is not a layout "
                                    f"(known: {', '.join(known)})"))
    if split and not figures_only and "cabinet" not in layouts:
        problems.append(Problem("--split", None, "", "splits the cabinet layout into the "
                                "parts clerks send; this build has no cabinet layout (add "
                                "--layout cabinet)"))
    if problems:
        raise InputProblems(problems)


def _check_needs(folder: Path, figures, layouts: dict) -> None:
    """What each chosen layout's sections need from the figures (the analysis sections
    need areas.yaml), as input problems, each said once."""
    from report.layout.registry import sections
    from report.problems import InputProblems, Problem

    problems: list[Problem] = []
    for layout in layouts.values():
        for name in layout.sections:
            needs = sections()[name].needs
            missing = needs(figures, folder) if needs is not None else None
            if missing is not None:
                problem = Problem(missing[0].as_posix(), None, "", missing[1])
                if problem not in problems:
                    problems.append(problem)
            checks = sections()[name].checks
            for message in checks(figures, layout) if checks is not None else ():
                problems.append(Problem(f"layouts/{layout.name}.yaml", None, "", message))
    if problems:
        raise InputProblems(problems)
