"""The shortcuts that make builds fast give exactly what the long way gives."""

from __future__ import annotations

import dataclasses
import io
import os
import sys

import pikepdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.paragraph import Paragraph as ReportlabParagraph

from report.inputs.yamlfile import FastPackLoader, PackLoader, _load
from report.layout.config import load_layout
from report.layout.styles import build_theme
from report.pdf.paragraph import Paragraph
from report.problems import Collector
from tests.conftest import EXAMPLE
from tests.pdfcheck import drawn_alike

TEXTS = ["12,345.6", "Assistant Director, Adult Social Care", "  spaced   out\n text  ",
         "\u05e9\u05dc\u05d5\u05dd", "Caf\u00e9 > 5%", "a" * 300, "\u2013", "", "   ",
         "<b>Measure Owner</b>", "<b>  spaced  bold \n</b>", "<b> a</b>", "<b></b>",
         "<b>" + "b" * 300 + "</b>"]


def _drawn(paragraph, width=120) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    paragraph.wrapOn(canvas, width, 500)
    paragraph.drawOn(canvas, 10, 10)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("text", TEXTS)
def test_a_plain_paragraph_is_laid_out_and_drawn_as_reportlab_would(text):
    theme = build_theme(load_layout("cabinet"))
    for name in ("cell_number", "cell", "body", "h2"):
        style = theme.styles[name]
        ours, theirs = Paragraph(text, style), ReportlabParagraph(text, style)
        assert [vars(f) for f in ours.frags] == [vars(f) for f in theirs.frags]
        assert ours.text == theirs.text
        assert ours.wrap(120, 500) == theirs.wrap(120, 500)
        assert drawn_alike(_drawn(Paragraph(text, style)),
                           _drawn(ReportlabParagraph(text, style)))


def test_a_text_in_a_style_is_parsed_once_and_its_paragraphs_draw_as_if_parsed_anew(
        monkeypatch):
    from reportlab.platypus import paraparser

    theme = build_theme(load_layout("cabinet"))
    parsed = []
    original = paraparser.ParaParser.parse
    monkeypatch.setattr(paraparser.ParaParser, "parse",
                        lambda self, text, style: parsed.append(text) or original(self, text,
                                                                                     style))
    text = "<b>Responsible Officer</b> for the <i>measure</i>, " + " ".join(["long words"] * 12)
    first = Paragraph(text, theme.styles["body"])
    second = Paragraph(text, theme.styles["body"])
    other_style = Paragraph(text, theme.styles["cell"])
    assert parsed.count(text) == 2  # once in each style
    assert second.frags is first.frags and other_style.frags is not first.frags
    # one of the paragraphs sharing the fragments is broken and split across two pages;
    # the other still draws as a paragraph parsed afresh
    first.wrap(200, 1000)
    top, rest = first.split(200, first.height / 2)
    _drawn(top, 200), _drawn(rest, 200)
    assert drawn_alike(_drawn(second, 200),
                       _drawn(ReportlabParagraph(text, theme.styles["body"]), 200))
    assert second.text == ReportlabParagraph(text, theme.styles["body"]).text


def test_lines_are_broken_once_for_a_width_and_again_for_another(monkeypatch):
    style = build_theme(load_layout("cabinet")).styles["cell"]
    # a text no other test lays out: the lines of a text are kept for the whole process
    text = "Assistant Director, Adult Social Care and Health (broken once per width)"
    paragraph = Paragraph(text, style)
    broken = []
    original = ReportlabParagraph.breakLines
    monkeypatch.setattr(ReportlabParagraph, "breakLines",
                        lambda self, widths: broken.append(widths) or original(self, widths))
    first = paragraph.wrap(80, 500)
    lines = paragraph.blPara
    assert paragraph.wrap(80, 300) == first and paragraph.blPara is lines
    assert len(broken) == 1
    narrower = paragraph.wrap(40, 500)
    assert len(broken) == 2 and narrower[1] > first[1]
    assert paragraph.wrap(80, 500) == first and len(broken) == 2  # kept for each width
    assert drawn_alike(_drawn(paragraph, 80),
                       _drawn(ReportlabParagraph(paragraph.text, style), 80))


def test_the_same_text_in_the_same_style_is_broken_once_for_every_paragraph(monkeypatch):
    """A pack says the same things many times ("Measure Owner", a dash in an empty cell):
    a paragraph of a text already broken for that width and style takes the lines made;
    another text, style or width is broken afresh, and so is a paragraph of mixed fonts,
    whose lines reportlab may change when it splits one over two pages."""
    theme = build_theme(load_layout("cabinet"))
    cell, body = theme.styles["cell"], theme.styles["body"]
    broken = []
    original = ReportlabParagraph.breakLines
    monkeypatch.setattr(ReportlabParagraph, "breakLines",
                        lambda self, widths: broken.append(self.text) or original(self, widths))
    text = "Head of Service, Commissioning (one text, broken once)"
    first, second = Paragraph(text, cell), Paragraph(text, cell)
    assert first.wrap(90, 500) == second.wrap(90, 500)
    assert second.blPara is first.blPara and len(broken) == 1
    Paragraph(text, body).wrap(90, 500)
    Paragraph(text, cell).wrap(120, 500)
    Paragraph(text + ".", cell).wrap(90, 500)
    assert len(broken) == 4
    mixed = "<b>Head of Service</b>, Commissioning (mixed, broken each time)"
    Paragraph(mixed, cell).wrap(90, 500)
    Paragraph(mixed, cell).wrap(90, 500)
    assert len(broken) == 6
    assert drawn_alike(_drawn(second, 90), _drawn(ReportlabParagraph(text, cell), 90))


@pytest.mark.parametrize("loader", ["FastPackLoader", "PackLoader"])
def test_numbers_and_yes_no_are_read_as_yaml_1_2_reads_them(loader):
    """A target typed `010` is 10, not octal 8; `0x55`, `1:25` and `1_000` are text the
    schema refuses, not 85, 85 and 1000; only true and false are true and false."""
    import yaml

    from report.inputs import yamlfile

    read = yaml.load("a: 010\nb: 0x55\nc: 1:25\nd: 1_000\ne: 9.49\nf: -3\ng: 1.5e3\n"
                     "h: yes\ni: off\nj: true\nk: False\nl: 2019-04\n",
                     Loader=getattr(yamlfile, loader))
    assert read == {"a": 10, "b": "0x55", "c": "1:25", "d": "1_000", "e": 9.49, "f": -3,
                    "g": 1500.0, "h": "yes", "i": "off", "j": True, "k": False,
                    "l": "2019-04"}


@pytest.mark.parametrize("name", ["pack.yaml", "measures.yaml", "areas.yaml"])
def test_libyaml_and_the_pure_python_parser_read_the_same(name):
    path = EXAMPLE / name
    text = path.read_text(encoding="utf-8")
    fast = _load(path, text, FastPackLoader, Collector(EXAMPLE))
    slow = _load(path, text, PackLoader, Collector(EXAMPLE))
    assert fast.data == slow.data and fast.lines == slow.lines
    if getattr(__import__("yaml"), "__with_libyaml__", False):
        assert "CParser" in [c.__name__ for c in FastPackLoader.__mro__]


def test_the_charts_share_one_copy_of_each_chart_font(built):
    pdf = pikepdf.open(built[1])
    files, fonts_placed, charts = set(), set(), 0
    for page in pdf.pages:
        for name, form in (page.obj.Resources.get("/XObject") or {}).items():
            if not name.startswith("/Chart"):
                continue
            fonts = form.Resources.get("/Font") or {}  # a sparkline writes no word
            charts += 1
            for font in fonts.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                files.add(descriptor.FontFile2.objgen)
                fonts_placed.add(font.objgen)
    assert charts == 39 + 12  # with the at-a-glance sparklines and the SPC charts' legends
    assert len(files) == 2  # Pack Chart Sans regular and bold, once each
    assert len(fonts_placed) == 2  # and their widths and character maps


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork servers are POSIX")
def test_chart_workers_come_from_a_fork_server_that_imported_matplotlib():
    from report.charts.workers import chart_pool

    with chart_pool(1) as pool:
        assert pool._mp_context.get_start_method() == "forkserver"
        assert pool.submit(_has_matplotlib).result() is True


def _has_matplotlib() -> bool:
    """matplotlib and the pack's chart writer imported; matplotlib's own PDF writer (and
    the font tools it imports) not, as no sample chart needs it."""
    return ("matplotlib.figure" in sys.modules and "report.charts.writer" in sys.modules
            and "matplotlib.backends.backend_pdf" not in sys.modules
            and "fontTools.subset" not in sys.modules)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities to set")
def test_chart_workers_yield_the_processor_to_the_layout():
    from report.charts.workers import WORKER_NICENESS, chart_pool

    with chart_pool(1) as pool:
        worker = pool.submit(os.nice, 0).result()
    assert worker == min(os.nice(0) + WORKER_NICENESS, 19)


def test_a_measuring_pass_draws_no_content():
    from reportlab.platypus import Paragraph as Plain

    from report.pdf.doc import _CountingCanvas
    from report.pdf.flowables import Tagged

    class Doc:
        marks = None

    buffer = io.BytesIO()
    canvas = _CountingCanvas(buffer)
    canvas._doctemplate = Doc()  # a Tagged that drew would ask it for an MCID and fail
    tagged = Tagged(Plain("Words", ParagraphStyle("x")), "P", 1)
    tagged.wrapOn(canvas, 100, 100)
    tagged.drawOn(canvas, 0, 0)
    assert b"Words" not in canvas.getpdfdata()


def test_charts_are_still_drawn_where_no_fork_server_can_start(monkeypatch, example_figures,
                                                               tmp_path):
    from report.charts import workers
    from report.layout.registry import layout_specs

    class Refused:
        def submit(self, *args):
            raise OSError("no room for the fork server's socket")

        def shutdown(self, **kwargs):
            pass

    real = workers.chart_pool

    def no_fork_server(workers, context=None):
        return Refused() if context is None else real(workers, context)

    monkeypatch.setattr(workers, "chart_pool", no_fork_server)
    specs = list(layout_specs(example_figures, load_layout("cabinet")).values())[:2]
    drawn = workers.start_charts(specs, tmp_path).result()
    assert len(drawn) == 2 and all(pdf.startswith(b"%PDF") for pdf in drawn.values())


@pytest.mark.parametrize("after", [0.3, 0.6, 1.2])
def test_ctrl_c_stops_the_build_and_its_chart_workers(tmp_path, after):
    """Interrupted while the chart workers' server imports matplotlib (0.3 s), while fonts
    are read (0.6 s), or while charts are drawing (1.2 s): a short message, exit 1, no
    traceback, no output written, and no worker left behind (they are waited for)."""
    import signal
    import subprocess
    import time

    from report.synth import synthesise

    folder = synthesise(40, tmp_path / "synth" / "synth40")
    command = [sys.executable, "-m", "report", "build", str(folder), "-o", str(tmp_path / "out")]
    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             start_new_session=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(after)
    os.killpg(build.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to the whole group
    _, err = build.communicate(timeout=30)  # every holder of its stderr has exited
    assert build.returncode == 1, err
    assert "interrupted; nothing was written" in err.decode()
    assert "Traceback" not in err.decode()
    assert not (tmp_path / "out" / "synth40.pdf").exists()


def test_a_ctrl_c_the_moment_the_chart_workers_start_leaves_none_behind(tmp_path):
    """The Ctrl-C lands just after the chart workers were started, before the build holds
    them (so its own clean-up cannot stop them): the command still stops every worker
    before it exits, rather than leaving them waiting for charts for ever."""
    import subprocess

    from report.synth import synthesise

    folder = synthesise(12, tmp_path / "synth" / "synth12")
    script = (
        "import sys\n"
        "from report.charts import workers\n"
        "start = workers.PendingCharts.start\n"
        "def start_then_interrupted(self, *args):\n"
        "    start(self, *args)\n"
        "    self.starter.join()\n"  # the pool and its workers exist
        "    raise KeyboardInterrupt\n"
        "workers.PendingCharts.start = start_then_interrupted\n"
        "from report.cli import run\n"
        f"sys.argv = ['cabinet-pack', 'build', {str(folder)!r}, '-o', {str(tmp_path / 'out')!r}]\n"
        "run()\n")
    empty_cache = dict(os.environ, CABINET_PACK_CACHE=str(tmp_path / "cache"))  # all drawn
    build = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, start_new_session=True, env=empty_cache)
    try:
        _, err = build.communicate(timeout=60)  # every holder of its stderr has exited
    finally:
        import signal

        try:
            os.killpg(build.pid, signal.SIGKILL)  # if it failed: leave nothing running
        except ProcessLookupError:
            pass
    assert build.returncode == 1, err
    assert err.decode().strip() == "cabinet-pack: interrupted; nothing was written"


def test_a_ctrl_c_while_python_finalises_an_object_is_recorded_not_printed():
    """Python cannot raise from a finaliser, so it would print the interrupt as "Exception
    ignored … Traceback"; the command records it (the build stops before its outputs go
    into place) and prints nothing there."""
    import subprocess

    script = (
        "import os, signal, sys, time\n"
        "from report import interrupt\n"
        "interrupt.install()\n"
        "class Finalised:\n"
        "    def __del__(self):\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        time.sleep(0.2)\n"  # the handler runs here, inside the finaliser
        "Finalised()\n"
        "print('requested' if interrupt.requested() else 'lost')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "requested", done.stderr
    assert done.stderr == ""


def _count_passes(monkeypatch) -> list[bool]:
    """Each layout pass the render makes, as it makes it: True for a measuring pass."""
    from report.pdf import doc

    passes = []
    real = doc._laid_out

    def counted(document, story, canvasmaker=doc.Canvas):
        passes.append(canvasmaker is doc._CountingCanvas)
        real(document, story, canvasmaker)

    monkeypatch.setattr(doc, "_laid_out", counted)
    return passes


def test_a_first_build_lays_the_pack_out_twice_measuring_then_drawing(example_figures,
                                                                       monkeypatch):
    """The measuring pass finds every page number the drawing pass prints (the scorecard
    rows the measure pages return to, the keys beside each other in a table), so the
    drawing pass needs no third to correct it."""
    from report.render import Renderer

    passes = _count_passes(monkeypatch)
    renderer = Renderer(example_figures, "cabinet", cache=None, draw_charts=False)
    rendered = renderer.full()
    assert passes == [True, False]
    assert {"key", "spc-key"} <= set(rendered.anchors)
    assert any(key.startswith("row-") for key in rendered.anchors)


def test_the_bench_gives_each_line_beside_its_goal_from_the_median_run():
    from report.bench import GOALS, goal, median

    assert goal(1.1, "example", " s") == "(goal <= 1.2 s: met)"
    assert goal(1.3, "example", " s") == "(goal <= 1.2 s: MISSED)"
    assert goal(59.0, "pages/s 200", " pages/s", at_least=True).endswith("MISSED)")
    assert goal(61.0, "pages/s 200", " pages/s", at_least=True).endswith("met)")
    assert {"example", "rebuild", "wall 200", "layout ms/page", "chart ms",
            "rss MB 200"} <= set(GOALS)
    runs = [{"wall": 3.0, "pages": 40, "figures_reused": True},
            {"wall": 1.0, "pages": 40, "figures_reused": True},
            {"wall": 9.0, "pages": 40, "figures_reused": True}]
    assert median(runs) == {"wall": 3.0, "pages": 40, "figures_reused": True}


def test_the_bench_floor_is_one_bare_pass_of_the_same_pages_and_the_charts_over_the_cores(
        tmp_path):
    from report.bench import bare_layout, floor
    from report.build import build_pack

    cpu, pages = bare_layout(EXAMPLE, rounds=1)
    built = build_pack(EXAMPLE, tmp_path, layouts=["cabinet"])
    pdf = next(path for path in built.written if path.suffix == ".pdf")
    appended = len(pikepdf.open(pdf).pages) - pages
    assert built.pages == pages + appended and 0 <= appended <= 2  # the appendix PDFs
    assert 0 < cpu
    assert floor({"wall": 2.0, "cpu": 2.0}, {"cpu": 4.0}, 2) == 3.0
    assert floor({"wall": 5.0, "cpu": 5.0}, {"cpu": 1.0}, 2) == 5.0


def test_a_rebuild_whose_page_numbers_still_hold_lays_the_pack_out_once(example_figures,
                                                                         monkeypatch, tmp_path):
    from report.render import Renderer

    passes = _count_passes(monkeypatch)
    first = Renderer(example_figures, "cabinet", cache=tmp_path, draw_charts=False).full()
    assert passes == [True, False]
    again = Renderer(example_figures, "cabinet", cache=tmp_path, draw_charts=False).full()
    assert passes == [True, False, False]  # one drawing pass, from the last build's numbers
    assert again.pdf == first.pdf


def test_the_drawing_pass_lets_each_flowable_go_and_a_further_pass_makes_the_story_again(
        example_figures, monkeypatch, tmp_path):
    """The full pack's drawing pass uses its story up (each flowable freed once drawn);
    should its page numbers not hold, the story is made again for the next pass, and the
    pack is the same as from a first build."""
    from report.pdf.doc import Refs
    from report.render import Renderer

    passes = _count_passes(monkeypatch)
    first = Renderer(example_figures, "cabinet", cache=tmp_path, draw_charts=False).full()
    # a wrong guess: the first pass draws with page numbers that do not hold
    renderer = Renderer(example_figures, "cabinet", cache=tmp_path, draw_charts=False)
    renderer._remembered_pages = lambda: Refs({"key": 2}, first.pages + 5)
    made, real_story = [], renderer._story

    def story(refs, sections, **kwargs):
        made.append(real_story(refs, sections, **kwargs))
        return made[-1]

    renderer._story = story
    again = renderer.full()
    assert passes == [True, False, False, False]  # a first build; the wrong guess, redrawn
    assert [len(flowables) for flowables, _ in made] == [0, 0]  # each used up
    assert again.pdf == first.pdf


def test_a_story_that_cannot_be_made_again_is_not_used_up(example_figures):
    from report.pdf.doc import Refs, build_passes
    from report.render import Renderer

    layout = dataclasses.replace(load_layout("cabinet"), sections=("at_a_glance",))
    renderer = Renderer(example_figures, "cabinet", cache=None, draw_charts=False,
                        layout=layout)
    story, tagger = renderer._story(Refs(), ["at_a_glance"], kinds={"at_a_glance"})
    count = len(story)
    build_passes(example_figures, renderer.theme, lambda refs: (story, tagger), title="t")
    assert len(story) == count  # laid out from copies, pass after pass


class _Pass:
    """What a flowable reaches through the canvas while a pass lays it out."""

    def __init__(self, anchors: dict[str, int], laid_out: dict[str, int] | None = None):
        from report.pdf.doc import PassRefs

        self.refs = PassRefs(anchors, 0, laid_out or {})


def _cell_style():
    return build_theme(load_layout("cabinet")).styles["cell"]


def _page_cell(made: list | None = None):
    from report.pdf.flowables import Deferred

    style = _cell_style()

    def make(refs):
        if made is not None:
            made.append(refs.page("measure-a"))
        return Paragraph(f"Next: Delayed transfers of care, page {refs.page('measure-a')}",
                         style)

    return Deferred(make)


def test_a_table_works_its_geometry_out_once_per_width_until_a_page_number_in_it_changes(
        monkeypatch):
    from reportlab.platypus import Table

    from report.pdf.flowables import Grid

    worked_out = []
    real = Table._calc
    monkeypatch.setattr(Table, "_calc",
                        lambda self, width, height: worked_out.append(width) or real(self, width,
                                                                                      height))
    canvas = Canvas(io.BytesIO(), invariant=1)

    def grid():
        return Grid([[Paragraph("Measure Owner", _cell_style()), _page_cell()]],
                    colWidths=[70, 60])

    def laid_out(table, doc, width=130, height=500):
        canvas._doctemplate = doc
        return table.wrapOn(canvas, width, height)

    table = grid()
    first = laid_out(table, _Pass({"measure-a": 9}))
    assert laid_out(table, canvas._doctemplate, height=300) == first
    assert laid_out(table, _Pass({"measure-a": 9})) == first  # the next pass: same numbers
    assert len(worked_out) == 1
    later = _Pass({"measure-a": 123456789012})  # a number that takes another line
    grown = laid_out(table, later)
    assert len(worked_out) == 2 and grown[1] > first[1]
    assert grown == laid_out(grid(), later)  # as a table laid out afresh
    laid_out(table, later, height=grown[1] - 1)  # may not fit: reportlab stops where it must
    laid_out(table, later, width=120)
    assert len(worked_out) == 5


def test_what_is_made_from_page_numbers_is_kept_while_they_stay_the_same():
    made: list[str] = []
    cell = _page_cell(made)
    canvas = Canvas(io.BytesIO(), invariant=1)
    for doc in (_Pass({}), _Pass({"measure-a": 12}), _Pass({"measure-a": 12}),
                _Pass({"measure-a": 5}, laid_out={"measure-a": 12}), _Pass({"measure-a": 13})):
        canvas._doctemplate = doc
        cell.wrapOn(canvas, 200, 100)
        cell.wrapOn(canvas, 200, 100)  # the same pass: never made again
    # made for "?", for 12 (kept by the next pass, and by one where the page was laid out
    # already, which wins over the last pass's number), for 13
    assert made == ["?", "12", "13"]
    assert cell._inner(canvas).text.endswith("page 13")


def test_a_table_that_runs_on_splits_as_before_for_the_same_room_and_numbers():
    from report.pdf.flowables import Grid

    style = _cell_style()
    canvas = Canvas(io.BytesIO(), invariant=1)
    rows = [[Paragraph(f"Authority {n}", style), Paragraph(f"{n * 1.5:.1f}", style)]
            for n in range(40)]
    table = Grid([*rows, [Paragraph("Next", style), _page_cell()]], colWidths=[100, 80])

    def split(doc, height=200):
        canvas._doctemplate = doc
        return table.splitOn(canvas, 180, height)

    first = split(_Pass({"measure-a": 9}))
    assert len(first) == 2
    assert split(_Pass({"measure-a": 9})) == first  # the next pass: the very same parts
    changed = split(_Pass({"measure-a": 10}))  # a page number in the table changed
    assert all(a is not b for a, b in zip(changed, first))
    rows_in = [len(part._cellvalues) for part in changed]
    assert rows_in == [len(part._cellvalues) for part in first]  # and it splits the same
    assert all(a is not b for a, b in zip(split(_Pass({"measure-a": 10}), 150), changed))


def test_the_bench_measures_the_spc_share_on_a_frozen_layout(tmp_path, capsys):
    """`make bench` works out what SPC charts add by laying the same pages out with trend
    charts: a layout variant made by replacing fields, as every layout is frozen."""
    from report.bench import _spc_alone_here
    from report.synth import synthesise

    folder = synthesise(4, tmp_path / "s4")
    _spc_alone_here(folder)
    spent, difference, measures = capsys.readouterr().out.split()
    assert int(measures) == 4 and float(spent) > 0 and float(difference) > -1
