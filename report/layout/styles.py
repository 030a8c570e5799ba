"""Fonts and paragraph styles from the layout: registered once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from report.layout.config import PROJECT, Layout

FAMILY = "PackSans"
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
_FACES = {(False, False): "", (True, False): "-Bold", (False, True): "-Italic",
          (True, True): "-BoldItalic"}  # (bold, italic): the font name's ending


@cache
def register_fonts(folder: str, regular: str, bold: str, italic: str, bold_italic: str) -> str:
    base = PROJECT / folder
    faces = {"": regular, "-Bold": bold, "-Italic": italic, "-BoldItalic": bold_italic}
    for suffix, file in faces.items():
        name = FAMILY + suffix
        pdfmetrics.registerFont(TTFont(name, str(base / file)))
        pdfmetrics.registerFontFamily(name)
    pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=FAMILY + "-Bold",
                                  italic=FAMILY + "-Italic", boldItalic=FAMILY + "-BoldItalic")
    return FAMILY


@dataclass
class Theme:
    """What sections need from the layout: styles by name, colours by name, fonts."""

    layout: Layout
    styles: dict[str, ParagraphStyle]
    colours: dict[str, colors.Color]
    font: str

    def colour(self, name: str) -> colors.Color:
        return self.colours[name]

    def font_name(self, bold: bool = False, italic: bool = False) -> str:
        return self.font + {(False, False): "", (True, False): "-Bold",
                            (False, True): "-Italic", (True, True): "-BoldItalic"}[(bold, italic)]


def build_theme(layout: Layout) -> Theme:
    f = layout.fonts
    family = register_fonts(f.folder, f.regular, f.bold, f.italic, f.bold_italic)
    colours = {name: colors.HexColor(value) for name, value in layout.palette.items()}
    resolved: dict[str, dict] = {}

    def resolve(name: str) -> dict:
        if name not in resolved:
            spec = layout.styles[name]
            values = resolve(spec.parent) if spec.parent else {}
            values = {**values, **{k: v for k, v in vars(spec).items()
                                   if v is not None and k != "parent"}}
            resolved[name] = values
        return resolved[name]

    styles = {}
    for name in layout.styles:
        v = resolve(name)
        bold, italic = v.get("bold", False), v.get("italic", False)
        size = v.get("size", 12)
        colour = v.get("colour")
        styles[name] = ParagraphStyle(
            name, fontName=family + _FACES[(bold, italic)],
            fontSize=size, leading=v.get("leading", size * 1.25),
            textColor=colours.get(colour, colours.get("ink")) if colour else colours.get("ink"),
            alignment=_ALIGN[v.get("align", "left")], spaceBefore=v.get("space_before", 0),
            spaceAfter=v.get("space_after", 0), splitLongWords=True,
            allowWidows=0,  # never one line of a paragraph alone atop a page
            linkUnderline=False)
    return Theme(layout, styles, colours, family)
