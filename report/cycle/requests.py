"""`cabinet-pack requests`: one Word document per measure owner, asking for this month's
commentary.

For each of the owner's measures: its title, this period's figures as the pack prints
them, its trend chart (a PNG from the pack's own chart spec) with its alternative text, the
FAQ, and one box per commentary section, filled with the text the pack has now (last
month's, as new-period carried it) and marked as such. Then a sign-off line. The boxes and
references are Word content controls (report/cycle/wordtags.py) that `collect` reads back.
Kept plain — built-in styles, one table and one picture per measure — so every common word
processor opens it without repair.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from report.content import SUMMARY_HEADINGS
from report.cycle import wordtags
from report.cycle.markdown import Line, lines_of, section_markdown

CHART_WIDTH_CM = 16
CHART_DPI = 150
_LIST_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
_NUMBER_STYLES = ("List Number", "List Number 2", "List Number 3")
_GREY = "595959"  # the notes an owner does not edit: 7:1 on white
_TINT = "EEF2F7"  # the boxes an owner writes in (black text on it: 18:1)


@dataclass(frozen=True)
class OwnerRequest:
    owner: str
    file_name: str
    measures: tuple[str, ...]  # measure ids, in pack order


def owners_of(figures) -> list[OwnerRequest]:
    """The measures of each owner (as measures.yaml names them), in pack order; each owner
    a file named after them."""
    by_owner: dict[str, list[str]] = {}
    for m in figures.in_order():
        by_owner.setdefault(" ".join(m.owner.split()), []).append(m.id)
    used: set[str] = set()
    requests = []
    for owner, ids in by_owner.items():
        stem = re.sub(r"[^a-z0-9]+", "-", owner.lower()).strip("-")[:60].strip("-") or "owner"
        name, number = stem, 1
        while name in used:
            number += 1
            name = f"{stem}-{number}"
        used.add(name)
        requests.append(OwnerRequest(owner, f"{name}.docx", tuple(ids)))
    return requests


def sections_asked(figures, m) -> list[str]:
    """The sections the owner is asked for: all five for a summary (focus) measure; the
    measure page's commentary, and any summary section it has text for, for the rest."""
    if m.id in figures.focus:
        return list(wordtags.HEADINGS)
    return [h for h in SUMMARY_HEADINGS if m.commentary.get(h)] + [wordtags.COMMENTARY_HEADING]


def write_requests(folder: Path, out: Path | None) -> tuple[list[Path], list[OwnerRequest]]:
    """Every owner's document, written together into `out` (default out/<pack>-requests)."""
    from report.figures import pack_figures
    from report.inputs.commentary import carried_from
    from report.transaction import OutputSet, check_destination

    figures = pack_figures(folder)
    target = out if out is not None else Path("out") / f"{figures.name}-requests"
    check_destination(folder, target)
    carried = {}
    for m in figures.in_order():
        path = folder / "commentary" / f"{m.id}.md"
        text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
        carried[m.id] = carried_from(text)
    charts = _chart_pngs(figures)
    requests = owners_of(figures)
    _never_over_a_reply(target, [request.file_name for request in requests])
    outputs = OutputSet(target, again="run requests again")
    try:
        made = {}
        for request in requests:
            data = request_document(figures, request, charts, carried)
            outputs.add_bytes(request.file_name, data)
            made[request.file_name] = _digest(data)
        outputs.add_text(WRITTEN, json.dumps(made, indent=1, sort_keys=True) + "\n")
        written = [path for path in outputs.commit() if path.name != WRITTEN]
    finally:
        outputs.discard()
    return written, requests


# In the requests' folder: what the last `requests` wrote there (each file's digest), so
# that running it again replaces its own documents, and never one an owner has filled in.
WRITTEN = ".requests-written.json"


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _never_over_a_reply(target: Path, names: list[str]) -> None:
    """A document already where a request would go, not as `requests` wrote it (an owner's
    reply saved there, or a request edited since), stops the command: replacing it would
    lose what was written in it."""
    from report.inputs.text import read_bytes
    from report.problems import Collector
    from report.transaction import OutputError

    try:  # an ordinary file, or as if none: never a pipe that would hang the command
        written = json.loads(read_bytes(target / WRITTEN, Collector(target), None) or b"{}")
    except ValueError:
        written = {}
    if not isinstance(written, dict):
        written = {}
    kept = []
    for name in names:
        path = target / name
        if not path.exists():
            continue
        try:
            same = path.is_file() and written.get(name) == _digest(path.read_bytes())
        except OSError:
            same = False
        if not same:
            kept.append(path)
    if kept:
        shown = ", ".join(path.as_posix() for path in kept[:3])
        more = f" and {len(kept) - 3} more" if len(kept) > 3 else ""
        raise OutputError(
            f"{shown}{more} {'is' if len(kept) == 1 else 'are'} already there, not as "
            "requests wrote it (an owner's reply saved there, or a request edited since), "
            "and writing the requests would replace it; nothing was written: move it "
            "elsewhere (collect a reply first) or write the requests to another folder "
            "with -o")


def _chart_pngs(figures) -> dict[str, bytes]:
    """Each measure's trend chart, from the spec its page uses, as a PNG."""
    from report.charts.draw import draw_png
    from report.charts.spec import trend_spec
    from report.layout.config import load_layout

    layout = load_layout(figures.layout)  # the chart style of the pack's own layout
    style = layout.chart.as_dict()
    width = CHART_WIDTH_CM / 2.54 * 72
    return {m.id: draw_png(trend_spec(m, width, layout.chart.height, style), CHART_DPI)
            for m in figures.in_order()}


def request_document(figures, request: OwnerRequest, charts: dict[str, bytes],
                     carried: dict[str, str | None]) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    _page(doc, Cm, Pt)
    _properties(doc, figures, request)
    doc.add_heading(f"Commentary for the {figures.full_title}", level=0)
    _grey(doc.add_paragraph(), f"For: {request.owner}. Figures to {figures.data_period_label}.")
    _locked_line(doc, "Request reference (keep it): "
                 f"{figures.name}, data to {figures.data_period_label}",
                 wordtags.request_tag(figures.data_period),
                 wordtags.request_mark(figures.data_period))
    _instructions(doc, figures)
    for number, measure_id in enumerate(request.measures, 1):
        m = figures.measures[measure_id]
        doc.add_page_break()
        _measure(doc, figures, m, number, charts[m.id], carried.get(m.id), Cm)
    _sign_off(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_times(buffer.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The package with every part dated alike, so the same inputs make the same file."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(fixed, source.read(item.filename))
    return buffer.getvalue()


def _page(doc, Cm, Pt) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    normal.font.name = "Arial"  # a font every word processor has or substitutes alike
    from docx.oxml.ns import qn

    zoom = doc.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")  # the schema requires it; the template leaves it out


def _properties(doc, figures, request: OwnerRequest) -> None:
    """Fixed properties (the same inputs make the same file)."""
    core = doc.core_properties
    core.title = f"Commentary request: {figures.full_title}"
    core.subject = f"Commentary for {figures.data_period_label}"
    core.author = figures.organisation
    core.last_modified_by = figures.organisation
    core.keywords = request.owner
    core.comments = ""
    core.language = "en-GB"
    core.revision = 1
    made = datetime.strptime(figures.pack_month, "%Y-%m").replace(tzinfo=UTC)
    core.created = core.modified = made
    core.last_printed = made


def _instructions(doc, figures) -> None:
    doc.add_heading("How to fill this in", level=1)
    steps = (
        ("Each of your measures has a page: this month's figures, the chart and the "
        "frequently asked questions, then a box for each part of the commentary."),
        ("Each box holds the text the pack has now (usually last month's). Write over it, "
        "change it or add to it. Delete all the text in a box if that part should be "
        "empty. A box left as it is counts as last month's text, not updated."),
        ("Word's bullet and numbering buttons make lists (Tab for a sub-point); bold and "
        "italic are kept. Links, pictures and fields are left out of the pack."),
        "Keep the boxes and the grey reference lines: the pack finds your text by them.",
        ("Sign off on the last page with your name and the date, save the document, and "
        f"send it back to the team that sent it ({figures.produced_by})."),
    )
    for step in steps:
        doc.add_paragraph(step, style="List Number")


def _measure(doc, figures, m, number: int, chart: bytes, carried: str | None, Cm) -> None:
    doc.add_heading(f"{m.number}. {m.title}", level=1)
    asked = sections_asked(figures, m)
    _locked_line(doc, f"Measure reference (keep it): {m.id}", wordtags.measure_tag(m.id, asked),
                 wordtags.measure_mark(number, m.id, asked))
    _figures_table(doc, m, Cm)
    doc.add_picture(io.BytesIO(chart), width=Cm(CHART_WIDTH_CM))
    doc.paragraphs[-1].paragraph_format.space_before = Cm(0.3)  # clear of the table
    _describe_picture(doc, m)
    if m.faq:
        doc.add_heading("Frequently asked questions", level=2)
        doc.add_paragraph(" ".join(m.faq.split()))
    doc.add_heading("Your commentary", level=2)
    whose = (f"last month's text (from the pack with data to {carried})" if carried
             else "the text the pack has now")
    for heading in asked:
        doc.add_heading(heading, level=3)
        where = ("printed in the summary at the front of the pack"
                 if heading in SUMMARY_HEADINGS else "printed on the measure page")
        lines = lines_of(m.commentary.get(heading, ()))
        note = (f"This box holds {whose}; {where}." if lines
                else f"Empty now; {where}. Write here if there is anything to say.")
        _grey(doc.add_paragraph(), note, italic=True)
        _section_box(doc, m.id, number, heading, lines)


def _figures_table(doc, m, Cm) -> None:
    """The figures as the pack prints them: words, never a number formatted here."""
    rows = [(f"Latest ({m.latest.label})", m.latest.text)]
    if m.previous.reported_text:
        previous = m.previous.reported_text
        if m.previous.recalculated_text:
            previous += f" (recalculated: {m.previous.recalculated_text})"
        rows.append((f"Previous ({m.previous.label})", previous))
    rows += [("Target", m.target.text),
             ("Status", _status_words(m)),
             ("Direction of travel", m.change.text or "\u2013"),
             ("SPC reading", _spc_words(m))]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    widths = (Cm(5.0), Cm(12.0))
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].add_run(value)
        for cell, width in zip(cells, widths):
            cell.width = width
    for column, width in zip(table.columns, widths):
        column.width = width
    _table_header_free(table)


def _status_words(m) -> str:
    if m.status.word is None:
        return "No status (a context measure)" if m.status.basis == "context" else "No status"
    if m.status.basis == "target":
        return m.status.word
    return f"{m.status.word} ({m.status.basis})"


def _spc_words(m) -> str:
    spc = m.spc
    if spc is None:
        return "\u2013"
    if not spc.variation:
        return f"No SPC icons: {spc.icons_reason}" if spc.icons_reason else "\u2013"
    words = spc.variation_text
    if spc.variation_reason:
        words += f" ({spc.variation_reason})"
    if spc.assurance_text:
        words += f". {spc.assurance_text}"
        if spc.assurance_reason:
            words += f": {spc.assurance_reason}"
    elif spc.shift is not None:  # the process has moved: no verdict from its old limits
        words += f". No assurance: {spc.shift.brief}"
    elif spc.assurance_withheld:
        words += f". No assurance: {spc.assurance_withheld}"
    return words + "."


def _table_header_free(table) -> None:
    """A table of label and value pairs: no header row for a screen reader to announce."""
    from docx.oxml.ns import qn

    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.set(qn("w:firstRow"), "0")


def _describe_picture(doc, m) -> None:
    """The chart's alternative text: the words the PDF's Figure carries."""
    from docx.oxml.ns import qn

    inline = doc.inline_shapes[-1]._inline
    properties = inline.find(qn("wp:docPr"))
    properties.set("descr", m.trend.alt)
    properties.set("title", f"Chart: {m.short_name}")


def _grey(paragraph, text: str, italic: bool = False) -> None:
    from docx.shared import RGBColor

    run = paragraph.add_run(text)
    run.font.color.rgb = RGBColor.from_string(_GREY)
    run.italic = italic or None


# --- content controls ---------------------------------------------------------------------
def _sdt(tag: str, lock: str, kind: str, alias: str = ""):
    """A content control's element with its properties: tag, lock and kind (w:text,
    w:richText, w:date ...)."""
    import hashlib

    from docx.oxml import OxmlElement

    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    if alias:
        properties.append(_valued("w:alias", alias))
    properties.append(_valued("w:tag", tag))
    # an id of its own, the same each time (a control's id is a 32-bit number)
    properties.append(_valued("w:id", str(int(hashlib.sha256(tag.encode()).hexdigest()[:7], 16))))
    properties.append(_valued("w:lock", lock))
    properties.append(OxmlElement(kind))
    sdt.append(properties)
    sdt.append(OxmlElement("w:sdtContent"))
    return sdt


def _valued(name: str, value: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(name)
    element.set(qn("w:val"), value)
    return element


def _locked_line(doc, text: str, tag: str, mark: str) -> None:
    """A reference paragraph the owner can neither edit nor delete in Word."""
    paragraph = doc.add_paragraph()
    _grey(paragraph, text)
    _bookmark(paragraph, paragraph, mark)
    sdt = _sdt(tag, "sdtContentLocked", "w:text")
    paragraph._p.addprevious(sdt)
    sdt[1].append(paragraph._p)


def _section_box(doc, measure_id: str, number: int, heading: str, lines: list[Line]) -> None:
    """The editable box of one section: its paragraphs inside a content control that
    cannot be deleted, and within a bookmark."""
    markdown = section_markdown(lines)
    tag = wordtags.section_tag(measure_id, heading, markdown)
    sdt = _sdt(tag, "sdtLocked", "w:richText", alias=heading)
    paragraphs = [_line_paragraph(doc, line) for line in lines] or [doc.add_paragraph()]
    paragraphs[0]._p.addprevious(sdt)
    for paragraph in paragraphs:
        _shade(paragraph)
        sdt[1].append(paragraph._p)
    # around the box, not inside it: writing over the box's text keeps the bookmark
    start, end = _bookmark_pair(wordtags.section_mark(number, heading, markdown))
    sdt.addprevious(start)
    sdt.addnext(end)


def _bookmark_pair(name: str):
    """A bookmark's start and end elements, its id the same each time."""
    import hashlib

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    number = str(int(hashlib.sha256(name.encode()).hexdigest()[:7], 16))
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), number)
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), number)
    return start, end


def _bookmark(first, last, name: str) -> None:
    """A bookmark from the start of `first` paragraph's text to the end of `last`'s."""
    from docx.oxml.ns import qn

    start, end = _bookmark_pair(name)
    properties = first._p.find(qn("w:pPr"))
    if properties is not None:
        properties.addnext(start)
    else:
        first._p.insert(0, start)
    last._p.append(end)


def _shade(paragraph) -> None:
    """A light tint, so the owner sees where to write (a new paragraph keeps it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), _TINT)
    paragraph._p.get_or_add_pPr().append(shading)


def _line_paragraph(doc, line: Line):
    if line.level is None:
        paragraph = doc.add_paragraph()
    else:
        styles = _NUMBER_STYLES if line.ordered else _LIST_STYLES
        paragraph = doc.add_paragraph(style=styles[min(line.level, len(styles) - 1)])
    for run in line.runs:
        added = paragraph.add_run(run.text)
        added.bold = run.bold or None
        added.italic = run.italic or None
    return paragraph


def _sign_off(doc) -> None:
    from docx.shared import Cm

    doc.add_heading("Sign-off", level=1).paragraph_format.space_before = Cm(1.0)
    doc.add_paragraph("When the commentary above is ready to go to Cabinet, put your name "
                      "and the date here.")
    for label, tag, kind, prompt in (("Signed off by: ", wordtags.SIGNED_BY, "w:text",
                                      "your name"),
                                     ("Date: ", wordtags.SIGNED_ON, "w:date",
                                      "the date")):
        paragraph = doc.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph._p.append(_inline_box(tag, kind, prompt))


def _inline_box(tag: str, kind: str, prompt: str):
    """A one-line box inside a paragraph, showing `prompt` until something is typed."""
    from docx.oxml import OxmlElement

    sdt = _sdt(tag, "sdtLocked", kind, alias=prompt.capitalize())
    properties = sdt[0]
    if kind == "w:date":
        date = properties[-1]
        date.append(_valued("w:dateFormat", "d MMMM yyyy"))
        date.append(_valued("w:lid", "en-GB"))
        date.append(_valued("w:storeMappedDataAs", "dateTime"))
        date.append(_valued("w:calendar", "gregorian"))
    properties.insert(len(properties) - 1, OxmlElement("w:showingPlcHdr"))
    run = OxmlElement("w:r")
    look = OxmlElement("w:rPr")
    look.append(_valued("w:color", _GREY))
    run.append(look)
    text = OxmlElement("w:t")
    text.text = f"[{prompt}]"
    run.append(text)
    sdt[1].append(run)
    return sdt
