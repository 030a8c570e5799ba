"""What a measure owner does to a request document, done with python-docx: write in a
section's box (paragraphs, bullets nested, numbered lists, bold), empty a box, delete one,
sign off."""

from __future__ import annotations

from pathlib import Path

import docx

from report.cycle import wordtags

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def tag_of(sdt) -> str:
    tag = sdt.find(f"{W}sdtPr/{W}tag")
    return tag.get(f"{W}val") if tag is not None else ""


def controls(document, kind: str) -> list:
    return [s for s in document.element.body.iter(f"{W}sdt")
            if tag_of(s).startswith(f"{wordtags.PREFIX}:{kind}")]


def box(document, measure: str, heading: str):
    key = wordtags.SECTION_KEYS[heading]
    found = [s for s in controls(document, "section")
             if tag_of(s).split(":")[2:4] == [measure, key]]
    assert len(found) == 1, (measure, heading)
    return found[0]


def measures_in(document) -> list[str]:
    return [tag_of(s).split(":")[2] for s in controls(document, "measure")]


def write(document, measure: str, heading: str, lines: list) -> None:
    """Replace the box's text. Each line: a string (a paragraph), or (style, runs) where
    runs is a string or a list of (text, bold, italic)."""
    content = box(document, measure, heading).find(f"{W}sdtContent")
    for child in list(content):
        content.remove(child)
    for line in lines or [""]:
        style, runs = (None, line) if isinstance(line, str) else line
        paragraph = document.add_paragraph(style=style)
        for text, bold, italic in ([(runs, False, False)] if isinstance(runs, str) else runs):
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
        content.append(paragraph._p)


def delete_box(document, measure: str, heading: str) -> None:
    element = box(document, measure, heading)
    element.getparent().remove(element)


def sign(document, name: str, iso_date: str, shown: str) -> None:
    for sdt in controls(document, "signed-"):
        placeholder = sdt.find(f"{W}sdtPr/{W}showingPlcHdr")
        if placeholder is not None:
            placeholder.getparent().remove(placeholder)
        text = next(sdt.iter(f"{W}t"))
        if tag_of(sdt) == wordtags.SIGNED_BY:
            text.text = name
        else:
            text.text = shown
            sdt.find(f"{W}sdtPr/{W}date").set(f"{W}fullDate", f"{iso_date}T00:00:00Z")


def edited(path: Path, change) -> Path:
    """Open, change (a function of the document), save in place."""
    document = docx.Document(str(path))
    change(document)
    document.save(str(path))
    return path
