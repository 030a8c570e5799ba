"""A section carries itself: its module declares what it needs, the registry lists the
modules, and the core asks the declarations rather than naming a section."""

from __future__ import annotations

import ast

import pytest

from report.layout import registry
from tests.conftest import PROJECT

LAYOUT = PROJECT / "report" / "layout"


def _declares_sections(path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.Assign)
               and any(getattr(t, "id", "") == "SECTIONS" for t in node.targets)
               for node in tree.body)


def test_the_registry_lists_exactly_the_modules_that_declare_sections():
    declaring = {p.stem for p in LAYOUT.glob("*.py") if _declares_sections(p)}
    assert set(registry.MODULES) == declaring
    assert len(registry.MODULES) == len(set(registry.MODULES))


def test_a_module_left_out_of_the_list_leaves_its_page_types_out():
    without = registry.declared([m for m in registry.MODULES if m != "at_a_glance"])
    assert "at_a_glance" in registry.sections() and "at_a_glance" not in without


def test_two_page_types_of_one_name_are_refused():
    with pytest.raises(RuntimeError, match="two page types are named 'cover'"):
        registry.declared(["cover", "cover"])


# The core: what turns any layout into a PDF, its parts and its warnings. None of it may
# branch on a particular section; each asks what the sections declare.
CORE = ("render.py", "layout/context.py", "build.py", "figures.py", "export.py", "cli.py",
        "pack_warnings.py")


def _branches_on(path, names: set[str]) -> list[str]:
    """The comparisons in `path` that name a section: `"appendices" in layout.sections`,
    `kind == "quartiles"`, and the like (a section name as data, a figures file's key,
    is not a branch)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                for inner in ast.walk(operand):
                    if isinstance(inner, ast.Constant) and inner.value in names:
                        found.append(f"{path.name}:{node.lineno}: {inner.value!r}")
    return found


def test_the_core_has_no_branch_for_a_particular_section():
    names = set(registry.sections())
    found = [hit for name in CORE
             for hit in _branches_on(PROJECT / "report" / name, names)]
    assert found == []


def test_the_branch_check_finds_a_branch(tmp_path):
    branch = tmp_path / "branch.py"
    branch.write_text('if "analysis_cover" in kinds or name == "key":\n    pass\n')
    assert _branches_on(branch, set(registry.sections())) == [
        "branch.py:1: 'analysis_cover'", "branch.py:1: 'key'"]


def test_a_layout_with_the_analysis_cover_takes_the_title_it_declares(example_figures):
    from report.layout.config import load_layout

    analysis, cabinet = load_layout("analysis"), load_layout("cabinet")
    assert "analysis_cover" in analysis.sections and "analysis_cover" not in cabinet.sections
    f = example_figures
    assert registry.title(f, analysis) == (f"{f.analysis.title} \u2013 "
                                           f"{f.pack_month_label}")
    assert registry.title(f, cabinet) == f.full_title != registry.title(f, analysis)


def test_the_appendices_are_the_pages_a_layout_brings_whole(example_figures):
    from report.layout.config import load_layout
    from report.pdf.appendices import count_pages

    cabinet, analysis = load_layout("cabinet"), load_layout("analysis")
    merged = registry.trailing(cabinet)
    assert "appendices" in cabinet.sections and "appendices" not in analysis.sections
    assert merged is registry.sections()["appendices"].trailing
    assert registry.trailing(analysis) is None
    assert example_figures.appendices  # the example has some to merge
    assert merged.pages(example_figures, cabinet) == count_pages(example_figures) > 0
    assert merged.part.slug == "appendices"


def test_a_link_is_named_by_the_section_that_provides_its_target(example_figures):
    m = example_figures.in_order()[0]
    named = {kind: registry.destination(example_figures, f"{kind}-{m.id}")
             for kind in ("measure", "quartiles", "areas", "row")}
    assert named == {"measure": m.title, "quartiles": f"{m.title}, national quartiles",
                     "areas": f"{m.title}, by area", "row": f"Scorecard, {m.title}"}
    from report.layout.key import TITLE

    assert registry.destination(example_figures, "key") == TITLE
    assert registry.destination(example_figures, "scorecard") == "Scorecard"
    # a target no section names, and a measure no one has, keep their own key as name
    assert registry.destination(example_figures, "chart-key") == "chart-key"
    assert registry.destination(example_figures, "quartiles-nobody") == "quartiles-nobody"
    providers = [s.name for s in registry.sections().values()
                 if "quartiles" in s.measure_anchors]
    assert providers == ["quartiles"]


def test_the_measure_pages_say_where_each_measure_is(example_figures):
    measures = registry.sections()["measures"]
    ids = [m.id for m in example_figures.in_order()]
    anchors = {f"measure-{measure_id}": page for page, measure_id in enumerate(ids, 10)}
    anchors["quartiles-" + ids[0]] = 99  # another page's anchor is not the measure's
    assert measures.pages(example_figures, anchors) == dict(zip(ids, range(10, 10 + len(ids))))
    del anchors[f"measure-{ids[1]}"]  # a measure not in this document has no page
    assert ids[1] not in measures.pages(example_figures, anchors)


def test_a_theme_part_starts_at_its_first_measure_page(example_figures):
    plan = registry.sections()["measures"].part
    theme = example_figures.themes[0]
    assert plan.by_theme(theme) == f"measure-{theme.measures[0]}"


def test_the_typed_layout_holds_every_field_of_the_schema_and_no_other():
    import dataclasses

    from report.layout.schema import TYPED

    for model, typed in TYPED.items():
        assert dataclasses.is_dataclass(typed) and typed.__dataclass_params__.frozen
        assert [f.name for f in dataclasses.fields(typed)] == list(model.model_fields), typed


def test_a_loaded_layout_is_frozen_and_typed():
    import dataclasses

    from report.layout import values
    from report.layout.config import load_layout

    layout = load_layout("cabinet")
    assert isinstance(layout, values.Layout)
    assert isinstance(layout.page, values.Page) and isinstance(layout.chart, values.Chart)
    assert isinstance(layout.measure_page.spc_chart, values.SpcChart)
    assert all(isinstance(s, values.TextStyle) for s in layout.styles.values())
    assert isinstance(layout.sections, tuple) and "measures" in layout.sections
    with pytest.raises(dataclasses.FrozenInstanceError):
        layout.page.duplex = True
    assert layout.chart.as_dict()["height"] == layout.chart.height


@pytest.fixture(scope="module")
def glance_alone(example_figures, tmp_path_factory):
    """The at-a-glance section laid out by itself, from the example's figures."""
    import dataclasses

    from report.layout.config import load_layout
    from report.render import Renderer
    from tests.pdfcheck import BuiltPdf

    # the layout's other pages left out, so that only the section's own charts are drawn
    layout = dataclasses.replace(load_layout("cabinet"), sections=("at_a_glance",),
                                 measure_page=None)
    rendered = Renderer(example_figures, "cabinet", layout=layout).alone(["at_a_glance"])
    path = tmp_path_factory.mktemp("alone") / "glance.pdf"
    path.write_bytes(rendered.pdf)
    return rendered, BuiltPdf(path)


@pytest.mark.pdf
def test_one_section_builds_alone_from_the_figures(glance_alone, example_figures):
    rendered, pdf = glance_alone
    glance = registry.own_figures("at_a_glance", example_figures)
    assert rendered.pages == len(pdf.texts) == 1  # its own page, and no blank one before it
    assert set(rendered.anchors) == {"at-a-glance", "at-a-glance-end"}
    assert pdf.outline == [(0, "At a glance", 1)]
    text = pdf.texts[0]
    assert f"At a glance \u2013 {example_figures.pack_month_label}" in text
    assert glance.counts in text
    rows = [row for theme in glance.themes for row in theme.rows]
    assert len(rows) == len(example_figures.measures)
    for theme in glance.themes:
        assert theme.title in text
    words = set(text.replace("\xa0", " ").split())  # a cell's text may wrap
    for row in rows:  # every measure's row: its name, latest value, change and quartile
        cells = f"{row.name} {row.latest} {row.change} {row.quartile}".replace("\xa0", " ")
        assert set(cells.split()) <= words, row.name
    # the measure pages and the key are not in this document: their pages are not
    # known and nothing links to them
    assert pdf.links == []
    assert text.count("?") >= len(rows)
    assert "Key to symbols" not in text


def test_a_section_alone_draws_only_its_own_charts(example_figures):
    import dataclasses

    from report.layout.config import load_layout
    from report.layout.registry import layout_specs

    layout = dataclasses.replace(load_layout("cabinet"), sections=("at_a_glance",),
                                 measure_page=None)
    specs = layout_specs(example_figures, layout)
    assert sorted(specs) == sorted(f"sparkline-{m}" for m in example_figures.measures)


@pytest.mark.pdf
def test_a_section_alone_links_nowhere_its_layout_has_but_the_document_lacks(
        example_figures):
    """Laid out alone from the full cabinet layout, the summary's "see also" pages (the
    measure pages, in the layout but not in this document) are plain text."""
    from report.render import Renderer

    rendered = Renderer(example_figures, "cabinet", draw_charts=False).alone(["summary"])
    assert rendered.pages >= 1 and "summary" in rendered.anchors
    assert not any(key.startswith("measure-") for key in rendered.anchors)


def test_a_section_s_own_figures_are_worked_out_once_and_kept_apart(example_figures):
    """The at-a-glance overview is the section's own (Section.figures): worked out from
    the pack's figures on first asking, the same object after, and not a field of the
    pack's figures, which a new section's figures need not touch."""
    import dataclasses

    from report.compute.glance import Glance
    from report.model import PackFigures

    glance = registry.own_figures("at_a_glance", example_figures)
    assert isinstance(glance, Glance)
    assert registry.own_figures("at_a_glance", example_figures) is glance
    assert "glance" not in {f.name for f in dataclasses.fields(PackFigures)}
    declared = {name for name, s in registry.sections().items() if s.figures is not None}
    assert declared == {"at_a_glance"}
    other = dataclasses.replace(example_figures)  # another set of figures: worked out anew
    assert registry.own_figures("at_a_glance", other) is not glance
    assert registry.own_figures("at_a_glance", other) == glance
