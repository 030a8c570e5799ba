"""The last step of a layout pass's PDF: the structure tree, dates and XMP, charts placed,
the appendices merged, saved. It sits above the modules it calls (post-processing helpers,
structure, appendices), so none of them imports it back.

The charts are asked for last: what needs no chart is done while the chart workers may
still be drawing (in the example's first build the pages wait for the charts)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
from pikepdf import Name

from report.pdf.appendices import append, outline
from report.pdf.post import pdf_date, place_charts, save, set_page_labels


def finish(result, chart_pdfs: Callable[[], dict[str, bytes]], figures, theme, title: str,
           appendices: bool, page_offset: int = 0) -> bytes:
    """`chart_pdfs`: gives the charts' PDFs by name, waiting for any still being drawn."""
    from report.pdf.structure import build_structure, set_xmp
    from report.pdf.tounicode import drop_unused_codes

    pdf = pikepdf.open(io.BytesIO(result.pdf))
    page_titles: dict[int, str] = {}
    for key, page in result.anchors.items():
        if key in result.titles and page not in page_titles:
            page_titles[page] = result.titles[key]
    build_structure(pdf, result.marks, result.tagger, page_titles, len(pdf.pages), page_offset,
                    result.anchors)
    drop_unused_codes(pdf, len(pdf.pages))
    if page_offset:
        set_page_labels(pdf, page_offset)
    stamp = pdf_date(figures.pack_month)
    pdf.docinfo[Name.CreationDate] = stamp
    pdf.docinfo[Name.ModDate] = stamp
    set_xmp(pdf, title, figures.organisation, str(pdf.docinfo.get("/Subject", "")))
    place_charts(pdf, result.charts, chart_pdfs())
    if appendices and figures.appendices:
        outline(pdf, append(pdf, figures, theme))
    return save(pdf)
