"""A merged appendix loses its active content: the example pack built with an appendix
carrying every kind (tests/hostile_appendix.py), then the published PDF walked object by
object."""

from __future__ import annotations

import json
import shutil

import pikepdf
import pytest

from report.cli import main
from report.inputs.appendix import embeds, font_damage
from tests import hostile_appendix
from tests.conftest import EXAMPLE

TITLE = "Partner report: Carers' Forum annual summary"
ACTIONS_KEPT = {"/GoTo", "/URI", "/Named"}
ANNOTATIONS_GONE = {"/FileAttachment", "/RichMedia", "/3D", "/Screen", "/Movie", "/Sound",
                    "/Widget"}
KEYS_GONE = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/EmbeddedFiles", "/EF", "/AF",
             "/AcroForm", "/XFA"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-appendix")
    pack = root / "pack"
    shutil.copytree(EXAMPLE, pack)
    hostile_appendix.make(pack / "appendices" / "carers-forum-report.pdf")
    assert main(["build", str(pack), "-o", str(root / "out"), "--layout", "cabinet"]) == 0
    figures = json.loads((root / "out" / "pack.figures.json").read_text(encoding="utf-8"))
    pdf = pikepdf.open(root / "out" / "pack.pdf")
    yield pdf, figures
    pdf.close()


def _walk(pdf: pikepdf.Pdf):
    """(key it was found under, object) for every dictionary reachable from the trailer."""
    seen, stack = set(), [(None, pdf.trailer)]
    while stack:
        key, obj = stack.pop()
        if not isinstance(obj, pikepdf.Object):
            continue  # numbers and booleans come back as Python's own
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            yield key, obj
            stack.extend(obj.items())
        elif isinstance(obj, pikepdf.Array):
            stack.extend((key, item) for item in obj)


def _actions(pdf: pikepdf.Pdf):
    for key, obj in _walk(pdf):
        if key in ("/A", "/PA", "/Next", "/OpenAction") and "/S" in obj:
            yield obj
        if key == "/AA":
            yield from (action for action in obj.values())


def test_no_active_content_is_published(hostile):
    pdf, _ = hostile
    found = [(key, name) for key, obj in _walk(pdf) for name in obj.keys() if name in KEYS_GONE]
    assert found == []
    kinds = sorted({str(action.S) for action in _actions(pdf)})
    assert set(kinds) <= ACTIONS_KEPT, kinds
    addresses = [str(a.URI) for a in _actions(pdf) if a.S == "/URI"]
    assert sorted(addresses) == sorted([hostile_appendix.WEB_LINK, hostile_appendix.MAIL_LINK])
    subtypes = {str(obj.Subtype) for _, obj in _walk(pdf)
                if obj.get("/Type") == "/Annot" or "/Rect" in obj and "/Subtype" in obj}
    assert subtypes & ANNOTATIONS_GONE == set()


def test_web_email_and_internal_links_survive(hostile):
    pdf, _ = hostile
    first, second = pdf.pages[-2], pdf.pages[-1]  # the appendix's two pages
    links = [a for a in first.obj.Annots if a.Subtype == "/Link"]
    uris = {str(a.A.URI) for a in links if "/A" in a and a.A.S == "/URI"}
    assert uris == {hostile_appendix.WEB_LINK, hostile_appendix.MAIL_LINK}
    targets = [(a.A.D if "/A" in a else a.Dest)[0] for a in links
               if "/Dest" in a or a.A.S == "/GoTo"]
    # one by its page, one by a name the appendix's table of names resolved, one with a script
    assert len(targets) == 3 and all(t.objgen == second.obj.objgen for t in targets)
    # the link whose script ran next keeps its own jump, without the script
    assert all("/Next" not in a.A for a in links if "/A" in a)
    back = [a for a in second.obj.Annots if a.Subtype == "/Link"]
    assert [a.A.D[0].objgen for a in back] == [second.obj.objgen]


def test_a_filled_in_form_keeps_what_it_shows(hostile):
    pdf, _ = hostile
    page = pdf.pages[-2]
    forms = [x for x in page.Resources.XObject.values() if "/BBox" in x]
    assert any(hostile_appendix.FIELD_VALUE.encode() in form.read_bytes() for form in forms)


def test_one_warning_names_every_kind_removed(hostile):
    _, figures = hostile
    removed = hostile_appendix.REMOVED
    expected = (f"appendix '{TITLE}': removed {', '.join(removed[:-1])} and {removed[-1]} "
                "(active content is not published)")
    about = [w for w in figures["warnings"] if "active content" in w]
    assert about == [expected]


def test_the_example_appendix_has_nothing_to_remove(built):
    out, _ = built
    figures = json.loads((out / "example.figures.json").read_text(encoding="utf-8"))
    assert not [w for w in figures["warnings"] if "active content" in w]


def test_a_font_without_its_descendant_is_damaged_not_a_crash():
    broken = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
                                BaseFont=pikepdf.Name("/Broken"))
    assert font_damage(broken) == "the Type0 font Broken has no /DescendantFonts"
    assert embeds(broken) is False
    broken.DescendantFonts = pikepdf.Array([])
    assert embeds(broken) is False and font_damage(broken)


def test_validate_names_a_damaged_font_written_into_a_page(tmp_path):
    from report.inputs.appendix import problem

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name("/Direct"))))
    pdf.save(tmp_path / "direct.pdf")
    assert problem(tmp_path / "direct.pdf") == (
        "has a damaged font: the Type0 font Direct has no /DescendantFonts (export or print "
        "the document to PDF again)")


@pytest.mark.parametrize("box, turn, said", [
    ([0, 0, 1, 1], 0, "page 2 is 1 by 1 points"),
    ([0, 0, 0, 0], 0, "page 2 is 0 by 0 points"),
    ([100, 100, 0, 0], 0, "page 2 is -100 by -100 points"),
    ([0, 0, 20000, 842], 0, "page 2 is 20000 by 842 points"),
    ([0, 0, 595, 842], 45, "page 2 says it is turned by 45, not by quarter turns"),
    ([0, 0, 595, 842], 270, None),  # landscape, turned as scanners turn it
    ([0, 0, 360, 216], 0, None),  # a card, five inches by three
])
def test_a_page_no_reader_could_be_shown_is_refused_naming_it(tmp_path, box, turn, said):
    """An appendix page of no plausible size, or turned by other than quarter turns,
    would go into the published pack unreadable, the pack's footer with it."""
    from report.inputs.appendix import problem

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.add_blank_page()
    pdf.pages[1].obj.MediaBox = pikepdf.Array(box)
    pdf.pages[1].obj.Rotate = turn
    pdf.save(tmp_path / "odd.pdf")
    found = problem(tmp_path / "odd.pdf")
    if said is None:
        assert found is None
    else:
        assert found.startswith(said) and found.endswith(
            "(export or print the document to PDF again)"), found


def test_an_appendix_whose_fonts_do_not_travel_with_it_is_refused(pack_copy, capsys):
    """A font the file does not carry fails PDF/UA in the merged pack, which is published
    accessible: refused before anything is built, naming the font, where it was a warning
    and the pack was written failing the check."""
    from reportlab.pdfgen.canvas import Canvas

    from report.cli import main

    path = pack_copy / "appendices" / "carers-forum-report.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 12)  # one of the 14 fonts a PDF may name without carrying
    canvas.drawString(72, 720, "The Carers' Forum met four times this year.")
    canvas.save()
    assert main(["build", str(pack_copy), "-o", str(pack_copy.parent / "out")]) == 2
    err = capsys.readouterr().err
    assert ("'appendices/carers-forum-report.pdf' uses fonts it does not carry (Helvetica), "
            "so the published pack would not be accessible (PDF/UA)") in err
    assert not (pack_copy.parent / "out").exists()


@pytest.mark.parametrize("change", ["rotate", "crop"])
def test_the_footer_reads_upright_inside_what_a_reader_sees_of_an_appendix_page(
        pack_copy, change):
    """A page a viewer turns (`/Rotate 90`) has its footer along the foot as the reader
    sees it, not up its side; a page cropped (`/CropBox`) has it inside the crop, where
    it was stamped below it, out of sight."""
    import pypdfium2 as pdfium

    from report.build import build_pack

    path = pack_copy / "appendices" / "carers-forum-report.pdf"
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        if change == "rotate":
            page.obj.Rotate = 90
        else:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            page.obj.CropBox = pikepdf.Array([x0 + 40, y0 + 60, x1 - 40, y1 - 60])
        pdf.save(path)
    build_pack(pack_copy, pack_copy.parent / "out", layouts=["cabinet"])
    document = pdfium.PdfDocument(str(pack_copy.parent / "out" / "pack.pdf"))
    page = document[len(document) - 1]
    text = page.get_textpage()
    words = text.get_text_range()
    start = words.index("Page ")
    boxes = [text.get_charbox(start + i) for i in range(4)]  # P, a, g, e
    centres = [((left + right) / 2, (bottom + top) / 2) for left, bottom, right, top in boxes]
    if change == "rotate":  # upright as shown: in the page's own space the letters climb
        assert all(abs(b[0] - a[0]) < 1 and b[1] > a[1] for a, b in zip(centres, centres[1:]))
    else:
        assert all(b[0] > a[0] and abs(b[1] - a[1]) < 1 for a, b in zip(centres, centres[1:]))
        x0, y0, x1, y1 = page.get_cropbox()
        assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in centres)
