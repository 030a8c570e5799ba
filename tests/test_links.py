"""Links as a screen reader meets them: one Link element per link drawn, holding the
link's visible text and its annotations, named for where it goes."""

from __future__ import annotations

import re
from collections import defaultdict

import pdfplumber
import pikepdf
import pytest
from pdfplumber.utils import extract_text


def _links(path):
    """(page index, name, text inside the element, text under its annotations,
    annotation count) for every Link element; and every link annotation's objgen."""
    pdf = pikepdf.open(path)
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    with pdfplumber.open(path) as doc:
        chars = defaultdict(list)
        page_chars = {}
        for i, page in enumerate(doc.pages):
            page_chars[i] = (page.chars, float(page.height))
            for char in page.chars:
                if char.get("mcid") is not None:
                    chars[i, char["mcid"]].append(char)

    def words(found):
        return " ".join(extract_text(found).split())

    out = []

    def visit(element, page):
        if "/Pg" in element:
            page = index[element.Pg.objgen]
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        if element.get("/S") == "/Link":
            inside, annots = [], []
            for kid in kids:
                if isinstance(kid, int):
                    inside += chars[page, int(kid)]
                elif kid.get("/Type") == "/MCR":
                    inside += chars[index[kid.Pg.objgen], int(kid.MCID)]
                elif kid.get("/Type") == "/OBJR":
                    annots.append(kid.Obj)
            under = []
            for annot in annots:
                x0, y0, x1, y1 = (float(v) for v in annot.Rect)
                all_chars, height = page_chars[page]
                under += [c for c in all_chars if x0 - 0.5 <= (c["x0"] + c["x1"]) / 2 <= x1 + 0.5
                          and y0 - 0.5 <= height - (c["top"] + c["bottom"]) / 2 <= y1 + 0.5]
            out.append((page, str(element.get("/Alt", "")), words(inside), words(under),
                        [a.objgen for a in annots]))
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") is not None:
                visit(kid, page)

    root = pdf.Root.StructTreeRoot
    for kid in (root.K if isinstance(root.K, pikepdf.Array) else [root.K]):
        visit(kid, None)
    annotations = {annot.objgen for page in pdf.pages for annot in page.obj.get("/Annots", [])
                   if annot.get("/Subtype") == "/Link"}
    return out, annotations


@pytest.mark.parametrize("name", ["example.pdf", "example.analysis.pdf"])
def test_each_link_holds_its_text_and_annotations_and_says_where_it_goes(built, name,
                                                                         example_figures):
    links, annotations = _links(built[0] / name)
    f = example_figures
    if name == "example.pdf":
        # drawn: each scorecard title and page number, the summary's "see also" pages, on
        # every page of the measure chain "Return to Scorecard" plus Previous and Next, each
        # measure's page number at a glance, the points to note (each its measure and its
        # page), the revisions' measures and their pages, and the pointers to the key
        stops = sum(1 + m.has_areas + m.benchmarkable for m in f.in_order())
        see_also = sum(1 + f.measures[i].has_areas + f.measures[i].benchmarkable
                       for i in f.focus)
        flags = sum(bool(m.reading.flags) for m in f.in_order())
        revisions = sum(bool(m.revisions) for m in f.in_order())
        from tests.pdfcheck import BuiltPdf

        words = [" ".join(text.split()) for text in BuiltPdf(built[0] / name).texts]
        to_key = sum(text.count("are explained in the key, page") for text in words)
        assert to_key == 3  # at a glance, the summary and the scorecard
        assert len(links) == (3 * len(f.measures) + see_also + 3 * stops - 2 + 2 * flags
                              + 2 * revisions + to_key)
    else:
        assert len(links) == 2 * len(f.analysis.areas)  # contents: title and page
    referenced = [objgen for *_, objgens in links for objgen in objgens]
    assert sorted(referenced) == sorted(annotations)  # each annotation in exactly one Link
    for page, alt, inside, under, objgens in links:
        assert objgens and inside, (page + 1, alt)
        assert inside == under, (page + 1, alt)  # the text is the link's own
        assert re.fullmatch(r"Go to page \d+: .{4,}", alt), alt
    by_page = defaultdict(list)
    for page, alt, inside, *_ in links:
        by_page[page].append((alt, inside))
    for page, names in by_page.items():
        assert len(names) == len(set(names)), f"page {page + 1}: a link is tagged twice"


def test_link_names_use_the_measure_title(built, example_figures):
    links, _ = _links(built[1])
    names = {alt for _, alt, *_ in links}
    dp = example_figures.measures["direct_payments"]
    assert any(n.endswith(f": {dp.title}, national quartiles") for n in names)
    assert not any(n.endswith(": Measures") for n in names)
    scorecard = [(alt, inside) for _, alt, inside, *_ in links if inside.startswith("6. ")]
    assert scorecard and all(alt.endswith(dp.title) for alt, _ in scorecard)


def _drawn_links(path) -> list[tuple[int, str, int]]:
    """(page, the words under the link, page it lands on) for every link annotation, read
    with pdfium (fast enough for a pack of 500 pages)."""
    import pypdfium2

    pdf = pikepdf.open(path)
    number = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    document = pypdfium2.PdfDocument(str(path))
    out = []
    for n, page in enumerate(pdf.pages, start=1):
        text = document[n - 1].get_textpage()
        for annot in page.get("/Annots") or []:
            if annot.get("/Subtype") != "/Link" or "/Dest" not in annot:
                continue
            x0, y0, x1, y1 = (float(v) for v in annot.Rect)
            words = " ".join(text.get_text_bounded(x0 - 1, y0 - 1, x1 + 1, y1 + 1).split())
            out.append((n, words, number[annot.Dest[0].objgen]))
    return out


def test_every_page_a_200_measure_pack_names_is_the_page_its_link_goes_to(synth200):
    """"Return to Scorecard, page 66" goes to page 66, where that measure's row is; every
    "page N" and every bare page number is the page its link lands on."""
    from tests.pdfcheck import BuiltPdf

    path = synth200[1] / "synth.pdf"
    texts = BuiltPdf(path).plain_texts
    links = _drawn_links(path)
    returns = 0
    for page, words, target in links:
        stated = re.search(r"page (\d+)", words) or re.fullmatch(r"(\d+)", words)
        if stated:
            assert int(stated[1]) == target, (page, words, target)
        if words.startswith("Return to Scorecard"):
            returns += 1
            # the measure the page is about (its title, or "N. … (continued)" above it)
            number = next(re.match(r"(\d+)\. ", line)[1] for line in texts[page - 1].splitlines()
                          if re.match(r"\d+\. \w", line))
            assert f"\n{number}. " in "\n" + texts[target - 1], (page, number, target)
    assert returns >= 200
