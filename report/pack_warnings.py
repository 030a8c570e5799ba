"""Every warning a build prints comes from here, so `status` can list exactly what the
build would print and the two cannot drift apart.

A warning is known at one of three moments: with the inputs (the input checks'
`Collector.warn`, gathered by `report.inputs.load.input_warnings`: a jump, a month
missing, text or a status carried from last month, a character the font lacks), with the
figures (an abbreviation printed but not in the glossary), or with an appendix opened to
be merged (what it brings or leaves out). A build takes each as it reaches that moment;
`status` reaches all three at once.
"""

from __future__ import annotations

from dataclasses import replace

from report.problems import Collector, Problem


def figures_warnings(figures) -> list[str]:
    """What the figures alone show: abbreviations printed but not explained (read from the
    commentary too, so found afresh on every build)."""
    from report.compute.glossary import undefined_abbreviations

    return undefined_abbreviations(figures)


def trailing_warnings(figures, layout) -> list[str]:
    """What the pages a layout's section merges in whole bring or leave out (each appendix
    against the pack's own pages); printed by the builds of that layout."""
    from report.layout.registry import trailing

    merged = trailing(layout)
    return merged.warnings(figures) if merged is not None else []


def every_warning(inputs, collector: Collector) -> list[Problem | str]:
    """What a build of the pack's own layout would print, for inputs with no problem: the
    inputs', the figures' and the appendices'."""
    from report.compute.pack import compute_pack
    from report.inputs.load import input_warnings
    from report.layout.config import load_layout

    warnings: list[Problem | str] = input_warnings(collector, inputs.commentary_warnings)
    figures = compute_pack(replace(inputs, warnings=list(warnings)))
    warnings += figures_warnings(figures)
    warnings += trailing_warnings(figures, load_layout(figures.layout))
    return warnings
