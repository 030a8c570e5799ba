"""Commentary Markdown: the summary's headed bullet lists and the measure page's commentary.

Parsed with markdown-it-py's `zero` preset plus lists, headings, emphasis and backslash
escapes (`\\*` is a literal asterisk: `collect` writes an owner's text that way): raw HTML,
links, images and entities are not enabled, so any tag-like text stays literal text.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from report.content import COMMENTARY_HEADING, SUMMARY_HEADINGS, Block, Bullets, Para, Run
from report.inputs.text import broken_link, outside_problem, read_text
from report.inputs.words import check_commentary_words
from report.problems import Collector

ALLOWED = SUMMARY_HEADINGS + (COMMENTARY_HEADING,)

# A page lays out a paragraph in time that grows with the square of its length: these keep
# a build to seconds while leaving far more room than any commentary needs (a 10,000-word
# commentary is about 60,000 characters).
MAX_FILE_CHARACTERS = 300_000
MAX_PARAGRAPH_CHARACTERS = 20_000
MAX_LIST_DEPTH = 6  # lists inside lists: each level indents, and a page has room for six
# Bold or italic spans in one file: a commentary stresses tens of phrases. Text bold and
# italic word by word, thousands of times, takes reportlab minutes to lay out.
MAX_FORMATTED_SPANS = 2_000

# The first line `cabinet-pack new-period` gives each commentary file it carries into next
# month's folder; never printed, it makes the build warn until someone edits the text.
_CARRIED = re.compile(r"^<!--\s*carried forward from (?P<label>[^:>]*?)\s*:\s*not yet updated"
                      r".*-->\s*$", re.IGNORECASE)


def carried_marker(label: str) -> str:
    """The first line of a commentary file carried forward from the pack with data to
    `label` ("March 2019")."""
    return (f"<!-- carried forward from {label}: not yet updated "
            "(edit the text, then delete this line) -->")


def carried_message(label: str) -> str:
    """What the build and `status` say of a commentary file still carried forward."""
    return (f"is last month's text, carried forward from {label} and not yet updated (edit "
            "it, then delete its first line)")


def carried_from(text: str) -> str | None:
    """The month a commentary text was carried forward from, if it still has the marker."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    match = _CARRIED.match(first)
    return match["label"] if match else None


_IGNORED = "\0ignored"  # blocks under a rejected heading: reported once, then skipped
# markdown-it stops reading blocks nested past `maxNesting` (a list 9 deep, in its default),
# dropping the rest unsaid: it reads them all here, and `MAX_LIST_DEPTH` is said as a problem.
_md = MarkdownIt("zero", {"maxNesting": 400}).enable(["heading", "list", "emphasis", "newline",
                                                       "escape"])


def read_commentary(folder: Path) -> tuple[dict[str, dict[str, tuple[Block, ...]]], Collector]:
    """Every commentary file in the pack folder by measure id, and the problems and
    warnings the files earn by themselves (what other files say of them is checked with
    those files). A rebuild that reuses the rest of the last build's figures reads these
    afresh."""
    from report.inputs.glyphs import check_commentary_glyphs

    collector = Collector(folder)
    commentary: dict[str, dict[str, tuple[Block, ...]]] = {}
    commentary_dir = folder / "commentary"
    outside = outside_problem(commentary_dir, folder)
    if outside:
        collector.add(outside[0], None, "", outside[1])
    elif said := broken_link(commentary_dir):
        collector.add(commentary_dir, None, "", said)
    elif commentary_dir.is_dir():
        for path in sorted(commentary_dir.iterdir()):
            if path.suffix.lower() != ".md" or path.is_dir():
                collector.add(path, None, "", "is not a commentary file (commentary files are "
                                              "named <measure-id>.md)")
                continue
            if path.suffix != ".md":  # read on Windows, missed on Linux: one name everywhere
                collector.add(path, None, "", f"ends in '{path.suffix}': name it "
                              f"{path.stem}.md, in lower case, as the pack looks for it")
                continue
            commentary[path.stem] = parse_commentary(path, collector)
            check_commentary_glyphs(path, commentary[path.stem], collector)
    return commentary, collector


def parse_commentary(path: Path, collector: Collector) -> dict[str, tuple[Block, ...]]:
    """Sections by heading; problems (unknown headings, stray text) go to the collector."""
    text = read_text(path, collector)
    if text is None:
        return {}
    return parse_commentary_text(path, text, collector)


def parse_commentary_text(path: Path, text: str,
                          collector: Collector) -> dict[str, tuple[Block, ...]]:
    """As `parse_commentary`, of a file's text (collect checks what it would write)."""
    if len(text) > MAX_FILE_CHARACTERS:
        collector.add(path, None, "", f"is {len(text):,} characters long, more than a pack can "
                      f"carry (at most {MAX_FILE_CHARACTERS:,}, about 50,000 words; move the "
                      f"detail into an appendix)")
        return {}
    carried = carried_from(text)
    if carried is not None:
        collector.warn(path, 1, "", carried_message(carried), path.stem)
        text = "\n" + text.split("\n", 1)[1] if "\n" in text else ""  # lines keep their numbers
    check_commentary_words(path, text, collector)
    allowed = ", ".join(f"'## {h}'" for h in ALLOWED)
    tokens = _md.parse(text)
    sections: dict[str, list[Block]] = {}
    current: str | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = token.map[0] + 1 if token.map else None
        if token.type == "heading_open":
            title = tokens[index + 1].content.strip().rstrip(":").strip()
            match = next((h for h in ALLOWED if h.lower() == title.lower()), None)
            if token.tag != "h2" or match is None:
                collector.add(path, line, "heading",
                              f"'{'#' * int(token.tag[1])} {title}' is not a commentary heading "
                              f"(allowed: {allowed})")
                current = _IGNORED
            elif match in sections:
                collector.add(path, line, "heading", f"'## {match}' appears twice (keep one)")
                current = _IGNORED
            else:
                current = match
                sections[current] = []
            index += 3
            continue
        block, index = _block(tokens, index)
        if block is None:
            continue
        longest = _longest_paragraph(block)
        depth = _depth(block)
        if depth > MAX_LIST_DEPTH:
            collector.add(path, line, "text", f"a list is nested {depth} levels deep; the pack "
                          f"prints at most {MAX_LIST_DEPTH} (move the deeper points up a level)")
            continue
        if longest > MAX_PARAGRAPH_CHARACTERS:
            collector.add(path, line, "text", f"a paragraph of {longest:,} characters is too "
                          f"long to lay out (at most {MAX_PARAGRAPH_CHARACTERS:,}; break it into "
                          f"paragraphs with a blank line between them)")
            continue
        if current is None:
            collector.add(path, line, "text",
                          f"text comes before any heading (start with one of: {allowed})")
            current = _IGNORED
        sections.setdefault(current, []).append(block)
    sections.pop(_IGNORED, None)
    spans = sum(_formatted_spans(b) for blocks in sections.values() for b in blocks)
    if spans > MAX_FORMATTED_SPANS:
        collector.add(path, None, "text", f"has {spans:,} bold or italic spans, more than the "
                      f"{MAX_FORMATTED_SPANS:,} a commentary may have (keep bold and italic for "
                      "the phrases that need stressing)")
        return {}
    return {name: tuple(blocks) for name, blocks in sections.items() if blocks}


def _block(tokens: list[Token], index: int) -> tuple[Block | None, int]:
    """Read one block starting at tokens[index]; return it and the index after it."""
    token = tokens[index]
    if token.type == "paragraph_open":
        return Para(_runs(tokens[index + 1])), index + 3
    if token.type in ("bullet_list_open", "ordered_list_open"):
        close = token.type.replace("_open", "_close")
        items: list[tuple[Block, ...]] = []
        index += 1
        while tokens[index].type != close:
            # list_item_open ... list_item_close
            index += 1
            blocks: list[Block] = []
            while tokens[index].type != "list_item_close":
                if tokens[index].type == "paragraph_open" and tokens[index].hidden:
                    blocks.append(Para(_runs(tokens[index + 1])))
                    index += 3
                    continue
                if tokens[index].type == "heading_open":  # "### …" inside a point: its words
                    blocks.append(Para(_runs(tokens[index + 1])))
                    index += 3
                    continue
                block, index = _block(tokens, index)
                if block is not None:
                    blocks.append(block)
            items.append(tuple(blocks))
            index += 1
        start = None
        if token.type == "ordered_list_open":  # numbered as written: "3." starts at 3
            start = int(token.attrGet("start") or 1)
        return Bullets(tuple(items), start), index + 1
    return None, index + 1


def _depth(block: Block) -> int:
    """How many lists deep the block goes (0 for a paragraph)."""
    if isinstance(block, Para):
        return 0
    return 1 + max((_depth(b) for item in block.items for b in item), default=0)


def _formatted_spans(block: Block) -> int:
    if isinstance(block, Para):
        return sum(1 for run in block.runs if run.bold or run.italic)
    return sum(_formatted_spans(b) for item in block.items for b in item)


def _longest_paragraph(block: Block) -> int:
    if isinstance(block, Para):
        return len(block.text)
    return max((_longest_paragraph(b) for item in block.items for b in item), default=0)


def _runs(inline: Token) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = False
    for child in inline.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" " if child.type == "softbreak" else "\n", bold, italic))
        else:
            runs.append(Run(child.content, bold, italic))
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            merged.append(run)
    return tuple(merged)


def parse_inline(text: str) -> Para:
    """One line of text with **bold** and *italic*; everything else literal."""
    tokens = _md.parseInline(text)
    return Para(_runs(tokens[0]) if tokens else ())
