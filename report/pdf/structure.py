"""The tagged-PDF structure tree, built after layout from what the last pass recorded.

Sections asked the Tagger for elements in reading order; flowables recorded every
marked-content sequence they drew (page, MCID, element, box). Here those become
StructElems under one Document element, a ParentTree from each page's MCIDs back to their
elements, and a Link element (with an OBJR) for every link annotation, placed inside the
element whose content the link sits on: the Link element made for the link's visible
text when the layout made one (every link the pack draws), else a new Link beside it.
"""

from __future__ import annotations

from collections import defaultdict

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from report.pdf.marks import Mark, MarkRecorder, Tagger


def build_structure(pdf: pikepdf.Pdf, marks: MarkRecorder, tagger: Tagger,
                    page_titles: dict[int, str], generated_pages: int,
                    page_offset: int = 0, anchors: dict[str, int] | None = None) -> None:
    """`page_titles` and link descriptions use the full pack's page numbers: a split
    part's page 1 is the pack's page `page_offset + 1`. `anchors`: each link target's
    page, for the Link elements' descriptions."""
    anchors = anchors or {}
    # pikepdf makes a Name afresh on every `Name.X`: with ~2,000 elements, these are made once.
    # No element says /Type /StructElem: the key is optional (ISO 32000-1, table 323), and
    # with it a 200-measure pack's 29,000 elements took 9 MB more at the build's peak.
    mcr, role = Name.MCR, {}
    attribute_objects: dict[tuple, pikepdf.Object] = {}  # one per kind, shared
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
    document = pdf.make_indirect(Dictionary(S=Name.Document, P=root,
                                            K=Array()))
    root.K.append(document)

    # Elements that hold content, and their ancestors, are kept; empty ones are not.
    needed: set[int] = set()
    for mark in marks.marks:
        element = mark.element
        while element is not None and element not in needed:
            needed.add(element)
            element = tagger.parents.get(element)
    # Each element's kids, worked out in Python first and written once: child elements in
    # order, then its marked content (plain MCIDs on its own page, MCRs on later pages).
    page_objects = [page.obj for page in pdf.pages]
    by_page: dict[int, list[Mark]] = defaultdict(list)
    content: dict[int, list] = defaultdict(list)
    first_page: dict[int, int] = {}
    drawn_at: dict[int, int] = {}  # each element's first mark, in drawing order
    for index, mark in enumerate(marks.marks):
        home = first_page.setdefault(mark.element, mark.page)
        content[mark.element].append((index,
            mark.mcid if home == mark.page else
            Dictionary({"/Type": mcr, "/Pg": page_objects[mark.page - 1], "/MCID": mark.mcid})))
        by_page[mark.page].append(mark)
        element = mark.element
        while element is not None and drawn_at.get(element, index + 1) > index:
            drawn_at[element] = index
            element = tagger.parents.get(element)

    elements: dict[int, Dictionary] = {}
    kids: dict[int, list] = defaultdict(list)
    for number in sorted(needed):
        parent_number = tagger.parents.get(number)
        parent = elements[parent_number] if parent_number is not None else document
        name = tagger.roles[number]
        if name not in role:
            role[name] = Name("/" + name)
        entries = {"/S": role[name], "/P": parent}
        if number in first_page:
            entries["/Pg"] = page_objects[first_page[number] - 1]
        if number in tagger.alt:
            entries["/Alt"] = String(tagger.alt[number])
        if number in tagger.links:
            entries["/Alt"] = String(link_description(*tagger.links[number], anchors))
        if number in marks.spoken:
            entries["/ActualText"] = String(marks.spoken[number])
        attributes = tagger.attributes.get(number)
        if attributes:  # a header cell's scope, a cell's span: a few kinds, each made once
            shared = attribute_objects.get(kind := tuple(sorted(attributes.items())))
            if shared is None:
                shared = attribute_objects[kind] = pdf.make_indirect(Dictionary(
                    O=Name.Table, **{k: Name("/" + v) if isinstance(v, str) else v
                                     for k, v in kind}))
            entries["/A"] = shared
        element = pdf.make_indirect(Dictionary(entries))
        if parent_number is None:
            document.K.append(element)
        else:
            kids[parent_number].append((drawn_at.get(number, 0), element))
        elements[number] = element
    for number, element in elements.items():
        children, own_content = kids.get(number, []), content.get(number, [])
        if children and own_content:  # text around a link: in the order it was drawn
            own = [kid for _, kid in sorted(children + own_content, key=lambda k: k[0])]
        else:
            own = [kid for _, kid in children + own_content]
        # the single-kid form, as most readers expect
        element.K = own[0] if len(own) == 1 else Array(own)

    pages = pdf.pages
    nums = Array()
    for page_number in range(1, generated_pages + 1):
        page = pages[page_number - 1]
        page.obj.StructParents = page_number - 1
        page.obj.Tabs = Name.S
        ordered = sorted(by_page.get(page_number, []), key=lambda m: m.mcid)
        nums.extend([page_number - 1,
                     pdf.make_indirect(Array([elements[m.element] for m in ordered]))])
    key = generated_pages
    page_index = {page.obj.objgen: index for index, page in enumerate(pages)}
    for page_number in range(1, generated_pages + 1):
        page = pages[page_number - 1]
        for annot in page.obj.get("/Annots", Array()):
            if annot.get("/Subtype") != Name.Link:
                continue
            number = _holder(annot, by_page.get(page_number, []))
            reference = Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj)
            if number in tagger.links:  # the link's own element, around its text
                link = elements[number]
                description = str(link.Alt)
                if not isinstance(link.K, Array):
                    link.K = Array([link.K])
                link.K.append(reference)
            else:
                target = _target_page(page_index, annot)
                target = target + page_offset if target is not None else None
                description = f"Go to page {target}"
                if target in page_titles:
                    description += f": {page_titles[target]}"
                holder = elements[number] if number is not None else document
                link = pdf.make_indirect(Dictionary(
                    S=Name.Link, P=holder, Pg=page.obj,
                    Alt=String(description), K=Array([reference])))
                if not isinstance(holder.K, Array):
                    holder.K = Array([holder.K])
                holder.K.append(link)
            annot.Contents = String(description)
            annot.StructParent = key
            nums.extend([key, link])
            key += 1
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = key
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def _target_page(page_index: dict, annot) -> int | None:
    dest = annot.get("/Dest")
    if dest is None:
        return None
    index = page_index.get(dest[0].objgen)
    return None if index is None else index + 1


def _holder(annot, marks: list[Mark]) -> int | None:
    """The element whose recorded box holds the middle of the link's rectangle."""
    x0, y0, x1, y1 = [float(v) for v in annot.Rect]
    x, y = (x0 + x1) / 2, (y0 + y1) / 2
    best = None
    for mark in marks:
        bx0, by0, bx1, by1 = mark.box
        if bx0 - 1 <= x <= bx1 + 1 and by0 - 1 <= y <= by1 + 1:
            area = (bx1 - bx0) * (by1 - by0)
            if best is None or area < best[0]:
                best = (area, mark.element)
    return best[1] if best else None


def link_description(key: str, destination: str, anchors: dict[str, int]) -> str:
    """What a link's name says: where it goes, in words ("Go to page 12: …")."""
    page = anchors.get(key)
    return f"Go to page {page}: {destination}" if page is not None else f"Go to {destination}"


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="pikepdf">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <rdf:Description rdf:about="">\
<dc:title xmlns:dc="{dc}"><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>\
<dc:creator xmlns:dc="{dc}"><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\
<dc:description xmlns:dc="{dc}"><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li>\
</rdf:Alt></dc:description>\
<dc:language xmlns:dc="{dc}"><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>\
<pdfuaid:part xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">1</pdfuaid:part>\
</rdf:Description></rdf:RDF>
</x:xmpmeta>

<?xpacket end="w"?>
"""  # noqa: E501 - one line per XMP element, as pikepdf writes them


def set_xmp(pdf: pikepdf.Pdf, title: str, author: str, subject: str) -> None:
    """PDF/UA identification and the title, without a timestamp (reproducible files).
    Written from a template, as pikepdf's metadata editor would write it, without
    loading an XML library for five fields."""
    xml = XMP.format(dc="http://purl.org/dc/elements/1.1/", title=_xml_text(title),
                     author=_xml_text(author), subject=_xml_text(subject))
    pdf.Root.Metadata = pikepdf.Stream(pdf, xml.encode("utf-8"))
    pdf.Root.Metadata[Name.Type] = Name.Metadata
    pdf.Root.Metadata[Name.Subtype] = Name.XML


def _xml_text(text: str) -> str:
    """Text as XML character data; characters XML cannot hold at all (C0 controls other
    than tab, newline and carriage return; U+FFFE and U+FFFF; surrogates left unpaired)
    are dropped, so the metadata always parses."""
    text = "".join(c for c in text if _xml_char(ord(c)))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")


def _xml_char(code: int) -> bool:
    """XML 1.0's Char production."""
    return (0x20 <= code <= 0xD7FF or code in (0x9, 0xA, 0xD) or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)
