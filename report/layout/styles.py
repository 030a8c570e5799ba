"""Fonts and paragraph styles from the layout: registered once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from report.layout.config import PROJECT, Layout

FAMILY = "PackSans"
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}


class LazyTTFont(TTFont):
    """A TrueType font read from its file when first used: reading one costs ~13 ms, and
    a pack often never uses the italic faces. Given a cache folder, what reportlab reads
    from the file (its metrics and character map) is kept there and read back (~4 ms)
    while the file is the same."""

    def __init__(self, name: str, path: str, cache: Path | None = None):  # noqa: D107
        self.fontName = name  # the real __init__ runs on first use
        self._path = path
        self._metrics_cache = cache

    def stringWidth(self, text, size, encoding="utf8"):  # noqa: N802 - reportlab's name
        """The usual first use. The font is read here, in Python: reportlab's C code, which
        otherwise asks for it, turns any exception (Ctrl-C included) into AttributeError."""
        self.face  # noqa: B018 - reads the font
        return TTFont.stringWidth(self, text, size, encoding)

    def __getattr__(self, attribute: str):
        path = self.__dict__.pop("_path", None)
        if path is None or attribute.startswith("__"):
            raise AttributeError(attribute)
        _read(self, Path(path), self.__dict__.pop("_metrics_cache", None))
        self.__class__ = TTFont  # read: from now on a plain TTFont, without this hook
        return getattr(self, attribute)


_NOT_KEPT = ("_ttf_data", "_pdfScale")  # the file's bytes (read anyway) and a function
_KEPT_FORMAT = "1"  # of a kept face: change it if what is kept changes


def _read(font: TTFont, path: Path, cache: Path | None) -> None:
    """`TTFont.__init__`, with the face from the cache where this file was read before."""
    if cache is None:
        TTFont.__init__(font, font.fontName, str(path))
        return
    import hashlib
    import sys

    import reportlab
    from reportlab.pdfbase import ttfonts

    from report import cache as entries

    data = path.read_bytes()
    key = hashlib.sha256(f"{_KEPT_FORMAT} {reportlab.Version} {sys.version}".encode() + data)
    kind, key = f"font-{entries.short_digest(path.as_posix())}", key.hexdigest()[:32]
    kept = entries.read(cache, kind, key)
    if not (isinstance(kept, dict) and isinstance(kept.get("unitsPerEm"), int)):
        TTFont.__init__(font, font.fontName, str(path))
        entries.write(cache, kind, key, {name: value for name, value in vars(font.face).items()
                                         if name not in _NOT_KEPT})
        return
    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    face.__dict__.update(kept)
    face._ttf_data = data
    per_em = face.unitsPerEm  # the scale as reportlab's extractInfo makes it
    face._pdfScale = (lambda x: x) if per_em == 1000 else (lambda x, k=1000 / per_em: x * k)
    make_face = ttfonts.TTFontFace
    ttfonts.TTFontFace = lambda *args, **kwargs: face  # for its one call in TTFont.__init__
    try:
        TTFont.__init__(font, font.fontName, str(path))
    finally:
        ttfonts.TTFontFace = make_face


@lru_cache(maxsize=None)
def register_fonts(folder: str, regular: str, bold: str, italic: str, bold_italic: str,
                   cache: Path | None = None) -> str:
    """`cache`: a folder to keep the fonts' metrics in for the next build."""
    base = PROJECT / folder
    faces = {"": regular, "-Bold": bold, "-Italic": italic, "-BoldItalic": bold_italic}
    for suffix, file in faces.items():
        name = FAMILY + suffix
        # What pdfmetrics.registerFont does for a TrueType font, without reading the file
        # (it asks for the face's name) until the font is used.
        pdfmetrics._fonts[name] = LazyTTFont(name, str(base / file), cache)
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


def build_theme(layout: Layout, cache: Path | None = None) -> Theme:
    """`cache`: a folder to keep the fonts' metrics in for the next build."""
    f = layout.fonts
    family = register_fonts(f.folder, f.regular, f.bold, f.italic, f.bold_italic, cache)
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
            name, fontName=family + {(False, False): "", (True, False): "-Bold",
                                     (False, True): "-Italic", (True, True): "-BoldItalic"}[(bold, italic)],
            fontSize=size, leading=v.get("leading", size * 1.25),
            textColor=colours.get(colour, colours.get("ink")) if colour else colours.get("ink"),
            alignment=_ALIGN[v.get("align", "left")], spaceBefore=v.get("space_before", 0),
            spaceAfter=v.get("space_after", 0), splitLongWords=True,
            allowWidows=0,  # never one line of a paragraph alone atop a page
            linkUnderline=False)
    return Theme(layout, styles, colours, family)
