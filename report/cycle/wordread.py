"""Reading a returned request document: its reference, each measure's section boxes as
lines, and the sign-off.

Only text comes back: paragraphs, Word's bullets and numbered lists with their depth, bold
and italic. A link keeps its words and loses its address; a field keeps the words it shows
(never its code, even where the field is not closed); a text box keeps its paragraphs, read
once (Word saves each box twice, for itself and for older readers); a symbol keeps its
character where it has one, and words with a phonetic guide keep the words; pictures,
equations, hidden and deleted (tracked) text are left out. What was left out is counted,
so `collect` can say so.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from report.content import Run
from report.cycle import wordtags
from report.cycle.markdown import Line, tidy

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_COMPOUND_FILE = bytes.fromhex("d0cf11e0a1b11ae1")  # Word 97-2003, and a .docx with a password
_TRUE = {None, "1", "true", "on"}


class NotAWordDocument(Exception):
    """`said`: what is wrong with the file, where more can be said than that it is not a
    Word document (a password, a file that unpacks to far more than a document holds)."""

    def __init__(self, message: str, said: str | None = None):
        super().__init__(message)
        self.said = said


def _container_problem(data: bytes) -> str | None:
    """A password, or a file that would unpack to far more than any returned document
    holds (a "zip bomb"), checked from the sizes its parts declare, before anything is
    unpacked (as a workbook is, report/inputs/excel.py)."""
    from report.inputs.excel import unpacks_to_too_much

    if data.startswith(_COMPOUND_FILE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return ("is protected with a password, so it cannot be read; open it in Word, "
                    "remove the password (File > Info > Protect Document > Encrypt with "
                    "Password, clear it) and save it, then collect that")
        return None  # a Word 97-2003 file: not a .docx, said as such
    return unpacks_to_too_much(data, "a returned document",
                               "a request with its commentary takes well under 1 MB") or None


@dataclass
class Section:
    heading: str
    lines: list[Line]
    filled_digest: str  # the digest of the text the request filled the box with


@dataclass
class ReturnedMeasure:
    id: str
    asked: list[str] = field(default_factory=list)  # the headings the request asked for
    sections: dict[str, Section] = field(default_factory=dict)
    twice: list[str] = field(default_factory=list)  # headings whose box appears twice
    left_out: dict[str, int] = field(default_factory=dict)  # "link": 2, "picture": 1


@dataclass
class Returned:
    path: Path
    period: str | None  # the data period the request was made for; None: not a request
    measures: dict[str, ReturnedMeasure]
    signed_by: str | None
    signed_on: str | None  # "2019-05-03" from Word's date box, else the words typed


def read_returned(path: Path) -> Returned:
    """NotAWordDocument when the file is not a .docx at all."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotAWordDocument(str(exc)) from None
    said = _container_problem(data)
    if said is not None:
        raise NotAWordDocument(said, said)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise NotAWordDocument(str(exc)) from None
    except Exception as exc:
        raise NotAWordDocument(str(exc)) from None
    body = getattr(document.element, "body", None)
    if body is None:  # a package whose main part is not a Word document's
        said = ("is damaged: it has no document body for Word to show; open it in Word, "
                "save it again, then collect that")
        raise NotAWordDocument(said, said)
    reader = _Reader(document)
    returned = Returned(path, None, {}, None, None)
    for sdt in body.iter(f"{_W}sdt"):
        tag = _tag(sdt)
        parsed = wordtags.parse(tag) if tag else None
        if parsed is None:
            continue
        kind, parts = parsed
        if kind == "request" and parts:
            returned.period = parts[0]
        elif kind == "measure" and parts:
            measure = returned.measures.setdefault(parts[0], ReturnedMeasure(parts[0]))
            keys = parts[1].split(",") if len(parts) > 1 else []
            measure.asked = [wordtags.HEADING_OF[k] for k in keys if k in wordtags.HEADING_OF]
        elif kind == "section" and len(parts) == 3 and parts[1] in wordtags.HEADING_OF:
            measure = returned.measures.setdefault(parts[0], ReturnedMeasure(parts[0]))
            heading = wordtags.HEADING_OF[parts[1]]
            if heading in measure.sections:
                measure.twice.append(heading)
                continue
            lines = [reader.line(p, measure.left_out) for p in _paragraphs(sdt)]
            measure.sections[heading] = Section(heading, [x for x in lines if x.runs],
                                                parts[2])
        elif kind == "signed-by":
            returned.signed_by = _box_text(sdt) or None
        elif kind == "signed-on":
            returned.signed_on = _box_date(sdt)
    if returned.period is None and not returned.measures:
        _from_bookmarks(document, reader, returned)
    return returned


_MARK = re.compile(r"^cp_(?:request_(?P<year>\d{4})_(?P<month>\d{2})|"
                   r"m(?P<m>\d+)_(?P<mask>[0-9a-f]{2})_(?P<id>\w+)|"
                   r"s(?P<s>\d+)_(?P<section>\d)_(?P<digest>[0-9a-f]{12}))$")


def _from_bookmarks(document, reader: _Reader, returned: Returned) -> None:
    """The same, from the bookmarks, for a document saved by a word processor that kept
    them but dropped the content controls' tags. A section is the paragraphs its bookmark
    touches; a measure's id may be a digest (`h…`) for collect to resolve."""
    elements = list(document.element.body.iter())
    at = {element: index for index, element in enumerate(elements)}
    starts: dict[str, tuple[str, int]] = {}
    ends: dict[str, int] = {}
    for element in elements:
        if element.tag == f"{_W}bookmarkStart":
            starts[element.get(f"{_W}id")] = (element.get(f"{_W}name") or "", at[element])
        elif element.tag == f"{_W}bookmarkEnd":
            ends[element.get(f"{_W}id")] = at[element]
    numbered: dict[str, ReturnedMeasure] = {}
    spans: dict[str, tuple[int, int]] = {}  # a name LibreOffice wrote twice: both together
    for key, (name, start) in starts.items():
        end = ends.get(key, start)
        low, high = spans.get(name, (start, end))
        spans[name] = (min(low, start), max(high, end))
    sections = []
    for name, (start, end) in spans.items():
        match = _MARK.match(name)
        if match is None:
            continue
        if match["year"]:
            returned.period = f"{match['year']}-{match['month']}"
        elif match["m"]:
            mask = int(match["mask"], 16)
            measure_id = match["id"]
            if re.fullmatch(r"h[0-9a-f]{16}", measure_id):
                measure_id = "#" + measure_id[1:]  # a long id's digest
            numbered[match["m"]] = ReturnedMeasure(measure_id, [
                h for i, h in enumerate(wordtags.HEADINGS) if mask & (1 << i)])
        elif int(match["section"]) < len(wordtags.HEADINGS):
            sections.append((match["s"], wordtags.HEADINGS[int(match["section"])],
                             match["digest"], start, end))
    for number, heading, filled, start, end in sorted(sections, key=lambda s: s[3]):
        measure = numbered.get(number)
        if measure is None:
            continue
        if heading in measure.sections:
            measure.twice.append(heading)
            continue
        touched = [p for p in _paragraphs(document.element.body)
                   if at[p] <= end and _last(p, at) >= start]
        lines = [reader.line(p, measure.left_out) for p in touched]
        measure.sections[heading] = Section(heading, [x for x in lines if x.runs], filled)
    returned.measures = {m.id: m for m in numbered.values()}
    for paragraph in document.element.body.iter(f"{_W}p"):
        text = " ".join("".join(t.text or "" for t in paragraph.iter(f"{_W}t")).split())
        for label, attribute in (("Signed off by:", "signed_by"), ("Date:", "signed_on")):
            value = text.removeprefix(label).strip()
            if text.startswith(label) and value and not value.startswith("["):
                setattr(returned, attribute, value)


def _paragraphs(element):
    """The paragraphs in `element`, in order, those in a text box too; but not those of
    the copy Word saves of the same box for older readers (`mc:Fallback`), which would
    read the box twice."""
    for paragraph in element.iter(f"{_W}p"):
        if not any(ancestor.tag == f"{_MC}Fallback" for ancestor in paragraph.iterancestors()):
            yield paragraph


def _chosen(alternatives):
    """What an `mc:AlternateContent` shows: its first choice, else its fallback."""
    for tag in (f"{_MC}Choice", f"{_MC}Fallback"):
        found = alternatives.find(tag)
        if found is not None:
            return found
    return ()


def _last(element, at: dict) -> int:
    """The position of the element's last descendant (itself when it has none)."""
    last = element
    while len(last):
        last = last[-1]
    return at[last]


def _tag(sdt) -> str | None:
    element = sdt.find(f"{_W}sdtPr/{_W}tag")
    return element.get(f"{_W}val") if element is not None else None


def _placeholder(sdt) -> bool:
    return sdt.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None


def _box_text(sdt) -> str:
    if _placeholder(sdt):
        return ""
    text = "".join(t.text or "" for t in sdt.iter(f"{_W}t"))
    return " ".join(text.split())


def _box_date(sdt) -> str | None:
    """The date Word's date box stored (ISO), else the words typed in the box."""
    if _placeholder(sdt):
        return None
    stored = sdt.find(f"{_W}sdtPr/{_W}date")
    full = stored.get(f"{_W}fullDate") if stored is not None else None
    if full and re.match(r"\d{4}-\d{2}-\d{2}", full):
        try:
            return date.fromisoformat(full[:10]).isoformat()
        except ValueError:
            pass
    return _box_text(sdt) or None


class _Reader:
    """Paragraphs to lines, with the document's list styles and numbering at hand."""

    def __init__(self, document):
        self.styles = {s.get(f"{_W}styleId"): s for s in document.styles.element
                       .iter(f"{_W}style")}
        self.formats: dict[tuple[str, str], str] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        if numbering is not None:
            abstract = {a.get(f"{_W}abstractNumId"): a
                        for a in numbering.iter(f"{_W}abstractNum")}
            for num in numbering.iter(f"{_W}num"):
                ref = num.find(f"{_W}abstractNumId")
                levels = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
                for lvl in levels.iter(f"{_W}lvl") if levels is not None else ():
                    fmt = lvl.find(f"{_W}numFmt")
                    self.formats[(num.get(f"{_W}numId"), lvl.get(f"{_W}ilvl"))] = (
                        fmt.get(f"{_W}val") if fmt is not None else "bullet")

    def line(self, paragraph, left_out: dict[str, int]) -> Line:
        level, ordered = self._list(paragraph)
        runs: list[Run] = []
        self._runs(paragraph, runs, left_out)
        return Line(tidy(runs), level, ordered)

    def _list(self, paragraph) -> tuple[int | None, bool]:
        """(depth, numbered) of a list paragraph; (None, False) for a plain one."""
        style_id = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style = self.styles.get(style_id.get(f"{_W}val")) if style_id is not None else None
        numbering = paragraph.find(f"{_W}pPr/{_W}numPr")
        if numbering is None and style is not None:
            numbering = style.find(f"{_W}pPr/{_W}numPr")
        name = ""
        if style is not None and style.find(f"{_W}name") is not None:
            name = style.find(f"{_W}name").get(f"{_W}val") or ""
        listed = re.match(r"List (Bullet|Number)(?: (\d))?$", name)
        if numbering is None and not listed:
            return None, False
        num_id = _val(numbering, "numId") if numbering is not None else None
        if num_id == "0":
            return None, False  # numbering switched off on this paragraph
        ilvl = _val(numbering, "ilvl") if numbering is not None else None
        # "List Bullet 2" is a second-level list even where its numbering says level 0
        # (its own list, indented further: how LibreOffice saves it)
        numbered_level = int(ilvl) if ilvl is not None and ilvl.isdigit() else 0
        level = max(numbered_level, int(listed[2]) - 1 if listed and listed[2] else 0)
        fmt = None
        for depth in range(numbered_level, -1, -1) if num_id else ():  # undefined: its parent's
            fmt = self.formats.get((num_id, str(depth)))
            if fmt is not None:
                break
        ordered = fmt not in (None, "bullet", "none") if fmt else bool(
            listed and listed[1] == "Number")
        return level, ordered

    def _runs(self, element, runs: list[Run], left_out: dict[str, int]) -> None:
        for child in element:
            name = child.tag.removeprefix(_W)
            if name == "r":
                bold, italic, hidden = self._look(child)
                if not hidden:
                    self._parts(child, (bold, italic), runs, left_out)
                elif any(t.text for t in child.iter(f"{_W}t")):  # never printed, nor read
                    _count(left_out, "hidden passage")
            elif child.tag in (f"{_M}oMath", f"{_M}oMathPara"):
                _count(left_out, "equation")
            elif name in ("hyperlink", "ins", "smartTag", "customXml", "moveTo", "sdt",
                          "sdtContent", "fldSimple", "bdo", "dir"):
                if name == "hyperlink":
                    _count(left_out, "link")
                if name == "fldSimple":
                    _count(left_out, "field")
                self._runs(child, runs, left_out)
            elif child.tag == f"{_MC}AlternateContent":
                self._runs(_chosen(child), runs, left_out)
            # deleted text, moved-away text, properties, bookmarks, comments: nothing

    def _parts(self, parts, look: tuple[bool, bool], runs: list[Run],
               left_out: dict[str, int]) -> None:
        """A run's parts (`parts`: the run, or the choice in it Word saved for a text box)."""
        bold, italic = look
        for part in parts:
            if part.tag == f"{_MC}AlternateContent":
                self._parts(_chosen(part), look, runs, left_out)
                continue
            name = part.tag.removeprefix(_W)
            if name == "fldChar":
                if part.get(f"{_W}fldCharType") == "begin":
                    _count(left_out, "field")
            elif name == "t":  # words shown; a field's code is `instrText`, never read
                runs.append(Run(part.text or "", bold, italic))
            elif name in ("tab", "br", "cr"):
                runs.append(Run(" ", bold, italic))
            elif name == "noBreakHyphen":
                runs.append(Run("-", bold, italic))
            elif name == "sym":  # Insert > Symbol
                character = _symbol(part.get(f"{_W}font") or "", part.get(f"{_W}char") or "")
                if character is not None:
                    runs.append(Run(character, bold, italic))
                else:  # a symbol font's own picture (a Wingdings tick): no character
                    _count(left_out, "symbol")
            elif name == "ruby":  # a phonetic guide over its words: the words come back
                base = part.find(f"{_W}rubyBase")
                if base is not None:
                    self._runs(base, runs, left_out)
                _count(left_out, "phonetic guide")
            elif name in ("drawing", "pict", "object"):
                # a text box's paragraphs are read as lines of their own (`_paragraphs`)
                if next(part.iter(f"{_W}txbxContent"), None) is None:
                    _count(left_out, "picture")

    def _look(self, run) -> tuple[bool, bool, bool]:
        """Bold, italic and hidden as the run shows them: set on the run, or by its
        character style (Word's Strong and Emphasis)."""
        properties = run.find(f"{_W}rPr")
        found = {"b": None, "i": None, "vanish": None}
        style = None
        if properties is not None:
            for key in found:
                element = properties.find(f"{_W}{key}")
                if element is not None:
                    found[key] = element.get(f"{_W}val") in _TRUE
            style_id = properties.find(f"{_W}rStyle")
            style = self.styles.get(style_id.get(f"{_W}val")) if style_id is not None else None
        if style is not None:
            for key in found:
                element = style.find(f"{_W}rPr/{_W}{key}")
                if found[key] is None and element is not None:
                    found[key] = element.get(f"{_W}val") in _TRUE
        return bool(found["b"]), bool(found["i"]), bool(found["vanish"])


# The Symbol font's codes that stand for a character every font has (Adobe's Symbol
# encoding): Word's Insert > Symbol puts arrows, signs and Greek letters in as these.
_SYMBOL_FONT = dict(zip(
    [0x2D, 0xA2, 0xA3, 0xA5, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB6,
     0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xD5, 0xD6, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF, 0xE5],
    "\u2212\u2032\u2264\u221e\u2194\u2190\u2191\u2192\u2193\u00b0\u00b1\u2033\u2265\u00d7"
    "\u2202\u2022\u00f7\u2260\u2248\u2026\u220f\u221a\u21d4\u21d0\u21d1\u21d2\u21d3\u2211"))
_SYMBOL_FONT |= dict(zip(range(0x61, 0x7B), "\u03b1\u03b2\u03c7\u03b4\u03b5\u03c6\u03b3\u03b7"
                         "\u03b9\u03d5\u03ba\u03bb\u03bc\u03bd\u03bf\u03c0\u03b8\u03c1\u03c3"
                         "\u03c4\u03c5\u03d6\u03c9\u03be\u03c8\u03b6"))
_SYMBOL_FONT |= {0x44: "\u0394", 0x47: "\u0393", 0x4C: "\u039b", 0x50: "\u03a0",
                 0x53: "\u03a3", 0x57: "\u03a9", 0x46: "\u03a6", 0x59: "\u03a8"}
_SYMBOL_FONT |= {c: chr(c) for c in b" !#%&()+,./0123456789:;<=>?[]_|"}


def _symbol(font: str, char: str) -> str | None:
    """The character an Insert > Symbol stands for: a character of its own, or one of the
    Symbol font's that every font has; None for a symbol font's picture."""
    if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", char):
        return None
    code = int(char, 16)
    if 0xF000 <= code <= 0xF0FF:  # the font's own code for its glyph
        return _SYMBOL_FONT.get(code - 0xF000) if font.lower() == "symbol" else None
    if font.lower() == "symbol" and code <= 0xFF:
        return _SYMBOL_FONT.get(code)
    if code < 0x20 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return None
    return chr(code)


def _val(element, name: str) -> str | None:
    found = element.find(f"{_W}{name}")
    return found.get(f"{_W}val") if found is not None else None


def _count(left_out: dict[str, int], what: str) -> None:
    left_out[what] = left_out.get(what, 0) + 1
