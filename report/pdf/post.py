"""After layout: put each chart on its page as a form XObject, set the viewer preferences
and save deterministically."""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache

import pikepdf
from pikepdf import Array, Dictionary, Name

from report.pdf import chart_page


def add_xobjects(pdf: pikepdf.Pdf, page: pikepdf.Page, forms: dict[str, object]) -> None:
    """Give `page` its own resources with these named form XObjects added (reportlab's
    pages may share one resource dictionary, so it is copied, not changed in place)."""
    resources = page.obj.get("/Resources")
    own = Dictionary({k: v for k, v in resources.items()}) if resources is not None \
        else Dictionary()
    existing = own.get("/XObject")
    xobjects = Dictionary({k: v for k, v in existing.items()}) if existing is not None \
        else Dictionary()
    for name, form in forms.items():
        xobjects[Name("/" + name)] = form
    own[Name.XObject] = xobjects
    page.obj[Name.Resources] = pdf.make_indirect(own)


def empty_chart(spec: dict) -> bytes:
    """A blank one-page PDF the size of the chart it stands in for."""
    return _blank(float(spec["width"]), float(spec["height"]))


@lru_cache(maxsize=64)
def _blank(width: float, height: float) -> bytes:
    """A blank page of this size, made once (a pack's charts come in a few sizes)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(width, height))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def place_charts(pdf: pikepdf.Pdf, charts_on_page: dict[int, list[str]],
                 chart_pdfs: dict[str, bytes]) -> None:
    font_files: dict[bytes, pikepdf.Object] = {}
    placed: dict[bytes, pikepdf.Object] = {}  # charts drawn the same (legends) placed once
    chart_fonts: dict[str, pikepdf.Object] = {}  # the pack's copy of each chart font
    pages = {drawn: chart_page.read(drawn) for drawn in chart_pdfs.values()}  # read once
    # The chart fonts first, from a chart that embeds them (report/charts/workers.py keeps
    # one whole chart for each; the others only name them), placed here or not.
    for drawn, ours in pages.items():
        if ours is not None and ours.whole and not set(ours.fonts) <= chart_fonts.keys():
            _placed(pdf, drawn, ours, font_files, chart_fonts)
    for page_number, names in charts_on_page.items():
        forms = {}
        for name in names:
            drawn = chart_pdfs[name]
            if drawn not in placed:
                placed[drawn] = _placed(pdf, drawn, pages[drawn], font_files, chart_fonts)
            forms[name] = placed[drawn]
        add_xobjects(pdf, pdf.pages[page_number - 1], forms)


def _placed(pdf: pikepdf.Pdf, drawn: bytes, ours: chart_page.ChartPage | None,
            font_files: dict[bytes, pikepdf.Object],
            chart_fonts: dict[str, pikepdf.Object]) -> pikepdf.Object:
    """The chart `drawn` (`ours`: its page, if the pack wrote it) as a form XObject of
    `pdf`. A chart the pack wrote becomes a form of its content, in the chart fonts the
    pack already holds; another (one matplotlib saved), or the first to embed a chart
    font, is copied whole, but for the chart fonts the pack already holds."""
    if ours is not None and not ours.whole and not set(ours.fonts) <= chart_fonts.keys():
        raise RuntimeError(f"a chart names fonts no chart embeds: {ours.fonts}")
    if ours is not None and all(name in chart_fonts for name in ours.fonts):
        form = pikepdf.Stream(pdf, b"")
        form.write(ours.content, filter=Name.FlateDecode)
        form.Type, form.Subtype = Name.XObject, Name.Form
        form.BBox = Array([0, 0, ours.width, ours.height])
        form.Resources = Dictionary(Font=Dictionary({name: chart_fonts[name]
                                                     for name in ours.fonts}))
        return pdf.make_indirect(form)
    source = pikepdf.open(io.BytesIO(drawn))
    form = source.pages[0].as_form_xobject()
    resources = form.get("/Resources")
    fonts = resources.get("/Font") if resources is not None else None
    held = {}
    for name in ours.fonts if ours is not None else ():
        if name in chart_fonts:  # not copied again: the form uses the pack's copy
            held[name] = chart_fonts[name]
            del fonts[name]
    placed = pdf.copy_foreign(form)
    share_font_files(placed, font_files)
    for name in ours.fonts if ours is not None else ():
        if name not in held:  # a chart font first embedded here (a chart in chart fonts
            chart_fonts.setdefault(name, placed.Resources.Font[name])  # and the whole font)
    if held:
        placed.Resources.Font.update(held)
    return placed


def share_font_files(form: pikepdf.Object, seen: dict[bytes, pikepdf.Object]) -> None:
    """Point the form's embedded font files at the first identical copy already placed
    (a subset matplotlib made, for a character the chart fonts lack, shares its file)."""
    resources = form.get("/Resources")
    fonts = resources.get("/Font") if resources is not None else None
    for font in (fonts or {}).values():
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get("/FontDescriptor")
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                stream = descriptor.get(key) if descriptor is not None else None
                if stream is not None:
                    digest = hashlib.sha256(stream.read_raw_bytes()).digest()
                    descriptor[Name(key)] = seen.setdefault(digest, stream)


def pdf_date(pack_month: str) -> str:
    """The files' date: SOURCE_DATE_EPOCH when set (reproducible-builds convention), else
    the first day of the pack's month, so the same inputs give the same bytes."""
    import datetime

    from report import settings

    epoch = settings.current().source_date_epoch
    if epoch is not None:
        moment = datetime.datetime.fromtimestamp(epoch, datetime.UTC)
    else:
        year, month = (int(x) for x in pack_month.split("-"))
        moment = datetime.datetime(year, month, 1, tzinfo=datetime.UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def save(pdf: pikepdf.Pdf) -> bytes:
    pdf.Root.PageMode = Name.UseOutlines
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate,
             fix_metadata_version=False)  # our XMP names no PDF version to fix
    return out.getvalue()


def set_page_labels(pdf: pikepdf.Pdf, page_offset: int) -> None:
    """Viewers show the full pack's page numbers in a split part ("12" not "1")."""
    pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D,
                                                                St=page_offset + 1)]))
