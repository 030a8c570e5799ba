"""Input text is content: markup-like text prints literally; long text flows over pages."""

from __future__ import annotations

import shutil

import pikepdf
import pytest

from report.cli import main
from tests.conftest import EXAMPLE
from tests.pdfcheck import BuiltPdf

HOSTILE = '<img src="/etc/passwd"> & <b>not bold</b> <a href="https://example.org">x</a> &amp;'


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    pack = root / "pack"
    shutil.copytree(EXAMPLE, pack)
    commentary = pack / "commentary" / "shared_lives.md"
    words = " ".join(f"word{i}" for i in range(3000))
    commentary.write_text(
        "## What happened\n- " + HOSTILE + "\n\n## Commentary\n" + HOSTILE + "\n\n" +
        "\n\n".join(words[i:i + 900] for i in range(0, len(words), 900)) + "\n",
        encoding="utf-8")
    measures = pack / "measures.yaml"
    text = measures.read_text(encoding="utf-8")
    text = text.replace("short_name: Shared Lives", "short_name: Shared <Lives> & co", 1)
    # a byte-order mark inside a chart's words, as pasted from a spreadsheet, once stopped
    # the build (report/charts/draw.py, `_shown`)
    text = text.replace('label: "Two more Best', 'label: "Two more \ufeffBest', 1)
    measures.write_text(text, encoding="utf-8")
    assert main(["build", str(pack), "-o", str(root / "out")]) == 0
    return BuiltPdf(root / "out" / "pack.pdf")


def test_markup_in_commentary_prints_literally(hostile_pdf):
    text = " ".join(" ".join(hostile_pdf.texts).split())
    assert text.count('<img src="/etc/passwd"> & <b>not bold</b>') >= 2
    assert '<a href="https://example.org">x</a> &amp;' in text
    assert "Shared <Lives> & co" in text


def test_markup_never_becomes_an_image_or_an_outside_link(hostile_pdf):
    with pikepdf.open(hostile_pdf.path) as pdf:
        assert all(not page.get_images() for page in pdf.pages)
        for page in pdf.pages:
            for annot in page.get("/Annots") or []:
                assert "/A" not in annot or annot.A.get("/S") != "/URI"


def test_long_commentary_continues_under_a_repeated_heading(hostile_pdf):
    first = next(level_page for level, title, level_page in hostile_pdf.outline
                 if title.startswith("9. ") and level == 1 and level_page > 8)
    texts = hostile_pdf.texts
    # the measure page says its commentary goes on; the next pages carry all of it, each
    # under the measure's title, "(continued)"
    assert "Continued on the next page" in texts[first - 1]
    following = min(page for _, _, page in hostile_pdf.outline if page > first)
    assert following - first >= 3
    for page in range(first + 1, following):
        assert texts[page - 1].splitlines()[1].endswith("(continued)")
    assert "word2999" in texts[following - 2]


# --- characters XML cannot hold, in the metadata ------------------------------------------
XML_ILLEGAL = "\ufffe\uffff\x00\x01\x08\x0b\x0c\x1f"


def _parsed_xmp(pdf: pikepdf.Pdf) -> dict[str, list[str]]:
    """The XMP read by the standard library's XML parser: each dc: field's list items."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(pdf.Root.Metadata.read_bytes())
    dc, li = "{http://purl.org/dc/elements/1.1/}", "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li"
    return {node.tag[len(dc):]: [item.text for item in node.iter(li)]
            for node in root.iter() if node.tag.startswith(dc)}


def test_xmp_is_well_formed_whatever_the_text(tmp_path):
    from report.pdf.structure import set_xmp

    pdf = pikepdf.new()
    pdf.add_blank_page()
    surrogate = "\ud800"  # unpaired: UTF-8 cannot even encode it
    set_xmp(pdf, f"Cabinet{XML_ILLEGAL}{surrogate} Scorecard & <b>",
            f"Example\u0007 City\tCouncil{surrogate}\udfff",
            "Adult\r\nSocial Care\ufffe\U0001F600 ]]> &amp;")
    path = tmp_path / "xmp.pdf"
    pdf.save(path)
    with pikepdf.open(path) as back:
        fields = _parsed_xmp(back)
        assert fields["title"] == ["Cabinet Scorecard & <b>"]
        assert fields["creator"] == ["Example City\tCouncil"]
        assert fields["description"] == ["Adult\r\nSocial Care\U0001F600 ]]> &amp;"]
        with back.open_metadata(set_pikepdf_as_editor=False) as meta:
            assert meta["dc:title"] == "Cabinet Scorecard & <b>"
            assert meta["pdfuaid:part"] == "1"


def test_a_hostile_title_builds_with_well_formed_xmp(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    settings = pack / "pack.yaml"
    text = settings.read_text(encoding="utf-8")
    escaped = "".join(f"\\u{ord(c):04X}" for c in XML_ILLEGAL)  # as YAML escapes them
    text = text.replace("title: Cabinet Scorecard",
                        f'title: "Cabinet {escaped}Scorecard & <co>"', 1)
    text = text.replace("organisation: Example City Council",
                        'organisation: "Example \\uFFFF\\x01City Council"', 1)
    settings.write_text(text, encoding="utf-8")
    assert main(["build", str(pack), "-o", str(tmp_path / "out"), "--layout", "cabinet"]) == 0
    with pikepdf.open(tmp_path / "out" / "pack.pdf") as pdf:
        fields = _parsed_xmp(pdf)
        assert fields["title"] == ["Cabinet Scorecard & <co> \u2013 April 2019"]
        assert fields["creator"] == ["Example City Council"]
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            assert meta["dc:title"] == "Cabinet Scorecard & <co> \u2013 April 2019"


def test_every_word_of_a_commentary_list_is_printed_or_named_as_a_problem(tmp_path):
    """markdown-it stopped reading a list nine deep and dropped the rest unsaid, and a
    heading written inside a point vanished: a list too deep to print is now a problem at
    its line, and a heading inside a point keeps its words."""
    from report.content import plain_text
    from report.inputs.commentary import MAX_LIST_DEPTH, parse_commentary
    from report.problems import Collector

    path = tmp_path / "commentary" / "reviews.md"
    path.parent.mkdir()
    nested = "".join("  " * depth + f"- level {depth + 1}\n" for depth in range(MAX_LIST_DEPTH))
    path.write_text(f"## Commentary\n\n{nested}\n- Staffing:\n  ### Two new reviewers\n",
                    encoding="utf-8")
    collector = Collector(tmp_path)
    text = plain_text(parse_commentary(path, collector)["Commentary"])
    assert not collector.problems
    assert text.split("\n") == [f"level {n}" for n in range(1, MAX_LIST_DEPTH + 1)] + [
        "Staffing:", "Two new reviewers"]

    deeper = "".join("  " * depth + f"- level {depth + 1}\n" for depth in range(12))
    path.write_text(f"## Commentary\n\nFirst.\n\n{deeper}", encoding="utf-8")
    collector = Collector(tmp_path)
    assert plain_text(parse_commentary(path, collector)["Commentary"]) == "First."
    assert [str(p) for p in collector.problems] == [
        (f"{path.as_posix()}:5: text: a list is nested 12 levels deep; the pack prints at most "
        f"{MAX_LIST_DEPTH} (move the deeper points up a level)")]


def test_a_numbered_list_prints_its_numbers(pack_copy):
    """"Step 2 matters most" needs the steps numbered on the page as the commentary (or
    Word, through collect) wrote them; they printed as bullets. A list may start at any
    number, as Markdown's does."""
    from report.build import build_pack
    from report.content import Bullets
    from report.cycle.markdown import lines_of
    from report.inputs.commentary import parse_commentary
    from report.problems import Collector
    from tests.pdfcheck import BuiltPdf

    path = pack_copy / "commentary" / "reviews.md"
    path.write_text(path.read_text(encoding="utf-8") + (
        "\nWe will take three steps; step 2 matters most:\n\n1. Recruit two reviewers.\n"
        "2. Clear the backlog.\n\n   - the oldest first\n\n3. Report monthly.\n\n"
        "Then, later:\n\n7. Review the model.\n8. Publish it.\n"), encoding="utf-8")
    sections = parse_commentary(path, Collector(pack_copy))
    lists = [b for b in sections["Commentary"] if isinstance(b, Bullets)]
    assert [b.start for b in lists][-2:] == [1, 7]
    # what collect writes back from Word: numbered lines, the sub-point still a bullet
    assert [line.ordered for line in lines_of(sections["Commentary"])][-7:] == [
        True, True, False, True, False, True, True]
    build_pack(pack_copy, pack_copy.parent / "out", layouts=["cabinet"])
    text = " ".join(" ".join(BuiltPdf(pack_copy.parent / "out" / "pack.pdf").plain_texts).split())
    assert ("1. Recruit two reviewers. 2. Clear the backlog. \u2013 the oldest first "
            "3. Report monthly.") in text
    assert "7. Review the model. 8. Publish it." in text
