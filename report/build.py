"""The whole pipeline for one pack: load, validate, compute, lay out, write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from report.compute.pack import compute_pack
from report.export import figures_json, scorecard_csv
from report.inputs.load import load_pack
from report.output import OutputSet


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0


def build_pack(folder: Path, out: Path, layout: str | None = None,
               figures_only: bool = False) -> BuildResult:
    inputs = load_pack(folder)
    figures = compute_pack(inputs)
    name = figures.name
    outputs = OutputSet(out)
    result = BuildResult(warnings=list(figures.warnings))
    try:
        pages: dict[str, dict[str, int]] = {}
        if not figures_only:
            from report.render import render

            chosen = layout or figures.layout
            rendered = render(figures, chosen, cache=out / ".cache" / "charts")
            pages[chosen] = rendered.measure_pages
            result.warnings += rendered.warnings
            figures.warnings = tuple(figures.warnings) + tuple(rendered.warnings)
            outputs.add_bytes(f"{name}.pdf", rendered.pdf)
            result.pages = rendered.pages
        outputs.add_text(f"{name}.figures.json", figures_json(figures, pages))
        outputs.add_text(f"{name}.scorecard.csv", scorecard_csv(figures))
        result.written = outputs.commit()
    finally:
        outputs.discard()
    return result
