"""The charts' words are written by the pack (report/charts/words.py, with the chart
writer, report/charts/writer.py), where and as matplotlib would have drawn them."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2
import pytest

from report.charts import draw, warm, words
from report.pdf import chart_page


def _matplotlib_own(spec: dict) -> bytes:
    """The chart as matplotlib alone draws it, words and all."""
    buffer = io.BytesIO()
    draw.figure(spec).savefig(buffer, format="pdf", transparent=True)
    return buffer.getvalue()


def _characters(pdf: bytes) -> list[tuple[str, tuple[float, ...]]]:
    """Each character the page shows, with its box (left, right, bottom, top) in points."""
    page = pypdfium2.PdfDocument(pdf)[0]
    text = page.get_textpage()
    found = []
    for index in range(text.count_chars()):
        character = text.get_text_range(index, 1)
        if character.strip():
            found.append((character, text.get_charbox(index)))
    return found


@pytest.mark.parametrize("spec", warm.samples(), ids=lambda spec: spec["kind"])
def test_every_word_lands_where_matplotlib_puts_it(spec):
    ours, theirs = _characters(draw.draw(spec)), _characters(_matplotlib_own(spec))
    assert [c for c, _ in ours] == [c for c, _ in theirs]
    if spec["kind"] != "sparkline":  # the one kind without words
        assert len(ours) > 20
    for (character, box), (_, expected) in zip(ours, theirs):
        # exactly: each advance rounded to a 64th as FreeType rounds it (a half up)
        assert max(abs(a - b) for a, b in zip(box, expected)) < 0.001, character


def _fonts(pdf: bytes) -> list[pikepdf.Dictionary]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        fonts = document.pages[0].Resources.get("/Font", {})
        return [(str(font.Subtype), str(font.BaseFont)) for font in fonts.values()]


def test_the_words_are_in_the_chart_fonts_whole_and_read_back_as_text():
    spec = warm.samples()[0]  # a trend chart: ticks, a unit, an event, a bold latest value
    pdf = draw.draw(spec)
    assert sorted(_fonts(pdf)) == [("/Type0", "/PackChartSans-Bold"),
                                  ("/Type0", "/PackChartSans-Regular")]
    text = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()
    for expected in ("per 1,000", "Higher is better", "New service", "Target 6.0", "7.5",
                     "Jun", "Reported outturn"):
        assert expected in text


def test_a_word_the_chart_fonts_lack_is_written_in_the_whole_font():
    """The chart fonts are the pack's font cut down to Latin; a word with a letter they
    lack ("≥", Hebrew, Greek) is written in the whole font, embedded once a pack, and
    the rest of the chart in the chart fonts. (matplotlib's writer, which wrote such a
    chart before, drew Hebrew area names with a missing glyph, which PDF/UA forbids.)"""
    spec = {**warm.samples()[0], "events": [{"x": 3, "label": "Waits \u2265 28 days"}]}
    drawn = draw.draw(spec)
    assert chart_page.read(drawn) is not None  # written by the pack's chart writer
    assert sorted(_fonts(drawn)) == [("/Type0", "/DejaVuSans"),
                                     ("/Type0", "/PackChartSans-Bold"),
                                     ("/Type0", "/PackChartSans-Regular")]
    text = pypdfium2.PdfDocument(drawn)[0].get_textpage().get_text_range()
    assert "Waits \u2265 28 days" in text and "Higher is better" in text
    fig = draw.figure(spec)
    faces = draw._faces()
    writable = {t.get_text(): words._writable(t, faces) for t in fig.texts + fig.axes[0].texts}
    assert writable["Waits \u2265 28 days"] is None  # not in the chart fonts
    assert writable["Higher is better"] is faces[str(draw._FONT_FILES[0])]
    assert draw._in_full_faces(fig, faces)
    whole = {**faces, **draw._full_faces()}
    writable = {t.get_text(): words._writable(t, whole) for t in fig.texts + fig.axes[0].texts}
    assert writable["Waits \u2265 28 days"].ps_name == "DejaVuSans"
    assert writable["Higher is better"] is faces[str(draw._FONT_FILES[0])]
