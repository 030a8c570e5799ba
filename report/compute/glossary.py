"""The glossary a councillor needs: the program's own abbreviations where the pack prints
them, and a warning for each abbreviation the inputs print that the glossary leaves out."""

from __future__ import annotations

import re

from report.content import Bullets, Para
from report.model import PackFigures

# Abbreviations the program itself prints, defined where the pack shows them.
PROGRAM_TERMS = {
    "DoT": "Direction of travel: whether a measure went up or down since the previous "
           "period, and whether that is better or worse",
    "EoY": "End of year: the target for the end of the financial year",
    "pp": "Percentage points: the difference between two percentages (30% to 32% is 2 pp)",
    "SPC": "Statistical process control: telling the usual ups and downs of a measure from "
           "a real change, the NHS \u201cMaking Data Count\u201d way",
    "XmR": "The SPC chart of each value (X) with the process limits worked out from the "
           "moving range (mR), the difference between one value and the next",
}
# Printed in every cabinet pack: by the key to the variation and assurance icons, the
# SPC chart's legend and the methods.
ALWAYS = ("DoT", "SPC", "XmR")

# An abbreviation: a word of two to eight letters with at least two capitals (CQC, DToC,
# DoLS, MSP), not part of a longer word or a hyphenated name.
_ABBREVIATION = re.compile(r"(?<![\w-])(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{2,8}(?![\w-])")
# Words the pack prints in capitals that are no abbreviation.
_PLAIN_WORDS = {"GREEN", "AMBER", "RED", "DRAFT", "OFFICIAL", "SENSITIVE", "SECRET", "TOP",
                "CONTEXT", "NOT", "AND", "OR", "THE", "OF", "FOR", "IN", "TO", "NO", "YES"}


def program_terms(figures: PackFigures) -> dict[str, str]:
    """The program's abbreviations that this pack prints, for its glossary."""
    printed = " ".join(" ".join((m.target.text, m.change.text or "", *_distances(m)))
                       for m in figures.measures.values())
    terms = {word: PROGRAM_TERMS[word] for word in ALWAYS}
    if re.search(r"\bEoY\b", printed):
        terms["EoY"] = PROGRAM_TERMS["EoY"]
    if re.search(r"\bpp\b", printed):
        terms["pp"] = PROGRAM_TERMS["pp"]
    return terms


def _distances(m) -> tuple[str, ...]:
    """The quartile page's distances, which a percentage gives in pp."""
    q = m.benchmarks.quartiles
    return (q.next_text, q.top_text) if q else ()


def analysis_glossary(figures: PackFigures) -> tuple[tuple[str, str], ...]:
    """The analysis pack's glossary: the entries of the pack's glossary that its own pages
    print (its overview, areas, their measures and notes), in glossary order, so a short
    pack explains what it says and no more."""
    if figures.analysis is None:
        return ()
    printed = "\n".join(_analysis_texts(figures))
    return tuple((word, meaning) for word, meaning in
                 sorted(figures.glossary.items(), key=lambda item: item[0].lower())
                 if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", printed))


def _analysis_texts(figures: PackFigures):
    a = figures.analysis
    yield from (a.title, a.strap_line or "", figures.produced_by, figures.contact,
                figures.directorate, figures.organisation)
    yield from (para.text for para in a.overview)
    for area in a.areas:
        yield area.title
        yield from (para.text for para in area.comments)
        yield from area.footnotes
        for row in area.rows:
            yield from (row.title, row.unit, row.lag_note or "")


def undefined_abbreviations(figures: PackFigures) -> list[str]:
    """One warning per abbreviation printed but not in the glossary, naming up to three
    places where it appears."""
    defined = {word.casefold() for word in figures.glossary}
    marking = set(_ABBREVIATION.findall(figures.protective_marking or ""))
    places: dict[str, list[str]] = {}
    for text, where in _printed_texts(figures):
        for word in _ABBREVIATION.findall(text):
            if word.casefold() in defined or word.upper() in _PLAIN_WORDS or word in marking:
                continue
            seen = places.setdefault(word, [])
            if where not in seen:
                seen.append(where)
    warnings = []
    for word in sorted(places, key=str.casefold):
        shown = places[word][:3]
        more = len(places[word]) - len(shown)
        where = "; ".join(shown) + (f" and {more} more" if more else "")
        warnings.append(f"pack.yaml: glossary: '{word}' is printed ({where}) but not "
                        f"explained; add it to the glossary so readers on paper know it")
    return warnings


def _printed_texts(figures: PackFigures):
    """(text, where it comes from) for every input text the pack prints."""
    yield figures.title, "pack.yaml title"
    if figures.period_note:
        yield figures.period_note, "pack.yaml period_note"
    for theme in figures.themes:
        yield theme.title, f"measures.yaml theme {theme.id}"
    for m in figures.in_order():
        for name in ("title", "short_name", "description", "source", "faq"):
            text = getattr(m, name)
            if text:
                yield text, f"measures.yaml {m.id} {name}"
        for blocks in m.commentary.values():
            for text in _block_texts(blocks):
                yield text, f"commentary/{m.id}.md"
    if figures.analysis is not None:
        for para in figures.analysis.overview:
            yield para.text, "areas.yaml overview"
        for area in figures.analysis.areas:
            yield area.title, f"areas.yaml area {area.title!r}"
            for para in area.comments:
                yield para.text, f"areas.yaml area {area.title!r}"


def _block_texts(blocks):
    for block in blocks:
        if isinstance(block, Para):
            yield block.text
        elif isinstance(block, Bullets):
            for item in block.items:
                yield from _block_texts(item)
