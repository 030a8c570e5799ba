"""The layout files' schema: `layouts/<name>.yaml`, validated like the inputs, cascading
through `parent:`. Sizes may be written with units ("1.8cm", "12pt"). Only validation
needs this module (and pydantic): the pages are laid out from the frozen dataclasses of
`report.layout.values` it gives."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from report.inputs.messages import describe, errors_of, field_path
from report.inputs.yamlfile import load_yaml
from report.layout import values
from report.layout.values import LayoutError
from report.paths import LAYOUTS
from report.problems import Collector

_UNITS = {"pt": 1.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "in": 72.0}


def _length(value: object) -> object:
    if isinstance(value, str):
        match = re.fullmatch(r"\s*([0-9.]+)\s*(pt|cm|mm|in)?\s*", value)
        if not match:
            raise ValueError(f"'{value}' is not a length (write e.g. 12pt, 1.8cm, 20mm)")
        return float(match[1]) * _UNITS[match[2] or "pt"]
    return value


Length = Annotated[float, BeforeValidator(_length), Field(ge=0)]
Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PageSpec(Strict):
    size: Literal["A4"] = "A4"
    margin_top: Length
    margin_bottom: Length
    margin_left: Length
    margin_right: Length
    duplex: bool = False


class FontSpec(Strict):
    folder: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


class TextStyle(Strict):
    parent: str | None = None
    size: Annotated[float, Field(ge=10, le=72)] | None = None
    leading: Length | None = None
    bold: bool | None = None
    italic: bool | None = None
    colour: str | None = None
    align: Literal["left", "center", "right", "justify"] | None = None
    space_before: Length | None = None
    space_after: Length | None = None


class ChartSpec(Strict):
    height: Length
    quartile_height: Length = 130
    font_size: Annotated[float, Field(ge=10, le=24)]
    outturn: Colour
    recalculated: Colour
    target: Colour


class ScorecardSpec(Strict):
    landscape: bool = True


class SpcChartSpec(Strict):
    two_sigma: bool = True  # draw the 2-sigma lines on the SPC chart
    show: Literal["trend", "spc", "both"] = "spc"
    """Which of a measure's charts its page shows where the blocks have both `chart` and
    `spc_chart`; "spc" falls back to the trend chart for a measure with too few points."""
    measures: dict[str, Literal["trend", "spc", "both"]] = {}  # a measure's own choice


class MeasurePageSpec(Strict):
    blocks: list[Literal["band", "title", "status", "tiles", "source", "chart", "commentary",
                         "owners", "faq", "navigation", "spc_chart", "reading"]]
    spc_chart: SpcChartSpec = SpcChartSpec()
    follow_with: list[str] = []
    """Pages that follow each measure's own page, in this order, where it has them (the
    page types in `report.layout.registry` that follow measures)."""


class Layout(Strict):
    name: str
    sections: list[str]  # page types from `report.layout.registry`, in reading order
    page: PageSpec
    fonts: FontSpec
    palette: dict[str, Colour]
    styles: dict[str, TextStyle]
    chart: ChartSpec
    scorecard: ScorecardSpec = ScorecardSpec()
    measure_page: MeasurePageSpec | None = None
    suppression_threshold: Annotated[int, Field(ge=1, le=100)] = 5
    strap_line: str | None = None


def validate_layout(name: str, folder: Path = LAYOUTS) -> values.Layout:
    """Read `name` with its parents merged beneath it; LayoutError lists every problem."""
    collector = Collector(folder)
    merged: dict = {}
    chain: list[str] = []
    documents = []  # the child first
    current: str | None = name
    while current:
        if current in chain:
            collector.add(folder / f"{current}.yaml", None, "parent",
                          f"layouts inherit from each other in a loop ({' -> '.join(chain)})")
            break
        chain.append(current)
        path = folder / f"{current}.yaml"
        if not re.fullmatch(r"[a-z][a-z0-9_-]*", current) or not path.is_file():
            known = ", ".join(sorted(p.stem for p in folder.glob("*.yaml")))
            collector.add(path, None, "", f"there is no layout '{current}' (known: {known})")
            break
        document = load_yaml(path, collector)
        if document is None or not isinstance(document.data, dict):
            break
        documents.append(document)
        merged = _deep_merge(merged, document.data)  # what is loaded so far is the child
        current = document.data.get("parent")
    merged.pop("parent", None)
    if collector.problems:
        raise LayoutError(collector.problems)
    try:
        layout = Layout.model_validate(merged)
    except ValidationError as exc:
        raise LayoutError([f"layouts/{name}.yaml (with its parents): "
                           f"{field_path(e['loc'], merged)}: {describe(e, Layout)}"
                           for e in errors_of(exc)]) from None
    _check_sections(layout, documents, collector)
    if collector.problems:
        raise LayoutError(collector.problems)
    for style_name, style in layout.styles.items():
        if style.parent and style.parent not in layout.styles:
            raise LayoutError([(f"layouts/{name}.yaml: styles.{style_name}.parent: "
                                f"'{style.parent}' is not a style")])
        if style.colour and style.colour not in layout.palette and not style.colour.startswith("#"):
            raise LayoutError([(f"layouts/{name}.yaml: styles.{style_name}.colour: "
                                f"'{style.colour}' is not in the palette")])
    return _typed(layout)


def _check_sections(layout: Layout, documents, collector: Collector) -> None:
    """Every section and follower a registered page type, named at its file and line."""
    from report.layout.registry import followers, standalone

    def where(*path):
        document = next((d for d in documents if _has(d.data, path[:-1])), documents[0])
        return document.path, document.line_of(path)

    known = standalone()
    for index, name in enumerate(layout.sections):
        if name not in known:
            path, line = where("sections", index)
            collector.add(path, line, f"sections[{index + 1}]", f"'{name}' is not a page type "
                          f"(known: {', '.join(known)})")
    if layout.sections.count("measures") > 1:
        path, line = where("sections", layout.sections.index("measures"))
        collector.add(path, line, "sections", "'measures' is listed twice (keep one)")
    pages = followers()
    for index, name in enumerate(layout.measure_page.follow_with if layout.measure_page else []):
        if name not in pages:
            path, line = where("measure_page", "follow_with", index)
            collector.add(path, line, f"measure_page.follow_with[{index + 1}]",
                          f"'{name}' is not a page that follows a measure page "
                          f"(known: {', '.join(pages)})")


def _has(data, path) -> bool:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


# Each model of the schema and the frozen dataclass the pages read it as.
TYPED = {PageSpec: values.Page, FontSpec: values.Fonts, TextStyle: values.TextStyle,
         ChartSpec: values.Chart, ScorecardSpec: values.Scorecard,
         SpcChartSpec: values.SpcChart, MeasurePageSpec: values.MeasurePage,
         Layout: values.Layout}


def _typed(value):
    """The validated layout as the frozen dataclasses, to be read without pydantic."""
    if isinstance(value, BaseModel):
        return TYPED[type(value)](**{name: _typed(getattr(value, name))
                                     for name in type(value).model_fields})
    if isinstance(value, list):
        return tuple(_typed(item) for item in value)
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    return value


def _deep_merge(child: dict, base: dict) -> dict:
    """`child` wins; nested mappings merge key by key (the parent is `base`)."""
    out = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(value, out[key])
        else:
            out[key] = value
    return out
