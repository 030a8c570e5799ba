"""Appendix pages in the pack's structure tree, so a screen reader can reach them.

Every appendix sits in a Sect of its own (titled as in the outline) under one
"Appendices" Sect at the end of the Document element. A tagged appendix keeps its own
structure: its elements are copied under that Sect, pointing at the merged pages and
their annotations, with the ParentTree entries renumbered. An untagged appendix cannot
be structured after the fact, so each of its pages becomes one P whose marked content is
the page's whole content stream: its text is read, in the order it was drawn (the build
still warns, since that text has no headings, lists or tables).
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, String

# what a screen reader calls an annotation it meets, by subtype (popups are never met)
_ANNOTATION_ROLES = {"/Link": "Link", "/Widget": "Form"}


def appendices_section(pdf: pikepdf.Pdf) -> Dictionary:
    """The "Appendices" Sect, made (with a structure tree, if the PDF has none: a split
    part of appendices alone) the first time it is asked for."""
    if "/StructTreeRoot" not in pdf.Root:
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array(),
                                            ParentTree=pdf.make_indirect(
                                                Dictionary(Nums=Array())),
                                            ParentTreeNextKey=0))
        root.K.append(pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document,
                                                   P=root, K=Array())))
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
    root = pdf.Root.StructTreeRoot
    document = root.K[0] if isinstance(root.K, Array) else root.K
    if not isinstance(document.get("/K"), Array):
        document.K = Array([] if document.get("/K") is None else [document.K])
    last = document.K[len(document.K) - 1] if len(document.K) else None
    if last is not None and last.get("/T") == "Appendices" and last.get("/S") == Name.Sect:
        return last
    section = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Sect, P=document,
                                           T=String("Appendices"), K=Array()))
    document.K.append(section)
    return section


def tag_appendix(pdf: pikepdf.Pdf, source: pikepdf.Pdf, first: int, title: str) -> None:
    """Put the appendix `source`, whose pages were appended from page index `first`,
    into the structure tree (before the pack's footer is stamped on its pages)."""
    section = appendices_section(pdf)
    holder = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Sect, P=section,
                                          T=String(title), K=Array()))
    section.K.append(holder)
    pages = [pdf.pages[first + i] for i in range(len(source.pages))]
    if "/StructTreeRoot" in source.Root:
        _graft(pdf, source, pages, holder)
    else:
        _wrap(pdf, pages, holder)
    for page in pages:
        page.obj.Tabs = Name.S


def _wrap(pdf: pikepdf.Pdf, pages: list[pikepdf.Page], holder: Dictionary) -> None:
    """Each page's content as one P, and each annotation an element beside it."""
    for page in pages:
        element = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=holder,
                                               Pg=page.obj, K=0))
        holder.K.append(element)
        page.contents_add(pdf.make_stream(b"/P <</MCID 0>> BDC q\n"), prepend=True)
        page.contents_add(pdf.make_stream(b"\nQ EMC\n"))
        _set_page_key(pdf, page, Array([element]))
        for annot in _annotations(page):
            _tag_annotation(pdf, annot, page, holder)


def _graft(pdf: pikepdf.Pdf, source: pikepdf.Pdf, pages: list[pikepdf.Page],
           holder: Dictionary) -> None:
    """Copy the source's structure elements under `holder`, pointing at the merged pages
    and annotations, and key them in the ParentTree afresh."""
    page_of = {page.obj.objgen: ours for page, ours in zip(source.pages, pages)}
    annot_of = {}
    for page, ours in zip(source.pages, pages):
        for theirs, mine in zip(page.obj.get("/Annots", Array()), ours.obj.get("/Annots",
                                                                              Array())):
            annot_of[theirs.objgen] = mine
    marks: dict[tuple[int, int], dict[int, Dictionary]] = {}  # page -> mcid -> element
    annotated: list[tuple[Dictionary, Dictionary, pikepdf.Page]] = []
    roles = source.Root.StructTreeRoot.get("/RoleMap")
    if roles is not None:  # the appendix's own element names, mapped to standard ones
        ours = pdf.Root.StructTreeRoot.get("/RoleMap")
        mapped = Dictionary({k: v for k, v in ours.items()}) if ours is not None \
            else Dictionary()
        for name, standard in roles.items():
            if name not in mapped:
                mapped[name] = standard
        pdf.Root.StructTreeRoot.RoleMap = mapped
    class_map = source.Root.StructTreeRoot.get("/ClassMap")
    if class_map is not None and "/ClassMap" not in pdf.Root.StructTreeRoot:
        pdf.Root.StructTreeRoot.ClassMap = pdf.copy_foreign(class_map)

    def copy(element, parent, page):
        new = pdf.make_indirect(Dictionary(Type=Name.StructElem, P=parent))
        for key, value in element.items():
            if key in ("/K", "/P", "/Pg", "/Type"):
                continue
            new[key] = _copied(pdf, value)
        if "/Pg" in element and element.Pg.objgen in page_of:
            page = page_of[element.Pg.objgen]
            new.Pg = page.obj
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]
        out = Array()
        for kid in kids:
            if isinstance(kid, int):
                if page is not None:
                    marks.setdefault(page.obj.objgen, {})[int(kid)] = new
                    out.append(kid)
            elif kid.get("/Type") == Name.MCR:
                kid_page = page_of.get(kid.Pg.objgen) if "/Pg" in kid else page
                if kid_page is None or "/Stm" in kid:
                    continue  # content in a form XObject: not carried over
                marks.setdefault(kid_page.obj.objgen, {})[int(kid.MCID)] = new
                out.append(Dictionary(Type=Name.MCR, Pg=kid_page.obj, MCID=kid.MCID))
            elif kid.get("/Type") == Name.OBJR:
                annot = annot_of.get(kid.Obj.objgen)
                kid_page = page_of.get(kid.Pg.objgen) if "/Pg" in kid else page
                if annot is not None and kid_page is not None:
                    out.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=kid_page.obj))
                    annotated.append((annot, new, kid_page))
            elif kid.get("/S") is not None:
                out.append(copy(kid, new, page))
        new.K = out[0] if len(out) == 1 else out
        return new

    top = source.Root.StructTreeRoot.get("/K")
    top = list(top) if isinstance(top, Array) else [] if top is None else [top]
    # the appendix's own Document element is not repeated inside ours
    if len(top) == 1 and top[0].get("/S") == Name.Document:
        inner = top[0].get("/K")
        top = list(inner) if isinstance(inner, Array) else [] if inner is None else [inner]
    for element in top:
        if isinstance(element, Dictionary) and element.get("/S") is not None:
            holder.K.append(copy(element, holder, None))
    for page in pages:
        found = marks.get(page.obj.objgen, {})
        if "/StructParents" in page.obj:
            del page.obj["/StructParents"]
        if found:
            _set_page_key(pdf, page, Array([found.get(i) for i in range(max(found) + 1)]))
    tagged = set()
    for annot, element, _page in annotated:
        _set_annotation_key(pdf, annot, element)
        tagged.add(annot.objgen)
    for page in pages:  # annotations the appendix left out of its tree
        for annot in _annotations(page):
            if annot.objgen not in tagged:
                if "/StructParent" in annot:
                    del annot["/StructParent"]
                _tag_annotation(pdf, annot, page, holder)


def _copied(pdf: pikepdf.Pdf, value):
    """A value from another PDF, made this PDF's own (qpdf copies only indirect objects
    across files; direct ones are rebuilt here)."""
    if isinstance(value, (Dictionary, Array, pikepdf.Stream)) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, Dictionary):
        return Dictionary({k: _copied(pdf, v) for k, v in value.items()})
    if isinstance(value, Array):
        return Array([_copied(pdf, v) for v in value])
    return value


def _annotations(page: pikepdf.Page):
    for annot in page.obj.get("/Annots", Array()):
        flags = int(annot.get("/F", 0))
        if annot.get("/Subtype") != Name.Popup and not flags & 2:  # 2: hidden
            yield annot


def _tag_annotation(pdf, annot, page: pikepdf.Page, holder: Dictionary) -> None:
    role = _ANNOTATION_ROLES.get(str(annot.get("/Subtype")), "Annot")
    if "/Contents" not in annot:
        action = annot.get("/A")
        uri = action.get("/URI") if isinstance(action, Dictionary) else None
        annot.Contents = String(f"Link to {uri}" if uri is not None else
                                "Link" if role == "Link" else "Annotation")
    element = pdf.make_indirect(Dictionary(
        Type=Name.StructElem, S=Name("/" + role), P=holder, Pg=page.obj,
        K=Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj)))
    holder.K.append(element)
    _set_annotation_key(pdf, annot, element)


def _next_key(pdf: pikepdf.Pdf) -> int:
    root = pdf.Root.StructTreeRoot
    key = int(root.get("/ParentTreeNextKey", 0))
    root.ParentTreeNextKey = key + 1
    return key


def _set_page_key(pdf, page: pikepdf.Page, elements: Array) -> None:
    key = _next_key(pdf)
    page.obj.StructParents = key
    pdf.Root.StructTreeRoot.ParentTree.Nums.extend([key, pdf.make_indirect(elements)])


def _set_annotation_key(pdf, annot, element: Dictionary) -> None:
    key = _next_key(pdf)
    annot.StructParent = key
    pdf.Root.StructTreeRoot.ParentTree.Nums.extend([key, element])
