"""Walking a tagged PDF's structure tree the way a screen reader meets it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf


@dataclass
class Node:
    role: str
    alt: str | None
    pages: set[int]
    mcids: list[tuple[int, int]]  # (page index, mcid)
    children: list[Node] = field(default_factory=list)
    attributes: dict = field(default_factory=dict)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def roles(self) -> list[str]:
        return [child.role for child in self.children]


def tree(pdf: pikepdf.Pdf) -> Node:
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}

    def build(element, page=None) -> Node:
        role = str(element.get("/S", "/?"))[1:]
        if "/Pg" in element:
            page = index[element.Pg.objgen]
        node = Node(role, str(element.Alt) if "/Alt" in element else None, set(), [])
        if "/A" in element:
            node.attributes = {str(k): str(v) for k, v in element.A.items()}
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        for kid in kids:
            if isinstance(kid, int):
                node.mcids.append((page, int(kid)))
                node.pages.add(page)
            elif kid.get("/Type") == "/MCR":
                kid_page = index[kid.Pg.objgen]
                node.mcids.append((kid_page, int(kid.MCID)))
                node.pages.add(kid_page)
            elif kid.get("/Type") == "/OBJR":
                continue
            else:
                node.children.append(build(kid, page))
        return node

    root = pdf.Root.StructTreeRoot
    return Node("StructTreeRoot", None, set(), [], [build(k) for k in root.K]
                if isinstance(root.K, pikepdf.Array) else [build(root.K)])


def content_mcids(pdf: pikepdf.Pdf, page_index: int) -> list[int]:
    """MCIDs of the marked-content sequences in a page's content stream."""
    found = []
    for operands, operator in pikepdf.parse_content_stream(pdf.pages[page_index]):
        if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                and "/MCID" in operands[1]:
            found.append(int(operands[1].MCID))
    return found
