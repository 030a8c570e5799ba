"""Active content is not published: an appendix PDF loses, before its pages join the pack,
everything that runs, opens, sends or carries something by itself - scripts, launch, form
and media actions, links to other files or to addresses that are not web or email ones,
embedded files, actions triggered on opening or closing, fillable forms and multimedia.
Web (http, https) and email links and links within the appendix stay. What went is
counted, so the build can say so."""

from __future__ import annotations

import re
from collections import Counter

import pikepdf
from pikepdf import Array, Dictionary, Name

# (singular, plural), in the order the warning names them
KINDS = {
    "javascript": ("JavaScript action", "JavaScript actions"),
    "launch": ("launch action", "launch actions"),
    "form_action": ("form action", "form actions"),
    "other_file": ("link to another file", "links to other files"),
    "media_action": ("media action", "media actions"),
    "address": ("link that is not a web or email address",
                "links that are not web or email addresses"),
    "automatic": ("automatic action", "automatic actions"),
    "other_action": ("other action", "other actions"),
    "embedded_file": ("embedded file", "embedded files"),
    "form": ("fillable form", "fillable forms"),
    "multimedia": ("multimedia or 3D element", "multimedia or 3D elements"),
}
ACTION_KINDS = {
    "/JavaScript": "javascript", "/Launch": "launch",
    "/SubmitForm": "form_action", "/ImportData": "form_action", "/ResetForm": "form_action",
    "/GoToR": "other_file", "/GoToE": "other_file",
    "/Rendition": "media_action", "/Movie": "media_action", "/Sound": "media_action",
}
MULTIMEDIA = {"/RichMedia", "/3D", "/Screen", "/Movie", "/Sound"}
NAVIGATION = {"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"}
SAFE_ADDRESS = re.compile(r"(https?://|mailto:)", re.IGNORECASE)


def strip_active_content(pdf: pikepdf.Pdf) -> Counter:
    """Remove the active content from `pdf` in place; returns what went, by kind."""
    return _Cleaner(pdf).run()


def describe(removed: Counter) -> str:
    """`2 JavaScript actions and 1 embedded file`."""
    parts = [f"{removed[kind]} {words[removed[kind] != 1]}"
             for kind, words in KINDS.items() if removed[kind]]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


class _Cleaner:
    """One appendix's clean-up. An action or file referred to from two places (the same
    attachment listed in the file's name tree and its associated files) counts once."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.removed: Counter = Counter()
        self.actions: set = set()
        self.files: set = set()

    def run(self) -> Counter:
        root = self.pdf.Root
        opening = root.get("/OpenAction")
        if isinstance(opening, Dictionary) and opening.get("/S") != "/GoTo":  # not a page
            self.count_action(opening, automatic=True)
        for key in ("/OpenAction", "/Collection"):
            if key in root:
                del root[key]
        self.drop_additional_actions(root)
        self.drop_associated_files(root)
        names = root.get("/Names")
        if isinstance(names, Dictionary):
            if "/JavaScript" in names:
                self.removed["javascript"] += _leaves(names.JavaScript)
                del names["/JavaScript"]
            if "/EmbeddedFiles" in names:
                for spec in _name_tree(names.EmbeddedFiles).values():
                    self.count_file(spec)
                del names["/EmbeddedFiles"]
        if "/AcroForm" in root:
            self.removed["form"] += 1
            _flatten_form(self.pdf)  # which may remove the form already
            if "/AcroForm" in root:
                del root["/AcroForm"]
        for page in self.pdf.pages:
            self.drop_additional_actions(page.obj)
            self.drop_associated_files(page.obj)
            annots = page.obj.get("/Annots")
            if annots is not None:
                page.obj.Annots = self.clean_annotations(annots)
        return +self.removed  # without the kinds that counted none

    def clean_annotations(self, annots) -> Array:
        kept, dropped = [], set()
        for annot in annots:
            if not isinstance(annot, Dictionary):
                continue
            subtype = str(annot.get("/Subtype"))
            if subtype == "/FileAttachment":
                self.count_file(annot.get("/FS"))
            elif subtype in MULTIMEDIA:
                self.removed["multimedia"] += 1
            elif subtype == "/Widget":
                self.removed["form"] = max(self.removed["form"], 1)  # a field without its form
            else:
                self.drop_additional_actions(annot)
                self.drop_associated_files(annot)
                if "/PA" in annot and not self.clean_action(annot.PA):
                    del annot["/PA"]
                if "/A" in annot and not self.clean_action(annot.A):
                    del annot["/A"]
                if "/Dest" in annot:
                    annot.Dest = _explicit(self.pdf, annot.Dest)
                if subtype != "/Link" or "/A" in annot or "/Dest" in annot:
                    kept.append(annot)
                    continue
                # a link whose action went leads nowhere
            if annot.is_indirect:
                dropped.add(annot.objgen)
        # a pop-up note goes with the annotation it belongs to
        return Array([a for a in kept if a.get("/Subtype") != "/Popup" or
                      not _dropped(a.get("/Parent"), dropped)])

    def clean_action(self, action) -> bool:
        """True when the action may stay (its chain of next actions cleaned too)."""
        if not isinstance(action, Dictionary):
            return False
        kind = str(action.get("/S"))
        allowed = (kind == "/GoTo" or kind == "/Named" and str(action.get("/N")) in NAVIGATION
                   or kind == "/URI" and _safe_address(action.get("/URI")))
        if not allowed:
            self.count_action(action, automatic=False)
            return False
        if self.already_seen(action):
            return True  # shared, or a loop: cleaned already
        if kind == "/GoTo" and "/D" in action:
            action.D = _explicit(self.pdf, action.D)
        following = action.get("/Next")
        if following is not None:
            chain = following if isinstance(following, Array) else [following]
            kept = [a for a in chain if self.clean_action(a)]
            if not kept:
                del action["/Next"]
            elif len(kept) != len(chain):
                action.Next = Array(kept) if isinstance(following, Array) else kept[0]
        return True

    def count_action(self, action, automatic: bool) -> None:
        """Count an action that goes, and the actions it would have run next."""
        if not isinstance(action, Dictionary) or self.already_seen(action):
            return
        kind = str(action.get("/S"))
        if kind == "/URI" and not _safe_address(action.get("/URI")):
            self.removed["address"] += 1
        elif kind in ACTION_KINDS:
            self.removed[ACTION_KINDS[kind]] += 1
        else:
            self.removed["automatic" if automatic else "other_action"] += 1
        following = action.get("/Next")
        for next_action in (following if isinstance(following, Array) else [following]):
            self.count_action(next_action, automatic)

    def drop_additional_actions(self, holder: Dictionary) -> None:
        """/AA: actions a viewer runs by itself (on opening a page, closing the file...)."""
        actions = holder.get("/AA")
        if actions is None:
            return
        if isinstance(actions, Dictionary):
            for action in actions.values():
                self.count_action(action, automatic=True)
        del holder["/AA"]

    def drop_associated_files(self, holder: Dictionary) -> None:
        files = holder.get("/AF")
        if files is None:
            return
        for spec in files if isinstance(files, Array) else [files]:
            self.count_file(spec)
        del holder["/AF"]

    def count_file(self, spec) -> None:
        if spec is not None and not (spec.is_indirect and spec.objgen in self.files):
            self.removed["embedded_file"] += 1
            if spec.is_indirect:
                self.files.add(spec.objgen)

    def already_seen(self, action) -> bool:
        """Note an indirect action as handled; True if it was already."""
        if not action.is_indirect:
            return False
        if action.objgen in self.actions:
            return True
        self.actions.add(action.objgen)
        return False


def _flatten_form(pdf: pikepdf.Pdf) -> None:
    """Keep what a filled-in form shows, as printed content, and drop its fields. Only
    the form's widgets are flattened: the other annotations stand aside meanwhile."""
    aside = {}
    for index, page in enumerate(pdf.pages):
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        aside[index] = [a for a in annots
                        if not (isinstance(a, Dictionary) and a.get("/Subtype") == "/Widget")]
        page.obj.Annots = Array([a for a in annots
                                 if isinstance(a, Dictionary) and a.get("/Subtype") == "/Widget"])
    try:
        pdf.generate_appearance_streams()
        pdf.flatten_annotations("screen")
    except pikepdf.PdfError:
        pass  # fields that cannot be drawn are dropped below, like the rest of the form
    for index, others in aside.items():
        page = pdf.pages[index].obj
        left = [a for a in page.get("/Annots") or []]  # widgets that were not flattened
        page.Annots = Array(left + others)


def _leaves(tree) -> int:
    """How many entries a name tree holds (its /Names pairs, through /Kids)."""
    count, stack, seen = 0, [tree], set()
    while stack:
        node = stack.pop()
        if not isinstance(node, Dictionary) or (node.is_indirect and node.objgen in seen):
            continue
        if node.is_indirect:
            seen.add(node.objgen)
        count += len(node.get("/Names") or []) // 2
        stack.extend(node.get("/Kids") or [])
    return count


def _name_tree(tree):
    """A name tree to read, or an empty one where the file has something else."""
    return pikepdf.NameTree(tree) if isinstance(tree, Dictionary) else {}


def _safe_address(uri) -> bool:
    return uri is not None and SAFE_ADDRESS.match(str(uri)) is not None


def _dropped(obj, dropped: set) -> bool:
    return obj is not None and obj.is_indirect and obj.objgen in dropped


def _explicit(pdf: pikepdf.Pdf, destination):
    """A named destination as the page and view it names: the appendix's table of names
    stays behind when its pages join the pack."""
    if not isinstance(destination, (pikepdf.String, Name)):
        return destination
    found = None
    if isinstance(destination, pikepdf.String):
        names = pdf.Root.get("/Names")
        if isinstance(names, Dictionary) and "/Dests" in names:
            found = _name_tree(names.Dests).get(str(destination))
    if found is None and isinstance(pdf.Root.get("/Dests"), Dictionary):
        found = pdf.Root.Dests.get(str(destination) if isinstance(destination, Name)
                                   else "/" + str(destination))
    if isinstance(found, Dictionary):
        found = found.get("/D")
    return found if isinstance(found, Array) else destination
