"""The tagged PDF: what a screen-reader user and a greyscale printer meet."""

from __future__ import annotations

import shutil

import pikepdf
import pypdfium2
import pytest
from pdfplumber.utils import extract_text
from pdfua import validate

from report.cli import main
from report.compute.spc import ASSURANCE, VARIATION
from tests.conftest import EXAMPLE
from tests.pdfcheck import BuiltPdf
from tests.structure import content_mcids, tree

SPC_ICON_WORDS = {words for words, _ in [*VARIATION.values(), *ASSURANCE.values()]}


@pytest.fixture(scope="module")
def no_appendix(tmp_path_factory):
    """The example pack without its (untagged, supplied) appendix: every page is ours."""
    root = tmp_path_factory.mktemp("tagged")
    pack = root / "pack"
    shutil.copytree(EXAMPLE, pack)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    start = text.index("appendices:")
    end = text.index("draft:")
    (pack / "pack.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    assert main(["build", str(pack), "-o", str(root / "out"), "--layout", "cabinet",
                 "--layout", "analysis"]) == 0
    return root / "out"


@pytest.mark.parametrize("name", ["pack.pdf", "pack.analysis.pdf"])
def test_pdfua_checker_finds_nothing(no_appendix, name):
    report = validate(str(no_appendix / name))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert report.exit_code == 0


@pytest.fixture(scope="module")
def unprintable(tmp_path_factory):
    """The example without its appendix, its text holding what its fonts cannot draw: an
    emoji in the organisation's name (on every page), a tab in a measure's short name, a
    byte-order mark and a Hebrew name among the areas, an emoji and a combining stroke
    in an event's label (on a chart), Chinese in an owner's name."""
    root = tmp_path_factory.mktemp("unprintable")
    pack = root / "pack"
    shutil.copytree(EXAMPLE, pack)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    text = text[:text.index("appendices:")] + text[text.index("draft:"):]
    text = text.replace("organisation: Example City Council",
                        "organisation: Example City Council \U0001F680")
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    measures = (pack / "measures.yaml").read_text(encoding="utf-8")
    measures = measures.replace("short_name: DToC Total", 'short_name: "DToC\\tTotal"', 1)
    measures = measures.replace('label: "Two more Best',
                                'label: "Two \U0001F680 Z\u0336 Best', 1)
    measures = measures.replace("owner: Assistant Director, Commissioning",
                                "owner: Assistant Director \u738b, Commissioning", 1)
    (pack / "measures.yaml").write_text(measures, encoding="utf-8")
    areas = (pack / "benchmarks" / "areas.csv").read_text(encoding="utf-8")
    areas = areas.replace("Northfield", "North\ufefffield").replace("Riverside",
                                                                    "\u05e0\u05d4\u05e8")
    (pack / "benchmarks" / "areas.csv").write_text(areas, encoding="utf-8")
    assert main(["build", str(pack), "-o", str(root / "out"), "--layout", "cabinet"]) == 0
    return root / "out" / "pack.pdf"


def test_text_the_fonts_cannot_draw_still_makes_an_accessible_pack(unprintable):
    """What the font lacks prints as U+FFFD, which a reader sees where it stood (and the
    build warns of); a tab as a space; a byte-order mark not at all: no glyph the font
    lacks, no character code standing for a byte-order mark (PDF/UA 7.21.7 and 7.21.8)."""
    report = validate(str(unprintable))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    texts = [" ".join(page.split()) for page in BuiltPdf(unprintable).texts]
    assert all("Example City Council \ufffd" in page for page in texts)
    assert any("Director \ufffd," in page for page in texts)
    assert not any("\t" in page or "\ufeff" in page for page in texts)
    assert any("Northfield" in page for page in texts)
    shown = list(_glyphs_shown(pikepdf.open(unprintable)))
    assert [s for s in shown if s[2] == 0 or s[3] == 0] == []


def test_pdfua_finds_nothing_on_the_example_with_its_appendix_merged(built):
    report = validate(str(built[1]))
    assert [(f.rule_id, f.message) for f in report.findings] == []


@pytest.mark.parametrize("name", ["pack.pdf", "pack.analysis.pdf"])
def test_syntax_and_stream_encoding_are_clean(no_appendix, name):
    """qpdf's own check (every object parsed, every stream decoded), through pikepdf."""
    with pikepdf.open(no_appendix / name) as pdf:
        assert pdf.check_pdf_syntax() == []


def _document(path):
    pdf = pikepdf.open(path)
    return pdf, tree(pdf).children[0]


@pytest.mark.parametrize("name", ["pack.pdf", "pack.analysis.pdf"])
def test_tree_basics(no_appendix, name):
    pdf, document = _document(no_appendix / name)
    assert document.role == "Document"
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "en-GB"
    with pdf.open_metadata() as meta:
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"]
    nodes = list(document.walk())
    headings = [int(n.role[1]) for n in nodes if n.role in ("H1", "H2", "H3", "H4")]
    assert headings[0] == 1
    for before, after in zip(headings, headings[1:]):
        assert after <= before + 1, "a heading level is skipped"
    figures = [n for n in nodes if n.role == "Figure"]
    assert all(n.alt and len(n.alt) > 20 for n in figures)
    icons = [n for n in figures if n.alt in SPC_ICON_WORDS]  # variation and assurance icons
    # trend or SPC, quartile and area charts, and the at-a-glance sparklines (15)
    assert len(figures) - len(icons) == (39 if name == "pack.pdf" else 0)
    # 12 variation icons; one assurance icon (LD employment): the other measures with a
    # target have moved away from their limits, which then give no assurance
    assert len(icons) == (13 if name == "pack.pdf" else 0)
    tables = [n for n in nodes if n.role == "Table"]
    assert tables
    for table in tables:
        assert set(table.roles()) == {"TR"}
        cells = [c for row in table.children for c in row.children]
        assert any(c.role == "TH" for c in cells)
        assert all(c.attributes.get("/Scope") in ("/Column", "/Row") for c in cells
                   if c.role == "TH")
    for page in pdf.pages:
        assert page.obj.Tabs == "/S"


@pytest.mark.parametrize("name", ["pack.pdf", "pack.analysis.pdf"])
def test_every_marked_sequence_is_reachable_from_the_tree(no_appendix, name):
    pdf, document = _document(no_appendix / name)
    in_tree = {mark for node in document.walk() for mark in node.mcids}
    in_content = {(index, mcid) for index in range(len(pdf.pages))
                  for mcid in content_mcids(pdf, index)}
    assert in_content == in_tree
    parent_tree = pdf.Root.StructTreeRoot.ParentTree.Nums
    keyed = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
    for index in range(len(pdf.pages)):
        entries = keyed[int(pdf.pages[index].obj.StructParents)]
        assert len(entries) == len(content_mcids(pdf, index))


def test_measure_page_tree(built):
    pdf, document = _document(built[1])
    checked = BuiltPdf(built[1])
    # LD employment: both icons (its limits still fit) and a disagreement to note
    page = next(p for level, title, p in checked.outline if title == "10. LD Employment") - 1
    sections = [n for n in document.walk() if n.role == "Sect" and page in
                {p for c in n.walk() for p in c.pages}]
    sect = next(s for s in sections if s.children[0].role == "H2")
    roles = sect.roles()
    # title, the tiles (status first), source, the SPC icons and their reasons, the SPC
    # chart, where the readings disagree, then the commentary's heading
    assert roles[:9] == ["H2", "Table", "P", "Figure", "Figure", "P", "Figure", "P", "H3"]
    tiles = sect.children[1]
    assert [c.role for c in tiles.children[0].children] == ["TH", "TH", "TH", "TH"]
    assert [c.role for c in tiles.children[1].children] == ["TD", "TD", "TD", "TD"]
    owners = [c for c in sect.children if c.role == "Table"][-1]
    assert [c.role for c in owners.children[0].children] == ["TH", "TD", "TH", "TD"]
    assert sect.children[3].alt == "Special cause improvement: higher"
    assert sect.children[6].alt.startswith(
        "LD Employment rose from 1.30% to 1.40% in March 2019, against a target of 2.00%; "
        "higher is better. Special cause improvement: higher.")
    navigation = sect.children[-1]
    assert navigation.role == "P"
    links = [c for c in navigation.children if c.role == "Link"]
    assert len({link.alt for link in links}) == 3  # previous, scorecard, next (may wrap)
    assert all(link.alt.startswith("Go to page ") for link in links)


def test_scorecard_page_tree(built):
    pdf, document = _document(built[1])
    page = next(p for _, title, p in BuiltPdf(built[1]).outline if title == "Scorecard") - 1
    nodes = document.children
    roles = [n.role for n in nodes]
    start = next(i for i, n in enumerate(nodes) if n.role == "H1" and min(n.pages) == page)
    # the title, the period note, the pointer to the key, the first theme and its table
    assert roles[start:start + 5] == ["H1", "P", "P", "H2", "Table"]
    table = nodes[start + 4]
    header = table.children[0]
    assert [c.role for c in header.children] == ["TH"] * 11  # the last: the page number
    first_row = table.children[1]
    assert [c.role for c in first_row.children] == ["TH"] + ["TD"] * 10
    (link,) = first_row.children[0].children  # the measure's title is its link
    assert link.role == "Link" and link.mcids
    assert link.alt.startswith("Go to page ") and "Daily average delayed beds" in link.alt


def test_split_table_is_one_table_and_its_repeated_header_is_an_artifact(built):
    pdf, document = _document(built[1])
    scorecard_tables = [n for n in document.walk() if n.role == "Table"
                        and len(n.children) > 1 and len(n.children[0].children) == 11]
    assert len(scorecard_tables) == 4  # one per theme, whichever pages they fall on
    # repeated header rows on continuation pages are artifacts: header cells carry one MCID
    for table in scorecard_tables:
        for cell in table.children[0].children:
            assert len(cell.mcids) == 1


def _luminance_of_cell(pdf_path, page_index, word):
    import pdfplumber

    with pdfplumber.open(pdf_path) as doc:
        page = doc.pages[page_index]
        box = next(w for w in page.extract_words() if w["text"] == word)
    scale = 2
    bitmap = pypdfium2.PdfDocument(str(pdf_path))[page_index].render(scale=scale, grayscale=True)
    image = bitmap.to_pil().convert("L")
    # sample the cell background just left of the word (the symbol column), above and below
    x0, x1 = int(box["x0"] * scale), int(box["x1"] * scale)
    top, bottom = int(box["top"] * scale), int(box["bottom"] * scale)
    region = image.crop((x0, top - 4, x1, top - 1)).tobytes()
    region = list(region) + list(image.crop((x0, bottom + 1, x1, bottom + 4)).tobytes())
    return sum(region) / len(region)


def test_status_colours_differ_in_greyscale(built):
    checked = BuiltPdf(built[1])
    key_page = checked.page_with("Key to symbols") - 1
    red, amber, green = (_luminance_of_cell(built[1], key_page, word)
                         for word in ("RED", "AMBER", "GREEN"))
    assert red < green < amber
    assert green - red > 40 and amber - green > 40


@pytest.mark.parametrize("title", ["Cabinet Scorecard \u2013 April 2019",
                                   "Q&A <draft> \"quoted\" 'single' caf\u00e9 \u00a3 \u2264 5",
                                   "line\rbreak\ttab"])
def test_xmp_is_written_as_pikepdfs_metadata_editor_writes_it(title):
    from report.pdf.structure import set_xmp

    ours, theirs = pikepdf.new(), pikepdf.new()
    set_xmp(ours, title, "Example & Co <Council>", "data to March 2019")
    with theirs.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["dc:creator"] = ["Example & Co <Council>"]
        meta["dc:description"] = "data to March 2019"
        meta["dc:language"] = ["en-GB"]
        meta["pdfuaid:part"] = "1"
    assert ours.Root.Metadata.read_bytes() == theirs.Root.Metadata.read_bytes()
    assert ours.Root.Metadata.Subtype == "/XML"
    with ours.open_metadata() as meta:
        assert meta["dc:title"] == title


def _text_of(pdf, node) -> str:
    """The text a node's marked content shows (its characters by MCID)."""
    reader = _readers.get(id(pdf))
    if reader is None or reader[0] is not pdf:
        reader = _readers[id(pdf)] = (pdf, _chars_by_mark(pdf))
    chars = [c for n in node.walk() for mark in n.mcids for c in reader[1].get(mark, [])]
    return " ".join(extract_text(chars).split())


_readers: dict = {}


def _chars_by_mark(pdf) -> dict:
    import io

    import pdfplumber

    out: dict = {}
    buffer = io.BytesIO()
    pdf.save(buffer)
    with pdfplumber.open(buffer) as doc:
        for index, page in enumerate(doc.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    out.setdefault((index, char["mcid"]), []).append(char)
    return out


def test_list_items_hold_their_bullet_as_a_label_and_nested_lists_in_their_body(built):
    pdf, document = _document(built[1])
    items = [n for n in document.walk() if n.role == "LI"]
    assert len(items) > 20
    nested = 0
    for item in items:
        roles = item.roles()
        assert roles in (["Lbl", "LBody"], ["LBody"]), roles
        body = item.children[-1]
        assert body.mcids == [] and set(body.roles()) <= {"P", "L"}
        nested += body.roles().count("L")
        if roles[0] == "Lbl":
            assert _text_of(pdf, item.children[0]) in ("\u2022", "\u2013", "\u25e6")
            assert not any(mark in _text_of(pdf, body) for mark in ("\u2022", "\u25e6"))
    assert nested >= 6  # the example's nested bullets


def _glyphs_shown(pdf):
    """(where, font name, CID, GID) for every character a two-byte font shows, on the
    pages and in the charts' form XObjects."""
    def streams():
        for index, page in enumerate(pdf.pages):
            yield f"page {index + 1}", page, page.Resources
            for name, xobject in page.Resources.get("/XObject", {}).items():
                if xobject.get("/Subtype") == "/Form":
                    yield f"page {index + 1} {name}", xobject, xobject.get("/Resources", {})

    for where, holder, resources in streams():
        fonts = resources.get("/Font", {})
        font = None
        for operands, operator in pikepdf.parse_content_stream(holder):
            op = str(operator)
            if op == "Tf":
                font = fonts.get(str(operands[0]))
            elif op in ("Tj", "TJ") and font is not None and font.get("/Subtype") == "/Type0":
                descendant = font.DescendantFonts[0]
                mapping = descendant.get("/CIDToGIDMap")
                table = None if mapping is None or mapping == "/Identity" else mapping.read_bytes()
                for part in (operands[0] if op == "TJ" else [operands[0]]):
                    if isinstance(part, pikepdf.String):
                        raw = bytes(part)
                        for i in range(0, len(raw), 2):
                            cid = int.from_bytes(raw[i:i + 2], "big")
                            gid = cid if table is None else int.from_bytes(
                                table[2 * cid:2 * cid + 2] or b"\0\0", "big")
                            yield where, str(font.BaseFont), cid, gid


def test_no_text_shows_the_notdef_glyph(built):
    """CID 0 is .notdef to a reader whatever its CIDToGIDMap says ("←" in the quartile
    charts once was), and GID 0 is .notdef in the font."""
    shown = list(_glyphs_shown(pikepdf.open(built[1])))
    assert len(shown) > 2000
    in_charts = {font for where, font, _, _ in shown if "/Chart" in where}
    assert in_charts == {"/PackChartSans-Regular", "/PackChartSans-Bold"}  # both read
    assert [s for s in shown if s[2] == 0 or s[3] == 0] == []


def test_an_untagged_appendix_is_read_as_one_paragraph_a_page(built):
    pdf, document = _document(built[1])
    section = document.children[-1]
    assert section.role == "Sect" and section.roles() == ["Sect"]
    (paragraph,) = section.children[0].children
    assert paragraph.role == "P" and paragraph.pages == {len(pdf.pages) - 1}
    text = _text_of(pdf, paragraph)
    assert text.startswith("Example City Carers' Forum") and len(text.split()) > 100
    assert f"Page {len(pdf.pages)} of {len(pdf.pages)}" not in text  # the footer: an artifact


def test_no_font_maps_a_code_to_the_null_character(built):
    import re

    pdf = pikepdf.open(built[1])
    maps = {font.ToUnicode.objgen: font.ToUnicode.read_bytes()
            for page in pdf.pages[:-1] for font in page.Resources.Font.values()
            if "/ToUnicode" in font}
    assert len(maps) >= 2  # regular and bold
    for data in maps.values():
        pairs = re.findall(rb"<([0-9A-Fa-f]{2,4})>\s*<([0-9A-Fa-f]{4,})>", data)
        assert pairs and all(int(text, 16) != 0 for _, text in pairs)
        for count, block in re.findall(rb"(\d+) beginbfchar(.*?)endbfchar", data, re.S):
            assert int(count) == len(re.findall(rb"<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>", block))
            assert int(count) <= 100


@pytest.mark.parametrize("name", ["example.pdf", "example.analysis.pdf"])
def test_no_word_or_number_reaches_a_screen_reader_broken(built, name):
    """Words split over lines in narrow cells are read whole (ActualText)."""
    import re

    from tests.readaloud import Reader

    reader = Reader(built[0] / name)
    cells = [text for role, text, _ in reader.items(reader.document())
             if role in ("TH", "TD", "Link") and text]
    assert len(cells) > (900 if name == "example.pdf" else 200)
    for text in cells:
        assert not re.search(r"[^\W\d_]- [a-z]", text), text  # "Constitu- encies"
        assert not re.search(r"\(\d+ \d", text), text  # "(2 016/17)"
    if name == "example.pdf":
        assert {"Constituencies", "Benchmarkable", "62.8% (2016/17)"} <= set(cells)
