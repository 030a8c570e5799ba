"""The pack's paragraphs of one font, size and colour are drawn by report/pdf/paragraph.py
rather than by reportlab's `drawPara`: the same glyphs at the same points, in fewer
operators. Each case is drawn both ways on a page of its own and the two pages compared
as rendered, and as text."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2
import pytest
from PIL import ImageChops
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.paragraph import Paragraph as ReportlabParagraph

from report.layout.styles import build_theme
from report.pdf.paragraph import Paragraph

WORDS = ("Delayed transfers of care fell for the third month running, and the rate per "
         "100,000 adults is now 9.4 \u2013 below the England average of 10.3 \u2014 "
         "\u201cbetter\u201d, as the owner\u2019s note says.")


@pytest.fixture(scope="module")
def fonts():
    """The pack's own fonts, as the cabinet layout registers them."""
    from types import SimpleNamespace

    from report.layout.config import load_layout

    theme = build_theme(load_layout("cabinet"))
    return SimpleNamespace(regular=theme.font_name(), bold=theme.font_name(bold=True))


def style(fonts, **kwargs) -> ParagraphStyle:
    base = dict(fontName=fonts.regular, fontSize=9, leading=11.5,
                textColor=Color(0.1, 0.2, 0.45))
    return ParagraphStyle("case", **(base | kwargs))


def cases(fonts) -> dict[str, tuple[str, ParagraphStyle, float]]:
    """name -> (markup, style, width): the kinds of paragraph a pack draws."""
    return {
        "one line, left": ("Measure Owner", style(fonts), 200),
        "one line, right": ("12.5%", style(fonts, alignment=TA_RIGHT), 60),
        "one line, centred": ("\u25b2 Better", style(fonts, alignment=TA_CENTER), 80),
        "lines, left": (WORDS, style(fonts), 150),
        "lines, right": (WORDS, style(fonts, alignment=TA_RIGHT), 150),
        "lines, centred": (WORDS, style(fonts, alignment=TA_CENTER), 150),
        "indents": (WORDS, style(fonts, leftIndent=12, firstLineIndent=-6), 160),
        "bold, large": (WORDS, style(fonts, fontName=fonts.bold, fontSize=14,
                                     leading=17), 220),
        "one justified line": ("Short.", style(fonts, alignment=TA_JUSTIFY), 150),
        "translucent": (WORDS, style(fonts, textColor=Color(0.8, 0.1, 0.1, alpha=0.4)), 150),
        # drawn by reportlab as before: these must come out the same all the same
        "justified lines": (WORDS, style(fonts, alignment=TA_JUSTIFY), 150),
        "mixed fonts": ("Rose to <b>77.6%</b> at the end of March",
                        style(fonts), 150),
        "a link": ('See <a href="https://example.org/">the guidance</a>', style(fonts), 150),
        "background": ("Red", style(fonts, backColor=Color(1, 0.9, 0.9)), 150),
        "word too wide": ("Constituencies-and-wards-of-the-borough", style(fonts), 40),
    }


PLAIN = {"one line, left", "one line, right", "one line, centred", "lines, left",
         "lines, right", "lines, centred", "indents", "bold, large", "one justified line",
         "translucent"}


def drawn(cls, markup: str | None, paragraph_style: ParagraphStyle, width: float,
          measuring: bool = False) -> bytes:
    """A page with the paragraph on it (None: with nothing on it)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 300))
    canvas.measuring_only = measuring
    if markup is not None:
        paragraph = cls(markup, paragraph_style)
        _, height = paragraph.wrap(width, 280)
        paragraph.drawOn(canvas, 20.3, 280 - height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def rendered(pdf: bytes):
    page = pypdfium2.PdfDocument(pdf)[0]
    text = page.get_textpage().get_text_range()
    return page.render(scale=4).to_pil().convert("RGB"), text


def operators(pdf: bytes) -> list[str]:
    """The operators the paragraph added to its page (after those every page starts with)."""
    def on_page(data: bytes) -> list[str]:
        with pikepdf.open(io.BytesIO(data)) as document:
            return [str(op) for _, op in pikepdf.parse_content_stream(document.pages[0])]

    start = len(on_page(drawn(Paragraph, None, None, 0)))
    return on_page(pdf)[start:]


@pytest.mark.parametrize("name", sorted(PLAIN | {"justified lines", "mixed fonts",
                                                  "a link", "background",
                                                  "word too wide"}))
def test_drawn_as_reportlab_draws_it(fonts, name):
    markup, paragraph_style, width = cases(fonts)[name]
    ours = drawn(Paragraph, markup, paragraph_style, width)
    theirs = drawn(ReportlabParagraph, markup, paragraph_style, width)
    our_image, our_text = rendered(ours)
    their_image, their_text = rendered(theirs)
    assert our_text == their_text and our_text.split()
    assert ImageChops.difference(our_image, their_image).getbbox() is None, name


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_a_plain_paragraph_is_one_text_object_in_place(fonts, name):
    """Drawn without moving the origin (no `cm`) and in one text object: the design, not
    reportlab's way through a second graphics state."""
    markup, paragraph_style, width = cases(fonts)[name]
    ops = operators(drawn(Paragraph, markup, paragraph_style, width))
    assert "cm" not in ops
    assert ops.count("BT") == 1 and ops.count("q") == 1
    assert "cm" in operators(drawn(ReportlabParagraph, markup, paragraph_style, width))


def test_anything_else_is_drawn_by_reportlab(fonts):
    for name in ("justified lines", "mixed fonts", "background"):
        markup, paragraph_style, width = cases(fonts)[name]
        assert "cm" in operators(drawn(Paragraph, markup, paragraph_style, width)), name


def test_nothing_is_drawn_on_a_pass_that_only_measures(fonts):
    markup, paragraph_style, width = cases(fonts)["lines, left"]
    assert operators(drawn(Paragraph, markup, paragraph_style, width, measuring=True)) == []
    assert "Tj" in operators(drawn(Paragraph, markup, paragraph_style, width))
