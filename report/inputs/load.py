"""Read a pack folder into validated models, reporting every problem at once.

`load_pack` is the only entry point: it returns a `PackInputs` whose parts have each
passed their own schema and every cross-file check, or raises `InputProblems`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from report.content import Block
from report.inputs.commentary import read_commentary
from report.inputs.csvfile import Lined
from report.inputs.excel import Tables
from report.inputs.messages import describe, errors_of, field_path
from report.inputs.schema import (
    AreaRow,
    AreasFile,
    ComparatorRow,
    DataRow,
    EnglandRow,
    MeasuresFile,
    PackFile,
    QuartileRow,
)
from report.inputs.yamlfile import YamlDocument, load_yaml
from report.problems import Collector, Problem, in_file_order


@dataclass
class PackInputs:
    folder: Path
    pack: PackFile
    measures: MeasuresFile
    pack_doc: YamlDocument
    measures_doc: YamlDocument
    data: list[Lined[DataRow]]
    quartiles: list[Lined[QuartileRow]]
    comparators: list[Lined[ComparatorRow]]
    england: list[Lined[EnglandRow]]
    areas: list[Lined[AreaRow]]
    commentary: dict[str, dict[str, tuple[Block, ...]]]
    focus_areas: AreasFile | None = None  # areas.yaml, for the analysis layout
    focus_areas_doc: YamlDocument | None = None
    failed_rows: set[str] = field(default_factory=set)  # measures with unreadable data rows
    failed_areas: set[str] = field(default_factory=set)
    warnings: list[Problem] = field(default_factory=list)
    commentary_warnings: list[Problem] = field(default_factory=list)  # of the text itself
    # each measure's number by id, as validation worked it out (its own, or pack order)
    numbers: dict[str, int | None] = field(default_factory=dict)


def load_pack(folder: Path) -> PackInputs:
    inputs, collector = gather_pack(folder)
    collector.raise_if_any()
    return replace(inputs, warnings=input_warnings(collector, inputs.commentary_warnings))


def input_warnings(collector: Collector, commentary_warnings: list[Problem]) -> list[Problem]:
    """The inputs' warnings, file by file, line by line: the first of the build's warnings
    (report.pack_warnings gathers the rest)."""
    return in_file_order(collector.warnings + commentary_warnings)


def gather_pack(folder: Path) -> tuple[PackInputs | None, Collector]:
    """Everything that can be read and checked, and the problems found: the inputs are
    None when pack.yaml or measures.yaml cannot be read. `status` reports from these even
    when the build would stop; `load_pack` stops at the first problem list."""
    collector = Collector(folder)
    if not folder.is_dir():
        collector.add(folder, None, "", "is not a folder (give the pack's input folder, "
                                        "e.g. inputs/example)")
        return None, collector
    pack, pack_doc = _model_file(folder / "pack.yaml", PackFile, collector)
    measures, measures_doc = _model_file(folder / "measures.yaml", MeasuresFile, collector)
    tables = Tables(folder, collector)  # each from its CSV or its Excel sheet
    failed_rows: set[str] = set()
    data = tables.rows("data", DataRow, required=True, failed=failed_rows)
    quartiles = tables.rows("quartiles", QuartileRow)
    comparators = tables.rows("comparators", ComparatorRow)
    england = tables.rows("england", EnglandRow)
    failed_areas: set[str] = set()
    areas = tables.rows("areas", AreaRow, failed=failed_areas)
    focus_areas, focus_areas_doc = (None, None)
    if (folder / "areas.yaml").exists() or (folder / "areas.yaml").is_symlink():
        focus_areas, focus_areas_doc = _model_file(folder / "areas.yaml", AreasFile, collector)
    commentary, notes = read_commentary(folder)
    collector.problems += notes.problems
    if pack is None or measures is None:
        from report.inputs.crosscheck import check_pack_alone, check_rows_alone

        if pack is not None:
            check_pack_alone(folder, pack, pack_doc, collector)
        check_rows_alone(folder, data, collector)
        return None, collector
    inputs = PackInputs(folder, pack, measures, pack_doc, measures_doc, data, quartiles,
                        comparators, england, areas, commentary, failed_rows=failed_rows,
                        failed_areas=failed_areas, focus_areas=focus_areas,
                        focus_areas_doc=focus_areas_doc, commentary_warnings=notes.warnings)
    from report.inputs.crosscheck import crosscheck

    return replace(inputs, numbers=crosscheck(inputs, collector)), collector


def measures_file(folder: Path, collector: Collector):
    """measures.yaml alone, validated by its model: (MeasuresFile or None, its document)."""
    return _model_file(folder / "measures.yaml", MeasuresFile, collector)


def read_pack_file(folder: Path, collector: Collector):
    """pack.yaml alone, validated by its model: (PackFile or None, its document)."""
    return _model_file(folder / "pack.yaml", PackFile, collector)


def _model_file(path: Path, model: type[BaseModel], collector: Collector):
    document = load_yaml(path, collector)
    if document is None:
        return None, None
    if not isinstance(document.data, dict):
        collector.add(path, 1, "", "should be a set of name: value pairs (see docs/inputs.md)")
        return None, document
    try:
        return model.model_validate(document.data), document
    except ValidationError as exc:
        _report(document, exc, model, collector)
        return None, document


def _report(document: YamlDocument, exc: ValidationError, model: type[BaseModel],
            collector: Collector) -> None:
    for error in errors_of(exc):
        loc = error["loc"]
        if any(loc[:len(bad)] == bad for bad in document.unreadable):
            continue  # the value could not be read: said once, by the YAML reader
        collector.add(document.path, document.line_of(loc), field_path(loc, document.data),
                      describe(error, model))
