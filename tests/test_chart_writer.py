"""The pack writes each chart's PDF itself (report/charts/writer.py): the page looks as
matplotlib's own PDF writer draws it, and whatever that writer does not write goes to
matplotlib."""

from __future__ import annotations

import io
import math
import os
import zlib

import numpy as np
import pikepdf
import pypdfium2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.transforms import Affine2D, IdentityTransform

from report.charts import draw, warm, writer
from report.charts.spec import distinct
from report.layout.registry import layout_specs
from report.pdf import chart_page


def _matplotlib_own(spec: dict) -> bytes:
    buffer = io.BytesIO()
    draw.figure(spec).savefig(buffer, format="pdf", transparent=True)
    return buffer.getvalue()


def _pixels(pdf: bytes, scale: float = 3) -> np.ndarray:
    page = pypdfium2.PdfDocument(pdf)[0]
    return page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_numpy().astype(int)


def _one_of_each_kind(example_figures, cabinet_layout) -> list[dict]:
    specs = distinct(layout_specs(example_figures, cabinet_layout).values()).values()
    kinds: dict[str, dict] = {}
    for spec in specs:
        kinds.setdefault(spec["kind"], spec)
    return list(kinds.values())


@pytest.fixture(scope="module")
def cabinet_layout():
    from report.layout.config import load_layout

    return load_layout("cabinet")


def test_every_kind_of_chart_looks_as_matplotlib_draws_it(example_figures, cabinet_layout):
    specs = warm.samples() + _one_of_each_kind(example_figures, cabinet_layout)
    assert {s["kind"] for s in specs} >= {"trend", "spc", "spc_legend", "quartiles", "areas",
                                         "sparkline"}
    for spec in specs:
        ours = writer.written(draw.figure(spec), draw._faces())
        assert draw.draw(spec) == ours  # what a build places is the writer's
        mine, theirs = _pixels(ours), _pixels(_matplotlib_own(spec))
        assert mine.shape == theirs.shape
        difference = np.abs(mine - theirs)
        # the same paths and glyphs, to within a shade at an edge
        assert difference.max() <= 16, spec["kind"]
        assert difference.mean() < 0.01, spec["kind"]
        assert (mine < 128).any()  # something dark was drawn: not two blank pages


def test_a_chart_page_is_a_sound_pdf_of_the_chart_size():
    spec = warm.samples()[1]  # an SPC chart: lines, marks, areas, boxed words
    pdf = pikepdf.open(io.BytesIO(draw.draw(spec)))
    assert pdf.check_pdf_syntax() == [] and pdf.get_warnings() == []  # xref, lengths: exact
    assert [float(v) for v in pdf.pages[0].MediaBox] == [0, 0, spec["width"], spec["height"]]
    fonts = pdf.pages[0].Resources.Font
    assert sorted(str(f.BaseFont) for f in fonts.values()) == ["/PackChartSans-Bold",
                                                                "/PackChartSans-Regular"]


def test_what_the_writer_does_not_write_is_saved_by_matplotlib():
    spec = warm.samples()[0]
    fig = draw.figure(spec)
    ax = fig.axes[0]
    ax.add_patch(Rectangle((0.25, 0.25), 0.5, 0.5, transform=ax.transAxes, alpha=0.5,
                           facecolor="#FF0000"))  # transparency: matplotlib's to write
    with pytest.raises(writer.Unsupported):
        writer.written(fig, draw._faces())
    pixels = _pixels(draw._save(fig))
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    assert ((red > 200) & (green < 180) & (blue < 180) & (green > 100)).any()  # pink


# Words a spreadsheet or a word processor may leave in a name: a byte-order mark, a
# zero-width space, a soft hyphen, a direction mark. None has a visible form in a chart.
INVISIBLE = "\ufeff\u200b\u00ad\u200e"
WORDS = {"labels", "areas", "unit_text", "target_label", "better", "council", "current",
         "label"}


def _with_invisible(value, key=None):
    """Each of a spec's words with the invisible characters inside it."""
    if isinstance(value, str) and key in WORDS:
        return value[:1] + INVISIBLE + value[1:]
    if isinstance(value, dict):
        return {k: _with_invisible(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_invisible(v, key if key in WORDS else None) for v in value]
    return value


@pytest.mark.parametrize("sample", [s for s in warm.samples() if _with_invisible(s) != s],
                         ids=lambda spec: spec["kind"])  # every kind with words
def test_a_chart_shows_words_without_their_invisible_characters(sample):
    """A byte-order mark inside a name once stopped the build (matplotlib's writer, which
    draws words the chart fonts lack, failed on it); a chart now draws the same bytes with
    or without such characters in its words."""
    assert draw.draw(_with_invisible(sample)) == draw.draw(sample)


def test_a_gap_in_a_line_is_left_and_a_curve_made_cubic():
    nan = math.nan
    line = Path([[0, 0], [1, 1], [nan, nan], [2, 2], [3, 3]])
    assert writer._path_ops(line, IdentityTransform(), None, False) == \
        "0 0 m 1 1 l 2 2 m 3 3 l"
    quadratic = Path([[0, 0], [3, 3], [6, 0]], [Path.MOVETO, Path.CURVE3, Path.CURVE3])
    assert writer._path_ops(quadratic, Affine2D().scale(2), None, False) == \
        "0 0 m 4 4 8 4 12 0 c"


def test_a_chart_the_pack_wrote_is_read_back_without_a_pdf_parser():
    spec = warm.samples()[0]  # a trend chart, in both chart fonts
    drawn = draw.draw(spec)
    read = chart_page.read(drawn)
    assert (read.width, read.height) == (spec["width"], spec["height"])
    assert sorted(read.fonts) == ["/PackChartSans-Bold", "/PackChartSans-Regular"]
    with pikepdf.open(io.BytesIO(drawn)) as pdf:
        assert zlib.decompress(read.content) == pdf.pages[0].Contents.read_bytes()
    assert chart_page.read(_matplotlib_own(spec)) is None  # read as a PDF when placed
    sparkline = chart_page.read(draw.draw(warm.samples()[-1]))
    assert sparkline is not None and sparkline.fonts == ()  # no words, no fonts


def test_a_damaged_chart_page_is_not_read_as_one_of_the_packs():
    drawn = draw.draw(warm.samples()[0])
    read = chart_page.read(drawn)
    at = drawn.index(b"stream\n") + len(b"stream\n")
    assert chart_page.read(drawn[:at + len(read.content) // 2]) is None  # cut short
    assert chart_page.read(drawn.replace(b"/Length %d " % len(read.content),
                                         b"/Length %d " % (len(read.content) + 5))) is None


_VALUE = st.floats(-1e4, 1e4, allow_nan=False)  # many far outside the axis: clipped


@settings(max_examples=20, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow],
          derandomize=not os.environ.get("PROPERTY_RANDOM"))
@given(kind=st.sampled_from(["trend", "spc"]),
       values=st.lists(st.one_of(st.none(), _VALUE), min_size=6, max_size=6),
       label=st.text(alphabet="Abc xyz 019,.()%-:/'", max_size=40))
def test_any_line_chart_looks_as_matplotlib_draws_it(kind, values, label):
    """Gaps, values far off the axis (clipped) and labels of any length: the writer's page
    and matplotlib's own look the same."""
    spec = next(s for s in warm.samples() if s["kind"] == kind)
    spec = {**spec, "events": [{"x": 2, "label": label.strip() or "Event"}]}
    if kind == "trend":
        spec["outturn"] = values
    else:  # an SPC chart has a value every month
        spec["values"] = [v if v is not None else 5.0 for v in values]
    ours = draw.draw(spec)
    assert chart_page.read(ours) is not None  # written by the pack's writer
    difference = np.abs(_pixels(ours, 2) - _pixels(_matplotlib_own(spec), 2))
    assert difference.max() <= 16 and difference.mean() < 0.01


_ANY_WORDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
# any figure the inputs accept (report/inputs/schema.py: zero, or 1e-9 to 1e12 either side)
_ANY_VALUE = st.one_of(
    st.floats(-1e12, 1e12).filter(lambda v: v == 0 or abs(v) >= 1e-9),
    st.sampled_from([0.0, 1e-9, -1e-9, 999_999_999_999.0, -999_999_999_999.0,
                     4.999_999_999_999, 2.9999999999999996]))


@settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 40)), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow],
          derandomize=not os.environ.get("PROPERTY_RANDOM"))
@given(kind=st.sampled_from(["trend", "spc", "areas", "quartiles", "spc_legend"]),
       values=st.one_of(st.lists(_ANY_VALUE, min_size=6, max_size=6),
                        _ANY_VALUE.map(lambda v: [v] * 6)),
       words=st.lists(_ANY_WORDS, min_size=4, max_size=4), from_zero=st.booleans())
def test_any_chart_with_any_words_and_values_is_drawn(kind, values, words, from_zero):
    """Whatever its words (any script, emoji, format and control characters) and values
    (huge, tiny, negative, all alike), a chart is drawn: by the pack's writer, or by
    matplotlib's where the chart fonts lack a character. A byte-order mark inside a word
    and a value just under a round number each once stopped the build."""
    spec = next(s for s in warm.samples() if s["kind"] == kind)
    low, high = min(values), max(values)
    spec = {**spec, "unit_text": words[0], "better": words[1]}
    if kind in ("trend", "spc"):
        spec.update(axis={"low": low, "high": high}, target_label=words[2],
                    from_zero=from_zero and low >= 0, target=[high] * 6,
                    events=[{"x": 2, "label": words[3]}])
        if kind == "trend":
            spec.update(outturn=values, recalculated=values)
        else:
            spec.update(values=values, groups=[dict(spec["groups"][0], first=0, last=5,
                                                    mean=low, lower=low, upper=high,
                                                    lower_two_sigma=low, upper_two_sigma=high)])
    elif kind == "areas":
        spec.update(areas=[words[2], words[3]], values=values[:2], overall=low, target=high)
    elif kind == "quartiles":
        spec.update(council=words[2], current=words[3], value=values[0],
                    boundaries=sorted(values[1:]))
    page = draw.draw(spec)  # an SPC legend's own words are the pack's: it takes `better`
    assert page.startswith(b"%PDF") and b"%%EOF" in page[-32:]


def test_the_build_keeps_one_chart_whole_per_chart_font_and_caches_every_chart_whole(
        example_figures, tmp_path):
    """The main process holds every chart until the pack is saved: the chart fonts whole
    in as few charts as hold them all, the others' pages naming them only; the cache
    keeps each chart whole (a chart read from it is whole, standing alone)."""
    from report.charts.workers import start_charts
    from report.layout.config import load_layout

    specs = list(layout_specs(example_figures, load_layout("cabinet")).values())
    for round_ in ("drawn", "from the cache"):
        held = [chart_page.read(data) for data in start_charts(specs, tmp_path).result().values()]
        with_fonts = [page for page in held if page is not None and page.fonts]
        whole = [page for page in with_fonts if page.whole]
        assert 1 <= len(whole) <= 2 < len(with_fonts), round_  # two chart fonts at most
        assert {f for page in with_fonts for f in page.fonts} <= {f for page in whole
                                                                   for f in page.fonts}
    entries = list(tmp_path.glob("chart-*.pdf"))
    assert len(entries) >= len(with_fonts)
    for entry in entries:
        page = chart_page.read(entry.read_bytes())
        assert page is None or page.whole, entry.name
